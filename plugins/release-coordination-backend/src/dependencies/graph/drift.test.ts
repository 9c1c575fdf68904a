import { dependencyDrift, diffDependencyEdges } from './drift';
import { DependencyDriftPoint } from '@release-coordination/plugin-release-coordination-common';

const c = (name: string) => `component:default/${name}`;
const STOREFRONT = c('storefront');
const CHECKOUT = c('checkout-api');
const PAYMENTS = c('payments-service');
const LEDGER = c('ledger-service');
const CATALOG = c('catalog-service');

const entered = (stage: string, at: string, version: number): DependencyDriftPoint => ({
  kind: 'entered',
  stage,
  at,
  dependencySnapshotVersion: version,
});

describe('diffDependencyEdges', () => {
  it('finds nothing between equal recordings, whatever their order', () => {
    expect(
      diffDependencyEdges(
        { [STOREFRONT]: [CHECKOUT, PAYMENTS], [CHECKOUT]: [PAYMENTS], [PAYMENTS]: [] },
        { [PAYMENTS]: [], [CHECKOUT]: [PAYMENTS], [STOREFRONT]: [PAYMENTS, CHECKOUT] },
      ),
    ).toEqual({ added: [], removed: [] });
  });

  it('reports an edge that moved as one removed and one added', () => {
    // checkout-api used to call payments-service and now calls ledger-service instead.
    expect(
      diffDependencyEdges(
        { [CHECKOUT]: [PAYMENTS], [PAYMENTS]: [], [LEDGER]: [] },
        { [CHECKOUT]: [LEDGER], [PAYMENTS]: [], [LEDGER]: [] },
      ),
    ).toEqual({
      added: [{ from: CHECKOUT, to: LEDGER }],
      removed: [{ from: CHECKOUT, to: PAYMENTS }],
    });
  });

  it('sorts by dependent, then dependency, and counts a repeated edge once', () => {
    const { added, removed } = diffDependencyEdges(
      { [STOREFRONT]: [], [PAYMENTS]: [], [LEDGER]: [], [CHECKOUT]: [] },
      {
        [STOREFRONT]: [PAYMENTS, CHECKOUT, PAYMENTS],
        [PAYMENTS]: [LEDGER],
        [CHECKOUT]: [PAYMENTS, LEDGER],
        [LEDGER]: [],
      },
    );
    expect(added).toEqual([
      { from: CHECKOUT, to: LEDGER },
      { from: CHECKOUT, to: PAYMENTS },
      { from: PAYMENTS, to: LEDGER },
      { from: STOREFRONT, to: CHECKOUT },
      { from: STOREFRONT, to: PAYMENTS },
    ]);
    expect(removed).toEqual([]);
  });

  it('counts the edges of a participant that joined as added, of one that left as removed', () => {
    expect(
      diffDependencyEdges(
        { [STOREFRONT]: [CATALOG], [CATALOG]: [] },
        { [STOREFRONT]: [CHECKOUT], [CHECKOUT]: [] },
      ),
    ).toEqual({
      added: [{ from: STOREFRONT, to: CHECKOUT }],
      removed: [{ from: STOREFRONT, to: CATALOG }],
    });
  });
});

describe('dependencyDrift', () => {
  const created = entered('planning', '2026-11-02T09:00:00.000Z', 3);
  const integration = entered('integration', '2026-11-10T09:00:00.000Z', 4);
  const now: DependencyDriftPoint = {
    kind: 'now',
    stage: 'integration',
    at: '2026-11-21T06:00:00.000Z',
    dependencySnapshotVersion: 9,
  };

  it('has no steps with fewer than two points', () => {
    expect(dependencyDrift('t1', [])).toEqual({ trainId: 't1', steps: [] });
    expect(
      dependencyDrift('t1', [{ point: created, upstreamEdges: { [STOREFRONT]: [] } }]),
    ).toEqual({ trainId: 't1', steps: [] });
  });

  it('makes one step per consecutive pair, oldest first, with who joined and left', () => {
    const drift = dependencyDrift('t1', [
      {
        point: created,
        upstreamEdges: { [STOREFRONT]: [CHECKOUT, CATALOG], [CHECKOUT]: [], [CATALOG]: [] },
      },
      {
        // catalog-service left the train; the catalog did not change.
        point: integration,
        upstreamEdges: { [STOREFRONT]: [CHECKOUT], [CHECKOUT]: [] },
      },
      {
        // payments-service joined, and checkout-api started to depend on it.
        point: now,
        upstreamEdges: {
          [STOREFRONT]: [CHECKOUT, PAYMENTS],
          [CHECKOUT]: [PAYMENTS],
          [PAYMENTS]: [],
        },
      },
    ]);
    expect(drift.trainId).toBe('t1');
    expect(drift.steps).toHaveLength(2);

    const [toIntegration, toNow] = drift.steps;
    expect(toIntegration.from).toBe(created);
    expect(toIntegration.to).toBe(integration);
    expect(toIntegration.added).toEqual([]);
    expect(toIntegration.removed).toEqual([{ from: STOREFRONT, to: CATALOG }]);
    expect(toIntegration.left).toEqual([CATALOG]);
    expect(toIntegration).not.toHaveProperty('joined');

    expect(toNow.from).toBe(integration);
    expect(toNow.to).toBe(now);
    expect(toNow.added).toEqual([
      { from: CHECKOUT, to: PAYMENTS },
      { from: STOREFRONT, to: PAYMENTS },
    ]);
    expect(toNow.removed).toEqual([]);
    expect(toNow.joined).toEqual([PAYMENTS]);
    expect(toNow).not.toHaveProperty('left');
  });

  it('keeps a step without changes, so the card can say the stage changed nothing', () => {
    const edges = { [STOREFRONT]: [CHECKOUT], [CHECKOUT]: [] };
    const drift = dependencyDrift('t1', [
      { point: created, upstreamEdges: edges },
      { point: integration, upstreamEdges: { [CHECKOUT]: [], [STOREFRONT]: [CHECKOUT] } },
    ]);
    expect(drift.steps).toHaveLength(1);
    expect(drift.steps[0]).toStrictEqual({
      from: created,
      to: integration,
      added: [],
      removed: [],
    });
  });

  it('lists several participants that joined in ref order', () => {
    const drift = dependencyDrift('t1', [
      { point: created, upstreamEdges: { [STOREFRONT]: [] } },
      {
        point: integration,
        upstreamEdges: { [STOREFRONT]: [], [PAYMENTS]: [LEDGER], [LEDGER]: [], [CHECKOUT]: [] },
      },
    ]);
    expect(drift.steps[0].joined).toEqual([CHECKOUT, LEDGER, PAYMENTS]);
    expect(drift.steps[0].added).toEqual([{ from: PAYMENTS, to: LEDGER }]);
  });
});
