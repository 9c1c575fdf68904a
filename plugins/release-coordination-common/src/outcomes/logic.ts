import type { DeploymentOutcome, FeatureFlag } from './types';

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
