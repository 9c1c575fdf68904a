import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  normalizeEntityRef,
  trainCreatePermission,
} from '@release-coordination/plugin-release-coordination-common';
import express from 'express';
import { createAuthorizer, TrainAccess, createTrainReaderOf } from '../access';
import { VisibilityResolver } from '../access/visibility';
import { createContractRouter, RouteRequest } from '../http/contractRouter';
import { pageOf, parseInput } from '../http/validation';
import { authorizeAmbassadorChoice } from '../trains/ambassadorChoice';
import { TrainService } from '../trains/TrainService';
import { cadenceTrainBody } from '../trains/trainBodies';
import { requireVisibleEntities, visibleTrain } from '../trains/visibleTrains';
import { CadenceService } from './CadenceService';

/**
 * Routes of release cadences. Everyone who reads trains reads cadences; the service says who
 * may create them and keep their rosters and rotation. The next train of a cadence is created
 * with the checks of `POST /trains`, except that the ambassador the rotation suggests may be
 * named by anyone who may create trains: the roster a release manager keeps decides.
 */
export function createCadenceRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  cadences: CadenceService;
  trains: TrainService;
  trainAccess: TrainAccess;
  catalog: CatalogService;
  visibility: VisibilityResolver;
}): express.Router {
  const { httpAuth, permissions, cadences, trains, trainAccess, catalog } =
    options;
  const router = createContractRouter();
  const access = createAuthorizer({ permissions });
  const readerOf = createTrainReaderOf({ httpAuth, permissions });
  const callerOf = (req: RouteRequest) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  router.get('/cadences', async (req, res) => {
    await readerOf(req);
    res.json(await cadences.list(pageOf(req.query)));
  });
  router.post('/cadences', async (req, res) => {
    const credentials = await callerOf(req);
    res.status(201).json(await cadences.create(req.body, credentials));
  });
  router.get('/cadences/:cadenceId', async (req, res) => {
    await readerOf(req);
    res.json(await cadences.detail(req.params.cadenceId));
  });
  router.put('/cadences/:cadenceId/roster', async (req, res) => {
    const credentials = await callerOf(req);
    res.json(
      await cadences.setRoster(
        req.params.cadenceId,
        req.body.memberRefs,
        credentials,
      ),
    );
  });
  router.get('/cadences/:cadenceId/trains', async (req, res) => {
    await readerOf(req);
    res.json(
      await cadences.listTrains(req.params.cadenceId, pageOf(req.query)),
    );
  });
  router.post('/cadences/:cadenceId/trains', async (req, res) => {
    const credentials = await callerOf(req);
    const body = parseInput(cadenceTrainBody, req.body, 'body');
    await access.authorize(
      trainCreatePermission,
      credentials,
      'You are not allowed to create trains',
    );
    const next = await cadences.next(req.params.cadenceId);
    const suggested = next.suggestedAmbassador?.memberRef;
    const ambassadorRef = body.ambassadorRef ?? suggested;
    if (!ambassadorRef) {
      throw new InputError(
        'ambassadorRef: the roster suggests nobody for this train; name its ambassador',
      );
    }
    if (normalizeEntityRef(ambassadorRef, 'user') !== suggested) {
      await authorizeAmbassadorChoice(
        { trainAccess, catalog },
        ambassadorRef,
        credentials,
      );
    }
    const caller = options.visibility.forCaller(credentials);
    await requireVisibleEntities(
      body.participants.map(p => p.entityRef),
      caller,
      'entities',
    );
    const train = await trains.createTrain(
      {
        name: body.name ?? next.name,
        objective: body.objective,
        ambassadorRef,
        stageWindows: body.stageWindows ?? next.stageWindows,
        participants: body.participants,
        cadence: { cadenceId: next.cadenceId, occurrence: next.occurrence },
      },
      credentials,
      { request: req },
    );
    res.status(201).json(await visibleTrain(train, caller));
  });
  router.post('/cadences/:cadenceId/rotation', async (req, res) => {
    const credentials = await callerOf(req);
    res
      .status(201)
      .json(
        await cadences.recordRotationChange(
          req.params.cadenceId,
          req.body,
          credentials,
        ),
      );
  });
  router.post('/cadences/:cadenceId/handovers', async (req, res) => {
    const credentials = await callerOf(req);
    res
      .status(201)
      .json(
        await cadences.addHandover(req.params.cadenceId, req.body, credentials),
      );
  });
  return router;
}
