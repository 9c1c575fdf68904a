import { DatabaseService } from '@backstage/backend-plugin-api';
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';

/**
 * The engines store tests run on: SQLite always; PostgreSQL and MySQL/MariaDB when a server is
 * given through `BACKSTAGE_TEST_DATABASE_POSTGRES16_CONNECTION_STRING` /
 * `BACKSTAGE_TEST_DATABASE_MYSQL8_CONNECTION_STRING` (Docker is never used).
 *
 * Under CI, PostgreSQL is the production engine and must not be skipped silently.
 */
export function createTestDatabases(): TestDatabases {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3', 'POSTGRES_16', 'MYSQL_8'] satisfies TestDatabaseId[],
    disableDocker: true,
  });
  if (process.env.CI && !databases.supports('POSTGRES_16')) {
    throw new Error(
      'CI is set but no PostgreSQL is configured: set BACKSTAGE_TEST_DATABASE_POSTGRES16_CONNECTION_STRING',
    );
  }
  return databases;
}

/** The database service a store is created with, on a test database. */
export function testDatabaseService(
  knex: Knex,
  options?: { skipMigrations?: boolean },
): DatabaseService {
  return { getClient: async () => knex, migrations: { skip: options?.skipMigrations ?? false } };
}

/**
 * Writes a train's row directly, for tests of the stores whose rows belong to a train (notes,
 * deployments, gates) without going through the train store.
 */
export async function insertTrainRow(
  knex: Knex,
  train: {
    id: string;
    name: string;
    objective?: string;
    status?: string;
    currentStage?: string;
    createdAt: string;
  },
): Promise<void> {
  await knex('release_trains').insert({
    id: train.id,
    name: train.name,
    objective: train.objective ?? 'Ship',
    ambassador_ref: 'user:default/alice',
    status: train.status ?? 'active',
    current_stage: train.currentStage ?? 'planning',
    created_at: new Date(train.createdAt),
    updated_at: new Date(train.createdAt),
  });
}
