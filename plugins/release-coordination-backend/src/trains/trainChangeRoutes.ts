import {
  normalizeEntityRef,
  trainCreatePermission,
} from '@release-coordination/plugin-release-coordination-common';
import { checksInOrder } from '../access';
import { ContractRouter } from '../http/contractRouter';
import { parseInput } from '../http/validation';
import { authorizeAmbassadorChoice } from './ambassadorChoice';
import {
  advanceBody,
  cancelBody,
  createTrainBody,
  rollBackBody,
  updateTrainBody,
} from './trainBodies';
import type { TrainRouteContext } from './trainRouter';
import { requireVisibleEntities, visibleTrain } from './visibleTrains';
/** Creating trains and running them: stages, endings and their plan. */
export function registerTrainChangeRoutes(
  router: ContractRouter,
  context: TrainRouteContext,
): void {
  const {
    trains,
    trainAccess,
    catalog,
    visibility,
    credentialsOf,
    authorizeManaging,
    shown,
    access,
  } = context;
  const { authorize } = access;

  router.post('/trains', async (req, res) => {
    const credentials = await credentialsOf(req);
    const body = parseInput(createTrainBody, req.body, 'body');
    const caller = visibility.forCaller(credentials);
    await checksInOrder([
      authorize(
        trainCreatePermission,
        credentials,
        'You are not allowed to create trains',
      ),
      requireVisibleEntities(
        body.participants.map(p => p.entityRef),
        caller,
        'entities',
      ),
      authorizeAmbassadorChoice(
        { trainAccess, catalog },
        body.ambassadorRef,
        credentials,
      ),
    ]);
    const train = await trains.createTrain(body, credentials, { request: req });
    res.status(201).json(await visibleTrain(train, caller));
  });

  router.post('/trains/:trainId/advance', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { trainId } = req.params;
    const body = parseInput(advanceBody, req.body, 'body');
    await authorizeManaging(
      trainId,
      credentials,
      'Only the ambassador or a release manager can advance this train',
    );
    const changed = trains.advanceStage(trainId, body, credentials, {
      request: req,
    });
    res.json(await shown(credentials, changed));
  });

  router.post('/trains/:trainId/cancel', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { trainId } = req.params;
    const body = parseInput(cancelBody, req.body, 'body');
    await authorizeManaging(
      trainId,
      credentials,
      'Only the ambassador or a release manager can cancel this train',
    );
    const changed = trains.cancelTrain(trainId, body, credentials, {
      request: req,
    });
    res.json(await shown(credentials, changed));
  });

  router.post('/trains/:trainId/roll-back', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { trainId } = req.params;
    const body = parseInput(rollBackBody, req.body, 'body');
    await authorizeManaging(
      trainId,
      credentials,
      'Only the ambassador or a release manager can mark this train rolled back',
    );
    const changed = trains.rollBackTrain(trainId, body, credentials, {
      request: req,
    });
    res.json(await shown(credentials, changed));
  });

  router.patch('/trains/:trainId', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { trainId } = req.params;
    const body = parseInput(updateTrainBody, req.body, 'body');
    await authorizeManaging(
      trainId,
      credentials,
      'Only the ambassador or a release manager can change this train',
    );
    if (body.ambassadorRef !== undefined) {
      const { ambassadorRef: current } = await trains.getTrainRecord(trainId);
      // Sending the ambassador the train already has names nobody new.
      if (normalizeEntityRef(body.ambassadorRef, 'user') !== current) {
        await authorizeAmbassadorChoice(
          { trainAccess, catalog },
          body.ambassadorRef,
          credentials,
        );
      }
    }
    const changed = trains.updateTrain(trainId, body, credentials, {
      request: req,
    });
    res.json(await shown(credentials, changed));
  });
}
