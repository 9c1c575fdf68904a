import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  DecisionAction,
  TrainDetail,
} from '@release-coordination/plugin-release-coordination-common';
import { TrainChangeContext, TrainCore } from './core';
import type { TrainService } from './TrainService';
import { requireRollbackable } from './model';
import { trainRolledBackNotification } from './announcements';
import { TrainRecord } from './TrainStore';
import { TrainNotification } from './announcements';
import { actorRefOf } from '../access';
import { requireActive } from './model';

/**
 * Ending a train early: cancelled before its release, or marked rolled back after it. Each
 * end is one transaction on the locked train.
 */
export function createTrainEndings(core: TrainCore) {
  const { store, announce, audited, requireTrain, getTrain } = core;

  /**
   * Ends a train with a final status and the reason for it, in one transaction on the locked
   * train: the status is written against the version read, so of two concurrent endings one
   * loses with a conflict instead of both being logged.
   */
  async function endTrain(
    trainId: string,
    end: {
      eventId: string;
      status: 'cancelled' | 'rolled-back';
      action: DecisionAction;
      /** The refusal of a blank reason, naming the field. */
      reasonRequired: string;
      /** Refuses a train whose status this end does not apply to. */
      requireEndable: (train: TrainRecord) => void;
      /** What the people concerned are told once the end is committed. */
      notifications?: (
        train: TrainRecord,
        reason: string,
      ) => Promise<TrainNotification[]>;
    },
    input: { reason: string },
    credentials: BackstageCredentials,
    context?: TrainChangeContext,
  ): Promise<TrainDetail> {
    const actorRef = actorRefOf(credentials);
    return audited(
      end.eventId,
      { actor: actorRef, trainId },
      context,
      async () => {
        const reason = input.reason.trim();
        if (!reason) throw new InputError(end.reasonRequired);
        const train = await store.transaction(async tx => {
          const current = await requireTrain(tx, trainId, true);
          end.requireEndable(current);
          await tx.updateTrain(trainId, current.version, {
            status: end.status,
          });
          await tx.appendDecision({
            trainId,
            actorRef,
            action: end.action,
            subject: trainId,
            before: { status: current.status },
            after: { status: end.status },
            reason,
          });
          return current;
        });
        const compose = end.notifications;
        await announce(trainId, compose && (() => compose(train, reason)));
        return getTrain(trainId);
      },
    );
  }

  const cancelTrain: TrainService['cancelTrain'] = (
    trainId,
    input,
    credentials,
    context,
  ) =>
    endTrain(
      trainId,
      {
        eventId: 'train-cancel',
        status: 'cancelled',
        action: 'train.cancelled',
        reasonRequired: 'Cancelling a train needs a reason',
        requireEndable: requireActive,
      },
      input,
      credentials,
      context,
    );

  const rollBackTrain: TrainService['rollBackTrain'] = (
    trainId,
    input,
    credentials,
    context,
  ) =>
    endTrain(
      trainId,
      {
        eventId: 'train-roll-back',
        status: 'rolled-back',
        action: 'train.rolled-back',
        reasonRequired: 'Marking a train rolled back needs a reason',
        requireEndable: requireRollbackable,
        notifications: async (train, reason) => {
          const note = trainRolledBackNotification(
            train,
            reason,
            await store.listParticipants(train.id),
          );
          return note ? [note] : [];
        },
      },
      input,
      credentials,
      context,
    );

  return { cancelTrain, rollBackTrain };
}
