import { ContractRouter } from '../http/contractRouter';
import { entityRefIn, parseInput } from '../http/validation';
import {
  addParticipantBody,
  removeParticipantBody,
  updateParticipantBody,
} from './trainBodies';
import type { TrainRouteContext } from './trainRouter';
import {
  requireVisibleEntities,
  requireVisibleParticipant,
  visibleTrain,
} from './visibleTrains';
/** Who takes part in a train: adding, changing and removing participants. */
export function registerParticipantRoutes(
  router: ContractRouter,
  context: TrainRouteContext,
): void {
  const { trains, visibility, credentialsOf, authorizeManaging } = context;

  router.post('/trains/:trainId/participants', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { trainId } = req.params;
    const body = parseInput(addParticipantBody, req.body, 'body');
    await authorizeManaging(
      trainId,
      credentials,
      'Only the ambassador or a release manager can add participants to this train',
    );
    const caller = visibility.forCaller(credentials);
    await requireVisibleEntities([body.entityRef], caller, 'entity');
    const train = await trains.addParticipant(trainId, body, credentials, {
      request: req,
    });
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
    const caller = visibility.forCaller(credentials);
    await requireVisibleParticipant(
      ref,
      await trains.getTrainRecord(trainId),
      caller,
    );
    const changed = await trains.updateParticipant(
      trainId,
      ref,
      body,
      credentials,
      { request: req },
    );
    res.json(await visibleTrain(changed, caller));
  });

  router.delete(
    '/trains/:trainId/participants/:entityRef',
    async (req, res) => {
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
      const caller = visibility.forCaller(credentials);
      await requireVisibleParticipant(
        ref,
        await trains.getTrainRecord(trainId),
        caller,
      );
      const changed = await trains.removeParticipant(
        trainId,
        ref,
        body,
        credentials,
        { request: req },
      );
      res.json(await visibleTrain(changed, caller));
    },
  );
}
