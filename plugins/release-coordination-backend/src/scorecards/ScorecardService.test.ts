import { NotFoundError } from '@backstage/errors';
import { ScorecardPeriod } from '@release-coordination/plugin-release-coordination-common';
import { DeploymentFact, TrainFact } from './engine';
import { DependencyGraph, DependencyIndex } from '../dependencies/graph';
import { ScorecardFactSource } from './ScorecardFactSource';
import { createScorecardService, hierarchyOf } from './ScorecardService';

const CHECKOUT = 'component:default/checkout';
const LEGACY = 'component:default/legacy';
const TEAM_WEB = 'group:default/team-web';
const ENGINEERING = 'group:default/engineering';

/** engineering ⊃ team-web; checkout is in system shop of domain commerce; legacy sits in the domain directly. */
const GRAPH: DependencyGraph = {
  nodes: [
    {
      ref: CHECKOUT,
      kind: 'Component',
      owner: TEAM_WEB,
      system: 'system:default/shop',
      domain: 'domain:default/commerce',
    },
    { ref: LEGACY, kind: 'Component', owner: ENGINEERING, domain: 'domain:default/commerce' },
  ],
  edges: [],
  scopes: [
    { ref: 'system:default/shop', kind: 'System', domain: 'domain:default/commerce' },
    { ref: 'domain:default/commerce', kind: 'Domain' },
  ],
  groups: [
    { ref: ENGINEERING, members: [] },
    { ref: TEAM_WEB, parent: ENGINEERING, members: ['user:default/alice'] },
  ],
  users: [{ ref: 'user:default/alice' }],
  problems: [],
};
const index = new DependencyIndex(GRAPH);
const snapshots = { current: async () => ({ meta: {} as any, index }) };

const PERIOD = { from: '2026-03-02T00:00:00.000Z', to: '2026-03-16T00:00:00.000Z' };

const TRAIN: TrainFact = {
  id: 'train-1',
  name: '2026.03',
  status: 'released',
  createdAt: '2026-02-20T00:00:00.000Z',
  stages: [],
  participants: [{ entityRef: CHECKOUT, ownerRef: TEAM_WEB }],
};

function deployment(fields: Partial<DeploymentFact>): DeploymentFact {
  return {
    id: 'd1',
    trainId: 'train-1',
    participantRef: CHECKOUT,
    environment: 'production',
    ownerRef: TEAM_WEB,
    startedAt: '2026-03-05T09:00:00.000Z',
    finishedAt: '2026-03-05T10:00:00.000Z',
    result: 'succeeded',
    ...fields,
  };
}

/** A fact source that records the windows it was asked for. */
function fakeFacts(deployments: DeploymentFact[], trains: TrainFact[] = [TRAIN]) {
  const calls: { deployments: ScorecardPeriod[]; trains: (string[] | undefined)[] } = {
    deployments: [],
    trains: [],
  };
  const source: ScorecardFactSource = {
    listDeployments: async period => {
      calls.deployments.push(period);
      return deployments.filter(d => !d.finishedAt || d.finishedAt < period.to);
    },
    listTrains: async (_period, options) => {
      calls.trains.push(options?.trainIds);
      return trains;
    },
    listGateDecisions: async () => [],
    listIncidents: async () => [],
    listIndicators: async () => [],
    listActionItems: async () => [],
  };
  return { source, calls };
}

describe('hierarchyOf', () => {
  const hierarchy = hierarchyOf(index);

  it('rolls up through the dependency graph', () => {
    expect(hierarchy.parentOf(TEAM_WEB)).toBe(ENGINEERING);
    expect(hierarchy.parentOf(ENGINEERING)).toBeUndefined();
    expect(hierarchy.systemOf(CHECKOUT)).toBe('system:default/shop');
    expect(hierarchy.domainOf('system:default/shop')).toBe('domain:default/commerce');
    expect(hierarchy.domainOf(LEGACY)).toBe('domain:default/commerce');
    expect(hierarchy.groupsOfUser!('user:default/alice')).toEqual([TEAM_WEB]);
    expect(hierarchy.groupsOfUser!('user:default/nobody')).toEqual([]);
    expect(hierarchy.ownerOf!('Component:default/Checkout')).toBe(TEAM_WEB);
    expect(hierarchy.ownerOf!('component:default/unknown')).toBeUndefined();
  });
});

