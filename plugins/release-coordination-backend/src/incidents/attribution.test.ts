import {
  DependencyIndex,
  deriveDependencyGraph,
  upstreamOf,
} from '../dependencies/graph';
import { componentsCatalog } from '../dependencies/graph/testEntities';
import { rankAttributionCandidates } from './attribution';
import { DeploymentOfTrain } from './IncidentStore';

const c = (name: string) => `component:default/${name}`;
const indexOf = (...edges: string[]) =>
  new DependencyIndex(deriveDependencyGraph(componentsCatalog(...edges)));

const START = '2026-03-10T12:00:00.000Z';
/** `minutes` before the incident started. */
const before = (minutes: number) =>
  new Date(Date.parse(START) - minutes * 60_000).toISOString();

let sequence = 0;
function deployed(
  name: string,
  finishedMinutesBefore: number,
  version = '1.0.0',
): DeploymentOfTrain {
  sequence += 1;
  return {
    id: String(sequence),
    trainId: 'train-1',
    trainName: 'Spring release',
    participantRef: c(name),
    environment: 'production',
    deploymentId: `deploy-${sequence}`,
    version,
    startedAt: before(finishedMinutesBefore + 10),
    finishedAt: before(finishedMinutesBefore),
    result: 'succeeded',
    hotfix: false,
    reporter: 'ci',
    reportedAt: before(finishedMinutesBefore),
    updatedAt: before(finishedMinutesBefore),
  };
}

function rank(
  index: DependencyIndex,
  affected: string,
  deployments: DeploymentOfTrain[],
) {
  return rankAttributionCandidates({
    affectedRef: c(affected),
    startedAt: START,
    upstream: upstreamOf(index, c(affected)),
    deployments,
  });
}

describe('rankAttributionCandidates', () => {
  it('ranks by graph distance, then recency, through a diamond by its shorter way', () => {
    // web → cart → db, web → api → db, and web → api directly: a diamond where db is two
    // hops away by either way and api is one.
    const index = indexOf('web>cart', 'web>api', 'cart>db', 'api>db');
    const dbOld = deployed('db', 300);
    const dbNew = deployed('db', 20);
    const api = deployed('api', 200);
    const web = deployed('web', 600);
    const candidates = rank(index, 'web', [dbOld, api, dbNew, web]);
    // web itself (distance 0) first, then api (1), then db's two deployments (2), the newer
    // first.
    expect(candidates.map(x => [x.deployment.id, x.distance, x.rank])).toEqual([
      [web.id, 0, 1],
      [api.id, 1, 2],
      [dbNew.id, 2, 3],
      [dbOld.id, 2, 4],
    ]);
    // db is reached once, by one shortest path, whichever way the walk found first.
    expect(candidates[2].path).toHaveLength(3);
    expect(candidates[2].path[0]).toBe(c('web'));
    expect(candidates[2].path[2]).toBe(c('db'));
    expect(candidates[2].minutesBeforeStart).toBe(20);
    expect(candidates[0].reasoning).toBe(
      "web is the affected entity itself; its production deployment of 1.0.0 in 'Spring " +
        "release' finished 10 hours before the incident started.",
    );
    expect(candidates[1].reasoning).toBe(
      "web depends on api (web → api, 1 hop); its production deployment of 1.0.0 in 'Spring " +
        "release' finished 3.3 hours before the incident started.",
    );
  });

  it('ends a dependency cycle: what depends back on the affected entity is a suspect once', () => {
    // checkout → payments → ledger → checkout: a cycle back to the affected entity.
    const index = indexOf(
      'checkout>payments',
      'payments>ledger',
      'ledger>checkout',
    );
    const ledger = deployed('ledger', 30);
    const payments = deployed('payments', 45);
    const checkout = deployed('checkout', 90);
    const candidates = rank(index, 'checkout', [ledger, payments, checkout]);
    expect(
      candidates.map(x => [x.deployment.participantRef, x.distance]),
    ).toEqual([
      [c('checkout'), 0],
      [c('payments'), 1],
      [c('ledger'), 2],
    ]);
    expect(candidates[2].path).toEqual([
      c('checkout'),
      c('payments'),
      c('ledger'),
    ]);
  });

  it('has no candidate when nothing it depends on was deployed before the start', () => {
    const index = indexOf('checkout>payments', 'search>index');
    // What the incident's entity does not depend on is no suspect, nor is a deployment
    // that finished after the start.
    const unrelated = deployed('search', 15);
    const after = {
      ...deployed('payments', 0),
      finishedAt: '2026-03-10T12:05:00.000Z',
    };
    expect(rank(index, 'checkout', [unrelated, after])).toEqual([]);
    expect(rank(index, 'checkout', [])).toEqual([]);
  });

  it('skips a deployment without a finish time', () => {
    const index = indexOf('checkout>payments');
    const { finishedAt: _running, ...running } = deployed('payments', 10);
    expect(rank(index, 'checkout', [running as DeploymentOfTrain])).toEqual([]);
  });
});
