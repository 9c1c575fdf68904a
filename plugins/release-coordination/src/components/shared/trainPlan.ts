import { StageWindow } from '@release-coordination/plugin-release-coordination-common';
import { englishT, ReleaseCoordinationT } from './translation';

/** A stage window as two date inputs hold it: `YYYY-MM-DD`, or empty. */
export type StageWindowInput = { start: string; end: string };

/** Field name → what is wrong with it; stage windows under `window.<stage>`. */
export type PlanErrors = Partial<Record<string, string>>;

/** A User ref in full, as the backend requires for the ambassador. */
const USER_REF = /^user:[^:/]+\/[^:/]+$/;

/**
 * The checks of a train's plan (name, objective, ambassador, stage windows), the same ones the
 * backend makes, so that people see them before submitting. Windows may be left out, but a
 * window has both dates, does not end before it starts and does not start before the previous
 * stage's window ends: stages follow each other. The messages are in the words of `t`.
 */
export function validateTrainPlan(
  form: {
    name: string;
    objective: string;
    ambassadorRef: string;
    windows: Record<string, StageWindowInput>;
  },
  stages: { name: string }[],
  t: ReleaseCoordinationT = englishT,
): PlanErrors {
  const errors: PlanErrors = {};
  if (!form.name.trim()) errors.name = t('shared.plan.nameRequired');
  if (!form.objective.trim()) errors.objective = t('shared.plan.objectiveRequired');
  if (!USER_REF.test(form.ambassadorRef.trim())) {
    errors.ambassadorRef = t('shared.plan.ambassadorRef');
  }
  let previousEnd = '';
  for (const stage of stages) {
    const window = form.windows[stage.name] ?? { start: '', end: '' };
    if (!window.start && !window.end) continue;
    if (!window.start || !window.end) {
      errors[`window.${stage.name}`] = t('shared.plan.windowIncomplete');
    } else if (window.start > window.end) {
      errors[`window.${stage.name}`] = t('shared.plan.windowReversed');
    } else if (previousEnd && window.start < previousEnd) {
      errors[`window.${stage.name}`] = t('shared.plan.windowOverlaps');
    }
    if (window.end) previousEnd = window.end;
  }
  return errors;
}

/**
 * `YYYY-MM-DD` of the date inputs as a window from the start of the first day to the end of the
 * last, in UTC: windows are calendar days, the same for every team whatever its time zone.
 */
export function toStageWindow(input: StageWindowInput): StageWindow {
  return {
    start: new Date(`${input.start}T00:00:00Z`).toISOString(),
    end: new Date(`${input.end}T23:59:59Z`).toISOString(),
  };
}

/** A planned window as the date inputs show it (its UTC days); empty inputs when none. */
export function toStageWindowInput(window: StageWindow | undefined): StageWindowInput {
  if (!window) return { start: '', end: '' };
  return {
    start: new Date(window.start).toISOString().slice(0, 10),
    end: new Date(window.end).toISOString().slice(0, 10),
  };
}
