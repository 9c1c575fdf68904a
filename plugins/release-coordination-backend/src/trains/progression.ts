import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { TrainDetail } from '@release-coordination/plugin-release-coordination-common';
import { isGateSatisfied } from '@release-coordination/plugin-release-coordination-node';
import { TrainChangeContext, TrainCore } from './core';
import { createRuleEvaluation } from '../gates/ruleEvaluation';
import { describeGate, gatesGuardingExit } from './model';
import { gatesAwaitingNotifications, stageAdvancedNotification } from './announcements';
import { actorRefOf } from '../access';
import { requireActive } from './model';
import { settleExpiredGuards } from '../gates/expiredGuards';
import { upstreamEdgesAmong } from './dependencyDrift';

/** Moving a train along: advancing it to its next stage, or releasing it from its last. */
export function createTrainProgression(core: TrainCore) {
  const { store, snapshots, now, announce, audited, requireTrain, getTrain } = core;
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
          await settleExpiredGuards(tx, core, guarding, actorRef, at);
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

  return { advanceStage };
}
