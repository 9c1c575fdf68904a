import { Clock, systemClock } from '@release-coordination/plugin-release-coordination-node';
import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { featureFlagExpiry } from '@release-coordination/plugin-release-coordination-common';
import { staleReminderClaimsBefore } from '../database/reminderLease';
import { TrainLookup } from './access';
import { flagReminderNotification } from './notifications';
import { FlagReminderKind, OutcomeStore } from './OutcomeStore';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Sends the reminders that are due: once to the owner of each flag coming within
 * `remindBeforeDays` of its expiry, and once more when it has expired while still in use.
 *
 * Each reminder is claimed in the database before it is sent, so that overlapping runs on
 * several replicas do not both send it, and recorded as sent only after it was: when sending
 * fails the claim is given back for the next run, and a claim left by a run that stopped in
 * between expires after `REMINDER_LEASE_MS`, so every reminder goes out at least once. A flag
 * seen for the first time after its expiry gets only the expired reminder. Returns how many
 * reminders were sent.
 */
export async function sendFlagReminders(options: {
  store: Pick<
    OutcomeStore,
    | 'listFlagsDueForReminder'
    | 'claimFlagReminder'
    | 'completeFlagReminder'
    | 'releaseFlagReminder'
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
  const staleBefore = staleReminderClaimsBefore(now);
  const claim = (flag: { id: string; expiresAt: string }, kind: FlagReminderKind) =>
    store.claimFlagReminder(flag.id, kind, flag.expiresAt, now, staleBefore);
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
      if (!flag.expiringRemindedAt && (await claim(flag, 'expiring'))) {
        await store.completeFlagReminder(flag.id, 'expiring', now, now);
      }
    } else if (!expired && !flag.expiringRemindedAt) {
      kind = 'expiring';
    } else {
      continue;
    }
    if (!(await claim(flag, kind))) continue;
    if (!trainNames.has(flag.trainId)) {
      trainNames.set(flag.trainId, (await trains.getTrain(flag.trainId))?.name);
    }
    try {
      await notifications.send(
        flagReminderNotification(flag, trainNames.get(flag.trainId), kind, now),
      );
    } catch (error) {
      logger.warn(
        `Could not remind ${flag.ownerRef} about flag '${flag.key}' (${flag.id}): ${error}`,
      );
      await store.releaseFlagReminder(flag.id, kind, now);
      continue;
    }
    await store.completeFlagReminder(flag.id, kind, now, now);
    sent++;
  }
  return sent;
}
