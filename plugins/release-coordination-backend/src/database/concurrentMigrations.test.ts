import knexFactory, { Knex } from 'knex';
import { readdirSync } from 'node:fs';
import { createTestDatabases } from '../__testUtils__/databases';
import { applyDatabaseMigrations, migrationsDirectory } from './migrations';

const MIGRATIONS_TABLE = 'release_coordination__knex_migrations';

/**
 * Replicas start at the same moment on one empty database: each runs the migrations, none
 * fails, and every migration runs once. (SQLite is one process per file, so not here; MySQL is
 * best effort.)
 */
describe('migrations run by several backends at once', () => {
  const databases = createTestDatabases();
  const databaseId = 'POSTGRES_16';

  // Without a PostgreSQL server (BACKSTAGE_TEST_DATABASE_POSTGRES16_CONNECTION_STRING) there is
  // nothing to share; CI always has one.
  it.skipIf(!databases.supports(databaseId))(
    'bring one empty PostgreSQL database to the latest schema once, with nobody failing',
    async () => {
      const files = readdirSync(migrationsDirectory).filter(name => name.endsWith('.js')).sort();
      // A few fresh databases: the race is in the first moments, and does not show every time.
      for (let round = 0; round < 3; round++) {
        const first = await databases.init(databaseId);
        const others: Knex[] = [1, 2].map(() => knexFactory(first.client.config));
        try {
          await Promise.all([first, ...others].map(knex => applyDatabaseMigrations(knex)));
          const applied = await first(MIGRATIONS_TABLE).select('name').orderBy('name');
          expect(applied.map(row => row.name)).toEqual(files);
          // knex's lock table holds one row, free: a later start finds it usable.
          const locks = await first(`${MIGRATIONS_TABLE}_lock`).select('is_locked');
          expect(locks.map(row => Number(row.is_locked))).toEqual([0]);
        } finally {
          await Promise.all(others.map(knex => knex.destroy()));
          await first.destroy();
        }
      }
    },
  );
});
