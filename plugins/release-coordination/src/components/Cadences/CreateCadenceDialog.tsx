import { useAnalytics, useApi } from '@backstage/core-plugin-api';
import { Box, TextField } from '@material-ui/core';
import {
  CadenceStageOffset,
  CreateCadenceRequest,
  ReleaseCadence,
} from '@release-coordination/plugin-release-coordination-common';
import { useRef, useState } from 'react';
import { releaseCoordinationApiRef } from '../../api';
import {
  FormDialog,
  FormTextField,
  PlanErrors,
  useBackendRequest,
} from '../shared';
import { usePluginTranslation } from '../shared/translation';
import { DEFAULT_STAGES } from '../TrainsPage/NewTrainDialog';
import { EditableRows } from './EditableRows';
import { parseRefInput } from './entityRefInput';

/** A team as its row of the form holds it; `key` tells rows apart as they come and go. */
type TeamRow = { key: number; ref: string };

/** A stage offset as its row holds it: the days as typed. */
type StageRow = {
  key: number;
  stage: string;
  startDay: string;
  endDay: string;
};

/**
 * The days of the usual stages in an occurrence, by the stages of `DEFAULT_STAGES`: the backend
 * configures the stages and no API lists them, so the form starts from the usual plan, editable.
 */
const DEFAULT_OFFSETS: [number, number][] = [
  [0, 3],
  [3, 6],
  [6, 9],
  [9, 11],
];

const defaultStageRows = (): StageRow[] =>
  DEFAULT_STAGES.map((stage, index) => {
    const [startDay, endDay] = DEFAULT_OFFSETS[index] ?? [0, 1];
    return {
      key: index,
      stage: stage.name,
      startDay: String(startDay),
      endDay: String(endDay),
    };
  });

/** A stage name as the backend takes it. */
const STAGE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** A day as the date input gives it. */
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_DAYS = 366;

