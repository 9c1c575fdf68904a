import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  normalizeEntityRef,
  trainCreatePermission,
  trainReadPermission,
} from '@release-coordination/plugin-release-coordination-common';
import express from 'express';
import { createContractRouter, RouteRequest } from '../http/contractRouter';
import { z } from 'zod';
import { checksInOrder, createAuthorizer, createReaderOf, TrainAccess } from '../access';
import { authorizeAmbassadorChoice } from './ambassadorChoice';
import { authorizeWaiver } from '../gates/waiverAccess';
import { createGateDecisionAccess } from '../gates/decisionAccess';
import { GateConditions } from '../permissions/gateResource';
import { TrainService } from './TrainService';
import { TrainDetail } from '@release-coordination/plugin-release-coordination-common';
import { entityRef, entityRefIn, pageOf, parseInput } from '../http/validation';
import { VisibilityResolver, visibleItems } from '../access';
import {
  requireVisibleEntities,
  requireVisibleParticipant,
  visibleDecisions,
  visibleEntityTrains,
  visibleDependencyDrift,
  visibleTrain,
} from './visibleTrains';

/** Why a read of trains is refused: the same words on every train read route. */
export const TRAIN_READ_REFUSAL = 'You are not allowed to read release trains';

const text = (max: number) => z.string().trim().min(1).max(max);
const isoTime = z.iso.datetime({ offset: true });

const stageWindow = z
  .object({ start: isoTime, end: isoTime })
  .strict()
  .refine(window => Date.parse(window.start) <= Date.parse(window.end), {
    message: 'start must not be after end',
  });

const ambassadorRef = entityRef.refine(ref => ref.startsWith('user:'), {
  message: 'ambassadorRef must be the ref of a User',
});

const createTrainBody = z
  .object({
    name: text(200),
    objective: text(2000),
    ambassadorRef,
    stageWindows: z.record(z.string(), stageWindow).default({}),
    participants: z
      .array(z.object({ entityRef, targetVersion: text(100) }).strict())
      .min(1)
      .max(200),
  })
  .strict();

/** The next train of a cadence: as a new train, with what the cadence pre-fills optional. */
export const cadenceTrainBody = createTrainBody
  .omit({ name: true, ambassadorRef: true, stageWindows: true })
  .extend({
    name: text(200).optional(),
    ambassadorRef: ambassadorRef.optional(),
    stageWindows: z.record(z.string(), stageWindow).optional(),
  })
  .strict();

const advanceBody = z.object({ expectedStage: text(100) }).strict();
const cancelBody = z.object({ reason: text(2000) }).strict();
const rollBackBody = z.object({ reason: text(2000) }).strict();
/** What approving a gate takes: the REST route's body, and the approve-gate action's input. */
export const approveBody = z.object({ comment: z.string().trim().max(2000).optional() }).strict();
/** What rejecting a gate takes: a comment saying why. */
export const rejectBody = z.object({ comment: text(2000) }).strict();
const waiveBody = z.object({ reason: text(2000), until: isoTime }).strict();
/** A check result as CI reports it, through the route or the report-check action. */
export const checkBody = z
  .object({
    participantRef: entityRef,
    checkName: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{0,99}$/i, 'use letters, digits and . _ - (at most 100)'),
    status: z.enum(['passed', 'failed']),
    evidenceUrl: z.url({ protocol: /^https?$/ }).max(2000).optional(),
    // The counterpart the check ran against: the compatibility matrix reads it.
    against: z.object({ entityRef, version: text(100) }).strict().optional(),
    idempotencyKey: text(200),
  })
  .strict();

const updateTrainBody = z
  .object({
    name: text(200).optional(),
    objective: text(2000).optional(),
    ambassadorRef: ambassadorRef.optional(),
    stageWindows: z
      .record(z.string(), stageWindow)
      .refine(windows => Object.keys(windows).length > 0, {
        message: 'name at least one stage, or leave stageWindows out',
      })
      .optional(),
  })
  .strict()
  .refine(body => Object.values(body).some(value => value !== undefined), {
    message: 'change at least one of name, objective, ambassadorRef, stageWindows',
  });
