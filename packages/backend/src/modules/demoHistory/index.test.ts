import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import releaseCoordinationPlugin from '@release-coordination/plugin-release-coordination-backend';
import { Knex } from 'knex';
import { join, resolve } from 'node:path';
// The demo history replays through the plugin, so its tests take the plugin's own test engines
// (SQLite, and PostgreSQL/MySQL when given); the helper is test code, never published.
// eslint-disable-next-line @backstage/no-forbidden-package-imports
import { createTestDatabases } from '@release-coordination/plugin-release-coordination-backend/src/__testUtils__/databases';
import demoHistoryModule from '.';
import { DEMO_HISTORY } from './history';

/** The demo organisation the portal loads, and the history is written for. */
const EXAMPLES = resolve(__dirname, '../../../../../examples');

type Config = NonNullable<NonNullable<Parameters<typeof mockServices.rootConfig.factory>[0]>['data']>;

const count = async (knex: Knex, table: string) =>
  Number((await knex(table).count({ n: '*' }))[0].n);

/** Waits until the plugin finished replaying the demo history in the background. */
async function replayed(knex: Knex) {
  for (let attempt = 0; attempt < 600; attempt++) {
    const replay = await knex('history_replays').where('id', 'demo-history').first();
    if (replay?.completed_at) return;
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error('The demo history was not replayed in time');
}

/** Long enough for a registered replay to claim its row, which it does before anything else. */
const settle = () => new Promise(r => setTimeout(r, 500));

describe('the demo-history module', () => {
  const databases = createTestDatabases();

  /** The plugin and the module; with the demo organisation in a real catalog, or none. */
  function start(knex: Knex, config: Config, catalog: 'demo organisation' | 'empty') {
    return startTestBackend({
      features: [
        releaseCoordinationPlugin,
        demoHistoryModule,
        mockServices.database.factory({ knex }),
        ...(catalog === 'empty'
          ? [catalogServiceMock.factory()]
          : [import('@backstage/plugin-catalog-backend')]),
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: false },
            catalog: {
              rules: [{ allow: ['Component', 'System', 'API', 'Resource', 'Location', 'Domain', 'Group', 'User'] }],
              locations: [{ type: 'file', target: join(EXAMPLES, 'all.yaml') }],
            },
            ...config,
          },
        }),
      ],
    });
  }

  it.each(databases.eachSupportedId())(
    'replays the history through the plugin once, and not again on the next start, on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const config = { releaseCoordinationDemo: { history: { seed: true } } };
      const backend = await start(knex, config, 'demo organisation');
      await replayed(knex);
      expect(await count(knex, 'release_trains')).toBe(DEMO_HISTORY.trains.length);
      const decisions = await count(knex, 'train_decisions');
      const deployments = await count(knex, 'deployments');
      expect(decisions).toBeGreaterThan(100);
      expect(deployments).toBeGreaterThan(20);
      await backend.stop();

      // The next start finds the trains and replays nothing.
      const again = await start(knex, config, 'demo organisation');
      await settle();
      expect(await count(knex, 'release_trains')).toBe(DEMO_HISTORY.trains.length);
      expect(await count(knex, 'train_decisions')).toBe(decisions);
      expect(await count(knex, 'deployments')).toBe(deployments);
      expect(await count(knex, 'history_replays')).toBe(1);
      await again.stop();
      await knex.destroy();
    },
    120_000,
  );

  it.each(databases.eachSupportedId())(
    'registers no history when the flag is off or missing, in production, or with other stages, on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const seed = { releaseCoordinationDemo: { history: { seed: true } } };
      for (const config of [
        {},
        { releaseCoordinationDemo: { history: { seed: false } } },
        // app-config.production.yaml is layered over the demo config that switches it on.
        { ...seed, auth: { environment: 'production' } },
        // The history went through the default stages.
        { ...seed, releaseCoordination: { stages: [{ name: 'ship', exitGates: [] }] } },
      ]) {
        const backend = await start(knex, config, 'empty');
        await settle();
        expect([config, await count(knex, 'history_replays')]).toEqual([config, 0]);
        expect(await count(knex, 'release_trains')).toBe(0);
        await backend.stop();
      }
      await knex.destroy();
    },
    60_000,
  );
});
