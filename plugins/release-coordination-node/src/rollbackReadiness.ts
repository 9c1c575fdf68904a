import {
  daysSince,
  RollbackPlan,
} from '@release-coordination/plugin-release-coordination-common';

/**
 * The default age after which a rollback rehearsal no longer counts.
 *
 * @public
 */
export const DEFAULT_MAX_REHEARSAL_AGE_DAYS = 90;

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
