import { Clock, systemClock } from '@release-coordination/plugin-release-coordination-node';
import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { ActionItem } from '@release-coordination/plugin-release-coordination-common';
import { DependencyIndex } from '../dependencies/graph';
import { DependencySnapshotService } from '../dependencies/DependencySnapshotService';
import { trainPageLink } from '../notifications/portalLinks';
import { TrainNotification } from '../trains/announcements';
import { staleReminderClaimsBefore } from '../database/reminderLease';
import { RetrospectiveStore } from './RetrospectiveStore';

/** Lets people mute overdue reminders without muting other release notifications. */
export const ACTION_ITEM_OVERDUE_TOPIC = 'release-coordination.action-item-overdue';

/**
 * Who hears that an item is overdue: its owner Group or User directly; for a Component, the
 * team that owns it by the dependency graph. Undefined when nobody can be told.
 */
export function reminderRecipient(
  item: Pick<ActionItem, 'ownerRef'>,
  index: Pick<DependencyIndex, 'node'>,
): string | undefined {
  if (item.ownerRef.startsWith('group:') || item.ownerRef.startsWith('user:')) {
    return item.ownerRef;
  }
  return index.node(item.ownerRef)?.owner;
}

/** The notification an owner gets once for an overdue item. */
export function overdueNotification(item: ActionItem, recipient: string): TrainNotification {
  const owner = recipient === item.ownerRef ? '' : ` (owned through ${item.ownerRef})`;
  return {
    recipients: { type: 'entity', entityRef: [recipient] },
    payload: {
      title: `Action item overdue: ${item.title}`,
      description:
        `From the retrospective of release train '${item.trainName}'${owner}; it was due ` +
        `${item.dueAt?.slice(0, 10)}. Close it, drop it, or move its due date.`,
      // The train page's Retrospective tab (the page keeps its tab in the query).
      link: trainPageLink(item.trainId, 'retrospective'),
      severity: 'normal',
      topic: ACTION_ITEM_OVERDUE_TOPIC,
    },
  };
}

/**
 * Reminds owners of overdue action items, at least once per item and due date: a reminder is
 * recorded as sent only after the notification went out (see `REMINDER_LEASE_MS`).
 */
export interface ActionItemReminders {
  /** Sends what is due now; what could not be sent is tried again on the next run. */
  sendOverdueReminders(): Promise<{ sent: number; unsent: number }>;
}

/** Creates the {@link ActionItemReminders}. */
export function createActionItemReminders(options: {
  store: Pick<
    RetrospectiveStore,
    'listOverdueUnreminded' | 'claimReminder' | 'completeReminder' | 'releaseReminder'
  >;
  snapshots: Pick<DependencySnapshotService, 'current'>;
  notifications: Pick<NotificationService, 'send'>;
  logger: LoggerService;
  /** Where "now" comes from; the system clock unless a replay of history sets it. */
  clock?: Clock;
}): ActionItemReminders {
  const { store, snapshots, notifications, logger } = options;
  const clock = options.clock ?? systemClock;
  const now = () => clock.now();
  return {
    async sendOverdueReminders() {
      const at = now();
      const overdue = await store.listOverdueUnreminded(at);
      if (overdue.length === 0) return { sent: 0, unsent: 0 };
      const { index } = await snapshots.current();
      let sent = 0;
      let unsent = 0;
      for (const item of overdue) {
        const recipient = reminderRecipient(item, index);
        if (!recipient) {
          // Not claimed: once the catalog names an owner, a later run reminds them.
          logger.warn(
            `Action item ${item.id} is overdue, but ${item.ownerRef} has no owner to remind`,
          );
          unsent++;
          continue;
        }
        // Claimed before sending: should two runs overlap, only one of them sends. Recorded as
        // sent only once it was: a run that stops in between leaves a claim that expires.
        if (!(await store.claimReminder(item.id, at, staleReminderClaimsBefore(at)))) continue;
        try {
          await notifications.send(overdueNotification(item, recipient));
        } catch (error) {
          await store.releaseReminder(item.id, at);
          logger.warn(`Could not remind ${recipient} of action item ${item.id}: ${error}`);
          unsent++;
          continue;
        }
        await store.completeReminder(item.id, at, at);
        sent++;
      }
      return { sent, unsent };
    },
  };
}
