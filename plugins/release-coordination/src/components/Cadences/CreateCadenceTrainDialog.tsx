import { CadenceDetail } from '@release-coordination/plugin-release-coordination-common';
import { FormDialog, FormTextField, StageWindowFields } from '../shared';
import { usePluginTranslation } from '../shared/translation';
import { CadenceTrainParticipants } from './CadenceTrainParticipants';
import { useCadenceTrainForm } from './useCadenceTrainForm';

/**
 * The "Create next train" form of a cadence, pre-filled with what the cadence suggests: the
 * name, the ambassador of the rotation and the occurrence's stage windows, all editable; the
 * objective and the participants (entity ref and target version, at least one) are typed. On
 * success it leads to the new train's page; the backend's refusal (e.g. a 409 when another
 * train of the occurrence was created meanwhile) is shown as it says it.
 */
export function CreateCadenceTrainDialog(props: {
  cadence: CadenceDetail;
  onClose: () => void;
}) {
  const { cadence, onClose } = props;
  const { next } = cadence;
  const { t } = usePluginTranslation();
  const form = useCadenceTrainForm(cadence, onClose);
  const { errors, ambassadorRef } = form;

  const suggestion = next.suggestedAmbassador;
  return (
    <FormDialog
      id="create-cadence-train"
      title={t('cadences.createDialog.title', {
        occurrence: String(next.occurrence),
        cadence: cadence.name,
      })}
      maxWidth="md"
      busy={form.busy}
      error={form.error}
      submitLabel={t('cadences.createDialog.submit')}
      onSubmit={form.submit}
      onClose={onClose}
    >
      <FormTextField
        id="create-cadence-train-name"
        label={t('cadences.createDialog.name')}
        value={form.name}
        onChange={form.setName}
        error={errors.name}
        required
      />
      <FormTextField
        id="create-cadence-train-ambassador"
        label={t('cadences.createDialog.ambassador')}
        value={ambassadorRef}
        onChange={form.setAmbassadorRef}
        error={errors.ambassadorRef}
        helperText={
          suggestion && ambassadorRef.trim() === suggestion.memberRef
            ? t('cadences.createDialog.ambassadorSuggested', {
                reason: suggestion.reason,
              })
            : t('cadences.createDialog.ambassadorHelp')
        }
        required
      />
      <FormTextField
        id="create-cadence-train-objective"
        label={t('cadences.createDialog.objective')}
        value={form.objective}
        onChange={form.setObjective}
        error={errors.objective}
        helperText={t('cadences.createDialog.objectiveHelp')}
        multiline
        required
      />
      <StageWindowFields
        idPrefix="create-cadence-train"
        stages={form.stages}
        windows={form.windows}
        onChange={form.setWindows}
        errors={errors}
      />
      <CadenceTrainParticipants rows={form.participantRows} errors={errors} />
    </FormDialog>
  );
}
