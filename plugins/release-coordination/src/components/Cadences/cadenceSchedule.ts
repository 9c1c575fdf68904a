import {
  ReleaseCadence,
  StageWindow,
} from '@release-coordination/plugin-release-coordination-common';
import { DEFAULT_STAGES } from '../TrainsPage/NewTrainDialog';

const DAY_MS = 86_400_000;

type Schedule = Pick<ReleaseCadence, 'firstStart' | 'intervalDays'>;

/** When occurrence `n` of a cadence starts: `(n - 1) * intervalDays` after the first. */
export function occurrenceStart(cadence: Schedule, occurrence: number): Date {
  return new Date(
    Date.parse(cadence.firstStart) +
      (occurrence - 1) * cadence.intervalDays * DAY_MS,
  );
}

/** The first occurrence of a cadence that starts at `now` or later, and when it starts. */
export function upcomingOccurrence(
  cadence: Schedule,
  now: Date,
): { occurrence: number; start: Date } {
  const elapsed = now.getTime() - Date.parse(cadence.firstStart);
  const occurrence =
    elapsed <= 0 ? 1 : Math.ceil(elapsed / (cadence.intervalDays * DAY_MS)) + 1;
  return { occurrence, start: occurrenceStart(cadence, occurrence) };
}

const STAGE_TITLES: Record<string, string> = Object.fromEntries(
  DEFAULT_STAGES.map(stage => [stage.name, stage.title]),
);

/**
 * The stages of a cadence's windows in the order its offsets give them, each with a title
 * (the stage's name when it is not one of the usual stages): stages are backend
 * configuration, and the cadence plans only some of them.
 */
export function windowStages(
  cadence: Pick<ReleaseCadence, 'stageOffsets'>,
  windows: Record<string, StageWindow>,
): { name: string; title: string }[] {
  const ordered = cadence.stageOffsets
    .map(offset => offset.stage)
    .filter(stage => stage in windows);
  const rest = Object.keys(windows).filter(stage => !ordered.includes(stage));
  return [...ordered, ...rest].map(name => ({
    name,
    title: STAGE_TITLES[name] ?? name,
  }));
}
