import { Box } from '@material-ui/core';
import { ReleaseCadence } from '@release-coordination/plugin-release-coordination-common';
import { FormDialog, FormTextField } from '../shared';
import { usePluginTranslation } from '../shared/translation';
import {
  CadenceStagesSection,
  CadenceTeamsSection,
} from './CreateCadenceSections';
import { DayField } from './DayField';
import { useCadenceForm } from './useCadenceForm';

/**
 * The "New cadence" form of release managers: name, description, interval, the day of the
 * first train, the teams taking part (Group refs) and where each stage lies in an occurrence.
 * The form checks what the backend checks before sending; the backend's refusal (a 409 for a
 * name taken, a 400 naming the field, e.g. a stage it does not configure) is shown as it says
 * it. `onCreated` gets the new cadence.
 */
export function CreateCadenceDialog(props: {
  onClose: () => void;
  onCreated: (cadence: ReleaseCadence) => void;
}) {
  const { onClose, onCreated } = props;
  const { t } = usePluginTranslation();
  const form = useCadenceForm(onCreated);
  const { errors } = form;

  return (
    <FormDialog
      id="create-cadence"
      title={t('cadences.newDialog.title')}
      maxWidth="md"
      busy={form.busy}
      error={form.error}
      submitLabel={t('cadences.newDialog.submit')}
      onSubmit={form.submit}
      onClose={onClose}
    >
      <FormTextField
        id="create-cadence-name"
        label={t('cadences.newDialog.name')}
        value={form.name}
        onChange={form.setName}
        error={errors.name}
        required
      />
      <FormTextField
        id="create-cadence-description"
        label={t('cadences.newDialog.description')}
        value={form.description}
        onChange={form.setDescription}
        helperText={t('cadences.newDialog.descriptionHelp')}
        multiline
      />
      <Box display="flex" gridGap={16} alignItems="flex-start">
        <DayField
          id="create-cadence-interval"
          label={t('cadences.newDialog.intervalDays')}
          value={form.intervalDays}
          onChange={form.setIntervalDays}
          error={errors.intervalDays}
          helperText={t('cadences.newDialog.intervalHelp')}
          min={1}
          required
          fullWidth
        />
        <FormTextField
          id="create-cadence-first-start"
          label={t('cadences.newDialog.firstStart')}
          type="date"
          value={form.firstStart}
          onChange={form.setFirstStart}
          error={errors.firstStart}
          helperText={t('cadences.newDialog.firstStartHelp')}
          required
        />
      </Box>
      <CadenceTeamsSection teams={form.teams} errors={errors} />
      <CadenceStagesSection stages={form.stages} errors={errors} />
    </FormDialog>
  );
}
