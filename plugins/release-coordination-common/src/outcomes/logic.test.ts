import { daysSince, deploymentDurationMs, featureFlagExpiry, rollbackDurationMs } from './logic';

const NOW = new Date('2026-11-20T12:00:00Z');

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
