import { useApi } from '@backstage/core-plugin-api';
import { ReviewRisk } from '@release-coordination/plugin-release-coordination-common';
import { useState } from 'react';
import { releaseCoordinationApiRef } from '../../api';
import { errorMessage } from '../shared';
import { usePluginTranslation } from '../shared/translation';
import {
  changesOf,
  initialRiskForm,
  isConflictError,
  registerRequestOf,
  RiskForm,
  RiskFormErrors,
  validateRiskForm,
} from './riskForm';

/**
 * What the risk form holds, and its saving: the form's checks first, then the registration of
 * a new risk or the change of `risk` at the version it was read. A change that finds the risk
 * moved on sets `conflict` instead of an error, so that the dialog offers to reload it; a form
 * that changes nothing just closes.
 */
export function useRiskForm(props: {
  trainId: string;
  risk?: ReviewRisk;
  defaultOwnerRef?: string;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { trainId, risk, defaultOwnerRef, onClose, onSaved } = props;
  const api = useApi(releaseCoordinationApiRef);
  const { t } = usePluginTranslation();
  const [form, setForm] = useState<RiskForm>(() =>
    initialRiskForm(risk, defaultOwnerRef),
  );
  const [errors, setErrors] = useState<RiskFormErrors>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [conflict, setConflict] = useState(false);

  function set<K extends keyof RiskForm>(key: K) {
    return (value: string) =>
      setForm(current => ({ ...current, [key]: value as RiskForm[K] }));
  }

  /** The request that saves the form; none when it changes nothing of `risk`. */
  function requestOf(): (() => Promise<unknown>) | undefined {
    if (!risk) {
      return () => api.registerReviewRisk(registerRequestOf(trainId, form));
    }
    const change = changesOf(risk, form);
    if (Object.keys(change).length === 0) return undefined;
    return () =>
      api.updateReviewRisk({
        trainId,
        riskId: risk.id,
        expectedVersion: risk.version,
        ...change,
      });
  }

  async function save() {
    const found = validateRiskForm(form, t);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const request = requestOf();
    if (!request) {
      onClose();
      return;
    }
    setBusy(true);
    setError(undefined);
    setConflict(false);
    try {
      await request();
    } catch (e) {
      if (risk && isConflictError(e)) setConflict(true);
      else setError(errorMessage(e));
      return;
    } finally {
      setBusy(false);
    }
    onSaved();
    onClose();
  }

  return { form, set, errors, busy, error, conflict, save };
}
