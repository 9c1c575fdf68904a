import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  ReleaseTrainSummary,
  TrainGate,
  TrainParticipant,
  RELEASE_COORDINATION_SIGNAL_CHANNEL,
  ReleaseCoordinationSignal,
} from '@release-coordination/plugin-release-coordination-common';
import { DependencyIndex, downstreamOf } from '../dependencies/graph';
import { trainPageLink } from '../notifications/portalLinks';
import { TrainRecord } from './TrainStore';

/** One notification as the notifications service takes it. */
export type TrainNotification = Parameters<NotificationService['send']>[0];


/** Topics let people mute one kind of release notification without muting the others. */
export const NOTIFICATION_TOPICS = {
  gatesAwaiting: 'release-coordination.gates-awaiting',
  gateFailed: 'release-coordination.gate-failed',
  stageAdvanced: 'release-coordination.stage-advanced',
  ambassadorAssigned: 'release-coordination.ambassador-assigned',
} as const;

const trainLink = (trainId: string) => trainPageLink(trainId);

const describeWaiting = (gate: TrainGate) =>
  gate.participantRef ? `${gate.title} (${gate.participantRef})` : gate.title;

const listed = (items: string[]) => [...new Set(items)].sort();

/**
 * One notification per approver Group with the approval gates of `stage` that still wait for a
 * decision: a team reads one summary, not one message per gate.
 */
export function gatesAwaitingNotifications(
  train: Pick<ReleaseTrainSummary, 'id' | 'name'>,
  stage: string,
  gates: TrainGate[],
): TrainNotification[] {
  const byApprover = new Map<string, TrainGate[]>();
  for (const gate of gates) {
    if (gate.kind !== 'approval' || gate.stage !== stage || !gate.approverRef) continue;
    if (gate.state === 'passed' || gate.state === 'waived') continue;
    byApprover.set(gate.approverRef, [...(byApprover.get(gate.approverRef) ?? []), gate]);
  }
  return [...byApprover.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([approverRef, waiting]) => ({
      recipients: { type: 'entity', entityRef: [approverRef] },
      payload: {
        title: `Release train '${train.name}': ${waiting.length} gate(s) await your decision`,
        description: `Stage '${stage}': ${waiting.map(describeWaiting).join('; ')}`,
        link: trainLink(train.id),
        severity: 'normal',
        topic: NOTIFICATION_TOPICS.gatesAwaiting,
      },
    }));
}

/**
 * The owners of the train's participants that depend on `participantRef`, transitively, by
 * the dependency snapshot: their release is at risk when it fails.
 */
export function ownersOfDependents(
  index: DependencyIndex,
  participantRef: string,
  participants: TrainParticipant[],
): string[] {
  const dependents = new Set(downstreamOf(index, participantRef).map(reached => reached.ref));
  return listed(
    participants
      .filter(p => p.entityRef !== participantRef && dependents.has(p.entityRef) && p.ownerRef)
      .map(p => p.ownerRef!),
  );
}

/**
 * A rejected approval or a failed check: the ambassador has to act, the owners of what depends
 * on the failed participant have to know.
 */
export function gateFailedNotification(
  train: Pick<ReleaseTrainSummary, 'id' | 'name' | 'ambassadorRef'>,
  failure: { what: string; participantRef?: string; detail: string },
  dependentOwners: string[],
): TrainNotification {
  const subject = failure.participantRef
    ? `${failure.what} failed for ${failure.participantRef}`
    : `${failure.what} failed`;
  return {
    recipients: { type: 'entity', entityRef: listed([train.ambassadorRef, ...dependentOwners]) },
    payload: {
      title: `Release train '${train.name}': ${subject}`,
      description: failure.detail,
      link: trainLink(train.id),
      severity: 'high',
      topic: NOTIFICATION_TOPICS.gateFailed,
    },
  };
}

/** Every participant's owner hears that the train moved on (or was released). */
export function stageAdvancedNotification(
  train: Pick<ReleaseTrainSummary, 'id' | 'name'>,
  from: string,
  to: string | undefined,
  participants: TrainParticipant[],
): TrainNotification | undefined {
  const owners = listed(participants.flatMap(p => (p.ownerRef ? [p.ownerRef] : [])));
  if (owners.length === 0) return undefined;
  return {
    recipients: { type: 'entity', entityRef: owners },
    payload: {
      title: to
        ? `Release train '${train.name}' advanced to '${to}'`
        : `Release train '${train.name}' is released`,
      description: to
        ? `Stage '${from}' is done; the train is now in stage '${to}'.`
        : `The last stage '${from}' is done; the train is released.`,
      link: trainLink(train.id),
      severity: 'normal',
      topic: NOTIFICATION_TOPICS.stageAdvanced,
    },
  };
}

