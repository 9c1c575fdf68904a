import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { useAnalytics, useApi } from '@backstage/core-plugin-api';
import {
  CadenceDetail,
  StageWindow,
} from '@release-coordination/plugin-release-coordination-common';
import { useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { releaseCoordinationApiRef } from '../../api';
import {
  errorMessage,
  FormDialog,
  FormTextField,
  PlanErrors,
  StageWindowFields,
  StageWindowInput,
  toStageWindow,
  toStageWindowInput,
  useBackendRequest,
  useTrainLink,
  validateTrainPlan,
} from '../shared';
import { usePluginTranslation } from '../shared/translation';
import { windowStages } from './cadenceSchedule';
import { EditableRows } from './EditableRows';

/** A participant as its row of the form holds it; `key` tells rows apart as they come and go. */
type ParticipantRow = { key: number; entityRef: string; targetVersion: string };

const emptyRow = (key: number): ParticipantRow => ({
  key,
  entityRef: '',
  targetVersion: '',
});

function sameInput(a: StageWindowInput, b: StageWindowInput): boolean {
  return a.start === b.start && a.end === b.end;
}

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
  const api = useApi(releaseCoordinationApiRef);
  const analytics = useAnalytics();
  const navigate = useNavigate();
  const trainLink = useTrainLink();
  const stages = windowStages(cadence, next.stageWindows);

  const [name, setName] = useState(next.name);
  const [objective, setObjective] = useState('');
  const [ambassadorRef, setAmbassadorRef] = useState(
    next.suggestedAmbassador?.memberRef ?? '',
  );
  const [windows, setWindows] = useState<Record<string, StageWindowInput>>(() =>
    Object.fromEntries(
      Object.entries(next.stageWindows).map(([stage, window]) => [
        stage,
        toStageWindowInput(window),
      ]),
    ),
  );
  const rowKeys = useRef(0);
  const [rows, setRows] = useState<ParticipantRow[]>(() => [emptyRow(0)]);
  const [errors, setErrors] = useState<PlanErrors>({});
  const { busy, error, send } = useBackendRequest();

  const changeRow = (
    index: number,
    change: Partial<Omit<ParticipantRow, 'key'>>,
  ) =>
    setRows(current =>
      current.map((row, i) => (i === index ? { ...row, ...change } : row)),
    );

  /** The rows someone filled in, as the request takes them; the form's checks in `found`. */
  function participantsOf(found: PlanErrors) {
    const participants: { entityRef: string; targetVersion: string }[] = [];
    rows.forEach((row, index) => {
      const typedRef = row.entityRef.trim();
      const targetVersion = row.targetVersion.trim();
      if (!typedRef && !targetVersion) return;
      if (!typedRef) {
        found[`participant.${index}`] = t(
          'cadences.createDialog.participantRefRequired',
        );
        return;
      }
      let entityRef: string;
      try {
        entityRef = stringifyEntityRef(
          parseEntityRef(typedRef, {
            defaultKind: 'component',
            defaultNamespace: 'default',
          }),
        ).toLocaleLowerCase('en-US');
      } catch (e) {
        found[`participant.${index}`] = t(
          'cadences.createDialog.participantRefInvalid',
          { message: errorMessage(e) },
        );
        return;
      }
      if (!targetVersion) {
        found[`version.${index}`] = t('cadences.createDialog.versionRequired');
        return;
      }
      participants.push({ entityRef, targetVersion });
    });
    const complete = Object.keys(found).every(
      key => !key.startsWith('participant.') && !key.startsWith('version.'),
    );
    if (participants.length === 0 && complete) {
      found.participants = t('cadences.createDialog.participantsRequired');
    }
    return participants;
  }

  async function submit() {
    const found = validateTrainPlan(
      { name, objective, ambassadorRef, windows },
      stages,
      t,
    );
    const participants = participantsOf(found);
    setErrors(found);
    if (Object.keys(found).length > 0) return;

    // A window left as suggested is sent as the cadence planned it, to the minute.
    const stageWindows: Record<string, StageWindow> = {};
    for (const stage of stages) {
      const input = windows[stage.name];
      if (!input?.start || !input.end) continue;
      const suggested = next.stageWindows[stage.name];
      stageWindows[stage.name] =
        suggested && sameInput(toStageWindowInput(suggested), input)
          ? suggested
          : toStageWindow(input);
    }
    await send(
      () =>
        api.createCadenceTrain({
          cadenceId: cadence.id,
          name: name.trim(),
          objective: objective.trim(),
          ambassadorRef: ambassadorRef.trim(),
          stageWindows,
          participants,
        }),
      train => {
        analytics.captureEvent('create', train.name, {
          attributes: {
            trainId: train.id,
            cadenceId: cadence.id,
            occurrence: next.occurrence,
            participants: train.participants.length,
          },
        });
        onClose();
        if (trainLink) navigate(trainLink(train.id));
      },
    );
  }

  const suggestion = next.suggestedAmbassador;
  return (
    <FormDialog
      id="create-cadence-train"
      title={t('cadences.createDialog.title', {
        occurrence: String(next.occurrence),
        cadence: cadence.name,
      })}
      maxWidth="md"
      busy={busy}
      error={error}
      submitLabel={t('cadences.createDialog.submit')}
      onSubmit={submit}
      onClose={onClose}
    >
      <FormTextField
        id="create-cadence-train-name"
        label={t('cadences.createDialog.name')}
        value={name}
        onChange={setName}
        error={errors.name}
        required
      />
      <FormTextField
        id="create-cadence-train-ambassador"
        label={t('cadences.createDialog.ambassador')}
        value={ambassadorRef}
        onChange={setAmbassadorRef}
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
        value={objective}
        onChange={setObjective}
        error={errors.objective}
        helperText={t('cadences.createDialog.objectiveHelp')}
        multiline
        required
      />
      <StageWindowFields
        idPrefix="create-cadence-train"
        stages={stages}
        windows={windows}
        onChange={setWindows}
        errors={errors}
      />
      <EditableRows
        title={t('cadences.createDialog.participants')}
        error={errors.participants}
        rows={rows}
        renderFields={(row, index, number) => (
          <>
            <FormTextField
              id={`create-cadence-train-participant-${index}`}
              label={t('cadences.createDialog.participant', { index: number })}
              value={row.entityRef}
              onChange={entityRef => changeRow(index, { entityRef })}
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
              onChange={targetVersion => changeRow(index, { targetVersion })}
              error={errors[`version.${index}`]}
              fullWidth={false}
            />
          </>
        )}
        removeLabel={number =>
          t('cadences.createDialog.removeParticipant', { index: number })
        }
        onRemove={index =>
          setRows(current => current.filter((_, i) => i !== index))
        }
        addLabel={t('cadences.createDialog.addParticipant')}
        onAdd={() => {
          rowKeys.current += 1;
          const key = rowKeys.current;
          setRows(current => [...current, emptyRow(key)]);
        }}
      />
    </FormDialog>
  );
}
