import { useAnalytics, useApi } from '@backstage/core-plugin-api';
import { CadenceDetail } from '@release-coordination/plugin-release-coordination-common';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { releaseCoordinationApiRef } from '../../api';
import {
  PlanErrors,
  StageWindowInput,
  useBackendRequest,
  useTrainLink,
  validateTrainPlan,
} from '../shared';
import { usePluginTranslation } from '../shared/translation';
import { windowStages } from './cadenceSchedule';
import {
  emptyParticipantRow,
  participantsOf,
  stageWindowsOf,
  windowInputsOf,
} from './cadenceTrainForm';
import { useEditableRows } from './useEditableRows';

/**
 * What the "Create next train" form of a cadence holds, starting from what the cadence
 * suggests, and its submission: the form's checks first, then the request; on success the
 * dialog closes and the new train's page opens.
 */
export function useCadenceTrainForm(
  cadence: CadenceDetail,
  onClose: () => void,
) {
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
    windowInputsOf(next.stageWindows),
  );
  const participantRows = useEditableRows(
    () => [emptyParticipantRow(0)],
    emptyParticipantRow,
  );
  const [errors, setErrors] = useState<PlanErrors>({});
  const { busy, error, send } = useBackendRequest();

  async function submit() {
    const found = validateTrainPlan(
      { name, objective, ambassadorRef, windows },
      stages,
      t,
    );
    const participants = participantsOf(participantRows.rows, found, t);
    setErrors(found);
    if (Object.keys(found).length > 0) return;

    const stageWindows = stageWindowsOf(stages, windows, next.stageWindows);
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

  return {
    stages,
    name,
    setName,
    objective,
    setObjective,
    ambassadorRef,
    setAmbassadorRef,
    windows,
    setWindows,
    participantRows,
    errors,
    busy,
    error,
    submit,
  };
}
