import { DatabaseService, resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

/** Where the knex migrations of this plugin live, in the source tree and in the published package. */
export const migrationsDirectory = resolvePackagePath(
  '@release-coordination/plugin-release-coordination-backend',
  'migrations',
);

/** The table knex records our migrations in; its lock table is named after it. */
const MIGRATIONS_TABLE = 'release_coordination__knex_migrations';

/**
 * PostgreSQL advisory lock key of our migrations (any 64-bit number that no other code in the
 * same database uses; these are the bytes of "rc-migr").
 */
const PG_MIGRATION_LOCK_KEY = '32197194105317234';

/** The advisory lock key of a plugin start (see {@link takeStartupTurn}): "rc-start". */
const PG_STARTUP_LOCK_KEY = '32197194106205300';

/** How often a failed migration run is tried again before the start fails. */
const MIGRATION_ATTEMPTS = 5;

/**
 * Brings the plugin's tables to the latest schema, also when several backends start at the same
 * moment on one empty database.
 *
 * knex's own lock does not cover that: two backends both see no migrations table, both create
 * it (one fails), may both insert a lock row, and the one that finds the lock taken fails
 * rather than waits. On PostgreSQL the whole run therefore holds an advisory lock: the second
 * backend waits, then finds nothing left to do. On the other engines (one process per SQLite
 * file; MySQL is best effort) a failed run is tried again after a short pause.
 */
export async function applyDatabaseMigrations(knex: Knex): Promise<void> {
  const latest = () =>
    knex.migrate.latest({
      directory: migrationsDirectory,
      // A table of our own, so that our migrations never mix with another plugin's in a shared database.
      tableName: MIGRATIONS_TABLE,
    });
  for (let attempt = 1; ; attempt++) {
    try {
      if (isPostgres(knex)) {
        // Held by this transaction's connection; knex migrates on others of the pool, and the
        // lock goes with the transaction, also when the process dies.
        await knex.transaction(async lock => {
          await lock.raw(`SELECT pg_advisory_xact_lock(${PG_MIGRATION_LOCK_KEY})`);
          await latest();
        });
      } else {
        await latest();
      }
      return;
    } catch (error) {
      if (attempt >= MIGRATION_ATTEMPTS) throw error;
      await new Promise(resolve => setTimeout(resolve, 200 * attempt + Math.random() * 300));
    }
  }
}

/**
 * Makes backends that start at the same moment on one PostgreSQL database set the plugin up one
 * after the other, until `end()`: besides our migrations, Backstage's scheduler creates its
 * tables on the first task scheduled, with knex's lock that fails rather than waits, and its
 * failure is kept for the rest of the process. Elsewhere it does nothing. Should the start fail
 * before `end()`, the lock goes with the process.
 */
export async function takeStartupTurn(knex: Knex): Promise<{ end(): Promise<void> }> {
  if (!isPostgres(knex)) return { end: async () => {} };
  const turn = await knex.transaction();
  await turn.raw(`SELECT pg_advisory_xact_lock(${PG_STARTUP_LOCK_KEY})`);
  return { end: async () => void (await turn.commit()) };
}

function isPostgres(knex: Knex): boolean {
  return /^(pg|postgres|postgresql)$/i.test(String(knex.client.config.client));
}

/**
 * The plugin's database for a store, brought to the latest schema unless `migrations.skip` is
 * set (then whoever runs the backend migrates it).
 */
export async function connectStoreDatabase(database: DatabaseService): Promise<Knex> {
  const knex = await database.getClient();
  if (!database.migrations?.skip) {
    await applyDatabaseMigrations(knex);
  }
  return knex;
}
