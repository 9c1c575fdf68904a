import { TrainParticipant } from '@release-coordination/plugin-release-coordination-common';
import { TrainGateRuleContext } from '@release-coordination/plugin-release-coordination-node';
import { DependencyIndex } from '../dependencies/graph';

/**
 * What a gate rule is evaluated with, for an active train in its deployment stage with an
 * empty dependency graph: the gate of `participantRef` (train-wide without one).
 */
export function trainRuleContext(options: {
  participants: TrainParticipant[];
  participantRef?: string;
  now: Date;
  trainId?: string;
}): TrainGateRuleContext {
  const { participants, participantRef, now } = options;
  return {
    train: {
      id: options.trainId ?? 't1',
      name: '2026.12',
      objective: 'Ship',
      ambassadorRef: 'user:default/alice',
      status: 'active',
      currentStage: 'deployment',
      stages: [],
      createdAt: '2026-11-01T00:00:00Z',
      updatedAt: '2026-11-01T00:00:00Z',
    },
    stage: 'deployment',
    gate: {} as TrainGateRuleContext['gate'],
    participant: participants.find(p => p.entityRef === participantRef),
    participants,
    gates: [],
    dependencies: new DependencyIndex({
      nodes: [],
      edges: [],
      scopes: [],
      groups: [],
      users: [],
      problems: [],
    }),
    now,
  };
}
