import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import {
  GateApproval,
  GateState,
  TrainGate,
} from '@release-coordination/plugin-release-coordination-common';
import { approvalGateState } from '@release-coordination/plugin-release-coordination-node';
import { TrainChangeContext, TrainCore } from '../trains/core';
import { GateRecord, TrainRecord } from '../trains/TrainStore';
import { actorRefOf, ownershipOf, isUserPrincipal } from '../access';
import { requireActive } from '../trains/model';
import { settleExpiredWaiver } from './waiverExpiry';

/**
 * Refuses a decision on `gate` unless it is an approval gate with an approver, the person is a
 * member of the approver Group, and, where the gate asks for separation of duties, is not the
 * train's ambassador.
 */
function requireMayDecide(
  gate: GateRecord,
  train: TrainRecord,
  memberOf: Set<string>,
  actorRef: string,
): void {
  if (gate.kind !== 'approval') {
    throw new InputError(
      `Gate ${gate.id} is a ${gate.kind} gate; people do not decide it`,
    );
  }
  const approverRef = gate.config.approverRef;
  if (!approverRef) {
    throw new NotAllowedError(
      `Nobody can decide gate ${gate.id}: ${gate.participantRef ?? 'it'} has no owner`,
    );
  }
  if (!memberOf.has(approverRef)) {
    throw new NotAllowedError(
      `Only members of ${approverRef} can decide gate ${gate.id}`,
    );
  }
  if (gate.config.separationOfDuties && actorRef === train.ambassadorRef) {
    throw new NotAllowedError(
      `Separation of duties: the ambassador of '${train.name}' cannot decide gate ${gate.id}`,
    );
  }
}

/**
 * Approvals and rejections of approval gates, counted only from members of the approver Group.
 */
export function createApprovalDecisions(core: TrainCore) {
  const {
    store,
    userInfo,
    now,
    announce,
    audited,
    requireTrain,
    requireGate,
    requireCounting,
    gateDetail,
    failureNotifications,
  } = core;

  async function recordDecision(
    gateId: string,
    decision: 'approve' | 'reject',
    comment: string | undefined,
    credentials: BackstageCredentials,
    context: TrainChangeContext | undefined,
  ): Promise<TrainGate> {
    if (!isUserPrincipal(credentials)) {
      throw new NotAllowedError('Only users can approve or reject gates');
    }
    const actorRef = actorRefOf(credentials);
    const eventId = decision === 'approve' ? 'gate-approve' : 'gate-reject';
    return audited(eventId, { actor: actorRef, gateId }, context, async () => {
      if (decision === 'reject' && !comment?.trim()) {
        throw new InputError('A rejection needs a comment saying why');
      }
      const memberOf = await ownershipOf(userInfo, credentials);
      const changed = await store.transaction(async tx => {
        let gate = await requireGate(tx, gateId, true);
        const train = await requireTrain(tx, gate.trainId);
        requireActive(train);
        requireCounting(gate);
        requireMayDecide(gate, train, memberOf, actorRef);
        const at = now();
        // A waiver that ran out no longer holds the gate: it is back to its approvals.
        gate = await settleExpiredWaiver(tx, gate, actorRef, at);
        const before = await tx.listApprovals(gateId);
        // Approvals that expired no longer hold the gate: it reads as pending and takes a
        // decision again, though the stored state catches up only now.
        const current: GateState =
          gate.state === 'waived'
            ? 'waived'
            : approvalGateState(before, gate.config.quorum, at);
        if (current === 'passed' || current === 'waived') {
          throw new ConflictError(`Gate ${gateId} is already ${current}`);
        }
        const mine = before.find(approval => approval.userRef === actorRef);
        const expired =
          mine?.expiresAt !== undefined && Date.parse(mine.expiresAt) <= +at;
        // An expired approval given again is renewed, not ignored.
        if (
          mine?.decision === decision &&
          (mine.comment ?? '') === (comment ?? '') &&
          !expired
        ) {
          return undefined; // The same decision again changes nothing and is not logged twice.
        }
        const validFor = gate.config.approvalValidForMs;
        const expiresAt =
          validFor && decision === 'approve'
            ? new Date(at.getTime() + validFor)
            : undefined;
        await tx.saveApproval(gateId, {
          userRef: actorRef,
          decision,
          comment,
          ...(expiresAt ? { expiresAt } : {}),
        });
        // What the gate holds now: the earlier approvals with this person's decision replaced.
        const after: GateApproval[] = [
          ...before.filter(approval => approval.userRef !== actorRef),
          {
            userRef: actorRef,
            decision,
            decidedAt: at.toISOString(),
            ...(expiresAt ? { expiresAt: expiresAt.toISOString() } : {}),
          },
        ];
        const state: GateState = approvalGateState(
          after,
          gate.config.quorum,
          at,
        );
        const approvals = after.filter(
          a =>
            a.decision === 'approve' &&
            (!a.expiresAt || Date.parse(a.expiresAt) > +at),
        ).length;
        // The compare-and-set also guards the approval written above: a lost race rolls it back.
        await tx.updateGate(gateId, gate.version, { state });
        await tx.appendDecision({
          trainId: gate.trainId,
          ...(gate.participantRef ? { entityRef: gate.participantRef } : {}),
          actorRef,
          action: decision === 'approve' ? 'gate.approved' : 'gate.rejected',
          subject: gateId,
          before: { state: current },
          after: { state, approvals, quorum: gate.config.quorum },
          ...(comment ? { reason: comment } : {}),
        });
        return { train, gate };
      });
      if (changed) {
        const { train, gate } = changed;
        await announce(
          train.id,
          decision === 'reject'
            ? () =>
                failureNotifications(train, {
                  what: `Approval '${gate.config.title}'`,
                  ...(gate.participantRef
                    ? { participantRef: gate.participantRef }
                    : {}),
                  detail: `Rejected by ${actorRef}: ${comment}`,
                })
            : undefined,
        );
      }
      return gateDetail(gateId);
    });
  }

  return {
    approveGate: (
      gateId: string,
      input: { comment?: string },
      credentials: BackstageCredentials,
      context?: TrainChangeContext,
    ) => recordDecision(gateId, 'approve', input.comment, credentials, context),
    rejectGate: (
      gateId: string,
      input: { comment: string },
      credentials: BackstageCredentials,
      context?: TrainChangeContext,
    ) => recordDecision(gateId, 'reject', input.comment, credentials, context),
  };
}
