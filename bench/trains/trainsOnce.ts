/**
 * Child process of the `trains` benchmark for one size:
 * `tsx bench/trains/trainsOnce.ts <trains> '<options as JSON>'`.
 *
 * 1. Seeds `<trains>` release trains of the generated organisation straight into a fresh
 *    PostgreSQL database, through the plugin's own migrations (seed.ts, history.ts).
 * 2. Starts the real demo backend on that database, with the organisation in its catalog, and
 *    waits for the catalog and the dependency graph (backend.ts).
 * 3. Measures the API over HTTP as a signed-in user, as approvers and as CI (measure.ts).
 * 4. Stops the backend and drops its databases, also when something failed on the way.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyDatabaseMigrations } from '../../plugins/release-coordination-backend/src/database/migrations';
import { reportResult } from '../lib';
import {
  RunningBackend,
  refreshDependencies,
  signIn,
  startBackend,
  waitFor,
  waitForCatalog,
} from './backend';
import {
  activeQueries,
  connect,
  createPluginDatabase,
  databasePrefix,
  dropDatabases,
  pgSettings,
} from './database';
import { generateHistory } from './history';
import {
  EndpointResult,
  MeasureOptions,
  defaultMeasureOptions,
  measureEndpoints,
} from './measure';
import {
  BENCH_USER_NAME,
  BenchOrganization,
  benchOrganization,
  catalogYaml,
} from './organization';
import { writeChunk } from './seed';

/** The port the benchmark's backend listens on; others use 7007 and 3000. */
const PORT = Number(process.env.BENCH_TRAINS_PORT ?? 7207);
const PLUGIN_ID = 'release-coordination';
const STARTUP_TIMEOUT_MS = 5 * 60_000;
const CATALOG_TIMEOUT_MS = Number(process.env.BENCH_INGESTION_TIMEOUT_MS ?? 10 * 60_000);

export interface TrainsOptions extends MeasureOptions {
  /** Size of the generated organisation in the catalog. */
  entities: number;
}

export interface TrainsResult {
  trains: number;
  entities: number;
  seed: { ms: number; rows: Record<string, number>; activeTrains: number };
  backend: { startMs: number; catalogMs: number; relationEntries: number; graphNodes: number };
  benchUser: { ref: string; groups: string[] };
  endpoints: EndpointResult[];
  notes: string[];
}

const progress = (message: string) => process.stderr.write(`  trains: ${message}\n`);

