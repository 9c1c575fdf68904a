import {
  CadenceStageOffset,
  CreateCadenceRequest,
} from '@release-coordination/plugin-release-coordination-common';
import { PlanErrors, type ReleaseCoordinationT } from '../shared';
import { DEFAULT_STAGES } from '../TrainsPage/NewTrainDialog';
import { parseRefInput } from './entityRefInput';

/** A team as its row of the form holds it; `key` tells rows apart as they come and go. */
export type TeamRow = { key: number; ref: string };

/** A stage offset as its row holds it: the days as typed. */
export type StageRow = {
  key: number;
  stage: string;
  startDay: string;
  endDay: string;
};

/** The "New cadence" form as typed. */
export type CadenceFormValues = {
  name: string;
  description: string;
  intervalDays: string;
  firstStart: string;
  teams: TeamRow[];
  stages: StageRow[];
};

/**
 * The days of the usual stages in an occurrence, by the stages of `DEFAULT_STAGES`: the backend
 * configures the stages and no API lists them, so the form starts from the usual plan, editable.
 */
const DEFAULT_OFFSETS: [number, number][] = [
  [0, 3],
  [3, 6],
  [6, 9],
  [9, 11],
];

export const defaultStageRows = (): StageRow[] =>
  DEFAULT_STAGES.map((stage, index) => {
    const [startDay, endDay] = DEFAULT_OFFSETS[index] ?? [0, 1];
    return {
      key: index,
      stage: stage.name,
      startDay: String(startDay),
      endDay: String(endDay),
    };
  });

export const emptyTeamRow = (key: number): TeamRow => ({ key, ref: '' });

export const emptyStageRow = (key: number): StageRow => ({
  key,
  stage: '',
  startDay: '',
  endDay: '',
});

/** A stage name as the backend takes it. */
const STAGE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** A day as the date input gives it. */
const DAY = /^\d{4}-\d{2}-\d{2}$/;
export const MAX_DAYS = 366;

/** A whole number typed in a field, when it lies within `min`..`max`. */
function wholeNumber(typed: string, min: number, max: number) {
  const trimmed = typed.trim();
  if (!/^\d+$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return value >= min && value <= max ? value : undefined;
}

/** The team rows filled in, as the request takes them; the checks' findings in `found`. */
function teamRefsOf(
  teams: TeamRow[],
  found: PlanErrors,
  t: ReleaseCoordinationT,
): string[] {
  const refs: string[] = [];
  teams.forEach((row, index) => {
    if (!row.ref.trim()) return;
    const parsed = parseRefInput(row.ref, 'group');
    if ('invalid' in parsed) {
      found[`team.${index}`] = t('cadences.newDialog.teamInvalid', {
        message: parsed.invalid,
      });
    } else if ('otherKind' in parsed) {
      found[`team.${index}`] = t('cadences.newDialog.teamNotGroup', {
        ref: parsed.otherKind,
      });
    } else if (refs.includes(parsed.ref)) {
      found[`team.${index}`] = t('cadences.newDialog.teamDuplicate');
    } else {
      refs.push(parsed.ref);
    }
  });
  const complete = Object.keys(found).every(key => !key.startsWith('team.'));
  if (refs.length === 0 && complete) {
    found.teams = t('cadences.newDialog.teamsRequired');
  }
  return refs;
}

/** What is wrong with one stage row, by the field of the row. */
function stageRowProblems(
  stage: string,
  startDay: number | undefined,
  endDay: number | undefined,
  seen: Set<string>,
  t: ReleaseCoordinationT,
): PlanErrors {
  const problems: PlanErrors = {};
  if (!STAGE_NAME.test(stage)) {
    problems.stage = t('cadences.newDialog.stageInvalid');
  } else if (seen.has(stage)) {
    problems.stage = t('cadences.newDialog.stageDuplicate');
  }
  if (startDay === undefined) {
    problems.startDay = t('cadences.newDialog.dayInvalid');
  }
  if (endDay === undefined) {
    problems.endDay = t('cadences.newDialog.dayInvalid');
  } else if (startDay !== undefined && endDay <= startDay) {
    problems.endDay = t('cadences.newDialog.endBeforeStart');
  }
  return problems;
}

/** The stage rows filled in, as the request takes them; the checks' findings in `found`. */
function stageOffsetsOf(
  stages: StageRow[],
  found: PlanErrors,
  t: ReleaseCoordinationT,
): CadenceStageOffset[] {
  const offsets: CadenceStageOffset[] = [];
  const seen = new Set<string>();
  let complete = true;
  for (const [index, row] of stages.entries()) {
    const stage = row.stage.trim();
    if (!stage && !row.startDay.trim() && !row.endDay.trim()) continue;
    const startDay = wholeNumber(row.startDay, 0, MAX_DAYS);
    const endDay = wholeNumber(row.endDay, 0, MAX_DAYS);
    const problems = stageRowProblems(stage, startDay, endDay, seen, t);
    seen.add(stage);
    for (const [field, message] of Object.entries(problems)) {
      found[`${field}.${index}`] = message;
    }
    if (
      Object.keys(problems).length === 0 &&
      startDay !== undefined &&
      endDay !== undefined
    ) {
      offsets.push({ stage, startDay, endDay });
    } else {
      complete = false;
    }
  }
  if (offsets.length === 0 && complete) {
    found.stages = t('cadences.newDialog.stagesRequired');
  }
  return offsets;
}

/**
 * The checks of the "New cadence" form, the same ones the backend makes, and the request when
 * they find nothing wrong. Errors are by field: `team.<row>`, `stage.<row>`, `startDay.<row>`
 * and `endDay.<row>` for the rows, `teams` and `stages` for the lists.
 */
export function cadenceRequestOf(
  form: CadenceFormValues,
  t: ReleaseCoordinationT,
): { errors: PlanErrors; request?: CreateCadenceRequest } {
  const found: PlanErrors = {};
  if (!form.name.trim()) found.name = t('cadences.newDialog.nameRequired');
  const interval = wholeNumber(form.intervalDays, 1, MAX_DAYS);
  if (interval === undefined) {
    found.intervalDays = t('cadences.newDialog.intervalInvalid');
  }
  const start = DAY.test(form.firstStart)
    ? new Date(`${form.firstStart}T00:00:00Z`)
    : undefined;
  if (!start || Number.isNaN(start.getTime())) {
    found.firstStart = t('cadences.newDialog.firstStartRequired');
  }
  const teamRefs = teamRefsOf(form.teams, found, t);
  const stageOffsets = stageOffsetsOf(form.stages, found, t);
  if (Object.keys(found).length > 0 || !interval || !start) {
    return { errors: found };
  }
  const description = form.description.trim();
  return {
    errors: found,
    request: {
      name: form.name.trim(),
      ...(description ? { description } : {}),
      intervalDays: interval,
      firstStart: start.toISOString(),
      stageOffsets,
      teamRefs,
    },
  };
}
