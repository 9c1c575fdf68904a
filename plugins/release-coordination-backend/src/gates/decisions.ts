import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
} from '@backstage/errors';
import {
  CheckResult,
  GateApproval,
  GateState,
  ReportCheckRequest,
  TrainGate,
  normalizeEntityRef,
} from '@release-coordination/plugin-release-coordination-common';
import { approvalGateState } from '@release-coordination/plugin-release-coordination-node';
import { TrainChangeContext, TrainCore } from '../trains/core';
import { TrainRecord } from '../trains/TrainStore';
import { actorRefOf, ownershipOf, isUserPrincipal } from '../access';
import { requireActive, withExpiry } from '../trains/model';
import { settleExpiredWaiver } from './waiverExpiry';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The decisions on gates: approvals and rejections by members of the approver Group, waivers,
 * and check results reported by CI.
 */
export function createGateDecisions(core: TrainCore) {
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
        if (gate.kind !== 'approval') {
          throw new InputError(`Gate ${gateId} is a ${gate.kind} gate; people do not decide it`);
        }
        const approverRef = gate.config.approverRef;
        if (!approverRef) {
          throw new NotAllowedError(
            `Nobody can decide gate ${gateId}: ${gate.participantRef ?? 'it'} has no owner`,
          );
        }
        if (!memberOf.has(approverRef)) {
          throw new NotAllowedError(`Only members of ${approverRef} can decide gate ${gateId}`);
        }
        if (gate.config.separationOfDuties && actorRef === train.ambassadorRef) {
          throw new NotAllowedError(
            `Separation of duties: the ambassador of '${train.name}' cannot decide gate ${gateId}`,
          );
        }
        const at = now();
        // A waiver that ran out no longer holds the gate: it is back to its approvals.
        gate = await settleExpiredWaiver(tx, gate, actorRef, at);
        const before = await tx.listApprovals(gateId);
        // Approvals that expired no longer hold the gate: it reads as pending and takes a
        // decision again, though the stored state catches up only now.
        const current: GateState =
          gate.state === 'waived' ? 'waived' : approvalGateState(before, gate.config.quorum, at);
        if (current === 'passed' || current === 'waived') {
          throw new ConflictError(`Gate ${gateId} is already ${current}`);
        }
        const mine = before.find(approval => approval.userRef === actorRef);
        const expired = mine?.expiresAt !== undefined && Date.parse(mine.expiresAt) <= +at;
        // An expired approval given again is renewed, not ignored.
        if (mine?.decision === decision && (mine.comment ?? '') === (comment ?? '') && !expired) {
          return undefined; // The same decision again changes nothing and is not logged twice.
        }
        const validFor = gate.config.approvalValidForMs;
        const expiresAt =
          validFor && decision === 'approve' ? new Date(at.getTime() + validFor) : undefined;
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
        const state: GateState = approvalGateState(after, gate.config.quorum, at);
        const approvals = after.filter(
          a => a.decision === 'approve' && (!a.expiresAt || Date.parse(a.expiresAt) > +at),
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
                  ...(gate.participantRef ? { participantRef: gate.participantRef } : {}),
                  detail: `Rejected by ${actorRef}: ${comment}`,
                })
            : undefined,
        );
      }
      return gateDetail(gateId);
    });
  }

  async function waiveGate(
    gateId: string,
    input: { reason: string; until: Date },
    credentials: BackstageCredentials,
    context?: TrainChangeContext,
  ): Promise<TrainGate> {
    const actorRef = actorRefOf(credentials);
    return audited('gate-waive', { actor: actorRef, gateId }, context, async () => {
      if (!input.reason.trim()) throw new InputError('A waiver needs a reason');
      if (input.until.getTime() <= now().getTime()) {
        throw new InputError('A waiver must run until a time in the future');
      }
      // A waiver is a bounded exception, not a way to switch a gate off.
      const latest = now().getTime() + core.maxWaiverDays * DAY_MS;
      if (input.until.getTime() > latest) {
        throw new InputError(
          `until: a waiver runs at most ${core.maxWaiverDays} days ` +
            `(releaseCoordination.gates.maxWaiverDays), until ${new Date(latest).toISOString()} at the latest`,
        );
      }
      const trainId = await store.transaction(async tx => {
        let gate = await requireGate(tx, gateId, true);
        requireActive(await requireTrain(tx, gate.trainId));
        requireCounting(gate);
        // An expired waiver is logged as such before the new one, which starts from the evidence.
        gate = await settleExpiredWaiver(tx, gate, actorRef, now());
        if (gate.state === 'passed') throw new ConflictError(`Gate ${gateId} is already passed`);
        await tx.insertWaiver(gateId, {
          waivedBy: actorRef,
          reason: input.reason,
          until: input.until,
        });
        await tx.updateGate(gateId, gate.version, { state: 'waived' });
        await tx.appendDecision({
          trainId: gate.trainId,
          ...(gate.participantRef ? { entityRef: gate.participantRef } : {}),
          actorRef,
          action: 'gate.waived',
          subject: gateId,
          before: { state: gate.state },
          after: { state: 'waived', until: input.until.toISOString() },
          reason: input.reason,
        });
        return gate.trainId;
      });
      await announce(trainId);
      return gateDetail(gateId);
    });
  }

  async function reportCheck(
    trainId: string,
    input: ReportCheckRequest,
    credentials: BackstageCredentials,
    context?: TrainChangeContext,
  ): Promise<CheckResult> {
    const reporter = actorRefOf(credentials);
    const participantRef = normalizeEntityRef(input.participantRef);
    const against = input.against
      ? { entityRef: normalizeEntityRef(input.against.entityRef), version: input.against.version }
      : undefined;
    const sameReport = (existing: CheckResult) => {
      if (
        existing.participantRef !== participantRef ||
        existing.checkName !== input.checkName ||
        existing.status !== input.status ||
        existing.against?.entityRef !== against?.entityRef ||
        existing.against?.version !== against?.version
      ) {
        throw new ConflictError(
          `Idempotency key '${input.idempotencyKey}' was already used for another report`,
        );
      }
      return existing;
    };
    const meta = { actor: reporter, trainId, checkName: input.checkName };
    return audited('check-report', meta, context, async () => {
      let outcome: { result: CheckResult; train?: TrainRecord };
      try {
        outcome = await store.transaction(async tx => {
          const train = await requireTrain(tx, trainId, true);
          const existing = await tx.findCheckByKey(trainId, input.idempotencyKey);
          // A replay changes nothing, so it is not announced again.
          if (existing) return { result: sameReport(existing) };
          requireActive(train);
          const participants = await tx.listParticipants(trainId);
          if (!participants.some(p => p.entityRef === participantRef)) {
            throw new InputError(`${participantRef} is not a participant of train '${train.name}'`);
          }
          const result = await tx.insertCheck({
            trainId,
            participantRef,
            checkName: input.checkName,
            status: input.status,
            ...(input.evidenceUrl ? { evidenceUrl: input.evidenceUrl } : {}),
            ...(against ? { against } : {}),
            idempotencyKey: input.idempotencyKey,
            reporter,
          });
          await tx.appendDecision({
            trainId,
            entityRef: participantRef,
            actorRef: reporter,
            action: 'check.reported',
            subject: `${participantRef}#${input.checkName}`,
            after: {
              status: input.status,
              evidenceUrl: input.evidenceUrl ?? null,
              ...(against ? { against: `${against.entityRef}@${against.version}` } : {}),
            },
          });
          // The newest result decides every check gate of this participant and check name
          // that no running waiver holds.
          const at = now();
          const gates = (await tx.listGates(trainId, { participantRef })).filter(
            gate =>
              gate.kind === 'check' &&
              gate.checkName === input.checkName &&
              withExpiry(gate, at).state !== 'waived' &&
              gate.state !== input.status,
          );
          for (const gate of gates) {
            // Decided on the gate as locked, not as listed: a waiver (or a newer report) that
            // landed in between stands, and the compare-and-set below guards that same state.
            // A waiver that ran out gives the gate back to its evidence, this report included.
            const record = await settleExpiredWaiver(
              tx,
              await requireGate(tx, gate.id, true),
              reporter,
              at,
            );
            if (record.state === 'waived' || record.state === input.status) continue;
            await tx.updateGate(gate.id, record.version, { state: input.status });
            await tx.appendDecision({
              trainId,
              entityRef: participantRef,
              actorRef: reporter,
              action: `gate.${input.status}`,
              subject: gate.id,
              before: { state: record.state },
              after: { state: input.status },
              reason: `Check ${input.checkName} reported ${input.status}`,
            });
          }
          return { result, train };
        });
      } catch (error) {
        // Two reports with one key at once: the unique index let one in; answer with it.
        const existing = await store.findCheckByKey(trainId, input.idempotencyKey);
        if (existing) return sameReport(existing);
        throw error;
      }
      const { result, train } = outcome;
      if (train) {
        await announce(
          trainId,
          result.status === 'failed'
            ? () =>
                failureNotifications(train, {
                  what: `Check '${result.checkName}'`,
                  participantRef: result.participantRef,
                  detail:
                    `Reported failed by ${reporter}${
                      result.evidenceUrl ? `; evidence: ${result.evidenceUrl}` : ''
                    }`,
                })
            : undefined,
        );
      }
      return result;
    });
  }

  return {
    approveGate: (gateId: string, input: { comment?: string }, credentials: BackstageCredentials, context?: TrainChangeContext) =>
      recordDecision(gateId, 'approve', input.comment, credentials, context),
    rejectGate: (gateId: string, input: { comment: string }, credentials: BackstageCredentials, context?: TrainChangeContext) =>
      recordDecision(gateId, 'reject', input.comment, credentials, context),
    waiveGate,
    reportCheck,
  };
}