async function portInUse(port: number): Promise<boolean> {
  return new Promise(resolve => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Chunks written at once, each on its own connection: PostgreSQL, not Node, is the limit. */
const WRITERS = 2;

async function seedDatabase(trains: number, org: BenchOrganization, database: string) {
  const knex = connect(pgSettings(), database, { bulk: true });
  try {
    await applyDatabaseMigrations(knex);
    const started = performance.now();
    const rows: Record<string, number> = {};
    const writing = new Set<Promise<void>>();
    let failure: unknown;
    let written = 0;
    // The next chunk is generated while the database writes the previous ones.
    for (const chunk of generateHistory(org, { trains, now: new Date() })) {
      if (writing.size >= WRITERS) await Promise.race(writing);
      if (failure) break;
      const write: Promise<void> = writeChunk(knex, chunk)
        .then(counts => {
          for (const [table, n] of Object.entries(counts)) rows[table] = (rows[table] ?? 0) + n;
          written += chunk.trains.length;
          if (written % 2000 < chunk.trains.length) progress(`${written} trains seeded`);
        })
        .catch(error => {
          failure ??= error;
        })
        .finally(() => writing.delete(write));
      writing.add(write);
    }
    await Promise.all(writing);
    if (failure) throw failure;
    // Statistics as a long-lived database has them (autovacuum would get there eventually).
    await knex.raw('ANALYZE');
    const ms = performance.now() - started;
    const [{ count }] = await knex('release_trains')
      .where('status', 'active')
      .count({ count: '*' });
    return { ms, rows, activeTrains: Number(count) };
  } finally {
    await knex.destroy();
  }
}

async function run(
  trains: number,
  options: TrainsOptions,
  dir: string,
  state: { backend?: RunningBackend },
): Promise<TrainsResult> {
  if (await portInUse(PORT)) {
    throw new Error(`port ${PORT} is in use: is an earlier run still going?`);
  }
  const org = benchOrganization(options.entities);
  const prefix = databasePrefix(trains);
  const database = await createPluginDatabase(pgSettings(), prefix, PLUGIN_ID);
  progress(`seeding ${trains} trains into ${database}`);
  const seed = await seedDatabase(trains, org, database);
  progress(`seeded in ${(seed.ms / 1000).toFixed(1)} s: ${JSON.stringify(seed.rows)}`);

  const catalogFile = join(dir, 'organization.yaml');
  writeFileSync(catalogFile, catalogYaml(org.entities));
  const started = performance.now();
  const backend = startBackend(
    { port: PORT, databasePrefix: prefix, pg: pgSettings(), catalogFile },
    dir,
  );
  state.backend = backend;
  await waitFor('the backend to be ready', STARTUP_TIMEOUT_MS, async () => {
    const response = await fetch(`${backend.baseUrl}/.backstage/health/v1/readiness`);
    return response.ok ? true : undefined;
  });
  const startMs = performance.now() - started;
  progress(`backend ready after ${(startMs / 1000).toFixed(1)} s; waiting for the catalog`);
  const relationsGenerated = org.entities.reduce((n, e) => n + (e.relations?.length ?? 0), 0);
  const relationEntries = await waitForCatalog(
    backend.baseUrl,
    org.entities.length,
    relationsGenerated,
    CATALOG_TIMEOUT_MS,
  );
  const graphNodes = await refreshDependencies(backend.baseUrl);
  const catalogMs = performance.now() - started - startMs;
  progress(`catalog and dependency graph ready after ${(catalogMs / 1000).toFixed(1)} s`);

  const user = await signIn(backend.baseUrl, BENCH_USER_NAME);
  if (process.env.BENCH_TRAINS_HOLD) {
    // For exploring one endpoint by hand (profiles, query plans): the seeded backend stays up
    // until the process is interrupted, and nothing is measured.
    progress(`holding: ${backend.baseUrl} as ${org.benchUserRef}, token in ${dir}/token`);
    writeFileSync(join(dir, 'token'), user.token);
    await new Promise(() => {});
  }
  const missing = org.benchUserGroups.filter(g => !user.ownershipEntityRefs.includes(g));
  if (missing.length > 0) throw new Error(`the bench user is not yet a member of ${missing}`);
  const notes: string[] = [];
  if (relationEntries !== relationsGenerated) {
    notes.push(
      `the catalog holds ${relationEntries} relation entries, ${relationsGenerated} generated`,
    );
  }
  // Work a request left behind may run in the backend's processes or in its databases.
  const admin = connect(pgSettings(), 'postgres');
  const measurement = await measureEndpoints({
    baseUrl: backend.baseUrl,
    database: connect(pgSettings(), database),
    org,
    userToken: user.token,
    options,
    trains,
    notes,
    waitUntilIdle: maxMs =>
      backend.waitUntilIdle(maxMs, async () => (await activeQueries(admin, prefix)) > 0),
  }).finally(() => admin.destroy());
  return {
    trains,
    entities: org.entities.length,
    seed,
    backend: { startMs, catalogMs, relationEntries, graphNodes },
    benchUser: { ref: org.benchUserRef, groups: org.benchUserGroups },
    endpoints: measurement,
    notes: [...new Set(notes)],
  };
}

async function main() {
  const trains = Number(process.argv[2]);
  const options: TrainsOptions = {
    entities: 1000,
    ...defaultMeasureOptions(),
    ...JSON.parse(process.argv[3] ?? '{}'),
  };
  const dir = mkdtempSync(join(tmpdir(), `bench-trains-${trains}-`));
  const state: { backend?: RunningBackend } = {};
  let cleaned: Promise<void> | undefined;
  // Stop the backend and drop its databases however this ends; the log is kept for reading.
  const cleanup = () =>
    (cleaned ??= (async () => {
      await state.backend?.stop();
      if (state.backend) {
        const results = join(__dirname, '..', 'results');
        mkdirSync(results, { recursive: true });
        copyFileSync(state.backend.logFile, join(results, `trains-${trains}-backend.log`));
      }
      const dropped = await dropDatabases(pgSettings(), databasePrefix(trains));
      progress(`stopped the backend, dropped ${dropped.length} database(s)`);
      rmSync(dir, { recursive: true, force: true });
    })());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      cleanup().finally(() => process.exit(130));
    });
  }
  try {
    reportResult(await run(trains, options, dir, state));
  } finally {
    await cleanup();
  }
  process.exit(0);
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
