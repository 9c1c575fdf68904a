import {
  SchedulerServiceTaskScheduleDefinition,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  DEFAULT_MAX_REHEARSAL_AGE_DAYS,
} from '@release-coordination/plugin-release-coordination-node';
import { DEFAULT_SCORECARD_OPTIONS } from '../scorecards/engine';

/** The default number of days before its expiry a flag counts as expiring soon. */
export const DEFAULT_FLAG_REMIND_BEFORE_DAYS = 7;

/** The default of how far ahead a flag's expiry may be set, in days. */
export const DEFAULT_FLAG_MAX_LIFETIME_DAYS = 180;

/**
 * The most days a rehearsal may count for: a rollback rehearsed more than a year ago says little
 * about whether today's deployment can be rolled back.
 */
export const MAX_REHEARSAL_AGE_DAYS_LIMIT = 365;

/** The settings of deployments, rollback readiness and flags, from app-config. */
export interface OutcomeSettings {
  productionEnvironment: string;
  /** How soon after a deployment a hotfix of the same participant marks it as a failed change. */
  hotfixWindowHours: number;
  maxRehearsalAgeDays: number;
  /** Whether a passed rehearsal reported without an evidence URL makes a participant ready. */
  acceptRehearsalsWithoutEvidence: boolean;
  remindBeforeDays: number;
  maxFlagLifetimeDays: number;
  reminderSchedule: SchedulerServiceTaskScheduleDefinition;
}

function positiveWholeNumber(
  config: Config | undefined,
  key: string,
  fallback: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const value = config?.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? 'of at least 1' : `from 1 to ${max}`;
    throw new Error(`releaseCoordination.${key} must be a whole number ${range}, not ${value}`);
  }
  return value;
}

/**
 * Reads `releaseCoordination.deployments`, `.rollback`, `.rehearsals` and `.flags`; a wrong
 * value stops the backend at start-up.
 */
export function readOutcomeSettings(root: Config): OutcomeSettings {
  const config = root.getOptionalConfig('releaseCoordination');
  const production =
    config?.getOptionalString('deployments.productionEnvironment') ?? 'production';
  const reminders = config?.getOptionalConfig('flags.reminders');
  return {
    // Reports are stored in lower case; so is the name they are compared with.
    productionEnvironment: production.trim().toLocaleLowerCase('en-US'),
    hotfixWindowHours: positiveWholeNumber(
      config,
      'deployments.hotfixWindowHours',
      DEFAULT_SCORECARD_OPTIONS.hotfixWindowHours,
    ),
    maxRehearsalAgeDays: positiveWholeNumber(
      config,
      'rollback.maxRehearsalAgeDays',
      DEFAULT_MAX_REHEARSAL_AGE_DAYS,
      MAX_REHEARSAL_AGE_DAYS_LIMIT,
    ),
    acceptRehearsalsWithoutEvidence:
      config?.getOptionalBoolean('rehearsals.acceptWithoutEvidence') ?? false,
    remindBeforeDays: positiveWholeNumber(
      config,
      'flags.remindBeforeDays',
      DEFAULT_FLAG_REMIND_BEFORE_DAYS,
    ),
    maxFlagLifetimeDays: positiveWholeNumber(
      config,
      'flags.maxLifetimeDays',
      DEFAULT_FLAG_MAX_LIFETIME_DAYS,
    ),
    reminderSchedule: reminders
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(reminders)
      : { frequency: { hours: 1 }, timeout: { minutes: 10 }, initialDelay: { minutes: 1 } },
  };
}
