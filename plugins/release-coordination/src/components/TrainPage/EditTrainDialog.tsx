import { useApi } from '@backstage/core-plugin-api';
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  TextField,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import {
  StageWindow,
  TrainDetail,
  UpdateTrainRequest,
} from '@release-coordination/plugin-release-coordination-common';
import { useState } from 'react';
import { releaseCoordinationApiRef } from '../../api';
import {
  CatalogEntityPicker,
  PlanErrors,
  sameRef,
  StageWindowFields,
  StageWindowInput,
  toStageWindow,
  toStageWindowInput,
  validateTrainPlan,
} from '../shared';
import { useTrainChangeRequest } from './useTrainChangeRequest';

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
export function validateTrainEdit(form: PlanForm, train: TrainDetail): PlanErrors {
  const errors = validateTrainPlan(form, train.stages);
  for (const stage of train.stages) {
    const window = form.windows[stage.name];
    if (stage.window && !window?.start && !window?.end) {
      errors[`window.${stage.name}`] = 'A planned window cannot be removed; change its dates.';
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
  const [errors, setErrors] = useState<PlanErrors>({});
  const { busy, error, send } = useTrainChangeRequest();

  const setField = (field: 'name' | 'objective' | 'ambassadorRef', value: string) =>
    setForm(current => ({ ...current, [field]: value }));
  const setWindow = (stage: string, field: 'start' | 'end', value: string) =>
    setForm(current => ({
      ...current,
      windows: {
        ...current.windows,
        [stage]: { ...(current.windows[stage] ?? { start: '', end: '' }), [field]: value },
      },
    }));

  async function save() {
    const found = validateTrainEdit(form, train);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const changes = trainChanges(form, train);
    if (Object.keys(changes).length === 0) {
      // Nothing differs: there is no change to log.
      onClose();
      return;
    }
    const updated = await send(() => api.updateTrain({ trainId: train.id, ...changes }));
    if (updated) {
      onSaved(updated);
      onClose();
    }
  }

  return (
    <Dialog
      open={open}
      onClose={onClose}
      fullWidth
      maxWidth="md"
      aria-labelledby="edit-train-title"
    >
      <DialogTitle id="edit-train-title">Edit {train.name}</DialogTitle>
      <DialogContent>
        {error && (
          <Box marginBottom={2}>
            <Alert severity="error" role="alert">
              {error}
            </Alert>
          </Box>
        )}
        <TextField
          id="edit-train-name"
          label="Name"
          value={form.name}
          onChange={e => setField('name', e.target.value)}
          error={Boolean(errors.name)}
          helperText={errors.name}
          fullWidth
          margin="dense"
          required
        />
        <TextField
          id="edit-train-objective"
          label="Objective"
          value={form.objective}
          onChange={e => setField('objective', e.target.value)}
          error={Boolean(errors.objective)}
          helperText={errors.objective ?? 'The shared release goal, in one or two sentences'}
          fullWidth
          multiline
          margin="dense"
          required
        />
        <CatalogEntityPicker
          id="edit-train-ambassador"
          label="Ambassador"
          kind="User"
          value={form.ambassadorRef}
          onChange={ref => setField('ambassadorRef', ref)}
          error={errors.ambassadorRef}
          helperText="The User who runs this train"
          required
        />
        <Box marginTop={2}>
          <Typography variant="subtitle1" component="h3">
            Stage windows
          </Typography>
          <StageWindowFields
            idPrefix="edit-train"
            stages={train.stages}
            windows={form.windows}
            onChange={setWindow}
            errors={errors}
          />
        </Box>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button color="primary" variant="contained" onClick={save} disabled={busy}>
          Save
        </Button>
      </DialogActions>
    </Dialog>
  );
}
