import {
  AmbassadorSuggestion,
  CadenceRotationChange,
  ReleaseCadence,
  StageWindow,
} from '@release-coordination/plugin-release-coordination-common';

const DAY_MS = 86_400_000;

/** When occurrence `n` (from 1) of a cadence starts. */
export function occurrenceStart(
  cadence: Pick<ReleaseCadence, 'firstStart' | 'intervalDays'>,
  occurrence: number,
): Date {
  return new Date(
    Date.parse(cadence.firstStart) +
      (occurrence - 1) * cadence.intervalDays * DAY_MS,
  );
}

/** The stage windows of occurrence `n`: the cadence's offsets from the occurrence's start. */
export function occurrenceWindows(
  cadence: Pick<ReleaseCadence, 'firstStart' | 'intervalDays' | 'stageOffsets'>,
  occurrence: number,
): Record<string, StageWindow> {
  const start = occurrenceStart(cadence, occurrence).getTime();
  return Object.fromEntries(
    cadence.stageOffsets.map(offset => [
      offset.stage,
      {
        start: new Date(start + offset.startDay * DAY_MS).toISOString(),
        end: new Date(start + offset.endDay * DAY_MS).toISOString(),
      },
    ]),
  );
}

/**
 * The next occurrence to create a train for: the one after the newest train of the series,
 * but never one whose period is over by `now` (a series that paused resumes at today's).
 */
export function nextOccurrence(
  cadence: Pick<ReleaseCadence, 'firstStart' | 'intervalDays'>,
  latest: number | undefined,
  now: Date,
): number {
  const elapsed = now.getTime() - Date.parse(cadence.firstStart);
  const current =
    elapsed < 0 ? 1 : Math.floor(elapsed / (cadence.intervalDays * DAY_MS)) + 1;
  return Math.max((latest ?? 0) + 1, current);
}

/** How often a roster member ran a train of the series, and the latest occurrence they ran. */
export interface MemberRuns {
  runs: number;
  lastOccurrence?: number;
}

/**
 * Whom the rotation suggests for `occurrence`: of the roster, leaving out whoever skips it,
 * the member who ran the fewest trains of the series, then the one who ran longest ago (never
 * first), then the first in roster order. A swap recorded for the chosen member hands the
 * occurrence to the substitute. Fair by construction: the counts it goes by are shown.
 */
export function suggestAmbassador(input: {
  roster: string[];
  runs: Map<string, MemberRuns>;
  changes: CadenceRotationChange[];
  occurrence: number;
}): AmbassadorSuggestion | undefined {
  const { roster, runs, occurrence } = input;
  const changes = input.changes.filter(c => c.occurrence === occurrence);
  const skipping = new Set(
    changes.filter(c => c.kind === 'skip').map(c => c.memberRef),
  );
  const candidates = roster
    .map((memberRef, position) => ({
      memberRef,
      position,
      ...(runs.get(memberRef) ?? { runs: 0 }),
    }))
    .filter(c => !skipping.has(c.memberRef));
  if (candidates.length === 0) return undefined;
  candidates.sort(
    (a, b) =>
      a.runs - b.runs ||
      (a.lastOccurrence ?? 0) - (b.lastOccurrence ?? 0) ||
      a.position - b.position,
  );
  const chosen = candidates[0];
  const turn =
    chosen.runs === 0
      ? 'has not run a train of the series yet'
      : `ran ${chosen.runs} train(s) of the series, the latest #${chosen.lastOccurrence}`;
  const skipped = [...skipping].filter(ref => roster.includes(ref));
  const because = `${chosen.memberRef} ${turn}, the fewest on the roster${
    skipped.length ? `; ${skipped.join(', ')} skip(s) this one` : ''
  }`;
  const swap = changes
    .filter(c => c.kind === 'swap' && c.memberRef === chosen.memberRef)
    .at(-1);
  if (swap?.substituteRef) {
    return {
      memberRef: swap.substituteRef,
      reason: `Swapped with ${chosen.memberRef} (${swap.reason}); ${because}`,
    };
  }
  return { memberRef: chosen.memberRef, reason: because };
}
