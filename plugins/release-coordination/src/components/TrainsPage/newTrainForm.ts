import {
  CreateTrainRequest,
  StageWindow,
} from '@release-coordination/plugin-release-coordination-common';
import {
  CatalogEntityOption,
  englishT,
  PlanErrors,
  type ReleaseCoordinationT,
  StageWindowInput,
  toStageWindow,
  validateTrainPlan,
} from '../shared';

/** The "New train" form as typed. */
export type NewTrainFormValues = {
  name: string;
  objective: string;
  ambassadorRef: string;
  windows: Record<string, StageWindowInput>;
  selected: CatalogEntityOption[];
  versions: Record<string, string>;
};

/**
 * The form's checks, the same ones the backend makes, so people see them before submitting:
 * those of every train plan, and at least one participant, each with a target version.
 */
export function validateNewTrain(
  form: {
    name: string;
    objective: string;
    ambassadorRef: string;
    windows: Record<string, StageWindowInput>;
    participants: { entityRef: string; targetVersion: string }[];
  },
  stages: { name: string }[],
  t: ReleaseCoordinationT = englishT,
): PlanErrors {
  const errors = validateTrainPlan(form, stages, t);
  if (form.participants.length === 0) {
    errors.participants = t('trains.dialog.participantsRequired');
  }
  for (const participant of form.participants) {
    if (!participant.targetVersion.trim()) {
      errors[`version.${participant.entityRef}`] = t(
        'trains.dialog.versionRequired',
      );
    }
  }
  return errors;
}

/**
 * The checks of the "New train" form and the request when they find nothing wrong: the
 * components chosen with their target versions, and the windows with both dates.
 */
export function newTrainRequestOf(
  form: NewTrainFormValues,
  stages: { name: string }[],
  t: ReleaseCoordinationT,
): { errors: PlanErrors; request?: CreateTrainRequest } {
  const { name, objective, ambassadorRef, windows } = form;
  const participants = form.selected.map(option => ({
    entityRef: option.entityRef,
    targetVersion: (form.versions[option.entityRef] ?? '').trim(),
  }));
  const errors = validateNewTrain(
    { name, objective, ambassadorRef, windows, participants },
    stages,
    t,
  );
  if (Object.keys(errors).length > 0) return { errors };

  const stageWindows: Record<string, StageWindow> = {};
  for (const stage of stages) {
    const window = windows[stage.name];
    if (window?.start && window.end) {
      stageWindows[stage.name] = toStageWindow(window);
    }
  }
  return {
    errors,
    request: {
      name: name.trim(),
      objective: objective.trim(),
      ambassadorRef: ambassadorRef.trim(),
      stageWindows,
      participants,
    },
  };
}
