import { TrainGate } from '@release-coordination/plugin-release-coordination-common';
import { TrainCore } from '../trains/core';
import { withExpiry } from '../trains/model';
import { TrainStoreSession, VersionConflictError } from '../trains/TrainStore';
import { requireUnwaivedSinceRead } from './ruleEvaluation';
import { settleExpiredWaiver } from './waiverExpiry';

/**
 * Brings the gates guarding a stage up to date before the train may leave it, in `tx` with the
 * train locked: `guarding` (as listed) is updated in place. Expired approvals no longer count:
 * such a gate is pending again, and logged so. A waiver that ran out gives its gate back to the
 * evidence, also logged.
 */
export async function settleExpiredGuards(
  tx: TrainStoreSession,
  core: Pick<TrainCore, 'requireGate'>,
  guarding: TrainGate[],
  actorRef: string,
  at: Date,
): Promise<void> {
  const { requireGate } = core;
  for (const gate of guarding) {
    if (withExpiry(gate, at).state === gate.state) continue;
    // Decided on the gate and its approvals as locked, not as listed: an approval
    // given in between renews the gate instead of being overwritten as expired.
    const record = await requireGate(tx, gate.id, true);
    requireUnwaivedSinceRead(gate, record);
    if (record.state === 'waived') {
      const settled = await settleExpiredWaiver(tx, record, actorRef, at);
      // Waived again since the gates were listed: run again on the new waiver.
      if (settled.state === 'waived')
        throw new VersionConflictError(`Gate ${gate.id}`);
      gate.state = settled.state;
      continue;
    }
    gate.approvals = await tx.listApprovals(gate.id, { lock: true });
    gate.state = record.state;
    const live = withExpiry(gate, at);
    if (live.state === record.state) continue;
    await tx.updateGate(gate.id, record.version, { state: live.state });
    await tx.appendDecision({
      trainId: gate.trainId,
      ...(gate.participantRef ? { entityRef: gate.participantRef } : {}),
      actorRef,
      action: 'gate.expired',
      subject: gate.id,
      before: { state: record.state },
      after: { state: live.state },
      reason: 'Approvals expired; the quorum is no longer met',
    });
    gate.state = live.state;
  }
}
