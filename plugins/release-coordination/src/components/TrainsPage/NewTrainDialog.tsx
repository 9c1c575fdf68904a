import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { identityApiRef, useApi, useRouteRef } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Grid,
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
import useAsync from 'react-use/esm/useAsync';
import { releaseCoordinationApiRef } from '../../api';
import { trainRouteRef } from '../../routes';
import { errorMessage } from '../shared';

/** The stages of a train when no existing train tells which ones the backend configures. */
export const DEFAULT_STAGES = [
  { name: 'planning', title: 'Planning' },
  { name: 'integration', title: 'Integration' },
  { name: 'validation', title: 'Validation' },
  { name: 'deployment', title: 'Deployment' },
];

type ComponentOption = { entityRef: string; label: string };

function toOption(entity: Entity): ComponentOption {
  const entityRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  const title = entity.metadata.title;
  return { entityRef, label: title ? `${title} (${entityRef})` : entityRef };
}

type Errors = Partial<Record<string, string>>;

/** The form's checks, the same ones the backend makes, so people see them before submitting. */
export function validateNewTrain(
  form: {
    name: string;
    objective: string;
    ambassadorRef: string;
    windows: Record<string, { start: string; end: string }>;
    participants: { entityRef: string; targetVersion: string }[];
  },
  stages: { name: string }[],
): Errors {
  const errors: Errors = {};
  if (!form.name.trim()) errors.name = 'Give the train a name.';
  if (!form.objective.trim()) errors.objective = 'Say what the release is for.';
  if (!/^user:[^:/]+\/[^:/]+$/.test(form.ambassadorRef.trim())) {
    errors.ambassadorRef = 'The ambassador is a User ref, e.g. user:default/alice.';
  }
  let previousEnd = '';
  for (const stage of stages) {
    const window = form.windows[stage.name] ?? { start: '', end: '' };
    if (!window.start && !window.end) continue;
    if (!window.start || !window.end) {
      errors[`window.${stage.name}`] = 'Give both a start and an end date, or neither.';
    } else if (window.start > window.end) {
      errors[`window.${stage.name}`] = 'The start must not be after the end.';
    } else if (previousEnd && window.start < previousEnd) {
      errors[`window.${stage.name}`] = 'A stage cannot start before the previous one ends.';
    }
    if (window.end) previousEnd = window.end;
  }
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

/** `YYYY-MM-DD` of a date input as the start or the end of that day in UTC. */
function toWindow(window: { start: string; end: string }): StageWindow {
  return {
    start: new Date(`${window.start}T00:00:00Z`).toISOString(),
    end: new Date(`${window.end}T23:59:59Z`).toISOString(),
  };
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
  const catalogApi = useApi(catalogApiRef);
  const identityApi = useApi(identityApiRef);
  const navigate = useNavigate();
  const trainLink = useRouteRef(trainRouteRef);

  const [name, setName] = useState('');
  const [objective, setObjective] = useState('');
  const [ambassadorRef, setAmbassadorRef] = useState('');
  const [windows, setWindows] = useState<Record<string, { start: string; end: string }>>({});
  const [selected, setSelected] = useState<ComponentOption[]>([]);
  const [versions, setVersions] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Errors>({});
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

  const components = useAsync(async () => {
    if (!open) return [];
    const response = await catalogApi.getEntities({
      filter: { kind: 'Component' },
      fields: ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title'],
    });
    return response.items.map(toOption).sort((a, b) => a.entityRef.localeCompare(b.entityRef));
  }, [catalogApi, open]);

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
      if (window?.start && window.end) stageWindows[stage.name] = toWindow(window);
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
          <Grid container spacing={1}>
            {stages.map(stage => {
              const error = errors[`window.${stage.name}`];
              return (
                <Grid item xs={12} sm={6} md={3} key={stage.name}>
                  <Typography variant="subtitle2">{stage.title}</Typography>
                  <TextField
                    id={`new-train-${stage.name}-start`}
                    label={`${stage.title} start`}
                    type="date"
                    value={windows[stage.name]?.start ?? ''}
                    onChange={e => setWindow(stage.name, 'start', e.target.value)}
                    InputLabelProps={{ shrink: true }}
                    error={Boolean(error)}
                    margin="dense"
                    fullWidth
                  />
                  <TextField
                    id={`new-train-${stage.name}-end`}
                    label={`${stage.title} end`}
                    type="date"
                    value={windows[stage.name]?.end ?? ''}
                    onChange={e => setWindow(stage.name, 'end', e.target.value)}
                    InputLabelProps={{ shrink: true }}
                    error={Boolean(error)}
                    helperText={error}
                    margin="dense"
                    fullWidth
                  />
                </Grid>
              );
            })}
          </Grid>
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
