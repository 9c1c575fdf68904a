import { authorizeWaiver } from '../gates/waiverAccess';
import { ContractRouter } from '../http/contractRouter';
import { parseInput } from '../http/validation';
import { approveBody, checkBody, rejectBody, waiveBody } from './trainBodies';
import type { TrainRouteContext } from './trainRouter';
/** Decisions on gates: check results from CI, approvals, rejections and waivers. */
export function registerGateRoutes(
  router: ContractRouter,
  context: TrainRouteContext,
): void {
  const { trains, trainAccess, credentialsOf, access, decisions } = context;

  router.post('/trains/:trainId/checks', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { trainId } = req.params;
    const body = parseInput(checkBody, req.body, 'body');
    await decisions.authorizeCheckReport(credentials);
    res.json(
      await trains.reportCheck(trainId, body, credentials, { request: req }),
    );
  });

  router.post('/gates/:gateId/approve', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { gateId } = req.params;
    const body = parseInput(approveBody, req.body ?? {}, 'body');
    await decisions.authorizeDecision(gateId, 'approve', credentials);
    res.json(
      await trains.approveGate(gateId, body, credentials, { request: req }),
    );
  });

  router.post('/gates/:gateId/reject', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { gateId } = req.params;
    const body = parseInput(rejectBody, req.body, 'body');
    await decisions.authorizeDecision(gateId, 'reject', credentials);
    res.json(
      await trains.rejectGate(gateId, body, credentials, { request: req }),
    );
  });

  router.post('/gates/:gateId/waive', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { gateId } = req.params;
    const body = parseInput(waiveBody, req.body, 'body');
    await authorizeWaiver(
      { access, trainAccess },
      await trains.getGateWithTrain(gateId),
      credentials,
    );
    res.json(
      await trains.waiveGate(
        gateId,
        { reason: body.reason, until: new Date(body.until) },
        credentials,
        { request: req },
      ),
    );
  });
}
