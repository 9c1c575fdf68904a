import { identityApiRef, useAnalytics, useApi, useRouteRef } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
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
import { releaseCoordinationTranslationRef } from '../../translations';
import {
  CatalogEntityOption,
  englishT,
  errorMessage,
  FormDialog,
  FormTextField,
  PlanErrors,
  type ReleaseCoordinationT,
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
  t: ReleaseCoordinationT = englishT,
): PlanErrors {
  const errors = validateTrainPlan(form, stages, t);
  if (form.participants.length === 0) {
    errors.participants = t('trains.dialog.participantsRequired');
  }
  for (const participant of form.participants) {
    if (!participant.targetVersion.trim()) {
      errors[`version.${participant.entityRef}`] = t('trains.dialog.versionRequired');
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
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);

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
    const found = validateNewTrain(
      { name, objective, ambassadorRef, windows, participants },
      stages,
      t,
    );
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
      title={t('trains.dialog.title')}
      open={open}
      maxWidth="md"
      busy={busy}
      error={error}
      submitLabel={t('trains.dialog.submit')}
      onSubmit={submit}
      onClose={onClose}
    >
      <FormTextField
        id="new-train-name"
        label={t('trains.dialog.name')}
        value={name}
        onChange={setName}
        error={errors.name}
        helperText={t('trains.dialog.nameHelp')}
        required
      />
      <FormTextField
        id="new-train-objective"
        label={t('trains.dialog.objective')}
        value={objective}
        onChange={setObjective}
        error={errors.objective}
        helperText={t('trains.dialog.objectiveHelp')}
        multiline
        required
      />
      <FormTextField
        id="new-train-ambassador"
        label={t('trains.dialog.ambassador')}
        value={ambassadorRef}
        onChange={setAmbassadorRef}
        error={errors.ambassadorRef}
        helperText={t('trains.dialog.ambassadorHelp')}
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
          {t('trains.dialog.participants')}
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
              label={t('trains.dialog.components')}
              margin="dense"
              error={Boolean(errors.participants || components.error)}
              helperText={
                errors.participants ??
                (components.error
                  ? t('trains.dialog.componentsError', {
                      message: errorMessage(components.error),
                    })
                  : t('trains.dialog.componentsHelp'))
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
              label={t('trains.dialog.targetVersion', { entityRef: option.entityRef })}
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
