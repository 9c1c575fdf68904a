import { useAnalytics, useApi } from '@backstage/core-plugin-api';
import { ReleaseCadence } from '@release-coordination/plugin-release-coordination-common';
import { useState } from 'react';
import { releaseCoordinationApiRef } from '../../api';
import { PlanErrors, useBackendRequest } from '../shared';
import { usePluginTranslation } from '../shared/translation';
import {
  cadenceRequestOf,
  defaultStageRows,
  emptyStageRow,
  emptyTeamRow,
  TeamRow,
} from './cadenceForm';
import { useEditableRows } from './useEditableRows';

/**
 * What the "New cadence" form holds, and its submission: the form's checks first, then the
 * request; `onCreated` gets the cadence the backend created.
 */
export function useCadenceForm(onCreated: (cadence: ReleaseCadence) => void) {
  const { t } = usePluginTranslation();
  const api = useApi(releaseCoordinationApiRef);
  const analytics = useAnalytics();

  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [intervalDays, setIntervalDays] = useState('14');
  const [firstStart, setFirstStart] = useState('');
  const teams = useEditableRows<TeamRow>(() => [emptyTeamRow(0)], emptyTeamRow);
  const stages = useEditableRows(defaultStageRows, emptyStageRow);
  const [errors, setErrors] = useState<PlanErrors>({});
  const { busy, error, send } = useBackendRequest();

  async function submit() {
    const checked = cadenceRequestOf(
      {
        name,
        description,
        intervalDays,
        firstStart,
        teams: teams.rows,
        stages: stages.rows,
      },
      t,
    );
    setErrors(checked.errors);
    const request = checked.request;
    if (!request) return;
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

  return {
    name,
    setName,
    description,
    setDescription,
    intervalDays,
    setIntervalDays,
    firstStart,
    setFirstStart,
    teams,
    stages,
    errors,
    busy,
    error,
    submit,
  };
}
