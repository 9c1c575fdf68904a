import { useApi } from '@backstage/core-plugin-api';
import { Box, Button, MenuItem } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import {
  REVIEW_RISK_LEVELS,
  REVIEW_RISK_STATUSES,
  ReviewRisk,
  ReviewRiskLevel,
  ReviewRiskStatus,
  UpdateReviewRiskRequest,
} from '@release-coordination/plugin-release-coordination-common';
import { useState } from 'react';
import { releaseCoordinationApiRef } from '../../api';
import { errorMessage, FormDialog, FormTextField } from '../shared';
import { usePluginTranslation } from '../shared/translation';

/** True when the backend refused a change because the risk moved on since it was read (409). */
function isConflictError(error: unknown): boolean {
  const candidate = error as
    | {
        name?: string;
        statusCode?: number;
        response?: { status?: number };
        body?: {
          error?: { name?: string };
          response?: { statusCode?: number };
        };
      }
    | undefined;
  return (
    candidate?.statusCode === 409 ||
    candidate?.response?.status === 409 ||
    candidate?.body?.response?.statusCode === 409 ||
    candidate?.body?.error?.name === 'ConflictError'
  );
}

/** The fields of the form, as typed. */
interface RiskForm {
  title: string;
  ownerRef: string;
  likelihood: ReviewRiskLevel;
  impact: ReviewRiskLevel;
  mitigation: string;
  status: ReviewRiskStatus;
}

/** What changed of `risk` in the form; empty when nothing did. */
function changesOf(
  risk: ReviewRisk,
  form: RiskForm,
): Omit<UpdateReviewRiskRequest, 'expectedVersion'> {
  const change: Omit<UpdateReviewRiskRequest, 'expectedVersion'> = {};
  const title = form.title.trim();
  const ownerRef = form.ownerRef.trim();
  const mitigation = form.mitigation.trim();
  if (title !== risk.title) change.title = title;
  if (ownerRef !== risk.ownerRef) change.ownerRef = ownerRef;
  if (form.likelihood !== risk.likelihood) change.likelihood = form.likelihood;
  if (form.impact !== risk.impact) change.impact = form.impact;
  if (form.status !== risk.status) change.status = form.status;
  if (mitigation !== (risk.mitigation ?? '')) {
    // An emptied mitigation is removed, not saved as an empty text.
    change.mitigation = mitigation || null;
  }
  return change;
}

/**
 * The form to register a risk, or to change `risk` when it is given: title, owner, likelihood,
 * impact, mitigation and status. A change names the version it was made on; when the risk moved
 * on meanwhile the backend refuses it, and the dialog offers to reload the risk.
 */
