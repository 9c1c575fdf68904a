import type { DeploymentOutcome, FeatureFlag, RollbackPlan } from './types';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Whole days from `from` to `now`, rounded down; 0 for a time in the future (a CI clock a
 * little ahead of ours).
 *
 * @public
 */
export function daysSince(from: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - new Date(from).getTime()) / DAY_MS));
}

/**
 * The default age after which a rollback rehearsal no longer counts.
 *
 * @public
 */
export const DEFAULT_MAX_REHEARSAL_AGE_DAYS = 90;

/**
 * The default number of days before its expiry a flag counts as expiring soon.
 *
 * @public
 */
export const DEFAULT_FLAG_REMIND_BEFORE_DAYS = 7;

/**
 * Whether a participant is ready to be rolled back: it has a plan, and its last passed
 * rehearsal is at most `maxAgeDays` old. The reason says which part is missing, so the team
 * knows what to do.
 *
 * @public
 */
export function rollbackReadiness(input: {
  entityRef: string;
  plan?: Pick<RollbackPlan, 'updatedAt'>;
  lastPassedDrillAt?: string;
  maxAgeDays: number;
  now: Date;
}): { ready: boolean; rehearsedWithinDays: boolean; reason: string } {
  const { entityRef, plan, lastPassedDrillAt, maxAgeDays, now } = input;
  const age = lastPassedDrillAt === undefined ? undefined : daysSince(lastPassedDrillAt, now);
  const rehearsedWithinDays = age !== undefined && age <= maxAgeDays;
  let rehearsal: string;
  if (age === undefined) rehearsal = 'has never passed a rollback rehearsal';
  else if (age === 0) rehearsal = 'passed a rollback rehearsal today';
  else rehearsal = `last passed a rollback rehearsal ${age} day(s) ago`;

  if (!plan) {
    return {
      ready: false,
      rehearsedWithinDays,
      reason: `${entityRef} has no rollback plan for this train and ${rehearsal}`,
    };
  }
  if (!rehearsedWithinDays) {
    return {
      ready: false,
      rehearsedWithinDays,
      reason:
        age === undefined
          ? `${entityRef} ${rehearsal}; one within ${maxAgeDays} days is required`
          : `${entityRef} ${rehearsal}, more than the ${maxAgeDays} days allowed`,
    };
  }
  return {
    ready: true,
    rehearsedWithinDays,
    reason: `${entityRef} has a rollback plan and ${rehearsal}, within ${maxAgeDays} days`,
  };
}

/**
 * Where a flag stands against its expiry: `removed` (nothing left to do), `expired` (past
 * `expiresAt` and still in the code), `expiring` (within `expiringWithinDays`) or `active`.
 *
 * @public
 */
export function featureFlagExpiry(
  flag: Pick<FeatureFlag, 'state' | 'expiresAt'>,
  now: Date,
  expiringWithinDays: number,
): 'removed' | 'expired' | 'expiring' | 'active' {
  if (flag.state === 'removed') return 'removed';
  const expiresAt = new Date(flag.expiresAt).getTime();
  if (expiresAt <= now.getTime()) return 'expired';
  if (expiresAt <= now.getTime() + expiringWithinDays * DAY_MS) return 'expiring';
  return 'active';
}

/**
 * How long a finished rollout took, in milliseconds; undefined while it runs.
 *
 * @public
 */
export function deploymentDurationMs(
  deployment: Pick<DeploymentOutcome, 'startedAt' | 'finishedAt'>,
): number | undefined {
  if (!deployment.finishedAt) return undefined;
  return new Date(deployment.finishedAt).getTime() - new Date(deployment.startedAt).getTime();
}

/**
 * How long restoring the previous version took, in milliseconds; undefined while it runs or
 * when nothing was rolled back.
 *
 * @public
 */
export function rollbackDurationMs(
  deployment: Pick<DeploymentOutcome, 'rollbackStartedAt' | 'rollbackFinishedAt'>,
): number | undefined {
  if (!deployment.rollbackStartedAt || !deployment.rollbackFinishedAt) return undefined;
  return (
    new Date(deployment.rollbackFinishedAt).getTime() -
    new Date(deployment.rollbackStartedAt).getTime()
  );
}
