import {
  SchedulerServiceTaskScheduleDefinition,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';

/** Weekdays at 08:00, before most standups. */
export const DEFAULT_STANDUP_DIGEST_SCHEDULE: SchedulerServiceTaskScheduleDefinition =
  {
    frequency: { cron: '0 8 * * 1-5' },
    timeout: { minutes: 10 },
    initialDelay: { minutes: 1 },
  };

/** `releaseCoordination.standup.digest`. */
export interface StandupDigestSettings {
  enabled: boolean;
  schedule: SchedulerServiceTaskScheduleDefinition;
}

/**
 * Reads `releaseCoordination.standup.digest`; off unless enabled, since it notifies people. A
 * wrong schedule stops the backend at start-up even while the digest is off, so that turning it
 * on later does not surprise.
 */
export function readStandupDigestSettings(
  config: Config,
): StandupDigestSettings {
  const key = 'releaseCoordination.standup.digest';
  const digest = config.getOptionalConfig(key);
  const enabled = digest?.getOptionalBoolean('enabled') ?? false;
  if (!digest?.has('schedule')) {
    return { enabled, schedule: DEFAULT_STANDUP_DIGEST_SCHEDULE };
  }
  try {
    return {
      enabled,
      schedule: readSchedulerServiceTaskScheduleDefinitionFromConfig(
        digest.getConfig('schedule'),
      ),
    };
  } catch (error) {
    throw new Error(
      `${key}.schedule is not a valid scheduler task definition: ${
        error instanceof Error ? error.message : error
      }`,
    );
  }
}
