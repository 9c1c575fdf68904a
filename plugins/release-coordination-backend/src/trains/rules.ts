import { upstreamOf } from '../dependencies/graph';
import {
  GateRule,
  TrainGateRuleContext,
  isGateSatisfied,
} from '@release-coordination/plugin-release-coordination-node';

/** Passes when the catalog names an owner for every participant of the train. */
export const everyParticipantHasOwner: GateRule<TrainGateRuleContext> = {
  id: 'every-participant-has-owner',
  description: 'Every participant has an owner in the catalog',
  async evaluate({ participants, dependencies }) {
    // The graph is newer than the train: an owner added in the catalog since counts.
    const unowned = participants
      .filter(p => !(dependencies.node(p.entityRef)?.owner ?? p.ownerRef))
      .map(p => p.entityRef);
    return unowned.length === 0
      ? { passed: true, reason: 'Every participant has an owner' }
      : { passed: false, reason: `No owner in the catalog: ${unowned.join(', ')}` };
  },
};

/**
 * Passes when every upstream dependency of the participant that is also in the train has all
 * its gates of this stage passed or waived. Dependencies are followed transitively over the
 * current graph, so the upstream participants' own `upstream-passed-stage` gates are left out:
 * they ask the same question one step further up, which this walk already covers, and leaving
 * them out keeps a dependency cycle from blocking itself forever.
 */
export const upstreamPassedStage: GateRule<TrainGateRuleContext> = {
  id: 'upstream-passed-stage',
  description: 'Every upstream participant has passed this stage',
  async evaluate({ stage, participant, participants, gates, dependencies, now }) {
    if (!participant) {
      return { passed: false, reason: 'This rule applies to one participant; set perParticipant' };
    }
    const inTrain = new Set(participants.map(p => p.entityRef));
    const upstream = upstreamOf(dependencies, participant.entityRef)
      .map(reached => reached.ref)
      .filter(ref => inTrain.has(ref));
    const waitingOn = upstream.filter(ref =>
      gates.some(
        gate =>
          gate.participantRef === ref &&
          gate.stage === stage &&
          gate.rule !== upstreamPassedStage.id &&
          !isGateSatisfied(gate, now),
      ),
    );
    if (waitingOn.length > 0) {
      return { passed: false, reason: `Waiting on upstream participants: ${waitingOn.join(', ')}` };
    }
    return {
      passed: true,
      reason:
        upstream.length > 0
          ? `Upstream participants passed ${stage}: ${upstream.join(', ')}`
          : 'No upstream participants in this train',
    };
  },
};

/** The rules every backend knows, before modules add theirs. */
export const BUILT_IN_GATE_RULES: GateRule<TrainGateRuleContext>[] = [
  everyParticipantHasOwner,
  upstreamPassedStage,
];
