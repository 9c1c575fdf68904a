import {
  ReleaseCoordinationApi,
  TrainGate,
} from '@release-coordination/plugin-release-coordination-common';
import { endOfDay, type ReleaseCoordinationT } from '../shared';

/** What someone does with a gate in its dialog. */
export type GateAction = 'approve' | 'reject' | 'waive';

/** What is wrong with the waiver form, by field. */
export type WaiverErrors = { reason?: string; until?: string };

/** The fields of the dialog's forms, as typed. */
export type GateFormValues = { comment: string; reason: string; until: string };

/**
 * The waiver form's checks, the same ones the backend makes: a reason, and an end date that is
 * still to come at the end of its day.
 */
export function waiverErrorsOf(
  reason: string,
  until: string,
  t: ReleaseCoordinationT,
  now: number = Date.now(),
): WaiverErrors {
  const errors: WaiverErrors = {};
  if (!reason.trim()) errors.reason = t('gates.reasonRequired');
  if (!until) errors.until = t('gates.untilRequired');
  else if (endOfDay(until).getTime() <= now) {
    errors.until = t('gates.untilInPast');
  }
  return errors;
}

/**
 * The request of a decision on `gate`, with the comment (optional to approve, required to
 * reject) or the waiver's reason and end date; the form's fields are checked before.
 */
export function decisionRequest(
  api: ReleaseCoordinationApi,
  gate: TrainGate,
  action: GateAction,
  values: GateFormValues,
): Promise<TrainGate> {
  const comment = values.comment.trim();
  if (action === 'approve') {
    return api.approveGate({
      gateId: gate.id,
      ...(comment ? { comment } : {}),
    });
  }
  if (action === 'reject') {
    return api.rejectGate({ gateId: gate.id, comment });
  }
  return api.waiveGate({
    gateId: gate.id,
    reason: values.reason.trim(),
    until: endOfDay(values.until).toISOString(),
  });
}
