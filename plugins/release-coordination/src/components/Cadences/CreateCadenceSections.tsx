import { FormTextField, PlanErrors } from '../shared';
import { usePluginTranslation } from '../shared/translation';
import { StageRow, TeamRow } from './cadenceForm';
import { DayField } from './DayField';
import { EditableRows } from './EditableRows';
import { EditableRowsState } from './useEditableRows';

/** The teams taking part in a new cadence, one Group ref per row. */
export function CadenceTeamsSection(props: {
  teams: EditableRowsState<TeamRow>;
  errors: PlanErrors;
}) {
  const { teams, errors } = props;
  const { t } = usePluginTranslation();
  return (
    <EditableRows
      title={t('cadences.newDialog.teams')}
      error={errors.teams}
      rows={teams.rows}
      renderFields={(row, index, number) => (
        <FormTextField
          id={`create-cadence-team-${index}`}
          label={t('cadences.newDialog.team', { index: number })}
          value={row.ref}
          onChange={ref => teams.change(index, { ref })}
          error={errors[`team.${index}`]}
          helperText={
            index === 0 ? t('cadences.newDialog.teamHelp') : undefined
          }
        />
      )}
      removeLabel={number =>
        t('cadences.newDialog.removeTeam', { index: number })
      }
      onRemove={teams.remove}
      addLabel={t('cadences.newDialog.addTeam')}
      onAdd={teams.add}
    />
  );
}

/** Where each stage lies in an occurrence of a new cadence: a stage and its days per row. */
export function CadenceStagesSection(props: {
  stages: EditableRowsState<StageRow>;
  errors: PlanErrors;
}) {
  const { stages, errors } = props;
  const { t } = usePluginTranslation();
  return (
    <EditableRows
      title={t('cadences.newDialog.stages')}
      explanation={t('cadences.newDialog.stagesExplanation')}
      error={errors.stages}
      rows={stages.rows}
      renderFields={(row, index, number) => (
        <>
          <FormTextField
            id={`create-cadence-stage-${index}`}
            label={t('cadences.newDialog.stage', { index: number })}
            value={row.stage}
            onChange={stage => stages.change(index, { stage })}
            error={errors[`stage.${index}`]}
          />
          <DayField
            id={`create-cadence-start-day-${index}`}
            label={t('cadences.newDialog.startDay', { index: number })}
            value={row.startDay}
            onChange={startDay => stages.change(index, { startDay })}
            error={errors[`startDay.${index}`]}
            min={0}
          />
          <DayField
            id={`create-cadence-end-day-${index}`}
            label={t('cadences.newDialog.endDay', { index: number })}
            value={row.endDay}
            onChange={endDay => stages.change(index, { endDay })}
            error={errors[`endDay.${index}`]}
            min={1}
          />
        </>
      )}
      removeLabel={number =>
        t('cadences.newDialog.removeStage', { index: number })
      }
      onRemove={stages.remove}
      addLabel={t('cadences.newDialog.addStage')}
      onAdd={stages.add}
    />
  );
}
