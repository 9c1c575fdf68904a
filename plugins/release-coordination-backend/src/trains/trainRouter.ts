import { BackstageCredentials, HttpAuthService, PermissionsService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import express from 'express';
import { createContractRouter, RouteRequest } from '../http/contractRouter';
import { registerGateRoutes } from './gateRoutes';
import { registerParticipantRoutes } from './participantRoutes';
import { registerTrainChangeRoutes } from './trainChangeRoutes';
import { Authorizer, createAuthorizer, TrainAccess, createTrainReaderOf } from '../access';
import { createGateDecisionAccess, GateDecisionAccess } from '../gates/decisionAccess';
import { GateConditions } from '../permissions/gateResource';
import { TrainService } from './TrainService';
import { TrainDetail } from '@release-coordination/plugin-release-coordination-common';
import { entityRefIn, pageOf } from '../http/validation';
import { VisibilityResolver, visibleItems } from '../access';
import {
  visibleDecisions,
  visibleEntityTrains,
  visibleDependencyDrift,
  visibleTrain,
} from './visibleTrains';

/** What the train routes share: the services, and the checks each route makes. */
export interface TrainRouteContext {
  trains: TrainService;
  trainAccess: TrainAccess;
  catalog: Pick<CatalogService, 'getEntityByRef'>;
  visibility: VisibilityResolver;
  credentialsOf(req: RouteRequest): Promise<BackstageCredentials>;
  /** The caller, once the policy let them read trains. */
  readerOf(req: RouteRequest): Promise<BackstageCredentials>;
  access: Authorizer;
  /**
   * Running a train (advancing, cancelling, rolling back, changing its plan or participants)
   * is for whomever the policy lets manage it, e.g. its ambassador by a condition on the train.
   */
  authorizeManaging(trainId: string, credentials: BackstageCredentials, refusal: string): Promise<void>;
  /** Deciding gates and reporting checks: the same checks as the actions make. */
  decisions: GateDecisionAccess;
  /** A train as the caller may see it. */
  shown(credentials: BackstageCredentials, train: Promise<TrainDetail>): Promise<TrainDetail>;
}

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

  /** Every read of trains, and what hangs off them, needs the policy's consent. */
  const readerOf = createTrainReaderOf({ httpAuth, permissions });

  /**
   * Running a train (advancing, cancelling, rolling back, changing its plan or participants) is
   * for whomever the policy lets manage it, e.g. its ambassador by a condition on the train.
   */
  const authorizeManaging = (trainId: string, credentials: BackstageCredentials, refusal: string) =>
    trainAccess.authorizeManaging(trainId, credentials, refusal);

  /** Deciding gates and reporting checks: the same checks as the actions make. */
  const decisions = createGateDecisionAccess({ permissions, gateConditions });

  const context: TrainRouteContext = {
    trains,
    trainAccess,
    catalog,
    visibility: options.visibility,
    credentialsOf,
    readerOf,
    access,
    authorizeManaging,
    decisions,
    shown,
  };

  router.get('/trains', async (req, res) => {
    await readerOf(req);
    res.json(await trains.listTrains({ status: req.query.status, ...pageOf(req.query) }));
  });

  router.get('/trains/:trainId', async (req, res) => {
    const credentials = await readerOf(req);
    const { trainId } = req.params;
    res.json(await shown(credentials, trains.getTrain(trainId)));
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

  registerTrainChangeRoutes(router, context);
  registerParticipantRoutes(router, context);
  registerGateRoutes(router, context);
  return router;
}
