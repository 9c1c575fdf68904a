import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { useApi } from '@backstage/core-plugin-api';
import {
  StageWindow,
  TrainDetail,
  UpdateTrainRequest,
} from '@release-coordination/plugin-release-coordination-common';
import { useState } from 'react';
import { releaseCoordinationApiRef } from '../../api';
import { releaseCoordinationTranslationRef } from '../../translations';
import {
  CatalogEntityPicker,
  englishT,
  FormDialog,
  FormTextField,
  PlanErrors,
  type ReleaseCoordinationT,
  sameRef,
  StageWindowFields,
  StageWindowInput,
  toStageWindow,
  toStageWindowInput,
  useBackendRequest,
  validateTrainPlan,
} from '../shared';

type PlanForm = {
  name: string;
  objective: string;
  ambassadorRef: string;
  windows: Record<string, StageWindowInput>;
};

function planOf(train: TrainDetail): PlanForm {
  return {
    name: train.name,
    objective: train.objective,
    ambassadorRef: train.ambassadorRef,
    windows: Object.fromEntries(
      train.stages.map(stage => [stage.name, toStageWindowInput(stage.window)]),
    ),
  };
}

/**
 * The checks of a train's changed plan: those of every plan, and no planned window emptied. A
 * change leaves out the stages it does not touch, so a window cannot be taken away, only moved.
 */
export function validateTrainEdit(
  form: PlanForm,
  train: TrainDetail,
  t: ReleaseCoordinationT = englishT,
): PlanErrors {
  const errors = validateTrainPlan(form, train.stages, t);
  for (const stage of train.stages) {
    const window = form.windows[stage.name];
    if (stage.window && !window?.start && !window?.end) {
      errors[`window.${stage.name}`] = t('trainPage.edit.windowRemoved');
    }
  }
  return errors;
}

/** Only what differs from the train: unchanged fields and stage windows are left out. */
export function trainChanges(form: PlanForm, train: TrainDetail): UpdateTrainRequest {
  const request: UpdateTrainRequest = {};
  if (form.name.trim() !== train.name) request.name = form.name.trim();
  if (form.objective.trim() !== train.objective) request.objective = form.objective.trim();
  if (!sameRef(form.ambassadorRef.trim(), train.ambassadorRef)) {
    request.ambassadorRef = form.ambassadorRef.trim();
  }
  const stageWindows: Record<string, StageWindow> = {};
  for (const stage of train.stages) {
    const window = form.windows[stage.name];
    const before = toStageWindowInput(stage.window);
    if (!window?.start || !window.end) continue;
    if (window.start !== before.start || window.end !== before.end) {
      stageWindows[stage.name] = toStageWindow(window);
    }
  }
  if (Object.keys(stageWindows).length > 0) request.stageWindows = stageWindows;
  return request;
}

/**
 * Changes a train's plan: name, objective, ambassador and stage windows. The same checks as
 * when the train was created; the backend's refusal is shown as it says it.
 */
export function EditTrainDialog(props: {
  train: TrainDetail;
  open: boolean;
  onClose: () => void;
  /** Called with the train as the backend returns it after the change. */
  onSaved: (train: TrainDetail) => void;
}) {
  const { train, open, onClose, onSaved } = props;
  const api = useApi(releaseCoordinationApiRef);
  const [form, setForm] = useState<PlanForm>(() => planOf(train));
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const [errors, setErrors] = useState<PlanErrors>({});
  const { busy, error, send } = useBackendRequest();

  const setField = (field: 'name' | 'objective' | 'ambassadorRef', value: string) =>
    setForm(current => ({ ...current, [field]: value }));
  const setWindows = (windows: Record<string, StageWindowInput>) =>
    setForm(current => ({ ...current, windows }));

  async function save() {
    const found = validateTrainEdit(form, train, t);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const changes = trainChanges(form, train);
    if (Object.keys(changes).length === 0) {
      // Nothing differs: there is no change to log.
      onClose();
      return;
    }
    await send(
      () => api.updateTrain({ trainId: train.id, ...changes }),
      updated => {
        onSaved(updated);
        onClose();
      },
    );
  }

  return (
    <FormDialog
      id="edit-train"
      title={t('trainPage.edit.title', { train: train.name })}
      open={open}
      maxWidth="md"
      busy={busy}
      error={error}
      submitLabel={t('trainPage.edit.save')}
      onSubmit={save}
      onClose={onClose}
    >
      <FormTextField
        id="edit-train-name"
        label={t('trains.dialog.name')}
        value={form.name}
        onChange={value => setField('name', value)}
        error={errors.name}
        required
      />
      <FormTextField
        id="edit-train-objective"
        label={t('trains.dialog.objective')}
        value={form.objective}
        onChange={value => setField('objective', value)}
        error={errors.objective}
        helperText={t('trains.dialog.objectiveHelp')}
        multiline
        required
      />
      <CatalogEntityPicker
        id="edit-train-ambassador"
        label={t('trains.dialog.ambassador')}
        kind="User"
        value={form.ambassadorRef}
        onChange={ref => setField('ambassadorRef', ref)}
        error={errors.ambassadorRef}
        helperText={t('trains.dialog.ambassadorHelp')}
        required
      />
      <StageWindowFields
        idPrefix="edit-train"
        stages={train.stages}
        windows={form.windows}
        onChange={setWindows}
        errors={errors}
      />
    </FormDialog>
  );
}