const addParticipantBody = z.object({ entityRef, targetVersion: text(100) }).strict();
const updateParticipantBody = z.object({ targetVersion: text(100) }).strict();
const removeParticipantBody = z.object({ reason: text(2000) }).strict();

/** Routes of release trains: creating them, their gates, checks, stages and decision log. */
export function createTrainRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  trains: TrainService;
  /** Who may run which train, as the policy answers, conditions applied on the train. */
  trainAccess: TrainAccess;
  /** Where a named ambassador is looked up, with the caller's credentials. */
  catalog: Pick<CatalogService, 'getEntityByRef'>;
  /**
   * Gates and the rules on them, to apply a conditional decision on approving or rejecting
   * here. Without them such a decision cannot be checked, so it refuses.
   */
  gateConditions?: GateConditions;
  /** What each caller may see of the catalog: answers leave out the rest. */
  visibility: VisibilityResolver;
}): express.Router {
  const { httpAuth, permissions, trains, trainAccess, catalog, gateConditions } = options;
  /** A train as the caller may see it. */
  const shown = async (credentials: BackstageCredentials, train: Promise<TrainDetail>) =>
    visibleTrain(await train, options.visibility.forCaller(credentials));
  const router = createContractRouter();
  const credentialsOf = (req: RouteRequest) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  const access = createAuthorizer({ permissions });
  const { authorize } = access;

  /** Every read of trains, and what hangs off them, needs the policy's consent. */
  const readerOf = createReaderOf({
    httpAuth,
    permissions,
    permission: trainReadPermission,
    refusal: TRAIN_READ_REFUSAL,
  });

  /**
   * Running a train (advancing, cancelling, rolling back, changing its plan or participants) is
   * for whomever the policy lets manage it, e.g. its ambassador by a condition on the train.
   */
  const authorizeManaging = (trainId: string, credentials: BackstageCredentials, refusal: string) =>
    trainAccess.authorizeManaging(trainId, credentials, refusal);

  /** Deciding gates and reporting checks: the same checks as the actions make. */
  const decisions = createGateDecisionAccess({ permissions, gateConditions });

  router.get('/trains', async (req, res) => {
    await readerOf(req);
    res.json(await trains.listTrains({ status: req.query.status, ...pageOf(req.query) }));
  });

  router.post('/trains', async (req, res) => {
    const credentials = await credentialsOf(req);
    const body = parseInput(createTrainBody, req.body, 'body');
    const caller = options.visibility.forCaller(credentials);
    await checksInOrder([
      authorize(trainCreatePermission, credentials, 'You are not allowed to create trains'),
      requireVisibleEntities(body.participants.map(p => p.entityRef), caller, 'entities'),
      authorizeAmbassadorChoice({ trainAccess, catalog }, body.ambassadorRef, credentials),
    ]);
    const train = await trains.createTrain(body, credentials, { request: req });
    res.status(201).json(await visibleTrain(train, caller));
  });

  router.get('/trains/:trainId', async (req, res) => {
    const credentials = await readerOf(req);
    const { trainId } = req.params;
    res.json(await shown(credentials, trains.getTrain(trainId)));
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
    const changed = trains.advanceStage(trainId, body, credentials, { request: req });
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
    const changed = trains.cancelTrain(trainId, body, credentials, { request: req });
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
    const changed = trains.rollBackTrain(trainId, body, credentials, { request: req });
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
        await authorizeAmbassadorChoice({ trainAccess, catalog }, body.ambassadorRef, credentials);
      }
    }
    const changed = trains.updateTrain(trainId, body, credentials, { request: req });
    res.json(await shown(credentials, changed));
  });

  router.post('/trains/:trainId/participants', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { trainId } = req.params;
    const body = parseInput(addParticipantBody, req.body, 'body');
    await authorizeManaging(
      trainId,
      credentials,
      'Only the ambassador or a release manager can add participants to this train',
    );
    const caller = options.visibility.forCaller(credentials);
    await requireVisibleEntities([body.entityRef], caller, 'entity');
    const train = await trains.addParticipant(trainId, body, credentials, { request: req });
    res.status(201).json(await visibleTrain(train, caller));
  });

  router.patch('/trains/:trainId/participants/:entityRef', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { trainId } = req.params;
    // The ref is one URL-encoded path segment, e.g. component%3Adefault%2Fpayments.
    const ref = entityRefIn(req.params.entityRef, 'entityRef', 'path');
    const body = parseInput(updateParticipantBody, req.body, 'body');
    await authorizeManaging(
      trainId,
      credentials,
      'Only the ambassador or a release manager can change participants of this train',
    );
    const caller = options.visibility.forCaller(credentials);
    await requireVisibleParticipant(ref, await trains.getTrainRecord(trainId), caller);
    const changed = await trains.updateParticipant(trainId, ref, body, credentials, { request: req });
    res.json(await visibleTrain(changed, caller));
  });

  router.delete('/trains/:trainId/participants/:entityRef', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { trainId } = req.params;
    // The ref is one URL-encoded path segment, e.g. component%3Adefault%2Fpayments.
    const ref = entityRefIn(req.params.entityRef, 'entityRef', 'path');
    const body = parseInput(removeParticipantBody, req.body ?? {}, 'body');
    await authorizeManaging(
      trainId,
      credentials,
      'Only the ambassador or a release manager can remove participants from this train',
    );
    const caller = options.visibility.forCaller(credentials);
    await requireVisibleParticipant(ref, await trains.getTrainRecord(trainId), caller);
    const changed = await trains.removeParticipant(trainId, ref, body, credentials, { request: req });
    res.json(await visibleTrain(changed, caller));
  });

  router.get('/trains/:trainId/dependency-drift', async (req, res) => {
    const credentials = await readerOf(req);
    const { trainId } = req.params;
    const drift = await trains.getDependencyDrift(trainId);
    res.json(await visibleDependencyDrift(drift, options.visibility.forCaller(credentials)));
  });

  router.get('/trains/:trainId/decisions', async (req, res) => {
    const credentials = await readerOf(req);
    const { trainId } = req.params;
    const page = await trains.listDecisions(trainId, pageOf(req.query));
    res.json(await visibleDecisions(page, options.visibility.forCaller(credentials)));
  });

  router.post('/trains/:trainId/checks', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { trainId } = req.params;
    const body = parseInput(checkBody, req.body, 'body');
    await decisions.authorizeCheckReport(credentials);
    res.json(await trains.reportCheck(trainId, body, credentials, { request: req }));
  });

  router.post('/gates/:gateId/approve', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { gateId } = req.params;
    const body = parseInput(approveBody, req.body ?? {}, 'body');
    await decisions.authorizeDecision(gateId, 'approve', credentials);
    res.json(await trains.approveGate(gateId, body, credentials, { request: req }));
  });

  router.post('/gates/:gateId/reject', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { gateId } = req.params;
    const body = parseInput(rejectBody, req.body, 'body');
    await decisions.authorizeDecision(gateId, 'reject', credentials);
    res.json(await trains.rejectGate(gateId, body, credentials, { request: req }));
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

  router.get('/entity-trains', async (req, res) => {
    const credentials = await readerOf(req);
    const ref = entityRefIn(req.query.ref, 'ref', 'query');
    const page = await trains.listEntityTrains(ref, pageOf(req.query));
    res.json(await visibleEntityTrains(ref, page, options.visibility.forCaller(credentials)));
  });

  router.get('/approvals/mine', async (req, res) => {
    const credentials = await readerOf(req);
    const page = await trains.listMyApprovals(credentials, pageOf(req.query));
    const caller = options.visibility.forCaller(credentials);
    res.json(await visibleItems(page, approval => [approval.gate.participantRef], caller));
  });

  return router;
}
