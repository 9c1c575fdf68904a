import {
  normalizeEntityRef,
  trainCreatePermission,
} from '@release-coordination/plugin-release-coordination-common';
import { checksInOrder } from '../access';
import { ContractRouter, RouteRequest } from '../http/contractRouter';
import { z } from 'zod';
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

  /**
   * The caller, train and body of a change only those who manage the train may make: the body
   * is checked first (a 400 names the field), then the policy.
   */
  async function managedChange<S extends z.ZodType>(
    req: RouteRequest,
    schema: S,
    refusal: string,
  ) {
    const credentials = await credentialsOf(req);
    const { trainId } = req.params;
    const body = parseInput(schema, req.body, 'body');
    await authorizeManaging(trainId, credentials, refusal);
    return { credentials, trainId: trainId as string, body };
  }

  router.post('/trains/:trainId/advance', async (req, res) => {
    const { credentials, trainId, body } = await managedChange(
      req,
      advanceBody,
      'Only the ambassador or a release manager can advance this train',
    );
    const changed = trains.advanceStage(trainId, body, credentials, {
      request: req,
    });
    res.json(await shown(credentials, changed));
  });

  router.post('/trains/:trainId/cancel', async (req, res) => {
    const { credentials, trainId, body } = await managedChange(
      req,
      cancelBody,
      'Only the ambassador or a release manager can cancel this train',
    );
    const changed = trains.cancelTrain(trainId, body, credentials, {
      request: req,
    });
    res.json(await shown(credentials, changed));
  });

  router.post('/trains/:trainId/roll-back', async (req, res) => {
    const { credentials, trainId, body } = await managedChange(
      req,
      rollBackBody,
      'Only the ambassador or a release manager can mark this train rolled back',
    );
    const changed = trains.rollBackTrain(trainId, body, credentials, {
      request: req,
    });
    res.json(await shown(credentials, changed));
  });

  router.patch('/trains/:trainId', async (req, res) => {
    const { credentials, trainId, body } = await managedChange(
      req,
      updateTrainBody,
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
