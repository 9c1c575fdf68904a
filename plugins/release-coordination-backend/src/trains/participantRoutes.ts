import { ContractRouter, RouteRequest } from '../http/contractRouter';
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

  /**
   * The caller, train and participant a request names; the ref is one URL-encoded path
   * segment, e.g. component%3Adefault%2Fpayments.
   */
  async function participantOf(req: RouteRequest) {
    const credentials = await credentialsOf(req);
    const { trainId } = req.params;
    const ref = entityRefIn(req.params.entityRef, 'entityRef', 'path');
    return { credentials, trainId, ref };
  }

  /** Refuses unless the caller may manage the train and see the participant. */
  async function requireManagedParticipant(
    { credentials, trainId, ref }: Awaited<ReturnType<typeof participantOf>>,
    refusal: string,
  ) {
    await authorizeManaging(trainId, credentials, refusal);
    const caller = visibility.forCaller(credentials);
    await requireVisibleParticipant(
      ref,
      await trains.getTrainRecord(trainId),
      caller,
    );
    return caller;
  }

  router.patch('/trains/:trainId/participants/:entityRef', async (req, res) => {
    const named = await participantOf(req);
    const body = parseInput(updateParticipantBody, req.body, 'body');
    const caller = await requireManagedParticipant(
      named,
      'Only the ambassador or a release manager can change participants of this train',
    );
    const { trainId, ref, credentials } = named;
    const changed = await trains.updateParticipant(
      trainId,
      ref,
      body,
      credentials,
      {
        request: req,
      },
    );
    res.json(await visibleTrain(changed, caller));
  });

  router.delete(
    '/trains/:trainId/participants/:entityRef',
    async (req, res) => {
      const named = await participantOf(req);
      const body = parseInput(removeParticipantBody, req.body ?? {}, 'body');
      const caller = await requireManagedParticipant(
        named,
        'Only the ambassador or a release manager can remove participants from this train',
      );
      const { trainId, ref, credentials } = named;
      const changed = await trains.removeParticipant(
        trainId,
        ref,
        body,
        credentials,
        {
          request: req,
        },
      );
      res.json(await visibleTrain(changed, caller));
    },
  );
}