export function RiskDialog(props: {
  trainId: string;
  /** The risk to change; absent to register a new one. */
  risk?: ReviewRisk;
  /** The owner a new risk starts with, e.g. the viewer's team. */
  defaultOwnerRef?: string;
  onClose: () => void;
  onSaved: () => void;
  /** Asks the register again; the dialog then shows the risk as it is now. */
  onReload: () => void;
}) {
  const { trainId, risk, defaultOwnerRef, onClose, onSaved, onReload } = props;
  const api = useApi(releaseCoordinationApiRef);
  const { t } = usePluginTranslation();
  const [form, setForm] = useState<RiskForm>({
    title: risk?.title ?? '',
    ownerRef: risk?.ownerRef ?? defaultOwnerRef ?? '',
    likelihood: risk?.likelihood ?? 'medium',
    impact: risk?.impact ?? 'medium',
    mitigation: risk?.mitigation ?? '',
    status: risk?.status ?? 'open',
  });
  const [errors, setErrors] = useState<Partial<Record<keyof RiskForm, string>>>(
    {},
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [conflict, setConflict] = useState(false);

  function set<K extends keyof RiskForm>(key: K) {
    return (value: string) =>
      setForm(current => ({ ...current, [key]: value as RiskForm[K] }));
  }

  async function save() {
    const found: Partial<Record<keyof RiskForm, string>> = {};
    if (!form.title.trim()) {
      found.title = t('review.register.dialog.titleRequired');
    }
    if (!form.ownerRef.trim()) {
      found.ownerRef = t('review.register.dialog.ownerRequired');
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    let request: () => Promise<unknown>;
    if (risk) {
      const change = changesOf(risk, form);
      if (Object.keys(change).length === 0) {
        onClose();
        return;
      }
      request = () =>
        api.updateReviewRisk({
          trainId,
          riskId: risk.id,
          expectedVersion: risk.version,
          ...change,
        });
    } else {
      const mitigation = form.mitigation.trim();
      request = () =>
        api.registerReviewRisk({
          trainId,
          title: form.title.trim(),
          ownerRef: form.ownerRef.trim(),
          likelihood: form.likelihood,
          impact: form.impact,
          ...(mitigation ? { mitigation } : {}),
          status: form.status,
        });
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

  return (
    <FormDialog
      id="review-risk"
      title={
        risk
          ? t('review.register.dialog.changeTitle')
          : t('review.register.dialog.registerTitle')
      }
      busy={busy || conflict}
      error={error}
      submitLabel={
        risk
          ? t('review.register.dialog.save')
          : t('review.register.dialog.register')
      }
      onSubmit={save}
      onClose={onClose}
    >
      {conflict && (
        <Box marginBottom={2}>
          <Alert
            severity="warning"
            role="alert"
            action={
              <Button color="inherit" size="small" onClick={onReload}>
                {t('review.register.dialog.reload')}
              </Button>
            }
          >
            {t('review.register.dialog.conflict')}
          </Alert>
        </Box>
      )}
      <FormTextField
        id="risk-form-title"
        label={t('review.register.dialog.title')}
        value={form.title}
        onChange={set('title')}
        error={errors.title}
        helperText={t('review.register.dialog.titleHelp')}
        variant="outlined"
        required
      />
      <FormTextField
        id="risk-form-owner"
        label={t('review.register.dialog.owner')}
        value={form.ownerRef}
        onChange={set('ownerRef')}
        error={errors.ownerRef}
        helperText={t('review.register.dialog.ownerHelp')}
        variant="outlined"
        required
      />
      <Box display="flex" gridGap={16}>
        <FormTextField
          id="risk-form-likelihood"
          select
          label={t('review.register.dialog.likelihood')}
          value={form.likelihood}
          onChange={set('likelihood')}
          variant="outlined"
        >
          {REVIEW_RISK_LEVELS.map(level => (
            <MenuItem key={level} value={level}>
              {t(`review.register.levels.${level}`)}
            </MenuItem>
          ))}
        </FormTextField>
        <FormTextField
          id="risk-form-impact"
          select
          label={t('review.register.dialog.impact')}
          value={form.impact}
          onChange={set('impact')}
          variant="outlined"
        >
          {REVIEW_RISK_LEVELS.map(level => (
            <MenuItem key={level} value={level}>
              {t(`review.register.levels.${level}`)}
            </MenuItem>
          ))}
        </FormTextField>
        <FormTextField
          id="risk-form-status"
          select
          label={t('review.register.dialog.status')}
          value={form.status}
          onChange={set('status')}
          variant="outlined"
        >
          {REVIEW_RISK_STATUSES.map(status => (
            <MenuItem key={status} value={status}>
              {t(`review.register.statuses.${status}`)}
            </MenuItem>
          ))}
        </FormTextField>
      </Box>
      <FormTextField
        id="risk-form-mitigation"
        label={t('review.register.dialog.mitigation')}
        value={form.mitigation}
        onChange={set('mitigation')}
        helperText={t('review.register.dialog.mitigationHelp')}
        variant="outlined"
        multiline
        minRows={3}
      />
    </FormDialog>
  );
}
