/**
 * The PostgreSQL databases of the `trains` benchmark. Backstage names a plugin's database
 * `<prefix><pluginId>`; each size gets a prefix of its own (`bench_trains_<size>_`), created
 * fresh and dropped at the end, so that the benchmark never touches anyone else's databases.
 */
import knexFactory, { Knex } from 'knex';

export interface PgSettings {
  host: string;
  port: number;
  user: string;
  password?: string;
}

/** The standard libpq variables, defaulting to the project machines' server. */
export function pgSettings(): PgSettings {
  return {
    host: process.env.PGHOST ?? '127.0.0.1',
    port: Number(process.env.PGPORT ?? 5432),
    user: process.env.PGUSER ?? 'postgres',
    ...(process.env.PGPASSWORD ? { password: process.env.PGPASSWORD } : {}),
  };
}

export function databasePrefix(size: number): string {
  return `bench_trains_${size}_`;
}

/**
 * A knex client of one database. `bulk`: for seeding, commits do not wait for the disk
 * (`synchronous_commit = off`); a crash could lose the last ones, which a benchmark's seed
 * does not mind.
 */
export function connect(pg: PgSettings, database: string, options?: { bulk?: boolean }): Knex {
  return knexFactory({
    client: 'pg',
    connection: { ...pg, database },
    pool: {
      min: 0,
      max: 4,
      ...(options?.bulk
        ? {
            afterCreate: (connection: any, done: (error: Error | null, c: unknown) => void) =>
              connection.query('SET synchronous_commit = off', (error: Error | null) =>
                done(error, connection),
              ),
          }
        : {}),
    },
  });
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The databases whose names start with `prefix`. */
async function databasesWithPrefix(admin: Knex, prefix: string): Promise<string[]> {
  if (!/^bench_trains_\w+_$/.test(prefix)) {
    throw new Error(`refusing to touch databases with prefix '${prefix}'`);
  }
  const rows = await admin('pg_database')
    .select('datname')
    .whereRaw('starts_with(datname, ?)', [prefix]);
  return rows.map(row => row.datname as string);
}

/** Drops every database of the prefix (connections are closed first). Returns their names. */
export async function dropDatabases(pg: PgSettings, prefix: string): Promise<string[]> {
  const admin = connect(pg, 'postgres');
  try {
    const names = await databasesWithPrefix(admin, prefix);
    for (const name of names) {
      await admin.raw(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`);
    }
    return names;
  } finally {
    await admin.destroy();
  }
}

/** How many queries run now in the databases of the prefix. */
export async function activeQueries(admin: Knex, prefix: string): Promise<number> {
  const [{ count }] = await admin('pg_stat_activity')
    .whereRaw('starts_with(datname, ?)', [prefix])
    .andWhere('state', 'active')
    .count({ count: '*' });
  return Number(count);
}

/** Creates `<prefix><pluginId>`, after dropping whatever an earlier run left of the prefix. */
export async function createPluginDatabase(
  pg: PgSettings,
  prefix: string,
  pluginId: string,
): Promise<string> {
  await dropDatabases(pg, prefix);
  const name = `${prefix}${pluginId}`;
  const admin = connect(pg, 'postgres');
  try {
    await admin.raw(`CREATE DATABASE ${quote(name)}`);
  } finally {
    await admin.destroy();
  }
  return name;
}