describe('createScorecardService', () => {
  it('computes a scorecard with its settings, looking ahead for recoveries and hotfixes', async () => {
    const { source, calls } = fakeFacts([
      deployment({ id: 'd1', result: 'failed' }),
      // Recovers d1 two days after the period: seen through the lookahead.
      deployment({ id: 'd2', startedAt: '2026-03-18T09:00:00.000Z', finishedAt: '2026-03-18T10:00:00.000Z' }),
    ]);
    const service = createScorecardService({
      facts: source,
      snapshots,
      settings: { lookaheadHours: 72 },
      clock: { now: () => new Date('2026-04-01T00:00:00.000Z') },
    });
    const card = await service.getScorecard({ kind: 'team', ref: ENGINEERING }, PERIOD);

    // 72 h after the end of the period, well before now.
    expect(calls.deployments).toEqual([{ from: PERIOD.from, to: '2026-03-19T00:00:00.000Z' }]);
    expect(calls.trains).toEqual([['train-1']]);
    expect(card.settings).toEqual({
      productionEnvironment: 'production',
      hotfixWindowHours: 24,
      lookaheadHours: 72,
    });
    expect(card.generatedAt).toBe('2026-04-01T00:00:00.000Z');
    expect(card.scope).toEqual({ kind: 'team', ref: ENGINEERING });
    const recovery = card.metrics.find(m => m.id === 'failed-deployment-recovery-time');
    // 5 March 10:00 → 18 March 10:00 = 13 days.
    expect(recovery).toMatchObject({ value: 13 * 24, sampleSize: 1 });
    // team-web owned the deployment; engineering is its parent.
    expect(card.metrics.find(m => m.id === 'deployment-frequency')).toMatchObject({ numerator: 1 });
    expect(card.children.map(c => c.scope)).toEqual([{ kind: 'team', ref: TEAM_WEB }]);
  });

  it('looks no further than now', async () => {
    const { source, calls } = fakeFacts([]);
    const service = createScorecardService({
      facts: source,
      snapshots,
      clock: { now: () => new Date('2026-03-10T00:00:00.000Z') },
    });
    await service.getScorecard({ kind: 'organization' }, PERIOD);
    // Now is inside the period: the period's own end bounds the query.
    expect(calls.deployments).toEqual([PERIOD]);
  });

  it('answers 404 for a scope nobody knows', async () => {
    const { source } = fakeFacts([deployment({ participantRef: 'component:default/retired' })]);
    const service = createScorecardService({ facts: source, snapshots });
    const refused = [
      { kind: 'team', ref: 'group:default/ghosts' },
      { kind: 'system', ref: 'system:default/nowhere' },
      { kind: 'system', ref: 'domain:default/commerce' },
      { kind: 'domain', ref: 'domain:default/elsewhere' },
      { kind: 'train', id: 'no-such-train' },
      { kind: 'component', ref: 'component:default/never-shipped' },
    ] as const;
    for (const scope of refused) {
      await expect(service.getScorecard(scope, PERIOD), JSON.stringify(scope)).rejects.toThrow(
        NotFoundError,
      );
    }
    // A component gone from the catalog still has its history.
    const retired = await service.getScorecard(
      { kind: 'component', ref: 'component:default/retired' },
      PERIOD,
    );
    expect(retired.metrics.find(m => m.id === 'deployment-frequency')).toMatchObject({ numerator: 1 });
    // So does a team that owned deployments before it was dissolved.
    const { source: withOldTeam } = fakeFacts([deployment({ ownerRef: 'group:default/dissolved' })]);
    const dissolved = await createScorecardService({ facts: withOldTeam, snapshots }).getScorecard(
      { kind: 'team', ref: 'group:default/dissolved' },
      PERIOD,
    );
    expect(dissolved.metrics.find(m => m.id === 'deployment-frequency')).toMatchObject({ numerator: 1 });
    const train = await service.getScorecard({ kind: 'train', id: 'train-1' }, PERIOD);
    expect(train.perTrain.map(p => p.trainId)).toEqual(['train-1']);
  });
});
