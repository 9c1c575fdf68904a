const DAY_MS = 86_400_000;

/** Where a window sits on a timeline of `[from, to)`, in percent; none when it is outside. */
export function placeOnTimeline(
  window: { start: string; end: string },
  period: { from: string; to: string },
): { left: number; width: number } | undefined {
  const from = Date.parse(period.from);
  const span = Date.parse(period.to) - from;
  const start = Math.max(Date.parse(window.start), from);
  const end = Math.min(Date.parse(window.end), from + span);
  if (!(span > 0) || end <= start) return undefined;
  return {
    left: ((start - from) / span) * 100,
    width: ((end - start) / span) * 100,
  };
}

/** Where a moment, e.g. now, sits on a timeline of `[from, to)`; none when it is outside. */
export function placeMoment(
  time: number,
  period: { from: string; to: string },
): { left: number; width: number } | undefined {
  return placeOnTimeline(
    {
      start: new Date(time).toISOString(),
      end: new Date(time + 1).toISOString(),
    },
    period,
  );
}

/** The first day of each week of the period (UTC), as ticks of the timeline's scale. */
export function weekTicks(period: { from: string; to: string }): string[] {
  const ticks: string[] = [];
  for (
    let time = Date.parse(period.from);
    time < Date.parse(period.to);
    time += 7 * DAY_MS
  ) {
    ticks.push(new Date(time).toISOString());
  }
  return ticks;
}
