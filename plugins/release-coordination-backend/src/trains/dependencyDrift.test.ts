import { NotFoundError } from '@backstage/errors';
import {
  ReleaseTrainStatus,
  TrainParticipant,
  TrainStage,
} from '@release-coordination/plugin-release-coordination-common';
import { CatalogEntityLike, DependencyIndex, deriveDependencyGraph } from '../dependencies/graph';
import { TrainRecord, TrainStore } from './TrainStore';
import { CurrentDependencyGraph } from '../dependencies/DependencySnapshotService';
import { loadTrainDependencyDrift, upstreamEdgesAmong } from './dependencyDrift';

const c = (name: string) => `component:default/${name}`;
const STOREFRONT = c('storefront');
const CHECKOUT = c('checkout-api');
const PAYMENTS = c('payments-service');
const FRAUD = c('fraud-check');
const LEDGER = c('ledger-service');
const CATALOG = c('catalog-service');

function component(name: string, relations: Array<[string, string]> = []): CatalogEntityLike {
  return {
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    relations: relations.map(([type, targetRef]) => ({ type, targetRef })),
  };
}

/**
 * Today's catalog: storefront → checkout-api, which consumes the payments API that
 * payments-service provides; payments-service → fraud-check → ledger-service. fraud-check is
 * not in the train, so payments-service depends on ledger-service through it.
 */
const index = new DependencyIndex(
  deriveDependencyGraph([
    component('storefront', [['dependsOn', CHECKOUT]]),
    component('checkout-api', [['consumesApi', 'api:default/payments']]),
    component('payments-service', [
      ['providesApi', 'api:default/payments'],
      ['dependsOn', FRAUD],
    ]),
    component('fraud-check', [['dependsOn', LEDGER]]),
    component('ledger-service'),
    component('catalog-service'),
    { kind: 'API', metadata: { name: 'payments', namespace: 'default' } },
  ]),
);

const current: CurrentDependencyGraph = {
  meta: {
    version: 7,
    derivedAt: new Date('2026-11-21T06:00:00.000Z'),
    durationMs: 40,
    nodeCount: 6,
    edgeCount: 4,
    problemCount: 0,
  },
  index,
};

const STAGE_PLAN = ['planning', 'integration', 'validation', 'deployment'].map(name => ({
  name,
  title: name[0].toUpperCase() + name.slice(1),
}));

function trainRecord(status: ReleaseTrainStatus, currentStage: string): TrainRecord {
  // The stages as the train view shows them are not read here; none are needed.
  const view: { stages: TrainStage[] } = { stages: [] };
  return {
    id: 'train-1',
    name: '2026.12 winter release',
    objective: 'One-click checkout for returning customers',
    ambassadorRef: 'user:default/alice',
    status,
    currentStage,
    createdAt: '2026-11-02T09:00:00.000Z',
    updatedAt: '2026-11-10T09:00:00.000Z',
    ...view,
    version: 3,
    stagePlan: STAGE_PLAN,
  };
}

type Recording = Awaited<ReturnType<TrainStore['listStageSnapshots']>>[number];

/** At creation: storefront → checkout-api; catalog-service took part. */
const createdRecording: Recording = {
  stage: 'planning',
  toStage: 'planning',
  dependencySnapshotVersion: 3,
  upstreamEdges: { [STOREFRONT]: [CHECKOUT, CATALOG], [CHECKOUT]: [], [CATALOG]: [] },
  takenAt: '2026-11-02T09:00:00.000Z',
};

/** Leaving planning: catalog-service had left, payments-service had joined. */
const integrationRecording: Recording = {
  stage: 'planning',
  toStage: 'integration',
  dependencySnapshotVersion: 4,
  upstreamEdges: { [STOREFRONT]: [CHECKOUT], [CHECKOUT]: [], [PAYMENTS]: [] },
  takenAt: '2026-11-10T09:00:00.000Z',
};

const participant = (entityRef: string): TrainParticipant => ({
  entityRef,
  targetVersion: '1.0.0',
});

/** The train store as the loader sees it, in memory. */
function fakeStore(
  train: TrainRecord | undefined,
  recordings: Recording[],
  participants: TrainParticipant[],
): Pick<TrainStore, 'getTrain' | 'listStageSnapshots' | 'listParticipants'> {
  return {
    async getTrain(trainId) {
      return train?.id === trainId ? train : undefined;
    },
    async listStageSnapshots(trainId) {
      return train?.id === trainId ? recordings : [];
    },
    async listParticipants(trainId) {
      return train?.id === trainId ? participants : [];
    },
  };
}

/** The newest graph; counts how often it was asked for. */
function fakeSnapshots() {
  const calls = { current: 0 };
  return {
    calls,
    service: {
      async current() {
        calls.current++;
        return current;
      },
    },
  };
}

describe('upstreamEdgesAmong', () => {
  it('keeps only participants, also those reached through entities outside the train', () => {
    expect(upstreamEdgesAmong(index, [STOREFRONT, CHECKOUT, PAYMENTS, LEDGER])).toEqual({
      [STOREFRONT]: [CHECKOUT, PAYMENTS, LEDGER],
      [CHECKOUT]: [PAYMENTS, LEDGER],
      // fraud-check is not a participant: it drops out, but the path through it stays.
      [PAYMENTS]: [LEDGER],
      [LEDGER]: [],
    });
  });

  it('lists a participant the graph does not know, with no dependencies', () => {
    const unknown = c('not-in-catalog-yet');
    expect(upstreamEdgesAmong(index, [CHECKOUT, unknown])).toEqual({
      [CHECKOUT]: [],
      [unknown]: [],
    });
  });
});

