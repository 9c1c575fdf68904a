import {
  AuditorServiceCreateEventOptions,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  ReleaseCoordinationHistoryContext,
  releaseCoordinationHistoryExtensionPoint,
} from '@release-coordination/plugin-release-coordination-node';
import request from 'supertest';
import { ConfigReader } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { applyDatabaseMigrations } from '../database/migrations';
import { DependencySnapshotService } from '../dependencies/DependencySnapshotService';
import { readOutcomeSettings } from '../outcomes/config';
import { createTestDatabases, testDatabaseService } from '../__testUtils__/databases';
import { DEFAULT_STAGES } from '../trains/stages';
import {
  API,
  CHECKOUT_ORGANISATION,
  TestServer,
  asUser,
  recordingAuditor,
  recordingNotifications,
  recordingSignals,
  releaseManagerPolicy,
  startReleaseCoordinationBackend,
  withEntities,
} from '../__testUtils__/testBackend';
import { createHistoryContext, missingFromCatalog } from './historyContext';

const USERS = [
  'apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata: { name: alice }\nspec: { memberOf: [team-web] }',
  'apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata: { name: bob }\nspec: { memberOf: [team-pay] }',
];

const created = new Date('2025-06-02T09:00:00.000Z');
const decided = new Date('2025-06-03T14:30:00.000Z');

/** A module replaying a small history, and what it saw. */
function historyModule() {
  const seen: { runs: number; refusal?: string } = { runs: 0 };
  const module = createBackendModule({
    pluginId: 'release-coordination',
    moduleId: 'test-history',
    register(reg) {
      reg.registerInit({
        deps: { history: releaseCoordinationHistoryExtensionPoint },
        async init({ history }) {
          history.addHistoryReplay({
            id: 'test-history',
            async replay(ctx: ReleaseCoordinationHistoryContext) {
              seen.runs += 1;
              await ctx.waitForCatalog({
                entityRefs: ['component:default/storefront', 'component:default/payments'],
                relations: [
                  { source: 'user:default/bob', type: 'memberOf', target: 'group:default/team-pay' },
                ],
              });
              ctx.setTime(created);
              const alice = ctx.asUser('user:default/alice');
              const train = await alice.createTrain({
                name: 'Train 1',
                objective: 'One-click checkout',
                ambassadorRef: 'user:default/alice',
                stageWindows: {},
                participants: [
                  { entityRef: 'component:default/storefront', targetVersion: '2.0.0' },
                  { entityRef: 'component:default/payments', targetVersion: '5.1.0' },
                ],
              });
              const gate = train.gates.find(
                g =>
                  g.templateId === 'planning-participation' &&
                  g.participantRef === 'component:default/payments',
              )!;
              ctx.setTime(decided);
              // alice is no member of team-pay: the plugin's rule refuses her, as it would
              // refuse her request.
              await alice.approveGate(gate.id, {}).catch(error => {
                seen.refusal = String(error);
              });
              await ctx.asUser('user:default/bob').approveGate(gate.id, { comment: 'In' });
              await ctx.asService('ci').reportCheck(train.id, {
                participantRef: 'component:default/payments',
                checkName: 'contract-tests',
                status: 'passed',
                idempotencyKey: 'payments-contract-1',
              });
            },
          });
        },
      });
    },
  });
  return { module, seen };
}

async function waitForTrains(server: TestServer, count: number) {
  for (let attempt = 0; attempt < 100; attempt++) {
    const res = await request(server).get(`${API}/trains`).set('Authorization', asUser('alice'));
    if (res.body.items?.length === count) return res.body.items;
    await new Promise(resolve => setTimeout(resolve, 200));
  }
  throw new Error(`No ${count} train(s) appeared`);
}

