import { identityApiRef, useAnalytics, useApi, useRouteRef } from '@backstage/core-plugin-api';
import { Box, TextField, Typography } from '@material-ui/core';
import { Autocomplete } from '@material-ui/lab';
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
  FormDialog,
  FormTextField,
  PlanErrors,
  StageWindowFields,
  StageWindowInput,
  toStageWindow,
  useBackendRequest,
  useCatalogEntitySearch,
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
  const analytics = useAnalytics();
  const navigate = useNavigate();
  const trainLink = useRouteRef(trainRouteRef);

  const [name, setName] = useState('');
  const [objective, setObjective] = useState('');
  const [ambassadorRef, setAmbassadorRef] = useState('');
  const [windows, setWindows] = useState<Record<string, StageWindowInput>>({});
  const [selected, setSelected] = useState<CatalogEntityOption[]>([]);
  const [versions, setVersions] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<PlanErrors>({});
  const { busy, error, send } = useBackendRequest();

  useEffect(() => {
    if (!open) return undefined;
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

  const [typedComponent, setTypedComponent] = useState('');
  const components = useCatalogEntitySearch('Component', typedComponent, open);

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
    await send(
      () => api.createTrain(request),
      train => {
        analytics.captureEvent('create', train.name, {
          attributes: { trainId: train.id, participants: train.participants.length },
        });
        onClose();
        navigate(trainLink({ trainId: train.id }));
      },
    );
  }

  return (
    <FormDialog
      id="new-train"
      title="New release train"
      open={open}
      maxWidth="md"
      busy={busy}
      error={error}
      submitLabel="Create train"
      onSubmit={submit}
      onClose={onClose}
    >
      <FormTextField
        id="new-train-name"
        label="Name"
        value={name}
        onChange={setName}
        error={errors.name}
        helperText="e.g. 2026.12 winter release"
        required
      />
      <FormTextField
        id="new-train-objective"
        label="Objective"
        value={objective}
        onChange={setObjective}
        error={errors.objective}
        helperText="The shared release goal, in one or two sentences"
        multiline
        required
      />
      <FormTextField
        id="new-train-ambassador"
        label="Ambassador"
        value={ambassadorRef}
        onChange={setAmbassadorRef}
        error={errors.ambassadorRef}
        helperText="The User who runs this train"
        required
      />
      <StageWindowFields
        idPrefix="new-train"
        stages={stages}
        windows={windows}
        onChange={setWindows}
        errors={errors}
      />
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
          // The catalog already matched what was typed.
          filterOptions={found => found}
          onInputChange={(_event, input, reason) =>
            setTypedComponent(reason === 'input' ? input : '')
          }
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
          const versionError = errors[`version.${option.entityRef}`];
          return (
            <FormTextField
              key={option.entityRef}
              id={`new-train-version-${option.entityRef}`}
              label={`Target version of ${option.entityRef}`}
              value={versions[option.entityRef] ?? ''}
              onChange={value => setVersions(current => ({ ...current, [option.entityRef]: value }))}
              error={versionError}
            />
          );
        })}
      </Box>
    </FormDialog>
  );
}
