import {
  RegisterReviewRiskRequest,
  ReviewRisk,
  ReviewRiskLevel,
  ReviewRiskStatus,
  UpdateReviewRiskRequest,
} from '@release-coordination/plugin-release-coordination-common';
import { type ReleaseCoordinationT } from '../shared';

/** True when the backend refused a change because the risk moved on since it was read (409). */
export function isConflictError(error: unknown): boolean {
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
export interface RiskForm {
  title: string;
  ownerRef: string;
  likelihood: ReviewRiskLevel;
  impact: ReviewRiskLevel;
  mitigation: string;
  status: ReviewRiskStatus;
}

/** What is wrong with the form, by field. */
export type RiskFormErrors = Partial<Record<keyof RiskForm, string>>;

/** The form as it opens: `risk` as it is, or a new risk of `defaultOwnerRef`. */
export function initialRiskForm(
  risk: ReviewRisk | undefined,
  defaultOwnerRef: string | undefined,
): RiskForm {
  return {
    title: risk?.title ?? '',
    ownerRef: risk?.ownerRef ?? defaultOwnerRef ?? '',
    likelihood: risk?.likelihood ?? 'medium',
    impact: risk?.impact ?? 'medium',
    mitigation: risk?.mitigation ?? '',
    status: risk?.status ?? 'open',
  };
}

/** The form's checks, the same ones the backend makes: a title and an owner. */
export function validateRiskForm(
  form: RiskForm,
  t: ReleaseCoordinationT,
): RiskFormErrors {
  const found: RiskFormErrors = {};
  if (!form.title.trim()) {
    found.title = t('review.register.dialog.titleRequired');
  }
  if (!form.ownerRef.trim()) {
    found.ownerRef = t('review.register.dialog.ownerRequired');
  }
  return found;
}

/** What changed of `risk` in the form; empty when nothing did. */
export function changesOf(
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

/** The form as a new risk of the train; a mitigation left empty is left out. */
export function registerRequestOf(
  trainId: string,
  form: RiskForm,
): { trainId: string } & RegisterReviewRiskRequest {
  const mitigation = form.mitigation.trim();
  return {
    trainId,
    title: form.title.trim(),
    ownerRef: form.ownerRef.trim(),
    likelihood: form.likelihood,
    impact: form.impact,
    ...(mitigation ? { mitigation } : {}),
    status: form.status,
  };
}
