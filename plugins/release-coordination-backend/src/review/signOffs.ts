import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  normalizeEntityRef,
  ReviewSignOff,
  SignOffReviewRequest,
} from '@release-coordination/plugin-release-coordination-common';
import { actorRefOf, audited } from '../access';
import { trainPageLink } from '../notifications/portalLinks';
import { TrainNotification } from '../trains/announcements';
import { requireActive } from '../trains/model';
import { TrainRecord } from '../trains/TrainStore';
import { REVIEW_TOPIC, ReviewCore } from './core';
import { isReviewHeld, reviewTeams } from './teams';

/** Tells the ambassador that the last team signed off and the review is held. */
function heldNotification(
  trainId: string,
  train: TrainRecord,
  teamRef: string,
): TrainNotification {
  return {
    recipients: {
      type: 'entity',
      entityRef: train.ambassadorRef,
    },
    payload: {
      title: `Release review of '${train.name}' held`,
      description: `Every team signed off; ${teamRef} was the last`,
      link: trainPageLink(trainId, 'review'),
      severity: 'normal',
      topic: REVIEW_TOPIC,
    },
  };
}

/** The sign-offs of a train's review, one per owning team, given by its members. */
export function createReviewSignOffs(core: ReviewCore) {
  const { store, trains, snapshots, access, announcer, auditor, clock } = core;

  async function signOff(
    trainId: string,
    request: SignOffReviewRequest,
    credentials: BackstageCredentials,
  ): Promise<ReviewSignOff> {
    const actorRef = actorRefOf(credentials);
    return audited(
      auditor,
      'review-sign-off',
      { actor: actorRef, trainId },
      async () => {
        const train = await trains.getTrain(trainId);
        if (!train) {
          throw new NotFoundError(`No release train with id '${trainId}'`);
        }
        requireActive(train);
        const teamRef = normalizeEntityRef(request.teamRef, 'group');
        const [participants, { index }, ownership] = await Promise.all([
          trains.listParticipants(trainId),
          snapshots.current(),
          access.ownershipOf(credentials),
        ]);
        const teams = reviewTeams(participants, index);
        if (!teams.has(teamRef)) {
          throw new InputError(
            `teamRef: ${teamRef} owns no participant of train '${train.name}'`,
          );
        }
        if (!ownership.has(teamRef)) {
          throw new NotAllowedError(
            `Only members of ${teamRef} sign the review off for it`,
          );
        }
        const { given, held } = await store.transaction(async tx => {
          // Under the train's lock, so that of two last sign-offs one sees the other and
          // the review is recorded held exactly once.
          await tx.lockTrain(trainId);
          const signed: ReviewSignOff = {
            teamRef,
            signedBy: actorRef,
            signedAt: clock.now().toISOString(),
            ...(request.comment ? { comment: request.comment.trim() } : {}),
          };
          if (!(await tx.insertSignOff(trainId, signed))) {
            throw new ConflictError(`${teamRef} signed the review off already`);
          }
          await tx.appendDecision({
            trainId,
            actorRef,
            action: 'review.signed-off',
            subject: 'review',
            after: { teamRef },
            ...(signed.comment ? { reason: signed.comment } : {}),
          });
          const now = isReviewHeld(
            teams.keys(),
            await tx.listSignOffs(trainId),
            await tx.countRisks(trainId),
          );
          if (now.held) {
            await tx.appendDecision({
              trainId,
              actorRef,
              action: 'review.held',
              subject: 'review',
              after: { teams: [...teams.keys()].sort() },
            });
          }
          return { given: signed, held: now.held };
        });
        await announcer.announce(trainId, async () =>
          held ? [heldNotification(trainId, train, teamRef)] : [],
        );
        return given;
      },
    );
  }

  return { signOff };
}
