import {
  GateState,
  TrainGate,
  TrainParticipant,
} from '@release-coordination/plugin-release-coordination-common';
import { GateRuleOutcome, TrainGateRuleContext } from '@release-coordination/plugin-release-coordination-node';
import { TrainCore } from '../trains/core';
import { gatesGuardingExit, summarizeTrain, withExpiry } from '../trains/model';
import {
  GateRecord,
  TrainRecord,
  TrainStoreSession,
  VersionConflictError,
} from '../trains/TrainStore';
import { upstreamPassedStage } from '../trains/rules';

/**
 * Rule gates: which of them guard a stage, and their outcomes, evaluated ahead of the advance
 * (rules may read other stores) or inside it (`upstream-passed-stage`, which reads the gates).
 */
export function createRuleEvaluation(core: TrainCore) {
  const { store, gateRule, now, requireGate } = core;

  /**
   * Rule gates of `guarding` that count now, in the order they are evaluated: those that no
   * running waiver holds.
   */
  function ruleGatesOf(guarding: TrainGate[], at: Date): TrainGate[] {
    // Train-wide rules first, then per participant; `upstream-passed-stage` reads the other
    // gates of the stage, so it goes last.
    return guarding
      .filter(gate => gate.kind === 'rule' && withExpiry(gate, at).state !== 'waived')
      .sort(
        (a, b) =>
          Number(a.rule === upstreamPassedStage.id) - Number(b.rule === upstreamPassedStage.id) ||
          Number(Boolean(a.participantRef)) - Number(Boolean(b.participantRef)),
      );
  }

  async function evaluateRule(
    gate: TrainGate,
    train: TrainRecord,
    participants: TrainParticipant[],
    gates: TrainGate[],
    dependencies: TrainGateRuleContext['dependencies'],
    at: Date,
  ): Promise<GateRuleOutcome> {
    const rule = gateRule(gate.rule ?? '');
    if (!rule) return { passed: false, reason: `Unknown gate rule '${gate.rule}'` };
    return rule.evaluate({
      train: summarizeTrain(train, at),
      stage: gate.stage,
      gate,
      participant: participants.find(p => p.entityRef === gate.participantRef),
      participants,
      gates,
      dependencies,
      now: at,
    } satisfies TrainGateRuleContext);
  }

  /**
   * Evaluates, before the advance takes its row locks, every rule gate that guards leaving
   * `expectedStage` - except `upstream-passed-stage`, which only reads the train's own gates
   * and must see the outcomes written in the advance itself. Rules may read other stores or
   * ask other systems; doing that inside the transaction would hold the train's locks for as
   * long as they take, and on SQLite, whose single connection the transaction holds, a rule's
   * read would wait forever.
   */
  async function evaluateRulesAhead(
    trainId: string,
    expectedStage: string,
    dependencies: TrainGateRuleContext['dependencies'],
  ): Promise<Map<string, GateRuleOutcome>> {
    const outcomes = new Map<string, GateRuleOutcome>();
    const train = await store.getTrain(trainId);
    // The transaction reports a missing train or another stage with the right error.
    if (!train || train.status !== 'active' || train.currentStage !== expectedStage) {
      return outcomes;
    }
    const position = train.stagePlan.findIndex(s => s.name === train.currentStage);
    const next = train.stagePlan[position + 1];
    const participants = await store.listParticipants(trainId);
    const gates = await store.listGates(trainId);
    const at = now();
    for (const gate of ruleGatesOf(gatesGuardingExit(gates, train.currentStage, next?.name), at)) {
      if (gate.rule === upstreamPassedStage.id) continue;
      outcomes.set(gate.id, await evaluateRule(gate, train, participants, gates, dependencies, at));
    }
    return outcomes;
  }

  async function applyRules(
    tx: TrainStoreSession,
    train: TrainRecord,
    participants: TrainParticipant[],
    gates: TrainGate[],
    guarding: TrainGate[],
    dependencies: TrainGateRuleContext['dependencies'],
    evaluatedAhead: Map<string, GateRuleOutcome>,
    actorRef: string,
    at: Date,
  ): Promise<void> {
    for (const gate of ruleGatesOf(guarding, at)) {
      const outcome =
        gate.rule === upstreamPassedStage.id
          ? await evaluateRule(gate, train, participants, gates, dependencies, at)
          : (evaluatedAhead.get(gate.id) ?? {
              // The gate appeared after the rules were evaluated (a participant joined).
              passed: false,
              reason: 'The train changed while its gates were evaluated; advance again',
            });
      const state: GateState = outcome.passed ? 'passed' : 'failed';
      if (state === gate.state && outcome.reason === gate.reason) continue;
      // The outcome is written over the gate as locked, not as listed.
      const record = await requireGate(tx, gate.id, true);
      requireUnwaivedSinceRead(gate, record);
      if (state === record.state && outcome.reason === record.reason) {
        gate.state = state;
        gate.reason = outcome.reason;
        continue;
      }
      await tx.updateGate(gate.id, record.version, { state, reason: outcome.reason });
      if (state !== record.state) {
        await tx.appendDecision({
          trainId: train.id,
          ...(gate.participantRef ? { entityRef: gate.participantRef } : {}),
          actorRef,
          action: 'gate.evaluated',
          subject: gate.id,
          before: { state: record.state },
          after: { state },
          reason: outcome.reason,
        });
      }
      // Later rules see this outcome.
      gate.state = state;
      gate.reason = outcome.reason;
    }
  }

  return { evaluateRulesAhead, applyRules };
}

/**
 * Refuses to go on when the gate, now locked, was waived after the advance listed the train's
 * gates. The waiver stands; the whole advance runs again (the store retries on
 * {@link VersionConflictError}) on gates read after it, so that it neither overwrites the
 * waiver nor blocks on the gate as it was before.
 */
export function requireUnwaivedSinceRead(
  read: Pick<TrainGate, 'id' | 'state'>,
  locked: Pick<GateRecord, 'state'>,
): void {
  if (locked.state === 'waived' && read.state !== 'waived') {
    throw new VersionConflictError(`Gate ${read.id}`);
  }
}
