import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

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
