import { FormTextField, PlanErrors } from '../shared';
import { usePluginTranslation } from '../shared/translation';
import { ParticipantRow } from './cadenceTrainForm';
import { EditableRows } from './EditableRows';
import { EditableRowsState } from './useEditableRows';

/** The participants of a cadence's next train: an entity ref and a target version per row. */
export function CadenceTrainParticipants(props: {
  rows: EditableRowsState<ParticipantRow>;
  errors: PlanErrors;
}) {
  const { rows, errors } = props;
  const { t } = usePluginTranslation();
  return (
    <EditableRows
      title={t('cadences.createDialog.participants')}
      error={errors.participants}
      rows={rows.rows}
      renderFields={(row, index, number) => (
        <>
          <FormTextField
            id={`create-cadence-train-participant-${index}`}
            label={t('cadences.createDialog.participant', { index: number })}
            value={row.entityRef}
            onChange={entityRef => rows.change(index, { entityRef })}
            error={errors[`participant.${index}`]}
            helperText={
              index === 0
                ? t('cadences.createDialog.participantHelp')
                : undefined
            }
          />
          <FormTextField
            id={`create-cadence-train-version-${index}`}
            label={t('cadences.createDialog.targetVersion', {
              index: number,
            })}
            value={row.targetVersion}
            onChange={targetVersion => rows.change(index, { targetVersion })}
            error={errors[`version.${index}`]}
            fullWidth={false}
          />
        </>
      )}
      removeLabel={number =>
        t('cadences.createDialog.removeParticipant', { index: number })
      }
      onRemove={rows.remove}
      addLabel={t('cadences.createDialog.addParticipant')}
      onAdd={rows.add}
    />
  );
}
