/**
 * The real demo backend (packages/backend) for the `trains` benchmark: started the way a
 * developer starts it (`backstage-cli repo start packages/backend`), on PostgreSQL with a
 * database prefix of its own, on its own port, with a catalog that holds the generated
 * organisation; and the HTTP steps it takes to be ready: health, catalog ingestion, the
 * dependency graph, sign-in.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PgSettings } from './database';

const ROOT = resolve(__dirname, '..', '..');

/**
 * The demo portal's CI token (app-config.yaml, `backend.auth.externalAccess`), as a pipeline
 * holds it. The benchmark's backend reads the same variable.
 */
export const CI_TOKEN = process.env.RELEASE_COORDINATION_CI_TOKEN ?? 'demo-ci-token-change-me';

export interface BackendSettings {
  port: number;
  databasePrefix: string;
  pg: PgSettings;
  /** The catalog file: the organisation, one YAML document per entity. */
  catalogFile: string;
}

/**
 * Settings on top of app-config.yaml. Everything periodic that would compete with the
 * measurements is pushed out of their way: catalog re-processing, the scheduled dependency
 * refresh (the benchmark asks for one), reminders; the demo history stays out (it only seeds an
 * empty database anyway).
 */
export function backendConfig(settings: BackendSettings) {
  const later = { frequency: { hours: 12 }, timeout: { minutes: 10 }, initialDelay: { hours: 6 } };
  const { host, port, user, password } = settings.pg;
  return {
    backend: {
      auth: {
        // Replaces app-config.yaml's list (arrays are not merged): CI's token as restricted
        // as there, and the benchmark's own for setting up.
        externalAccess: [
          {
            type: 'static',
            options: { token: CI_TOKEN, subject: 'demo-ci' },
            accessRestrictions: [
              {
                plugin: 'release-coordination',
                permission: [
                  'release-coordination.check.report',
                  'release-coordination.deployment.report',
                ],
              },
            ],
          },
          { type: 'static', options: { token: BENCH_SETUP_TOKEN, subject: 'bench-setup' } },
        ],
      },
      // 127.0.0.1 rather than localhost, which may resolve to ::1 where nothing listens.
      baseUrl: `http://127.0.0.1:${settings.port}`,
      listen: { host: '127.0.0.1', port: settings.port },
      database: {
        client: 'pg',
        prefix: settings.databasePrefix,
        connection: { host, port, user, ...(password ? { password } : {}) },
      },
    },
    catalog: {
      // Replaces the demo organisation of examples/ (arrays are not merged).
      locations: [{ type: 'file', target: settings.catalogFile }],
      processingInterval: { hours: 1 },
    },
    releaseCoordination: {
      dependencies: { refresh: later },
      actionItems: { reminders: later },
      flags: { reminders: later },
    },
    releaseCoordinationDemo: { history: { seed: false } },
  };
}

export interface RunningBackend {
  baseUrl: string;
  logFile: string;
  /**
   * Waits until the backend's processes use (almost) no CPU and `busy` (e.g. queries running in
   * its databases) says no: a request the client gave up on goes on in the backend, and would
   * weigh on the next measurement. Returns the time waited.
   */
  waitUntilIdle(maxMs: number, busy?: () => Promise<boolean>): Promise<number>;
  stop(): Promise<void>;
}

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** CPU seconds used so far by the processes of a process group, from /proc (Linux). */
function groupCpuSeconds(pgid: number): number {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The fields after the command name, which is in parentheses and may hold spaces.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid) ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended meanwhile.
    }
  }
  return ticks / TICKS_PER_SECOND;
}

/**
 * Starts the backend in a process group of its own, so that stopping it stops the CLI and the
 * backend process the CLI runs. Its output goes to `logFile`.
 */
