import {
  daysSince,
  deploymentDurationMs,
  featureFlagExpiry,
  rollbackDurationMs,
  rollbackReadiness,
} from './logic';

const NOW = new Date('2026-11-20T12:00:00Z');

describe('rollbackReadiness', () => {
  const plan = { updatedAt: '2026-11-01T00:00:00Z' };
  const ref = 'component:default/payments';

  it('is ready with a plan and a passed rehearsal up to the allowed age, inclusive', () => {
    expect(
      rollbackReadiness({ entityRef: ref, plan, lastPassedDrillAt: '2026-08-22T12:00:00Z', maxAgeDays: 90, now: NOW }),
    ).toEqual({
      ready: true,
      rehearsedWithinDays: true,
      reason: `${ref} has a rollback plan and last passed a rollback rehearsal 90 day(s) ago, within 90 days`,
    });
    expect(
      rollbackReadiness({ entityRef: ref, plan, lastPassedDrillAt: '2026-11-20T08:00:00Z', maxAgeDays: 90, now: NOW })
        .reason,
    ).toMatch(/passed a rollback rehearsal today/);
  });

  it('is not ready one day later, without a plan, or never rehearsed', () => {
    expect(
      rollbackReadiness({ entityRef: ref, plan, lastPassedDrillAt: '2026-08-21T12:00:00Z', maxAgeDays: 90, now: NOW }),
    ).toMatchObject({ ready: false, rehearsedWithinDays: false, reason: expect.stringMatching(/91 day/) });
    expect(
      rollbackReadiness({ entityRef: ref, lastPassedDrillAt: '2026-11-19T12:00:00Z', maxAgeDays: 90, now: NOW }),
    ).toEqual({
      ready: false,
      rehearsedWithinDays: true,
      reason: `${ref} has no rollback plan for this train and last passed a rollback rehearsal 1 day(s) ago`,
    });
    expect(rollbackReadiness({ entityRef: ref, plan, maxAgeDays: 30, now: NOW })).toEqual({
      ready: false,
      rehearsedWithinDays: false,
      reason: `${ref} has never passed a rollback rehearsal; one within 30 days is required`,
    });
  });
});

describe('featureFlagExpiry', () => {
  it.each([
    ['on', '2026-11-20T12:00:00Z', 'expired'],
    ['off', '2026-11-01T00:00:00Z', 'expired'],
    ['removed', '2026-11-01T00:00:00Z', 'removed'],
    ['on', '2026-11-27T12:00:00Z', 'expiring'],
    ['on', '2026-11-27T12:00:01Z', 'active'],
  ] as const)('a flag %s expiring %s is %s', (state, expiresAt, expected) => {
    expect(featureFlagExpiry({ state, expiresAt }, NOW, 7)).toBe(expected);
  });
});

describe('durations', () => {
  it('measures finished rollouts and rollbacks only', () => {
    expect(
      deploymentDurationMs({ startedAt: '2026-11-20T10:00:00Z', finishedAt: '2026-11-20T10:12:30Z' }),
    ).toBe(750_000);
    expect(deploymentDurationMs({ startedAt: '2026-11-20T10:00:00Z' })).toBeUndefined();
    expect(
      rollbackDurationMs({
        rollbackStartedAt: '2026-11-20T10:15:00Z',
        rollbackFinishedAt: '2026-11-20T10:16:00Z',
      }),
    ).toBe(60_000);
    expect(rollbackDurationMs({ rollbackStartedAt: '2026-11-20T10:15:00Z' })).toBeUndefined();
    expect(daysSince('2026-11-21T00:00:00Z', NOW)).toBe(0);
  });
});
