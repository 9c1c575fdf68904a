import { useApi } from '@backstage/core-plugin-api';
import {
  Checkbox,
  FormControlLabel,
  FormGroup,
  FormLabel,
} from '@material-ui/core';
import {
  DeployIncidentDeclared,
  TrainRunbook,
} from '@release-coordination/plugin-release-coordination-common';
import { useState } from 'react';
import { releaseCoordinationApiRef } from '../../api';
import { FormDialog, FormTextField, useBackendRequest } from '../shared';
import { usePluginTranslation } from '../shared/translation';

/**
 * Declares an incident during the deploy: the participants concerned and what happened. The
 * backend tells their escalation contacts and says who may (owners, the ambassador, release
 * managers); its refusal is shown as it says it.
 */
export function DeployIncidentDialog(props: {
  trainId: string;
  runbook: TrainRunbook;
  onClose: () => void;
  onDeclared: (declared: DeployIncidentDeclared) => void;
}) {
  const { trainId, runbook, onClose, onDeclared } = props;
  const { t } = usePluginTranslation();
  const api = useApi(releaseCoordinationApiRef);
  const { busy, error, send } = useBackendRequest();
  const [selected, setSelected] = useState<string[]>([]);
  const [summary, setSummary] = useState('');
  const [problem, setProblem] = useState<string>();
  const toggle = (ref: string) =>
    setSelected(current =>
      current.includes(ref)
        ? current.filter(r => r !== ref)
        : [...current, ref],
    );
  const submit = () => {
    if (selected.length === 0 || !summary.trim()) {
      setProblem(t('runbook.incident.missing'));
      return;
    }
    setProblem(undefined);
    send(
      () =>
        api.declareDeployIncident({
          trainId,
          participantRefs: selected,
          summary,
        }),
      onDeclared,
    );
  };
  return (
    <FormDialog
      id="deploy-incident"
      title={t('runbook.incident.title')}
      busy={busy}
      error={error ?? problem}
      submitLabel={t('runbook.incident.submit')}
      onSubmit={submit}
      onClose={onClose}
    >
      <FormGroup>
        <FormLabel component="legend">
          {t('runbook.incident.participants')}
        </FormLabel>
        {runbook.rollbackSteps.map(step => (
          <FormControlLabel
            key={step.entityRef}
            control={
              <Checkbox
                checked={selected.includes(step.entityRef)}
                onChange={() => toggle(step.entityRef)}
              />
            }
            label={step.entityRef}
          />
        ))}
      </FormGroup>
      <FormTextField
        id="deploy-incident-summary"
        label={t('runbook.incident.summary')}
        value={summary}
        onChange={setSummary}
        multiline
        minRows={3}
        required
      />
    </FormDialog>
  );
}