export function startBackend(settings: BackendSettings, dir: string): RunningBackend {
  const configFile = join(dir, 'app-config.bench.yaml');
  // JSON is YAML.
  writeFileSync(configFile, JSON.stringify(backendConfig(settings), null, 2));
  const logFile = join(dir, 'backend.log');
  const log = createWriteStream(logFile);
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(ROOT, 'scripts', 'bootstrap.mjs'),
      'backstage-cli',
      'repo',
      'start',
      'packages/backend',
      // Resolved from the package folder unless absolute.
      '--config',
      join(ROOT, 'app-config.yaml'),
      '--config',
      configFile,
      // For profiling a held backend (see BENCH_TRAINS_HOLD in bench/README.md).
      ...(process.env.BENCH_BACKEND_INSPECT ? ['--inspect', process.env.BENCH_BACKEND_INSPECT] : []),
    ],
    {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Never an install from here: node_modules is what it is.
      env: { ...process.env, BOOTSTRAP_SKIP_INSTALL: '1' },
    },
  );
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const exited = once(child, 'exit');
  let stopped = false;
  return {
    baseUrl: `http://127.0.0.1:${settings.port}`,
    logFile,
    async waitUntilIdle(maxMs: number, busy?: () => Promise<boolean>) {
      const started = Date.now();
      // Idle: less than 15% of a core over two seconds, and nothing else busy at the end.
      for (let before = groupCpuSeconds(child.pid!); Date.now() - started < maxMs; ) {
        await new Promise(r => setTimeout(r, 2000));
        const now = groupCpuSeconds(child.pid!);
        if (now - before < 0.3 && !(await busy?.())) break;
        before = now;
      }
      return Date.now() - started;
    },
    async stop() {
      if (stopped || child.exitCode !== null) return;
      stopped = true;
      const signal = (name: NodeJS.Signals) => {
        try {
          process.kill(-child.pid!, name);
        } catch {
          // The group is gone already.
        }
      };
      signal('SIGTERM');
      const timeout = new Promise(r => setTimeout(r, 15_000, 'timeout'));
      if ((await Promise.race([exited, timeout])) === 'timeout') signal('SIGKILL');
      // The CLI may exit before the backend process it runs: give the group a moment.
      await new Promise(r => setTimeout(r, Number(process.env.BENCH_STOP_GRACE_MS ?? 1000)));
      signal('SIGKILL');
    },
  };
}

export async function waitFor<T>(
  what: string,
  timeoutMs: number,
  attempt: () => Promise<T | undefined>,
  intervalMs = 1000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    try {
      const value = await attempt();
      if (value !== undefined) return value;
    } catch (error) {
      last = `: ${error}`;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last}`);
    await new Promise(r => setTimeout(r, intervalMs));
  }
}

export async function getJson(url: string, init?: RequestInit): Promise<any> {
  const response = await fetch(url, init);
  const text = await response.text();
  if (!response.ok) throw new Error(`${response.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

/**
 * The benchmark's own token for setting up: reading the catalog while it ingests and asking
 * for a dependency refresh, which the CI token's restrictions do not allow.
 */
const BENCH_SETUP_TOKEN = 'bench-setup-token-for-this-run-only-0123456789';
const setupHeaders = { Authorization: `Bearer ${BENCH_SETUP_TOKEN}` };

/**
 * Waits until the catalog holds the organisation: every entity visible, then as many relation
 * entries as generated (or, when the catalog models a few differently, a count unchanged for
 * 15 seconds). Returns the relation entries found.
 */
export async function waitForCatalog(
  baseUrl: string,
  entities: number,
  relationEntries: number,
  timeoutMs: number,
): Promise<number> {
  const api = `${baseUrl}/api/catalog/entities/by-query`;
  await waitFor('the catalog to show every entity', timeoutMs, async () => {
    const { totalItems } = await getJson(`${api}?limit=1`, { headers: setupHeaders });
    return totalItems >= entities ? true : undefined;
  });
  let last = -1;
  let since = Date.now();
  return waitFor('the catalog to stitch all relations', timeoutMs, async () => {
    let total = 0;
    let cursor: string | undefined;
    do {
      const query = cursor ? `cursor=${encodeURIComponent(cursor)}` : 'limit=1000&fields=relations';
      const page = await getJson(`${api}?${query}`, { headers: setupHeaders });
      for (const item of page.items) total += item.relations?.length ?? 0;
      cursor = page.pageInfo?.nextCursor;
    } while (cursor);
    if (total === relationEntries) return total;
    if (total !== last) [last, since] = [total, Date.now()];
    return Date.now() - since > 15_000 ? total : undefined;
  });
}

/**
 * Derives the dependency graph now, as CI does: triggers the refresh task, then waits for the
 * snapshot it stores. Returns its node count.
 */
export async function refreshDependencies(baseUrl: string): Promise<number> {
  const api = `${baseUrl}/api/release-coordination/dependencies`;
  const asked = await getJson(`${api}/refresh`, { method: 'POST', headers: setupHeaders });
  const before: number = asked.snapshot?.version ?? 0;
  return waitFor(
    'the refresh task to store a new dependency snapshot',
    10 * 60_000,
    async () => {
      const { snapshot } = await getJson(`${api}/snapshot`, { headers: setupHeaders });
      return snapshot.version > before ? (snapshot.nodeCount as number) : undefined;
    },
    500,
  );
}

/** Signs in as a User of the catalog through the demo provider; returns the Backstage token. */
export async function signIn(
  baseUrl: string,
  userName: string,
): Promise<{ token: string; ownershipEntityRefs: string[] }> {
  const body = await getJson(`${baseUrl}/api/auth/demo/refresh`, {
    headers: { 'x-demo-user': userName },
  });
  return {
    token: body.backstageIdentity.token,
    ownershipEntityRefs: body.backstageIdentity.identity.ownershipEntityRefs,
  };
}
