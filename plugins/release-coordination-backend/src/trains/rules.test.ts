import {
  ReleaseTrainSummary,
  TrainGate,
  TrainParticipant,
} from '@release-coordination/plugin-release-coordination-common';
import { DependencyIndex } from '../dependencies/graph';
import { TrainGateRuleContext } from '@release-coordination/plugin-release-coordination-node';
import { everyParticipantHasOwner, upstreamPassedStage } from './rules';

const node = (name: string, owner?: string) => ({
  ref: `component:default/${name}`,
  kind: 'Component',
  ...(owner ? { owner } : {}),
});
const edge = (from: string, to: string) => ({
  from: `component:default/${from}`,
  to: `component:default/${to}`,
  dependsOn: true,
  apis: [],
});

/** storefront → payments → ledger; pricing ↔ stock form a cycle. */
const index = new DependencyIndex({
  nodes: [
    node('ledger'),
    node('payments', 'group:default/team-pay'),
    node('pricing', 'group:default/team-web'),
    node('stock', 'group:default/team-web'),
    node('storefront', 'group:default/team-web'),
  ],
  edges: [
    edge('payments', 'ledger'),
    edge('pricing', 'stock'),
    edge('stock', 'pricing'),
    edge('storefront', 'payments'),
  ],
  scopes: [],
  groups: [],
  users: [],
  problems: [],
});

const train: ReleaseTrainSummary = {
  id: 't',
  name: '2026.12',
  objective: 'Ship',
  ambassadorRef: 'user:default/alice',
  status: 'active',
  currentStage: 'validation',
  stages: [],
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
};

const participant = (name: string): TrainParticipant => ({
  entityRef: `component:default/${name}`,
  targetVersion: '1.0.0',
});

function gate(name: string, overrides: Partial<TrainGate> = {}): TrainGate {
  return {
    id: `${name}-${overrides.templateId ?? 'canary'}`,
    trainId: 't',
    stage: 'validation',
    phase: 'exit',
    templateId: 'canary',
    title: 'Canary',
    kind: 'check',
    participantRef: `component:default/${name}`,
    state: 'pending',
    quorum: 1,
    separationOfDuties: false,
    approvals: [],
    updatedAt: '2026-11-01T00:00:00.000Z',
    ...overrides,
  };
}

function context(
  of: string,
  participants: TrainParticipant[],
  gates: TrainGate[],
): TrainGateRuleContext {
  const own = gate(of, { templateId: 'upstream', kind: 'rule', rule: 'upstream-passed-stage' });
  return {
    train,
    stage: 'validation',
    gate: own,
    participant: participants.find(p => p.entityRef === `component:default/${of}`),
    participants,
    gates: [...gates, own],
    dependencies: index,
    now: new Date('2026-11-15T00:00:00Z'),
  };
}

describe('every-participant-has-owner', () => {
  it('names the participants without an owner', async () => {
    const outcome = await everyParticipantHasOwner.evaluate({
      ...context('storefront', [participant('storefront'), participant('ledger')], []),
    });
    expect(outcome).toEqual({
      passed: false,
      reason: 'No owner in the catalog: component:default/ledger',
    });
  });

  it('passes when the catalog names every owner', async () => {
    const outcome = await everyParticipantHasOwner.evaluate(
      context('storefront', [participant('storefront'), participant('payments')], []),
    );
    expect(outcome.passed).toBe(true);
  });
});

describe('upstream-passed-stage', () => {
  const all = [participant('storefront'), participant('payments'), participant('ledger')];

  it('waits on transitive upstream participants whose gates are not passed', async () => {
    const outcome = await upstreamPassedStage.evaluate(
      context('storefront', all, [
        gate('payments', { state: 'passed' }),
        gate('ledger', { state: 'failed' }),
      ]),
    );
    expect(outcome).toEqual({
      passed: false,
      reason: 'Waiting on upstream participants: component:default/ledger',
    });
  });

  it('passes when upstream gates are passed or waived with a running waiver', async () => {
    const waiver = {
      waivedBy: 'user:default/alice',
      reason: 'flaky',
      until: '2999-01-01T00:00:00Z',
      waivedAt: '2026-11-01T00:00:00Z',
    };
    const outcome = await upstreamPassedStage.evaluate(
      context('storefront', all, [
        gate('payments', { state: 'passed' }),
        gate('ledger', { state: 'waived', waiver }),
      ]),
    );
    expect(outcome.passed).toBe(true);
    const expired = await upstreamPassedStage.evaluate(
      context('storefront', all, [
        gate('payments', { state: 'passed' }),
        gate('ledger', { state: 'waived', waiver: { ...waiver, until: '2000-01-01T00:00:00Z' } }),
      ]),
    );
    expect(expired.passed).toBe(false);
  });

  it('ignores upstream entities outside the train and gates of other stages', async () => {
    const outcome = await upstreamPassedStage.evaluate(
      context('storefront', [participant('storefront'), participant('ledger')], [
        gate('payments', { state: 'failed' }),
        gate('ledger', { stage: 'deployment' }),
      ]),
    );
    // ledger is reached through payments, which is not in the train; its only pending gate is
    // in another stage.
    expect(outcome.passed).toBe(true);
  });

  it('does not let a cycle block itself through the rule gates', async () => {
    const both = [participant('pricing'), participant('stock')];
    const stockRule = gate('stock', {
      templateId: 'upstream',
      kind: 'rule',
      rule: 'upstream-passed-stage',
    });
    const outcome = await upstreamPassedStage.evaluate(
      context('pricing', both, [gate('stock', { state: 'passed' }), stockRule]),
    );
    expect(outcome.passed).toBe(true);
  });

  it('needs a participant', async () => {
    const outcome = await upstreamPassedStage.evaluate({
      ...context('storefront', all, []),
      participant: undefined,
    });
    expect(outcome.passed).toBe(false);
  });
});
