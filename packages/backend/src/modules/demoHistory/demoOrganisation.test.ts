import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import releaseCoordinationPlugin from '@release-coordination/plugin-release-coordination-backend';
import { readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
// The demo history replays through the plugin, so its tests take the plugin's own test engines
// (SQLite, and PostgreSQL/MySQL when given); the helper is test code, never published.
// eslint-disable-next-line @backstage/no-forbidden-package-imports
import { createTestDatabases } from '@release-coordination/plugin-release-coordination-backend/src/__testUtils__/databases';
import demoHistoryModule from '.';
import { DEMO_HISTORY } from './history';
import { Knex } from 'knex';

/** The demo organisation the portal loads, and the history is written for. */
const EXAMPLES = resolve(__dirname, '../../../../../examples');

/** How many entities of a kind the demo organisation declares. */
function declared(file: string, kind: string): number {
  return readFileSync(join(EXAMPLES, file), 'utf8').match(new RegExp(`^kind: ${kind}$`, 'gm'))?.length ?? 0;
}

const DAY_MS = 24 * 3_600_000;

const metric = (point: { metrics: { id: string; value?: number }[] }, id: string) =>
  point.metrics.find(m => m.id === id)?.value;

/** Each value is strictly smaller (or larger) than the one before. */
function strictlyMonotonic(values: (number | undefined)[], direction: 'falling' | 'rising') {
  return values.every(
    (value, i) =>
      value !== undefined &&
      (i === 0 || (direction === 'falling' ? value < values[i - 1]! : value > values[i - 1]!)),
  );
}
const ci = mockCredentials.service.header();

describe('the demo history in the demo portal (real catalog and plugin)', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let backend: Awaited<ReturnType<typeof startTestBackend>>;
    let knex: Knex;
    let base: string;

    async function get(path: string) {
      const response = await fetch(`${base}${path}`, { headers: { Authorization: ci } });
      expect([path, response.status]).toEqual([path, 200]);
      return response.json();
    }

    async function post(path: string, body?: unknown) {
      const response = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { Authorization: ci, 'Content-Type': 'application/json' },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      expect([path, response.status]).toEqual([path, 200]);
      return response.json();
    }

    /** Catalog entities by ref; fails on refs the demo organisation does not have. */
    async function entities(refs: string[]): Promise<Map<string, any>> {
      const unique = [...new Set(refs)];
      const { items } = await post('/api/catalog/entities/by-refs', { entityRefs: unique });
      const missing = unique.filter((_, i) => items[i] === null);
      expect(missing).toEqual([]);
      return new Map(unique.map((ref, i) => [ref, items[i]]));
    }

    const relationTargets = (entity: any, type: string): string[] =>
      entity.relations.filter((r: any) => r.type === type).map((r: any) => r.targetRef);

    let trains: any[];

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      backend = await startTestBackend({
        features: [
          releaseCoordinationPlugin,
          demoHistoryModule,
          import('@backstage/plugin-catalog-backend'),
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              permission: { enabled: false },
              releaseCoordinationDemo: { history: { seed: true } },
              catalog: {
                rules: [{ allow: ['Component', 'System', 'API', 'Resource', 'Location', 'Domain', 'Group', 'User'] }],
                locations: [{ type: 'file', target: join(EXAMPLES, 'all.yaml') }],
              },
            },
          }),
        ],
      });
      base = `http://localhost:${(backend.server.address() as AddressInfo).port}`;

      // The whole organisation must be in the catalog: dependencies run through entities
      // outside the trains too.
      const expected = [
        ['component', declared('components.yaml', 'Component')],
        ['resource', declared('resources.yaml', 'Resource')],
        ['user', declared('org.yaml', 'User')],
        ['group', declared('org.yaml', 'Group')],
      ] as const;
      for (let attempt = 0; ; attempt++) {
        const counts = await Promise.all(
          expected.map(async ([kind]) => {
            const page = await get(`/api/catalog/entities/by-query?limit=1&filter=kind=${kind}`);
            return page.totalItems;
          }),
        );
        if (counts.every((count, i) => count === expected[i][1])) break;
        if (attempt > 240) throw new Error(`The catalog holds ${counts} of ${expected.map(e => e[1])}`);
        await new Promise(r => setTimeout(r, 500));
      }
      // The plugin replays the history in the background once the catalog knows the people
      // and teams it names.
      for (let attempt = 0; ; attempt++) {
        const replay = await knex('history_replays').where('id', 'demo-history').first();
        if (replay?.completed_at) break;
        if (attempt > 600) throw new Error('The demo history was not replayed in time');
        await new Promise(r => setTimeout(r, 500));
      }
      trains = (await get('/api/release-coordination/trains?limit=50')).items;
    }, 400_000);

    afterAll(async () => {
      await backend?.stop();
    });

    it('shows the past trains and no active one', () => {
      expect(trains.map(train => train.name).sort()).toEqual(DEMO_HISTORY.trains.map(t => t.name).sort());
      expect(trains.filter(train => train.status === 'active')).toEqual([]);
    });

    it('has the owners, dependencies and people of the demo organisation', async () => {
      for (const summary of trains) {
        const train = await get(`/api/release-coordination/trains/${summary.id}`);
        const refs: string[] = train.participants.map((p: any) => p.entityRef);
        const upstream = new Map<string, string[]>();
        for (const participant of train.participants) {
          const dependencies = await get(
            `/api/release-coordination/dependencies/entity?ref=${encodeURIComponent(participant.entityRef)}&direction=upstream`,
          );
          expect([participant.entityRef, participant.ownerRef]).toEqual([
            participant.entityRef,
            dependencies.node.owner,
          ]);
          upstream.set(
            participant.entityRef,
            dependencies.upstream.map((reached: any) => reached.ref).filter((ref: string) => refs.includes(ref)),
          );
        }
        // What each stage transition recorded is what the demo catalog's graph says, so the
        // train shows no drift.
        const recorded = await knex('train_stage_snapshots').where('train_id', summary.id);
        expect(recorded.length).toBeGreaterThan(1);
        for (const snapshot of recorded) {
          expect(JSON.parse(snapshot.upstream_edges)).toEqual(Object.fromEntries(upstream));
        }
        const drift = await get(`/api/release-coordination/trains/${summary.id}/dependency-drift`);
        expect(drift.steps.length).toBe(recorded.length - 1);
        expect(drift.steps.flatMap((step: any) => [...step.added, ...step.removed])).toEqual([]);

        // An approval counts only from a member of the approver Group.
        const approvals = train.gates.flatMap((gate: any) =>
          gate.approvals.map((approval: any) => ({ user: approval.userRef, group: gate.approverRef })),
        );
        expect(approvals.length).toBeGreaterThan(0);
        const people = await entities([train.ambassadorRef, ...approvals.map((a: any) => a.user)]);
        for (const { user, group } of approvals) {
          expect([user, relationTargets(people.get(user), 'memberOf')]).toEqual([user, expect.arrayContaining([group])]);
        }

        // Everyone and everything the log names is in the catalog.
        const { items: decisions } = await get(`/api/release-coordination/trains/${summary.id}/decisions?limit=500`);
        await entities(
          decisions.map((d: any) => d.actorRef).filter((ref: string) => ref.startsWith('user:')),
        );
        await entities(decisions.map((d: any) => d.entityRef).filter(Boolean));
      }
    });

    it('closes action items by members of the owning team', async () => {
      const { items } = await get('/api/release-coordination/action-items?limit=100');
      expect(items.length).toBeGreaterThan(0);
      const owners = await entities(items.map((item: any) => item.ownerRef));
      for (const summary of trains) {
        const { items: decisions } = await get(`/api/release-coordination/trains/${summary.id}/decisions?limit=500`);
        for (const closing of decisions.filter((d: any) => d.action === 'action-item.updated')) {
          const item = items.find((i: any) => i.id === closing.subject);
          const owner = owners.get(item.ownerRef);
          // A Component's item belongs to the team that owns the Component.
          const team = owner.kind === 'Group' ? item.ownerRef : relationTargets(owner, 'ownedBy')[0];
          const [closer] = (await entities([closing.actorRef])).values();
          expect([item.title, relationTargets(closer, 'memberOf')]).toEqual([item.title, expect.arrayContaining([team])]);
        }
      }
    });

    it('leaves open action items only where journeys tried on a fresh portal do not look', async () => {
      const { items } = await get('/api/release-coordination/action-items?status=open&limit=100');
      expect(items.length).toBeGreaterThan(0);
      for (const ref of ['component:default/checkout-api', 'component:default/payment-gateway', 'component:default/search-api']) {
        const { node } = await get(`/api/release-coordination/dependencies/entity?ref=${encodeURIComponent(ref)}&direction=upstream`);
        for (const item of items) {
          expect([item.title, item.ownerRef]).not.toEqual([item.title, ref]);
          expect([item.title, item.ownerRef]).not.toEqual([item.title, node.owner]);
        }
      }
      // The open catalog item carries over into the train where catalog-service took part later.
      const latest = trains.find(train => train.name === 'Train 17: Faster product pages');
      const retrospective = await get(`/api/release-coordination/trains/${latest.id}/retrospective`);
      expect(retrospective.carriedOver.items.map((item: any) => item.ownerRef)).toEqual(['group:default/team-catalog']);
      expect(retrospective.carriedOver.totalCount).toBe(1);
    });

    it('shows organisation scorecards with a trend per train', async () => {
      const to = new Date();
      const from = new Date(to.getTime() - 180 * DAY_MS);
      const scorecard = await get(
        `/api/release-coordination/scorecards?scope=organization&from=${from.toISOString()}&to=${to.toISOString()}`,
      );
      // The story's trends, as the plugin's rules and metrics made them of the replay.
      const perTrain = scorecard.perTrain;
      expect(perTrain.map((point: any) => point.status)).toEqual([
        'released',
        'rolled-back',
        'released',
        'released',
      ]);
      const series = (id: string) => perTrain.map((point: any) => metric(point, id));
      expect(strictlyMonotonic(series('cycle-time'), 'falling')).toBe(true);
      expect(strictlyMonotonic(series('gate-first-pass-rate'), 'rising')).toBe(true);
      expect(strictlyMonotonic(series('approval-latency'), 'falling')).toBe(true);
      // Change failures peak with the rolled-back train and fall after it.
      const failureRates = series('change-failure-rate') as number[];
      expect(Math.max(...failureRates)).toBe(failureRates[1]);
      expect(strictlyMonotonic(failureRates.slice(1), 'falling')).toBe(true);
      expect(failureRates[3]).toBe(0);
      for (const id of [
        'cycle-time',
        'deployment-frequency',
        'change-failure-rate',
        'rollback-frequency',
        'rollback-duration',
        'failed-deployment-recovery-time',
        'gate-first-pass-rate',
        'approval-latency',
        'waiver-rate',
        'action-item-follow-through',
      ]) {
        expect([id, metric(scorecard, id)]).toEqual([id, expect.any(Number)]);
      }
      expect(metric(scorecard, 'open-action-items-carried-over')).toBe(2);
      // Two incidents: saved-card payments (train 14, confirmed as caused by payment-gateway)
      // and stale search results (train 16, still only suggested). Impact: 1,800 users × 95 min
      // + 400 × 50 = 191,000 user-minutes; restored in 95 and 50 min, median 72.5 min.
      const figure = (id: string) => scorecard.metrics.find((m: any) => m.id === id);
      expect(figure('incident-frequency').numerator).toBe(2);
      expect(figure('customer-impact').value).toBe(191_000);
      expect(figure('time-to-restore').value).toBeCloseTo(72.5 / 60);
      expect(figure('incident-change-failure-rate').numerator).toBe(1);

      // The last four months, in two halves, each have figures of their own: a trend from the
      // first visit.
      for (const [fromDays, toDays] of [
        [120, 60],
        [60, 0],
      ]) {
        const quarter = await get(
          `/api/release-coordination/scorecards?scope=organization` +
            `&from=${new Date(to.getTime() - fromDays * DAY_MS).toISOString()}` +
            `&to=${new Date(to.getTime() - toDays * DAY_MS).toISOString()}`,
        );
        expect([fromDays, metric(quarter, 'cycle-time')]).toEqual([fromDays, expect.any(Number)]);
        expect([fromDays, metric(quarter, 'change-failure-rate')]).toEqual([
          fromDays,
          expect.any(Number),
        ]);
      }
      // The organisation's teams, from the catalog, each with its share. Items owned by a
      // Component (e.g. card-vault's rehearsals) count for the team that owns it.
      expect(scorecard.children.length).toBeGreaterThan(0);
      for (const child of scorecard.children) {
        expect(child.scope).toEqual({ kind: 'team', ref: expect.stringMatching(/^group:default\//) });
      }
    });
  });
});
