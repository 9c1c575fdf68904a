import { mockServices } from '@backstage/backend-test-utils';
import { ReleaseCoordinationHistoryContext } from '@release-coordination/plugin-release-coordination-node';
import { applyDatabaseMigrations } from '../database/migrations';
import { createTestDatabases, insertTrainRow } from '../__testUtils__/databases';
import { runHistoryReplays } from './runHistoryReplays';

/** The replays below write through the database directly; only the claim is under test. */
const noContext = async () => ({}) as ReleaseCoordinationHistoryContext;

describe('runHistoryReplays', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'lets one of two replicas starting together replay, and nobody after, on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(knex);
      let runs = 0;
      const replay = {
        id: 'demo',
        async replay() {
          runs += 1;
          // Long enough for the other replica to look while this one replays.
          await new Promise(resolve => setTimeout(resolve, 100));
          await insertTrainRow(knex, { id: 't1', name: 'Train 1', createdAt: '2026-01-01T00:00:00Z' });
        },
      };
      const run = () =>
        runHistoryReplays({
          knex,
          replays: [replay],
          createContext: noContext,
          logger: mockServices.logger.mock(),
        });
      const outcomes = await Promise.all([run(), run()]);
      expect(outcomes.map(o => o.demo).sort()).toEqual(['claimed-elsewhere', 'replayed']);
      expect(runs).toBe(1);
      expect(await run()).toEqual({ demo: 'not-empty' });
      expect(runs).toBe(1);
      const claim = await knex('history_replays').where('id', 'demo').first();
      expect(claim.completed_at).not.toBeNull();
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'gives the claim back when a replay fails before writing a train, and tries again, on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(knex);
      const logger = mockServices.logger.mock();
      let catalogReady = false;
      const replay = {
        id: 'demo',
        async replay() {
          if (!catalogReady) throw new Error('The catalog still lacks user:default/bob');
          await insertTrainRow(knex, { id: 't1', name: 'Train 1', createdAt: '2026-01-01T00:00:00Z' });
        },
      };
      const run = () => runHistoryReplays({ knex, replays: [replay], createContext: noContext, logger });
      expect(await run()).toEqual({ demo: 'failed' });
      expect(logger.error).toHaveBeenCalledWith(
        expect.stringContaining('The catalog still lacks user:default/bob'),
      );
      expect(await knex('history_replays').first()).toBeUndefined();
      catalogReady = true;
      expect(await run()).toEqual({ demo: 'replayed' });
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps the claim of a replay that failed halfway, so a half history is not written twice, on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(knex);
      const replay = {
        id: 'demo',
        async replay() {
          await insertTrainRow(knex, { id: 't1', name: 'Train 1', createdAt: '2026-01-01T00:00:00Z' });
          throw new Error('A gate refused the second approval');
        },
      };
      const logger = mockServices.logger.mock();
      const run = () => runHistoryReplays({ knex, replays: [replay], createContext: noContext, logger });
      expect(await run()).toEqual({ demo: 'failed' });
      expect(await knex('history_replays').where('id', 'demo').first()).toMatchObject({
        completed_at: null,
      });
      expect(await run()).toEqual({ demo: 'not-empty' });
      await knex.destroy();
    },
  );
});
