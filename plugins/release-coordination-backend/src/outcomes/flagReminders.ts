import { Clock, systemClock } from '@release-coordination/plugin-release-coordination-node';
import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { featureFlagExpiry } from '@release-coordination/plugin-release-coordination-common';
import { TrainLookup } from './access';
import { flagReminderNotification } from './notifications';
import { FlagReminderKind, OutcomeStore } from './OutcomeStore';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Sends the reminders that are due: once to the owner of each flag coming within
 * `remindBeforeDays` of its expiry, and once more when it has expired while still in use.
 *
 * Each reminder is claimed in the database before it is sent, so a rerun or another replica
 * never sends it again; when sending fails the claim is given back for the next run. A flag
 * seen for the first time after its expiry gets only the expired reminder. Returns how many
 * reminders were sent.
 */
export async function sendFlagReminders(options: {
  store: Pick<
    OutcomeStore,
    'listFlagsDueForReminder' | 'claimFlagReminder' | 'releaseFlagReminder'
  >;
  trains: Pick<TrainLookup, 'getTrain'>;
  notifications: Pick<NotificationService, 'send'>;
  logger: LoggerService;
  remindBeforeDays: number;
  /** Where "now" comes from; the system clock unless a replay of history sets it. */
  clock?: Clock;
}): Promise<number> {
  const { store, trains, notifications, logger, remindBeforeDays } = options;
  const now = (options.clock ?? systemClock).now();
  const due = await store.listFlagsDueForReminder(
    now,
    new Date(now.getTime() + remindBeforeDays * DAY_MS),
  );
  const trainNames = new Map<string, string | undefined>();
  let sent = 0;
  for (const flag of due) {
    const expired = featureFlagExpiry(flag, now, remindBeforeDays) === 'expired';
    let kind: FlagReminderKind;
    if (expired && !flag.expiredRemindedAt) {
      kind = 'expired';
      // Too late for the early reminder: it would only repeat the news.
      if (!flag.expiringRemindedAt) {
        await store.claimFlagReminder(flag.id, 'expiring', flag.expiresAt, now);
      }
    } else if (!expired && !flag.expiringRemindedAt) {
      kind = 'expiring';
    } else {
      continue;
    }
    if (!(await store.claimFlagReminder(flag.id, kind, flag.expiresAt, now))) continue;
    if (!trainNames.has(flag.trainId)) {
      trainNames.set(flag.trainId, (await trains.getTrain(flag.trainId))?.name);
    }
    try {
      await notifications.send(
        flagReminderNotification(flag, trainNames.get(flag.trainId), kind, now),
      );
      sent++;
    } catch (error) {
      logger.warn(
        `Could not remind ${flag.ownerRef} about flag '${flag.key}' (${flag.id}): ${error}`,
      );
      await store.releaseFlagReminder(flag.id, kind, now);
    }
  }
  return sent;
}