/** A whole number typed in a field, when it lies within `min`..`max`. */
function wholeNumber(typed: string, min: number, max: number) {
  const trimmed = typed.trim();
  if (!/^\d+$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return value >= min && value <= max ? value : undefined;
}

/** A number input of the form, with the problem the checks found in place of its hint. */
function DayField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  helperText?: string;
  min: number;
  required?: boolean;
  fullWidth?: boolean;
}) {
  const { id, label, value, onChange, error, helperText, min } = props;
  return (
    <TextField
      id={id}
      label={label}
      type="number"
      value={value}
      onChange={event => onChange(event.target.value)}
      error={Boolean(error)}
      helperText={error ?? helperText}
      inputProps={{ min, max: MAX_DAYS, step: 1 }}
      required={props.required}
      fullWidth={props.fullWidth ?? false}
      margin="dense"
    />
  );
}

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
  const api = useApi(releaseCoordinationApiRef);
  const analytics = useAnalytics();

  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [intervalDays, setIntervalDays] = useState('14');
  const [firstStart, setFirstStart] = useState('');
  const rowKeys = useRef(DEFAULT_STAGES.length);
  const nextKey = () => {
    rowKeys.current += 1;
    return rowKeys.current;
  };
  const [teams, setTeams] = useState<TeamRow[]>(() => [{ key: 0, ref: '' }]);
  const [stages, setStages] = useState<StageRow[]>(defaultStageRows);
  const [errors, setErrors] = useState<PlanErrors>({});
  const { busy, error, send } = useBackendRequest();

  const changeTeam = (index: number, ref: string) =>
    setTeams(current =>
      current.map((row, i) => (i === index ? { ...row, ref } : row)),
    );
  const changeStage = (index: number, change: Partial<Omit<StageRow, 'key'>>) =>
    setStages(current =>
      current.map((row, i) => (i === index ? { ...row, ...change } : row)),
    );

  /** The team rows filled in, as the request takes them; the checks' findings in `found`. */
  function teamRefsOf(found: PlanErrors): string[] {
    const refs: string[] = [];
    teams.forEach((row, index) => {
      if (!row.ref.trim()) return;
      const parsed = parseRefInput(row.ref, 'group');
      if ('invalid' in parsed) {
        found[`team.${index}`] = t('cadences.newDialog.teamInvalid', {
          message: parsed.invalid,
        });
      } else if ('otherKind' in parsed) {
        found[`team.${index}`] = t('cadences.newDialog.teamNotGroup', {
          ref: parsed.otherKind,
        });
      } else if (refs.includes(parsed.ref)) {
        found[`team.${index}`] = t('cadences.newDialog.teamDuplicate');
      } else {
        refs.push(parsed.ref);
      }
    });
    const complete = Object.keys(found).every(key => !key.startsWith('team.'));
    if (refs.length === 0 && complete) {
      found.teams = t('cadences.newDialog.teamsRequired');
    }
    return refs;
  }

  /** The stage rows filled in, as the request takes them; the checks' findings in `found`. */
  function stageOffsetsOf(found: PlanErrors): CadenceStageOffset[] {
    const offsets: CadenceStageOffset[] = [];
    const seen = new Set<string>();
    let complete = true;
    for (const [index, row] of stages.entries()) {
      const stage = row.stage.trim();
      if (!stage && !row.startDay.trim() && !row.endDay.trim()) continue;
      const problems: PlanErrors = {};
      if (!STAGE_NAME.test(stage)) {
        problems.stage = t('cadences.newDialog.stageInvalid');
      } else if (seen.has(stage)) {
        problems.stage = t('cadences.newDialog.stageDuplicate');
      }
      seen.add(stage);
      const startDay = wholeNumber(row.startDay, 0, MAX_DAYS);
      const endDay = wholeNumber(row.endDay, 0, MAX_DAYS);
      if (startDay === undefined) {
        problems.startDay = t('cadences.newDialog.dayInvalid');
      }
      if (endDay === undefined) {
        problems.endDay = t('cadences.newDialog.dayInvalid');
      } else if (startDay !== undefined && endDay <= startDay) {
        problems.endDay = t('cadences.newDialog.endBeforeStart');
      }
      for (const [field, message] of Object.entries(problems)) {
        found[`${field}.${index}`] = message;
      }
      if (
        Object.keys(problems).length === 0 &&
        startDay !== undefined &&
        endDay !== undefined
      ) {
        offsets.push({ stage, startDay, endDay });
      } else {
        complete = false;
      }
    }
    if (offsets.length === 0 && complete) {
      found.stages = t('cadences.newDialog.stagesRequired');
    }
    return offsets;
  }

  async function submit() {
    const found: PlanErrors = {};
    if (!name.trim()) found.name = t('cadences.newDialog.nameRequired');
    const interval = wholeNumber(intervalDays, 1, MAX_DAYS);
    if (interval === undefined) {
      found.intervalDays = t('cadences.newDialog.intervalInvalid');
    }
    const start = DAY.test(firstStart)
      ? new Date(`${firstStart}T00:00:00Z`)
      : undefined;
    if (!start || Number.isNaN(start.getTime())) {
      found.firstStart = t('cadences.newDialog.firstStartRequired');
    }
    const teamRefs = teamRefsOf(found);
    const stageOffsets = stageOffsetsOf(found);
    setErrors(found);
    if (Object.keys(found).length > 0 || !interval || !start) return;

    const request: CreateCadenceRequest = {
      name: name.trim(),
      ...(description.trim() ? { description: description.trim() } : {}),
      intervalDays: interval,
      firstStart: start.toISOString(),
      stageOffsets,
      teamRefs,
    };
    await send(
      () => api.createCadence(request),
      cadence => {
        analytics.captureEvent('create', cadence.name, {
          attributes: { cadenceId: cadence.id },
        });
        onCreated(cadence);
      },
    );
  }

  return (
    <FormDialog
      id="create-cadence"
      title={t('cadences.newDialog.title')}
      maxWidth="md"
      busy={busy}
      error={error}
      submitLabel={t('cadences.newDialog.submit')}
      onSubmit={submit}
      onClose={onClose}
    >
      <FormTextField
        id="create-cadence-name"
        label={t('cadences.newDialog.name')}
        value={name}
        onChange={setName}
        error={errors.name}
        required
      />
      <FormTextField
        id="create-cadence-description"
        label={t('cadences.newDialog.description')}
        value={description}
        onChange={setDescription}
        helperText={t('cadences.newDialog.descriptionHelp')}
        multiline
      />
      <Box display="flex" gridGap={16} alignItems="flex-start">
        <DayField
          id="create-cadence-interval"
          label={t('cadences.newDialog.intervalDays')}
          value={intervalDays}
          onChange={setIntervalDays}
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
          value={firstStart}
          onChange={setFirstStart}
          error={errors.firstStart}
          helperText={t('cadences.newDialog.firstStartHelp')}
          required
        />
      </Box>

      <EditableRows
        title={t('cadences.newDialog.teams')}
        error={errors.teams}
        rows={teams}
        renderFields={(row, index, number) => (
          <FormTextField
            id={`create-cadence-team-${index}`}
            label={t('cadences.newDialog.team', { index: number })}
            value={row.ref}
            onChange={ref => changeTeam(index, ref)}
            error={errors[`team.${index}`]}
            helperText={
              index === 0 ? t('cadences.newDialog.teamHelp') : undefined
            }
          />
        )}
        removeLabel={number =>
          t('cadences.newDialog.removeTeam', { index: number })
        }
        onRemove={index =>
          setTeams(current => current.filter((_, i) => i !== index))
        }
        addLabel={t('cadences.newDialog.addTeam')}
        onAdd={() => {
          const key = nextKey();
          setTeams(current => [...current, { key, ref: '' }]);
        }}
      />
      <EditableRows
        title={t('cadences.newDialog.stages')}
        explanation={t('cadences.newDialog.stagesExplanation')}
        error={errors.stages}
        rows={stages}
        renderFields={(row, index, number) => (
          <>
            <FormTextField
              id={`create-cadence-stage-${index}`}
              label={t('cadences.newDialog.stage', { index: number })}
              value={row.stage}
              onChange={stage => changeStage(index, { stage })}
              error={errors[`stage.${index}`]}
            />
            <DayField
              id={`create-cadence-start-day-${index}`}
              label={t('cadences.newDialog.startDay', { index: number })}
              value={row.startDay}
              onChange={startDay => changeStage(index, { startDay })}
              error={errors[`startDay.${index}`]}
              min={0}
            />
            <DayField
              id={`create-cadence-end-day-${index}`}
              label={t('cadences.newDialog.endDay', { index: number })}
              value={row.endDay}
              onChange={endDay => changeStage(index, { endDay })}
              error={errors[`endDay.${index}`]}
              min={1}
            />
          </>
        )}
        removeLabel={number =>
          t('cadences.newDialog.removeStage', { index: number })
        }
        onRemove={index =>
          setStages(current => current.filter((_, i) => i !== index))
        }
        addLabel={t('cadences.newDialog.addStage')}
        onAdd={() => {
          const key = nextKey();
          setStages(current => [
            ...current,
            { key, stage: '', startDay: '', endDay: '' },
          ]);
        }}
      />
    </FormDialog>
  );
}
