import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';

const DAY_MS = 86_400_000;

/** The spans a reader picks from, in weeks: a month, a quarter, half a year. */
export const CALENDAR_WEEKS = [4, 8, 13, 26] as const;
const DEFAULT_WEEKS = 13;

/** What the calendar shows: from a day (`YYYY-MM-DD`, UTC) for some weeks, and its filters. */
export interface CalendarLocation {
  from: string;
  weeks: number;
  team?: string;
  system?: string;
  domain?: string;
}

/** The filters a calendar can have, in the order the page shows them. */
export const CALENDAR_FILTERS = ['team', 'system', 'domain'] as const;
export type CalendarFilter = (typeof CALENDAR_FILTERS)[number];

/** How many weeks before this one a calendar starts by default: recent trains stay in view. */
const WEEKS_BEFORE = 2;

/** Monday of the week of `now` (UTC), `weeksBefore` weeks earlier: a calendar starts on a week. */
export function startOfWeek(now: Date, weeksBefore = 0): string {
  const day = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()),
  );
  const sinceMonday = ((day.getUTCDay() + 6) % 7) + weeksBefore * 7;
  return new Date(day.getTime() - sinceMonday * DAY_MS)
    .toISOString()
    .slice(0, 10);
}

/** The location in a query string; what is missing or malformed takes its default. */
export function parseCalendarSearch(
  params: URLSearchParams,
  now: Date,
): CalendarLocation {
  const from = params.get('from');
  const weeks = Number(params.get('weeks'));
  const location: CalendarLocation = {
    from:
      from && /^\d{4}-\d{2}-\d{2}$/.test(from) && !isNaN(Date.parse(from))
        ? from
        : startOfWeek(now, WEEKS_BEFORE),
    weeks: (CALENDAR_WEEKS as readonly number[]).includes(weeks)
      ? weeks
      : DEFAULT_WEEKS,
  };
  for (const filter of CALENDAR_FILTERS) {
    const value = params.get(filter)?.trim();
    if (value) location[filter] = value;
  }
  return location;
}

export function calendarSearch(location: CalendarLocation): URLSearchParams {
  const params = new URLSearchParams({
    from: location.from,
    weeks: String(location.weeks),
  });
  for (const filter of CALENDAR_FILTERS) {
    const value = location[filter];
    if (value) params.set(filter, value);
  }
  return params;
}

/** The period of a location, as the API takes it: `[from, to)` in ISO 8601. */
export function calendarPeriod(location: CalendarLocation): {
  from: string;
  to: string;
} {
  const from = Date.parse(`${location.from}T00:00:00Z`);
  return {
    from: new Date(from).toISOString(),
    to: new Date(from + location.weeks * 7 * DAY_MS).toISOString(),
  };
}

/** The calendar's location in the query string, so a link shows the same calendar. */
export function useCalendarLocation() {
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  const location = useMemo(
    () => parseCalendarSearch(new URLSearchParams(search), new Date()),
    [search],
  );
  const go = useCallback(
    (next: CalendarLocation) => setParams(calendarSearch(next)),
    [setParams],
  );
  return { location, go };
}
