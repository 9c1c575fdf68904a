// What the plugin does on a schedule. Every task is global: one replica runs each run.

import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { DependencySnapshotService } from '../dependencies/DependencySnapshotService';
import { DEPENDENCY_REFRESH_TASK_ID } from '../dependencies/refreshTask';
import { OutcomeSettings } from '../outcomes/config';
import { sendFlagReminders } from '../outcomes/flagReminders';
import { createActionItemReminders } from '../retrospectives/reminders';
import { readStandupDigestSettings } from '../standup/config';
import { createStandupDigest } from '../standup/digest';
import { StandupService } from '../standup/StandupService';
import { TrainService } from '../trains/TrainService';
import { ReleaseCoordinationStores } from '../services';

/** A schedule from `key` of `config` when it is there, else `fallback`. */
function scheduleOf(
  config: Config | undefined,
  key: string,
  fallback: SchedulerServiceTaskScheduleDefinition,
): SchedulerServiceTaskScheduleDefinition {
  return config?.has(key)
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        config.getConfig(key),
      )
    : fallback;
}

/**
 * Schedules the dependency refresh, the reminders about overdue action items and expiring
 * flags, and (when enabled) the standup digest.
 */
export async function scheduleReleaseCoordinationTasks(options: {
  config: Config;
  scheduler: SchedulerService;
  logger: LoggerService;
  notifications: Pick<NotificationService, 'send'>;
  stores: ReleaseCoordinationStores;
  snapshots: DependencySnapshotService;
  trains: Pick<TrainService, 'syncParticipantOwners'>;
  standups: StandupService;
  outcomeSettings: OutcomeSettings;
}): Promise<void> {
  const { config, scheduler, logger, notifications, stores, snapshots } =
    options;

  // One replica derives the graph at a time; the others read the stored snapshot. A manual
  // refresh (POST /dependencies/refresh) triggers this task too. A new graph may name new
  // owners: participants of active trains follow them. A failed follow-up is only logged;
  // the next refresh tries again.
  await scheduler.scheduleTask({
    id: DEPENDENCY_REFRESH_TASK_ID,
    scope: 'global',
    ...scheduleOf(
      config.getOptionalConfig('releaseCoordination.dependencies'),
      'refresh',
      {
        frequency: { minutes: 10 },
        timeout: { minutes: 5 },
        initialDelay: { seconds: 15 },
      },
    ),
    fn: async () => {
      await snapshots.refresh();
      try {
        const { changed } = await options.trains.syncParticipantOwners();
        if (changed > 0)
          logger.info(`Updated the owner of ${changed} train participant(s)`);
      } catch (error) {
        logger.warn(
          `Could not bring train participants' owners up to date: ${error}`,
        );
      }
    },
  });

  // The reminder is recorded per item, so nobody hears it twice.
  const reminders = createActionItemReminders({
    store: stores.retrospectives,
    snapshots,
    notifications,
    logger,
  });
  await scheduler.scheduleTask({
    id: 'release-coordination-action-item-reminders',
    scope: 'global',
    ...scheduleOf(
      config.getOptionalConfig('releaseCoordination.actionItems'),
      'reminders',
      {
        frequency: { hours: 1 },
        timeout: { minutes: 10 },
        initialDelay: { minutes: 1 },
      },
    ),
    fn: async () => {
      const { sent, unsent } = await reminders.sendOverdueReminders();
      if (sent + unsent > 0) {
        logger.info(
          `Reminded owners of ${sent} overdue action item(s); ${unsent} not sent`,
        );
      }
    },
  });

  // Each reminder is claimed in the database before it is sent.
  await scheduler.scheduleTask({
    id: 'release-coordination-flag-reminders',
    scope: 'global',
    ...options.outcomeSettings.reminderSchedule,
    fn: async () => {
      const sent = await sendFlagReminders({
        store: stores.outcomes,
        trains: stores.trains,
        notifications,
        logger,
        remindBeforeDays: options.outcomeSettings.remindBeforeDays,
      });
      if (sent > 0)
        logger.info(`Reminded owners about ${sent} expiring feature flag(s)`);
    },
  });

  const standupDigest = readStandupDigestSettings(config);
  if (standupDigest.enabled) {
    const digests = createStandupDigest({
      trains: stores.trains,
      standups: options.standups,
      notifications,
      logger,
    });
    // So that each ambassador hears once per run.
    await scheduler.scheduleTask({
      id: 'release-coordination-standup-digest',
      scope: 'global',
      ...standupDigest.schedule,
      fn: async () => {
        const { sent, skipped } = await digests.sendDigests();
        logger.info(
          `Sent ${sent} standup digest(s); ${skipped} train(s) had nothing new`,
        );
      },
    });
  }
}
