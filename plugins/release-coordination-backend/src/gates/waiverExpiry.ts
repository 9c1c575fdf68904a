import { evidenceState } from '../trains/model';
import { GateRecord, TrainStoreSession } from '../trains/TrainStore';

/**
 * Gives a gate, locked in `tx`, back to its evidence once its waiver has run out: the state its
 * approvals, newest check result or last rule outcome give it ({@link evidenceState}) is
 * written, and the expiry goes into the decision log as `gate.expired`. Reads apply the expiry
 * at once (`withExpiry`); this is where a write that touches the gate catches the stored state
 * up, so that the decision it goes on to make starts from the evidence and not from the waiver.
 *
 * Returns the gate as it now is: unchanged when it is not waived or its waiver still runs.
 */
export async function settleExpiredWaiver(
  tx: TrainStoreSession,
  locked: GateRecord,
  actorRef: string,
  at: Date,
): Promise<GateRecord> {
  if (locked.state !== 'waived') return locked;
  // A locking read: a waiver given since this transaction began replaces the expired one.
  const waiver = await tx.getWaiver(locked.id, { lock: true });
  if (waiver && Date.parse(waiver.until) > at.getTime()) return locked;
  const [listed] = await tx.listGatesByIds([locked.id]);
  const approvals = await tx.listApprovals(locked.id, { lock: true });
  const state = evidenceState(
    {
      kind: locked.kind,
      quorum: locked.config.quorum,
      approvals,
      ...(listed?.latestCheck ? { latestCheck: listed.latestCheck } : {}),
      ...(locked.reason ? { reason: locked.reason } : {}),
    },
    at,
  );
  await tx.updateGate(locked.id, locked.version, { state });
  await tx.appendDecision({
    trainId: locked.trainId,
    ...(locked.participantRef ? { entityRef: locked.participantRef } : {}),
    actorRef,
    action: 'gate.expired',
    subject: locked.id,
    before: { state: 'waived', ...(waiver ? { until: waiver.until } : {}) },
    after: { state },
    reason: waiver
      ? `The waiver until ${waiver.until} expired`
      : 'The gate is waived without a waiver on record',
  });
  return (await tx.getGate(locked.id, { lock: true }))!;
}
