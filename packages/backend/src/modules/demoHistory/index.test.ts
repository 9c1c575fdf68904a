import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { applyDatabaseMigrations } from '../../../../../plugins/release-coordination-backend/src/database/migrations';
import { createTestDatabases } from '../../../../../plugins/release-coordination-backend/src/testing/databases';
import demoHistoryModule from '.';
import { Knex } from './seedDemoHistory';

/**
 * Stands in for the release-coordination plugin, which needs the catalog, signals and
 * notifications: like the plugin, it migrates the database in its init, before any startup
 * hook of its modules runs.
 */
const migratingPlugin = createBackendPlugin({
  pluginId: 'release-coordination',
  register(env) {
    env.registerInit({
      deps: { database: coreServices.database },
      async init({ database }) {
        await applyDatabaseMigrations(await database.getClient());
      },
    });
  },
});

type Config = NonNullable<NonNullable<Parameters<typeof mockServices.rootConfig.factory>[0]>['data']>;

async function trainCount(knex: Knex): Promise<number> {
  const [{ count }] = await knex('release_trains').count({ count: '*' });
  return Number(count);
}

describe('the demo-history module', () => {
  const databases = createTestDatabases();

  async function start(knex: Knex, config: Config) {
    const backend = await startTestBackend({
      features: [
        migratingPlugin,
        demoHistoryModule,
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({ data: config }),
      ],
    });
    return { backend };
  }

  it.each(databases.eachSupportedId())(
    'seeds the history on start when the demo config asks for it, once, on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const config = { releaseCoordinationDemo: { history: { seed: true } } };
      const { backend } = await start(knex, config);
      // Startup hooks have run by the time the backend is up.
      expect(await trainCount(knex)).toBe(4);
      const [{ count }] = await knex('train_decisions').count({ count: '*' });
      await backend.stop();

      // The next start finds the trains and writes nothing.
      const again = await start(knex, config);
      expect(await trainCount(knex)).toBe(4);
      expect(await knex('train_decisions').count({ count: '*' })).toEqual([{ count }]);
      await again.backend.stop();
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'writes nothing when the flag is off or missing, on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      for (const config of [{}, { releaseCoordinationDemo: { history: { seed: false } } }]) {
        const { backend } = await start(knex, config);
        expect(await trainCount(knex)).toBe(0);
        await backend.stop();
      }
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'writes nothing in production, where the demo config is layered under the production one, on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { backend } = await start(knex, {
        releaseCoordinationDemo: { history: { seed: true } },
        auth: { environment: 'production' },
      });
      expect(await trainCount(knex)).toBe(0);
      await backend.stop();
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'writes nothing when app-config configures other stages than the history went through, on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { backend } = await start(knex, {
        releaseCoordinationDemo: { history: { seed: true } },
        releaseCoordination: { stages: [{ name: 'ship', exitGates: [] }] },
      });
      expect(await trainCount(knex)).toBe(0);
      await backend.stop();
      await knex.destroy();
    },
  );
});
