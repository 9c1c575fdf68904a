import { identityApiRef, useApi, useRouteRef } from '@backstage/core-plugin-api';
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
import { Alert, Autocomplete } from '@material-ui/lab';
import {
  CreateTrainRequest,
  StageWindow,
} from '@release-coordination/plugin-release-coordination-common';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { releaseCoordinationApiRef } from '../../api';
import { trainRouteRef } from '../../routes';
import {
  CatalogEntityOption,
  errorMessage,
  PlanErrors,
  StageWindowFields,
  StageWindowInput,
  toStageWindow,
  useCatalogEntityOptions,
  validateTrainPlan,
} from '../shared';

/** The stages of a train when no existing train tells which ones the backend configures. */
export const DEFAULT_STAGES = [
  { name: 'planning', title: 'Planning' },
  { name: 'integration', title: 'Integration' },
  { name: 'validation', title: 'Validation' },
  { name: 'deployment', title: 'Deployment' },
];

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
): PlanErrors {
  const errors = validateTrainPlan(form, stages);
  if (form.participants.length === 0) {
    errors.participants = 'Add at least one component to the train.';
  }
  for (const participant of form.participants) {
    if (!participant.targetVersion.trim()) {
      errors[`version.${participant.entityRef}`] = 'Give the version this train ships.';
    }
  }
  return errors;
}

/**
 * The "New train" form: name, objective, ambassador (the signed-in user by default), a window
 * per stage and the participating components with their target versions.
 */
export function NewTrainDialog(props: {
  open: boolean;
  onClose: () => void;
  stages: { name: string; title: string }[];
}) {
  const { open, onClose, stages } = props;
  const api = useApi(releaseCoordinationApiRef);
  const identityApi = useApi(identityApiRef);
  const navigate = useNavigate();
  const trainLink = useRouteRef(trainRouteRef);

  const [name, setName] = useState('');
  const [objective, setObjective] = useState('');
  const [ambassadorRef, setAmbassadorRef] = useState('');
  const [windows, setWindows] = useState<Record<string, StageWindowInput>>({});
  const [selected, setSelected] = useState<CatalogEntityOption[]>([]);
  const [versions, setVersions] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<PlanErrors>({});
  const [submitError, setSubmitError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    identityApi.getBackstageIdentity().then(
      identity => {
        if (!cancelled) setAmbassadorRef(current => current || identity.userEntityRef);
      },
      () => {},
    );
    return () => {
      cancelled = true;
    };
  }, [open, identityApi]);

  const components = useCatalogEntityOptions('Component', open);

  const setWindow = (stage: string, field: 'start' | 'end', value: string) =>
    setWindows(current => ({
      ...current,
      [stage]: { ...(current[stage] ?? { start: '', end: '' }), [field]: value },
    }));

  async function submit() {
    const participants = selected.map(option => ({
      entityRef: option.entityRef,
      targetVersion: (versions[option.entityRef] ?? '').trim(),
    }));
    const found = validateNewTrain({ name, objective, ambassadorRef, windows, participants }, stages);
    setErrors(found);
    if (Object.keys(found).length > 0) return;

    const stageWindows: Record<string, StageWindow> = {};
    for (const stage of stages) {
      const window = windows[stage.name];
      if (window?.start && window.end) stageWindows[stage.name] = toStageWindow(window);
    }
    const request: CreateTrainRequest = {
      name: name.trim(),
      objective: objective.trim(),
      ambassadorRef: ambassadorRef.trim(),
      stageWindows,
      participants,
    };
    setBusy(true);
    setSubmitError(undefined);
    try {
      const train = await api.createTrain(request);
      onClose();
      navigate(trainLink({ trainId: train.id }));
    } catch (e) {
      setSubmitError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="md" aria-labelledby="new-train-title">
      <DialogTitle id="new-train-title">New release train</DialogTitle>
      <DialogContent>
        {submitError && (
          <Box marginBottom={2}>
            <Alert severity="error" role="alert">
              {submitError}
            </Alert>
          </Box>
        )}
        <TextField
          id="new-train-name"
          label="Name"
          value={name}
          onChange={e => setName(e.target.value)}
          error={Boolean(errors.name)}
          helperText={errors.name ?? 'e.g. 2026.12 winter release'}
          fullWidth
          margin="dense"
          required
        />
        <TextField
          id="new-train-objective"
          label="Objective"
          value={objective}
          onChange={e => setObjective(e.target.value)}
          error={Boolean(errors.objective)}
          helperText={errors.objective ?? 'The shared release goal, in one or two sentences'}
          fullWidth
          multiline
          margin="dense"
          required
        />
        <TextField
          id="new-train-ambassador"
          label="Ambassador"
          value={ambassadorRef}
          onChange={e => setAmbassadorRef(e.target.value)}
          error={Boolean(errors.ambassadorRef)}
          helperText={errors.ambassadorRef ?? 'The User who runs this train'}
          fullWidth
          margin="dense"
          required
        />
        <Box marginTop={2}>
          <Typography variant="subtitle1" component="h3">
            Stage windows
          </Typography>
          <StageWindowFields
            idPrefix="new-train"
            stages={stages}
            windows={windows}
            onChange={setWindow}
            errors={errors}
          />
        </Box>
        <Box marginTop={2}>
          <Typography variant="subtitle1" component="h3">
            Participants
          </Typography>
          <Autocomplete
            id="new-train-components"
            multiple
            options={components.value ?? []}
            loading={components.loading}
            value={selected}
            onChange={(_event, value) => setSelected(value)}
            getOptionLabel={option => option.label}
            getOptionSelected={(option, value) => option.entityRef === value.entityRef}
            renderInput={params => (
              <TextField
                {...params}
                label="Components"
                margin="dense"
                error={Boolean(errors.participants || components.error)}
                helperText={
                  errors.participants ??
                  (components.error
                    ? `Could not load components: ${errorMessage(components.error)}`
                    : 'The components that ship in this train')
                }
              />
            )}
          />
          {selected.map(option => {
            const error = errors[`version.${option.entityRef}`];
            return (
              <TextField
                key={option.entityRef}
                id={`new-train-version-${option.entityRef}`}
                label={`Target version of ${option.entityRef}`}
                value={versions[option.entityRef] ?? ''}
                onChange={e =>
                  setVersions(current => ({ ...current, [option.entityRef]: e.target.value }))
                }
                error={Boolean(error)}
                helperText={error}
                margin="dense"
                fullWidth
              />
            );
          })}
        </Box>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button color="primary" variant="contained" onClick={submit} disabled={busy}>
          Create train
        </Button>
      </DialogActions>
    </Dialog>
  );
}