/** The new ambassador of a train hears that it is now theirs to run. */
export function ambassadorAssignedNotification(
  train: Pick<ReleaseTrainSummary, 'id' | 'name' | 'ambassadorRef' | 'currentStage'>,
  previousAmbassadorRef: string,
  changedBy: string,
): TrainNotification {
  return {
    recipients: { type: 'entity', entityRef: [train.ambassadorRef] },
    payload: {
      title: `You are now the ambassador of release train '${train.name}'`,
      description:
        `${changedBy} handed the train over from ${previousAmbassadorRef}; ` +
        `it is in stage '${train.currentStage}'.`,
      link: trainLink(train.id),
      severity: 'normal',
      topic: NOTIFICATION_TOPICS.ambassadorAssigned,
    },
  };
}

/**
 * Tells the world about committed changes of trains: a broadcast signal for live views and
 * notifications for the people who have to act. Neither may fail a request whose change is
 * already committed, so failures are only logged.
 *
 * Announcements go out after the answer: the person who made the change does not wait for
 * the notification service to reach every member of every team it concerns.
 */
export interface TrainAnnouncer {
  /**
   * Starts announcing a committed change and returns at once. Call only after the
   * transaction committed.
   */
  announce(trainId: string, notifications?: () => Promise<TrainNotification[]>): Promise<void>;
  /** Resolves when every announcement started so far has gone out (or failed and was logged). */
  settled(): Promise<void>;
}

/** Creates the {@link TrainAnnouncer}. */
export function createTrainAnnouncer(options: {
  signals: Pick<SignalsService, 'publish'>;
  notifications: Pick<NotificationService, 'send'>;
  logger: LoggerService;
}): TrainAnnouncer {
  const { signals, notifications, logger } = options;
  const inFlight = new Set<Promise<void>>();

  async function deliver(
    trainId: string,
    compose: (() => Promise<TrainNotification[]>) | undefined,
  ): Promise<void> {
    // The signal, and each notification, go out side by side.
    const signalled = signals
      .publish({
        recipients: { type: 'broadcast' },
        channel: RELEASE_COORDINATION_SIGNAL_CHANNEL,
        message: { type: 'train-changed', trainId } satisfies ReleaseCoordinationSignal,
      })
      .catch(error => {
        logger.warn(`Could not publish the change of train ${trainId}: ${error}`);
      });
    let composed: TrainNotification[] = [];
    if (compose) {
      try {
        composed = await compose();
      } catch (error) {
        logger.warn(`Could not compose notifications for train ${trainId}: ${error}`);
      }
    }
    await Promise.all([
      signalled,
      ...composed.map(notification =>
        notifications.send(notification).catch(error => {
          logger.warn(
            `Could not send notification '${notification.payload.title}' of train ` +
              `${trainId}: ${error}`,
          );
        }),
      ),
    ]);
  }

  return {
    async announce(trainId, compose) {
      const delivery = deliver(trainId, compose).catch(error => {
        logger.warn(`Could not announce the change of train ${trainId}: ${error}`);
      });
      inFlight.add(delivery);
      void delivery.finally(() => inFlight.delete(delivery));
    },
    async settled() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}

/** The topic of the notice that a train was rolled back, so that it can be muted on its own. */
export const TRAIN_ROLLED_BACK_TOPIC = 'release-coordination.train-rolled-back';


/**
 * Every participant's owner hears that the train's release was rolled back, and why: their
 * change is no longer in production.
 */
export function trainRolledBackNotification(
  train: Pick<TrainRecord, 'id' | 'name'>,
  reason: string,
  participants: TrainParticipant[],
): TrainNotification | undefined {
  const owners = [
    ...new Set(participants.flatMap(p => (p.ownerRef ? [p.ownerRef] : []))),
  ].sort();
  if (owners.length === 0) return undefined;
  return {
    recipients: { type: 'entity', entityRef: owners },
    payload: {
      title: `Release train '${train.name}' was rolled back`,
      description: reason,
      link: trainPageLink(train.id),
      severity: 'high',
      topic: TRAIN_ROLLED_BACK_TOPIC,
    },
  };
}