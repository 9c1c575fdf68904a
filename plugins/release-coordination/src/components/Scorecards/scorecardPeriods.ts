import { ScorecardPeriod } from '@release-coordination/plugin-release-coordination-common';
import { englishT, ReleaseCoordinationT } from '../shared';

const DAY_MS = 24 * 3_600_000;

/**
 * The longest period the backend computes a scorecard for (two years and a leap day); a
 * longer custom period would only come back as a 400.
 */
export const MAX_PERIOD_DAYS = 731;

/** The quick choices of the period selector: the last N days, today included. */
export const PERIOD_PRESETS = [
  { key: '30d', days: 30 },
  { key: '90d', days: 90 },
  { key: '180d', days: 180 },
  { key: '365d', days: 365 },
] as const;

export type PeriodPresetKey = (typeof PERIOD_PRESETS)[number]['key'];

/**
 * The period a reader chose. Custom periods are whole UTC days with both ends included, as a
 * person reads "from 1 to 30 September"; the scorecard's own period is half-open.
 */
export type PeriodChoice =
  | { kind: 'preset'; preset: PeriodPresetKey }
  | { kind: 'custom'; fromDay: string; toDay: string };

/** A quarter: long enough to see a few trains, short enough to see a change. */
export const DEFAULT_PERIOD: PeriodChoice = { kind: 'preset', preset: '90d' };

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** The start of a `YYYY-MM-DD` day in UTC, or `undefined` for anything else. */
function dayStart(day: string): number | undefined {
  if (!DAY_PATTERN.test(day)) return undefined;
  const time = Date.parse(`${day}T00:00:00.000Z`);
  // `Date.parse` rolls 2026-02-30 over into March; such a day is not a day.
  if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== day) return undefined;
  return time;
}

/** The UTC day (`YYYY-MM-DD`) of an instant. */
export function utcDay(time: Date | number | string): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** The day before a UTC day. */
function previousDay(day: string): string {
  return utcDay(dayStart(day)! - DAY_MS);
}

export function isPresetKey(value: string | null): value is PeriodPresetKey {
  return PERIOD_PRESETS.some(p => p.key === value);
}

/**
 * What is wrong with a custom period, in the words of `t` for the date fields, or `undefined`
 * when it is a period the backend computes.
 */
export function customPeriodError(
  fromDay: string,
  toDay: string,
  t: ReleaseCoordinationT = englishT,
): string | undefined {
  const from = dayStart(fromDay);
  const to = dayStart(toDay);
  if (from === undefined) return t('scorecards.period.errors.firstDay');
  if (to === undefined) return t('scorecards.period.errors.lastDay');
  if (to < from) return t('scorecards.period.errors.reversed');
  if ((to - from) / DAY_MS + 1 > MAX_PERIOD_DAYS) {
    return t('scorecards.period.errors.tooLong', { count: MAX_PERIOD_DAYS });
  }
  return undefined;
}

/**
 * The half-open period to ask for. A preset ends at the end of `today` (UTC), so that the
 * period stays the same all day long, deployments of the day count, and every preset is a
 * whole number of days (deploy-days and frequencies are counted in UTC days).
 */
export function periodOf(choice: PeriodChoice, today: string): ScorecardPeriod {
  if (choice.kind === 'custom') {
    return {
      from: new Date(dayStart(choice.fromDay)!).toISOString(),
      to: new Date(dayStart(choice.toDay)! + DAY_MS).toISOString(),
    };
  }
  const days = PERIOD_PRESETS.find(p => p.key === choice.preset)!.days;
  const to = dayStart(today)! + DAY_MS;
  return { from: new Date(to - days * DAY_MS).toISOString(), to: new Date(to).toISOString() };
}

/** The first and last day (both included) of a period, e.g. to start a custom period from it. */
export function daysOf(period: ScorecardPeriod): { fromDay: string; toDay: string } {
  return { fromDay: utcDay(period.from), toDay: previousDay(utcDay(period.to)) };
}

/** A period for people: "23 Aug 2026 – 20 Nov 2026 (UTC)". */
export function describePeriod(
  period: ScorecardPeriod,
  t: ReleaseCoordinationT = englishT,
): string {
  const { fromDay, toDay } = daysOf(period);
  const format = (day: string) =>
    new Date(`${day}T00:00:00.000Z`).toLocaleDateString('en-GB', {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    });
  return t('scorecards.period.range', { from: format(fromDay), to: format(toDay) });
}
