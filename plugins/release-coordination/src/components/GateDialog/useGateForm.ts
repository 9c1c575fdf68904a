import { useAnalytics, useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { TrainGate } from '@release-coordination/plugin-release-coordination-common';
import { useState } from 'react';
import { releaseCoordinationApiRef } from '../../api';
import { releaseCoordinationTranslationRef } from '../../translations';
import { useBackendRequest } from '../shared';
import {
  decisionRequest,
  GateAction,
  WaiverErrors,
  waiverErrorsOf,
} from './gateForm';

/**
 * What the decision forms of a gate's dialog hold, and the decisions: the form's checks first,
 * then the request, counted once it went through. `done` says what the last decision made of
 * the gate; `onDecided` gets the gate as the backend returned it.
 */
export function useGateForm(
  gate: TrainGate,
  onDecided?: (gate: TrainGate) => void,
) {
  const api = useApi(releaseCoordinationApiRef);
  const analytics = useAnalytics();
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);

  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState<string>();
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');
  const [waiveErrors, setWaiveErrors] = useState<WaiverErrors>({});
  const { busy, error, send, clearError } = useBackendRequest();
  const [done, setDone] = useState<string>();

  /** The request of a decision, counted once it went through. */
  async function decide(action: GateAction): Promise<TrainGate> {
    const decided = await decisionRequest(api, gate, action, {
      comment,
      reason,
      until,
    });
    analytics.captureEvent(action, gate.title, {
      attributes: {
        trainId: gate.trainId,
        gateId: gate.id,
        gateKind: gate.kind,
        ...(gate.participantRef ? { participantRef: gate.participantRef } : {}),
      },
    });
    return decided;
  }

  async function run(action: GateAction) {
    // A new attempt: what the last one got back no longer applies.
    clearError();
    setDone(undefined);
    if (action === 'reject' && !comment.trim()) {
      setCommentError(t('gates.commentRequired'));
      return;
    }
    setCommentError(undefined);
    if (action === 'waive') {
      const errors = waiverErrorsOf(reason, until, t);
      setWaiveErrors(errors);
      if (errors.reason || errors.until) return;
    }
    await send(
      () => decide(action),
      updated => {
        setDone(t('gates.done', { state: updated.state }));
        onDecided?.(updated);
      },
    );
  }

  return {
    comment,
    setComment,
    commentError,
    reason,
    setReason,
    until,
    setUntil,
    waiveErrors,
    busy,
    error,
    done,
    run,
  };
}
