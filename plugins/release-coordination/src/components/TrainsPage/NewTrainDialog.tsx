import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { releaseCoordinationTranslationRef } from '../../translations';
import { FormDialog, FormTextField, StageWindowFields } from '../shared';
import { NewTrainParticipants } from './NewTrainParticipants';
import { useNewTrainForm } from './useNewTrainForm';

/** The stages of a train when no existing train tells which ones the backend configures. */
export const DEFAULT_STAGES = [
  { name: 'planning', title: 'Planning' },
  { name: 'integration', title: 'Integration' },
  { name: 'validation', title: 'Validation' },
  { name: 'deployment', title: 'Deployment' },
];

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
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const form = useNewTrainForm(open, onClose, stages);
  const { errors } = form;

  return (
    <FormDialog
      id="new-train"
      title={t('trains.dialog.title')}
      open={open}
      maxWidth="md"
      busy={form.busy}
      error={form.error}
      submitLabel={t('trains.dialog.submit')}
      onSubmit={form.submit}
      onClose={onClose}
    >
      <FormTextField
        id="new-train-name"
        label={t('trains.dialog.name')}
        value={form.name}
        onChange={form.setName}
        error={errors.name}
        helperText={t('trains.dialog.nameHelp')}
        required
      />
      <FormTextField
        id="new-train-objective"
        label={t('trains.dialog.objective')}
        value={form.objective}
        onChange={form.setObjective}
        error={errors.objective}
        helperText={t('trains.dialog.objectiveHelp')}
        multiline
        required
      />
      <FormTextField
        id="new-train-ambassador"
        label={t('trains.dialog.ambassador')}
        value={form.ambassadorRef}
        onChange={form.setAmbassadorRef}
        error={errors.ambassadorRef}
        helperText={t('trains.dialog.ambassadorHelp')}
        required
      />
      <StageWindowFields
        idPrefix="new-train"
        stages={stages}
        windows={form.windows}
        onChange={form.setWindows}
        errors={errors}
      />
      <NewTrainParticipants
        selected={form.selected}
        onSelect={form.setSelected}
        versions={form.versions}
        onVersionChange={form.setVersion}
        errors={errors}
      />
    </FormDialog>
  );
}
