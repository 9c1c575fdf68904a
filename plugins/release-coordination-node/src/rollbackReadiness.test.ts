import { rollbackReadiness } from './rollbackReadiness';

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