describe('loadTrainDependencyDrift', () => {
  it('steps from each recorded stage to the next and on to the newest graph', async () => {
    const snapshots = fakeSnapshots();
    const drift = await loadTrainDependencyDrift(
      {
        store: fakeStore(
          trainRecord('active', 'integration'),
          [createdRecording, integrationRecording],
          [STOREFRONT, CHECKOUT, PAYMENTS, LEDGER].map(participant),
        ),
        snapshots: snapshots.service,
      },
      'train-1',
    );

    expect(drift.trainId).toBe('train-1');
    expect(drift.steps).toHaveLength(2);
    const [planningToIntegration, integrationToNow] = drift.steps;

    expect(planningToIntegration).toStrictEqual({
      from: {
        kind: 'entered',
        stage: 'planning',
        at: '2026-11-02T09:00:00.000Z',
        dependencySnapshotVersion: 3,
      },
      to: {
        kind: 'entered',
        stage: 'integration',
        at: '2026-11-10T09:00:00.000Z',
        dependencySnapshotVersion: 4,
      },
      added: [],
      removed: [{ from: STOREFRONT, to: CATALOG }],
      joined: [PAYMENTS],
      left: [CATALOG],
    });

    expect(integrationToNow).toStrictEqual({
      from: planningToIntegration.to,
      to: {
        kind: 'now',
        stage: 'integration',
        at: '2026-11-21T06:00:00.000Z',
        dependencySnapshotVersion: 7,
      },
      added: [
        { from: CHECKOUT, to: LEDGER },
        { from: CHECKOUT, to: PAYMENTS },
        { from: PAYMENTS, to: LEDGER },
        { from: STOREFRONT, to: LEDGER },
        { from: STOREFRONT, to: PAYMENTS },
      ],
      removed: [],
      joined: [LEDGER],
    });
    expect(snapshots.calls.current).toBe(1);
  });

  it('ends a released train at its release, without reading the newest graph', async () => {
    const snapshots = fakeSnapshots();
    const released: Recording = {
      stage: 'deployment',
      dependencySnapshotVersion: 6,
      upstreamEdges: { [STOREFRONT]: [], [CHECKOUT]: [], [PAYMENTS]: [] },
      takenAt: '2026-11-30T18:00:00.000Z',
    };
    const drift = await loadTrainDependencyDrift(
      {
        store: fakeStore(
          trainRecord('released', 'deployment'),
          [createdRecording, integrationRecording, released],
          [STOREFRONT, CHECKOUT, PAYMENTS].map(participant),
        ),
        snapshots: snapshots.service,
      },
      'train-1',
    );

    expect(drift.steps.map(step => [step.from.kind, step.to.kind])).toEqual([
      ['entered', 'entered'],
      ['entered', 'released'],
    ]);
    const release = drift.steps[1];
    expect(release.to).toStrictEqual({
      kind: 'released',
      at: '2026-11-30T18:00:00.000Z',
      dependencySnapshotVersion: 6,
    });
    expect(release.removed).toEqual([{ from: STOREFRONT, to: CHECKOUT }]);
    expect(release.added).toEqual([]);
    expect(snapshots.calls.current).toBe(0);
  });

  it('adds no present point to a cancelled train', async () => {
    const snapshots = fakeSnapshots();
    const drift = await loadTrainDependencyDrift(
      {
        store: fakeStore(
          trainRecord('cancelled', 'integration'),
          [createdRecording, integrationRecording],
          [STOREFRONT, CHECKOUT, PAYMENTS].map(participant),
        ),
        snapshots: snapshots.service,
      },
      'train-1',
    );
    expect(drift.steps).toHaveLength(1);
    expect(drift.steps[0].to.kind).toBe('entered');
    expect(snapshots.calls.current).toBe(0);
  });

  it('has no steps for an active train without recordings', async () => {
    // Trains created before recordings were taken at creation have none until they advance.
    const drift = await loadTrainDependencyDrift(
      {
        store: fakeStore(trainRecord('active', 'planning'), [], [participant(STOREFRONT)]),
        snapshots: fakeSnapshots().service,
      },
      'train-1',
    );
    expect(drift).toEqual({ trainId: 'train-1', steps: [] });
  });

  it('compares the creation recording with today when the train has not advanced yet', async () => {
    const drift = await loadTrainDependencyDrift(
      {
        store: fakeStore(
          trainRecord('active', 'planning'),
          [createdRecording],
          [STOREFRONT, CHECKOUT, CATALOG].map(participant),
        ),
        snapshots: fakeSnapshots().service,
      },
      'train-1',
    );
    expect(drift.steps).toHaveLength(1);
    const [step] = drift.steps;
    expect(step.from).toMatchObject({ kind: 'entered', stage: 'planning' });
    expect(step.to).toMatchObject({ kind: 'now', stage: 'planning' });
    // catalog-service no longer appears upstream of storefront in today's catalog.
    expect(step.removed).toEqual([{ from: STOREFRONT, to: CATALOG }]);
    expect(step.added).toEqual([]);
    expect(step).not.toHaveProperty('joined');
    expect(step).not.toHaveProperty('left');
  });

  it('throws NotFoundError for an unknown train', async () => {
    const snapshots = fakeSnapshots();
    await expect(
      loadTrainDependencyDrift(
        {
          store: fakeStore(trainRecord('active', 'planning'), [createdRecording], []),
          snapshots: snapshots.service,
        },
        'no-such-train',
      ),
    ).rejects.toThrow(NotFoundError);
    expect(snapshots.calls.current).toBe(0);
  });
});
