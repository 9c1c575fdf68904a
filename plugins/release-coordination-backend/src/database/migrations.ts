import { DatabaseService, resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

/** Where the knex migrations of this plugin live, in the source tree and in the published package. */
export const migrationsDirectory = resolvePackagePath(
  '@release-coordination/plugin-release-coordination-backend',
  'migrations',
);

/** Brings the plugin's tables to the latest schema. */
export async function applyDatabaseMigrations(knex: Knex): Promise<void> {
  await knex.migrate.latest({
    directory: migrationsDirectory,
    // A table of our own, so that our migrations never mix with another plugin's in a shared database.
    tableName: 'release_coordination__knex_migrations',
  });
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