describe('the history extension point', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'replays through the services at the times the replay sets, once, on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const first = historyModule();
      const audited: AuditorServiceCreateEventOptions[] = [];
      const sent: unknown[] = [];
      const published: unknown[] = [];
      const server = await startReleaseCoordinationBackend({
        organisation: withEntities(CHECKOUT_ORGANISATION, ...USERS),
        policy: releaseManagerPolicy(),
        knex,
        features: [
          first.module,
          recordingAuditor(audited),
          recordingNotifications(sent as any[]),
          recordingSignals(published as any[]),
        ],
      });
      const [train] = await waitForTrains(server, 1);
      expect(train.createdAt).toBe(created.toISOString());
      // The replay goes on after the train appeared: wait for its last step.
      let log: any[] = [];
      for (let attempt = 0; attempt < 50 && log.length < 4; attempt++) {
        const res = await request(server)
          .get(`${API}/trains/${train.id}/decisions?limit=50`)
          .set('Authorization', asUser('alice'));
        log = res.body.items;
        await new Promise(resolve => setTimeout(resolve, 100));
      }
      expect(log.map((d: any) => [d.action, d.actorRef, d.createdAt])).toEqual([
        ['train.created', 'user:default/alice', created.toISOString()],
        ['gate.approved', 'user:default/bob', decided.toISOString()],
        ['check.reported', 'ci', decided.toISOString()],
        // The plugin's rule, not the replay, decided that the report passes the check gate.
        ['gate.passed', 'ci', decided.toISOString()],
      ]);
      expect(first.seen.refusal).toMatch(/Only members of group:default\/team-pay/);
      expect(first.seen.runs).toBe(1);
      // The audit trail says the replay did it; nobody hears about events long past.
      const replayed = audited.filter(event => event.meta?.historyReplay === 'test-history');
      expect(replayed.map(event => event.eventId)).toEqual(
        expect.arrayContaining(['train-create', 'gate-approve']),
      );
      expect(sent).toEqual([]);
      expect(published).toEqual([]);

      // A second backend on the same database finds the train and replays nothing.
      const second = historyModule();
      const again = await startReleaseCoordinationBackend({
        organisation: withEntities(CHECKOUT_ORGANISATION, ...USERS),
        policy: releaseManagerPolicy(),
        knex,
        features: [second.module],
      });
      await waitForTrains(again, 1);
      await new Promise(resolve => setTimeout(resolve, 300));
      expect(second.seen.runs).toBe(0);
      await knex.destroy();
    },
  );

  it('names what the catalog lacks: entities, and relations of entities it has', async () => {
    const catalog = catalogServiceMock({
      entities: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'User',
          metadata: { name: 'bob', namespace: 'default' },
          relations: [{ type: 'memberOf', targetRef: 'group:default/team-web' }],
        },
      ],
    });
    const missing = await missingFromCatalog(catalog, mockServices.auth(), {
      entityRefs: ['component:default/payments', 'user:default/bob'],
      relations: [{ source: 'user:default/bob', type: 'memberOf', target: 'group:default/team-pay' }],
    });
    expect(missing).toEqual([
      'component:default/payments',
      'user:default/bob memberOf group:default/team-pay',
    ]);
  });

  /** A replay's context over a catalog that knows payments from the `knownFrom`th look on. */
  async function contextWithCatalog(knownFrom: number) {
    const knex = await databases.init('SQLITE_3');
    await applyDatabaseMigrations(knex);
    let looks = 0;
    const catalog = {
      async getEntitiesByRefs() {
        looks += 1;
        const payments = { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'payments' } };
        return { items: [looks >= knownFrom ? payments : undefined] };
      },
    } as unknown as CatalogService;
    const snapshots = { refresh: vi.fn(), current: vi.fn() };
    const logger = mockServices.logger.mock();
    const ctx = await createHistoryContext({
      replayId: 'test-history',
      database: testDatabaseService(knex, { skipMigrations: true }),
      catalog,
      auth: mockServices.auth(),
      logger,
      snapshots: snapshots as unknown as DependencySnapshotService,
      services: {
        stages: DEFAULT_STAGES,
        gateRule: () => undefined,
        auditor: mockServices.auditor.mock(),
        logger,
        outcomeSettings: readOutcomeSettings(new ConfigReader({})),
      },
    });
    return { ctx, logger, snapshots, looks: () => looks, knex };
  }

  it('waits for the catalog with one log line, then derives the graph afresh', async () => {
    const { ctx, logger, snapshots, looks, knex } = await contextWithCatalog(3);
    await ctx.waitForCatalog(
      { entityRefs: ['component:default/payments'] },
      { timeoutMs: 5_000, pollIntervalMs: 10 },
    );
    expect(looks()).toBe(3);
    expect(logger.info).toHaveBeenCalledTimes(1);
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringMatching(/^Waiting up to 5 s for the catalog to know 1 thing\(s\).*payments/),
    );
    expect(snapshots.refresh).toHaveBeenCalledTimes(1);
    await knex.destroy();
  });

  it('gives up waiting for the catalog after the timeout, naming what is missing', async () => {
    const { ctx, snapshots, knex } = await contextWithCatalog(Infinity);
    await expect(
      ctx.waitForCatalog(
        { entityRefs: ['component:default/payments'] },
        { timeoutMs: 100, pollIntervalMs: 10 },
      ),
    ).rejects.toThrow(/still lacks 1 thing\(s\) the history needs after 0 s: component:default\/payments/);
    expect(snapshots.refresh).not.toHaveBeenCalled();
    await knex.destroy();
  });
});
