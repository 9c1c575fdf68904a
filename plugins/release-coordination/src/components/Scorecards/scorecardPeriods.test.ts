import {
  customPeriodError,
  daysOf,
  describePeriod,
  MAX_PERIOD_DAYS,
  periodOf,
} from './scorecardPeriods';

describe('periodOf', () => {
  it('ends a preset with today, whole UTC days, and keeps it all day', () => {
    expect(periodOf({ kind: 'preset', preset: '30d' }, '2026-11-20')).toEqual({
      from: '2026-10-22T00:00:00.000Z',
      to: '2026-11-21T00:00:00.000Z',
    });
    expect(periodOf({ kind: 'preset', preset: '365d' }, '2026-11-20')).toEqual({
      from: '2025-11-21T00:00:00.000Z',
      to: '2026-11-21T00:00:00.000Z',
    });
  });

  it('includes both days of a custom period: the scorecard period ends the day after', () => {
    expect(
      periodOf({ kind: 'custom', fromDay: '2026-09-01', toDay: '2026-09-30' }, '2026-11-20'),
    ).toEqual({ from: '2026-09-01T00:00:00.000Z', to: '2026-10-01T00:00:00.000Z' });
    // One day is a period too.
    expect(
      periodOf({ kind: 'custom', fromDay: '2026-02-28', toDay: '2026-02-28' }, '2026-11-20'),
    ).toEqual({ from: '2026-02-28T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z' });
  });

  it('turns a period back into its first and last day', () => {
    expect(daysOf({ from: '2026-10-22T00:00:00.000Z', to: '2026-11-21T00:00:00.000Z' })).toEqual({
      fromDay: '2026-10-22',
      toDay: '2026-11-20',
    });
    expect(describePeriod({ from: '2026-10-22T00:00:00.000Z', to: '2026-11-21T00:00:00.000Z' })).toBe(
      '22 Oct 2026 – 20 Nov 2026 (UTC)',
    );
  });
});

describe('customPeriodError', () => {
  it('accepts a period of up to the longest the backend computes', () => {
    expect(customPeriodError('2026-09-01', '2026-09-30')).toBeUndefined();
    // 2025-01-01 to 2026-12-31 is 730 days; one more day is the limit.
    expect(customPeriodError('2025-01-01', '2027-01-01')).toBeUndefined();
    expect(MAX_PERIOD_DAYS).toBe(731);
    expect(customPeriodError('2025-01-01', '2027-01-02')).toBe(
      'A scorecard covers at most 731 days.',
    );
  });

  it('says which day is wrong', () => {
    expect(customPeriodError('', '2026-09-30')).toBe('Enter the first day of the period.');
    expect(customPeriodError('2026-02-30', '2026-03-30')).toBe('Enter the first day of the period.');
    expect(customPeriodError('2026-09-01', '30.09.2026')).toBe('Enter the last day of the period.');
    expect(customPeriodError('2026-09-02', '2026-09-01')).toBe(
      'The last day must not be before the first.',
    );
  });
});
