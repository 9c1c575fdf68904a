import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import {
  DecisionAction,
  TrainDetail,
} from '@release-coordination/plugin-release-coordination-common';
import { isGateSatisfied } from '@release-coordination/plugin-release-coordination-node';
import { TrainChangeContext, TrainCore } from './core';
import type { TrainService } from './TrainService';
import { createRuleEvaluation, requireUnwaivedSinceRead } from '../gates/ruleEvaluation';
import {
  describeGate,
  gatesGuardingExit,
  requireRollbackable,
  withExpiry,
} from './model';
import { trainRolledBackNotification } from './announcements';
import { TrainRecord, VersionConflictError } from './TrainStore';
import { settleExpiredWaiver } from '../gates/waiverExpiry';
import {
  TrainNotification,
  gatesAwaitingNotifications,
  stageAdvancedNotification,
} from './announcements';
import { actorRefOf } from '../access';
import { requireActive } from './model';
import { upstreamEdgesAmong } from './dependencyDrift';

/** Moving a train along: advancing its stage, cancelling it, marking it rolled back. */
export function createTrainProgression(core: TrainCore) {
  const { store, snapshots, now, announce, audited, requireTrain, requireGate, getTrain } = core;
  const { evaluateRulesAhead, applyRules } = createRuleEvaluation(core);

  async function advanceStage(
    trainId: string,
    input: { expectedStage: string },
    credentials: BackstageCredentials,
    context?: TrainChangeContext,
  ): Promise<TrainDetail> {
    const actorRef = actorRefOf(credentials);
    return audited(
      'stage-advance',
      { actor: actorRef, trainId, expectedStage: input.expectedStage },
      context,
      async () => {
        // Read before the transaction: deriving a first snapshot must not hold our locks.
        const { meta, index } = await snapshots.current();
        const evaluatedAhead = await evaluateRulesAhead(trainId, input.expectedStage, index);
        const outcome = await store.transaction(async tx => {
          const train = await requireTrain(tx, trainId, true);
          requireActive(train);
          if (train.currentStage !== input.expectedStage) {
            throw new ConflictError(
              `Train '${train.name}' is in stage '${train.currentStage}', not ` +
                `'${input.expectedStage}'`,
            );
          }
          const position = train.stagePlan.findIndex(s => s.name === train.currentStage);
          const next = train.stagePlan[position + 1];
          const participants = await tx.listParticipants(trainId);
          const gates = await tx.listGates(trainId);
          const guarding = gatesGuardingExit(gates, train.currentStage, next?.name);
          const at = now();
          // Expired approvals no longer count: such a gate is pending again, and logged so.
          // A waiver that ran out gives its gate back to the evidence, also logged.
          for (const gate of guarding) {
            if (withExpiry(gate, at).state === gate.state) continue;
            // Decided on the gate and its approvals as locked, not as listed: an approval
            // given in between renews the gate instead of being overwritten as expired.
            const record = await requireGate(tx, gate.id, true);
            requireUnwaivedSinceRead(gate, record);
            if (record.state === 'waived') {
              const settled = await settleExpiredWaiver(tx, record, actorRef, at);
              // Waived again since the gates were listed: run again on the new waiver.
              if (settled.state === 'waived') throw new VersionConflictError(`Gate ${gate.id}`);
              gate.state = settled.state;
              continue;
            }
            gate.approvals = await tx.listApprovals(gate.id, { lock: true });
            gate.state = record.state;
            const live = withExpiry(gate, at);
            if (live.state === record.state) continue;
            await tx.updateGate(gate.id, record.version, { state: live.state });
            await tx.appendDecision({
              trainId,
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
          await applyRules(
            tx,
            train,
            participants,
            gates,
            guarding,
            index,
            evaluatedAhead,
            actorRef,
            at,
          );
          const blocking = guarding.filter(gate => !isGateSatisfied(gate, at));
          // Rule outcomes are committed even when the stage stays: they are facts people
          // should see.
          if (blocking.length > 0) {
            return { kind: 'blocked' as const, stage: train.currentStage, blocking };
          }

          await tx.updateTrain(
            trainId,
            train.version,
            next ? { currentStage: next.name } : { status: 'released' },
          );
          await tx.insertStageSnapshot({
            trainId,
            stage: train.currentStage,
            ...(next ? { toStage: next.name } : {}),
            dependencySnapshotVersion: meta.version,
            upstreamEdges: upstreamEdgesAmong(
              index,
              participants.map(participant => participant.entityRef),
            ),
          });
          await tx.appendDecision({
            trainId,
            actorRef,
            action: 'stage.advanced',
            subject: train.currentStage,
            before: { stage: train.currentStage, status: train.status },
            after: next
              ? { stage: next.name, status: 'active' }
              : { stage: train.currentStage, status: 'released' },
          });
          return {
            kind: 'advanced' as const,
            train,
            from: train.currentStage,
            to: next?.name,
            participants,
          };
        });
        if (outcome.kind === 'blocked') {
          const blocked = outcome;
          // Rule outcomes were committed: live views should show them.
          await announce(trainId);
          throw new ConflictError(
            `Cannot leave stage '${blocked.stage}': ${blocked.blocking.length} gate(s) not ` +
              `passed or waived: ${blocked.blocking.map(describeGate).join('; ')}`,
          );
        }
        const detail = await getTrain(trainId);
        const { train, from, to, participants } = outcome;
        await announce(trainId, async () => {
          const advancedNote = stageAdvancedNotification(train, from, to, participants);
          return [
            ...(advancedNote ? [advancedNote] : []),
            ...(to ? gatesAwaitingNotifications(detail, to, detail.gates) : []),
          ];
        });
        return detail;
      },
    );
  }

  /**
   * Ends a train with a final status and the reason for it, in one transaction on the locked
   * train: the status is written against the version read, so of two concurrent endings one
   * loses with a conflict instead of both being logged.
   */
  async function endTrain(
    trainId: string,
    end: {
      eventId: string;
      status: 'cancelled' | 'rolled-back';
      action: DecisionAction;
      /** The refusal of a blank reason, naming the field. */
      reasonRequired: string;
      /** Refuses a train whose status this end does not apply to. */
      requireEndable: (train: TrainRecord) => void;
      /** What the people concerned are told once the end is committed. */
      notifications?: (train: TrainRecord, reason: string) => Promise<TrainNotification[]>;
    },
    input: { reason: string },
    credentials: BackstageCredentials,
    context?: TrainChangeContext,
  ): Promise<TrainDetail> {
    const actorRef = actorRefOf(credentials);
    return audited(end.eventId, { actor: actorRef, trainId }, context, async () => {
      const reason = input.reason.trim();
      if (!reason) throw new InputError(end.reasonRequired);
      const train = await store.transaction(async tx => {
        const current = await requireTrain(tx, trainId, true);
        end.requireEndable(current);
        await tx.updateTrain(trainId, current.version, { status: end.status });
        await tx.appendDecision({
          trainId,
          actorRef,
          action: end.action,
          subject: trainId,
          before: { status: current.status },
          after: { status: end.status },
          reason,
        });
        return current;
      });
      const compose = end.notifications;
      await announce(trainId, compose && (() => compose(train, reason)));
      return getTrain(trainId);
    });
  }

  const cancelTrain: TrainService['cancelTrain'] = (trainId, input, credentials, context) =>
    endTrain(
      trainId,
      {
        eventId: 'train-cancel',
        status: 'cancelled',
        action: 'train.cancelled',
        reasonRequired: 'Cancelling a train needs a reason',
        requireEndable: requireActive,
      },
      input,
      credentials,
      context,
    );

  const rollBackTrain: TrainService['rollBackTrain'] = (trainId, input, credentials, context) =>
    endTrain(
      trainId,
      {
        eventId: 'train-roll-back',
        status: 'rolled-back',
        action: 'train.rolled-back',
        reasonRequired: 'Marking a train rolled back needs a reason',
        requireEndable: requireRollbackable,
        notifications: async (train, reason) => {
          const note = trainRolledBackNotification(
            train,
            reason,
            await store.listParticipants(train.id),
          );
          return note ? [note] : [];
        },
      },
      input,
      credentials,
      context,
    );

  return { advanceStage, cancelTrain, rollBackTrain };
}
