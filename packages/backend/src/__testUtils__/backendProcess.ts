/**
 * A real backend process for tests of crashes: the catalog and release coordination
 * (minimalBackend.ts) on its own port and database, with a small catalog and a static token
 * with full access for the test. Started through tsx, so nothing has to be built first.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const BACKEND_DIR = resolve(__dirname, '../..');

/** The test's own token: no access restrictions, so it may set up and read everything. */
export const TEST_TOKEN = 'backend-process-test-token-0123456789abcdef';
export const authorization = { Authorization: `Bearer ${TEST_TOKEN}` };

/** team-pay's payments and team-web's storefront, which depends on it. */
const ORGANISATION = `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team-web }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team-pay }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: alice }
spec: { memberOf: [team-web] }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: storefront }
spec: { type: website, lifecycle: production, owner: team-web, dependsOn: [component:payments] }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: payments }
spec: { type: service, lifecycle: production, owner: team-pay }
`;

/** Where a backend keeps its data: SQLite files in a folder, or a PostgreSQL database. */
export type BackendDatabase =
  | { client: 'better-sqlite3'; directory: string }
  | {
      client: 'pg';
      connection: { host: string; port: number; user: string; password?: string; database: string };
    };

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** A folder of its own for one test's files. */
export function testDirectory(name: string): string {
  return mkdtempSync(join(tmpdir(), `release-coordination-${name}-`));
}

function backendConfig(port: number, database: BackendDatabase, catalogFile: string) {
  return {
    app: { baseUrl: `http://127.0.0.1:${port}` },
    backend: {
      baseUrl: `http://127.0.0.1:${port}`,
      listen: { host: '127.0.0.1', port },
      database:
        database.client === 'pg'
          ? // One database; each plugin in a schema of its own.
            { client: 'pg', connection: database.connection, pluginDivisionMode: 'schema' }
          : { client: 'better-sqlite3', connection: { directory: database.directory } },
      auth: {
        externalAccess: [{ type: 'static', options: { token: TEST_TOKEN, subject: 'test' } }],
      },
    },
    catalog: {
      rules: [{ allow: ['Component', 'Group', 'User', 'Location'] }],
      locations: [{ type: 'file', target: catalogFile }],
      processingInterval: { seconds: 1 },
    },
    // Every request is allowed: the test is about durability, not access.
    permission: { enabled: false },
    releaseCoordination: {
      dependencies: {
        refresh: { frequency: { minutes: 10 }, timeout: { minutes: 2 }, initialDelay: { seconds: 1 } },
      },
    },
  };
}

export interface BackendProcess {
  baseUrl: string;
  /** What the backend logged so far. */
  log(): string;
  /** Resolves with the exit code (or signal) once the process ended. */
  exited: Promise<unknown>;
  /** Sends `signal` to the backend's process group. */
  kill(signal: NodeJS.Signals): void;
  /** Stops it (SIGTERM, then SIGKILL after a grace period) and waits for the exit. */
  stop(): Promise<void>;
}

/** Starts the demo backend in a process group of its own. */
export function startBackendProcess(options: {
  dir: string;
  name: string;
  port: number;
  database: BackendDatabase;
}): BackendProcess {
  const { dir, name, port, database } = options;
  const catalogFile = join(dir, 'organisation.yaml');
  writeFileSync(catalogFile, ORGANISATION);
  const configFile = join(dir, `app-config.${name}.yaml`);
  // JSON is YAML.
  writeFileSync(configFile, JSON.stringify(backendConfig(port, database, catalogFile)));
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/__testUtils__/minimalBackend.ts',
      '--config',
      configFile,
    ],
    {
      cwd: BACKEND_DIR,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn', FORCE_COLOR: '0' },
    },
  );
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise(resolveExit =>
    child.once('exit', (code, signal) => resolveExit(code ?? signal)),
  );
  const kill = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // The group is gone already.
    }
  };
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    log: () => output,
    exited,
    kill,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      kill('SIGTERM');
      const timeout = new Promise(r => setTimeout(r, 10_000, 'timeout'));
      if ((await Promise.race([exited, timeout])) === 'timeout') {
        kill('SIGKILL');
        await exited;
      }
    },
  };
}

/** Polls `attempt` until it answers something other than undefined. */
export async function waitFor<T>(
  what: string,
  timeoutMs: number,
  attempt: () => Promise<T | undefined>,
  intervalMs = 250,
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

/** The backend answers its readiness check. */
export async function waitUntilReady(backend: BackendProcess, timeoutMs = 60_000) {
  await waitFor(`${backend.baseUrl} to be ready\n${backend.log().slice(-2000)}`, timeoutMs, async () => {
    const res = await fetch(`${backend.baseUrl}/.backstage/health/v1/readiness`);
    return res.ok ? true : undefined;
  });
}

/**
 * The dependency graph holds the organisation's two Components, derived by the refresh task
 * (triggered once the catalog has them).
 */
export async function waitForDependencyGraph(backend: BackendProcess, timeoutMs = 60_000) {
  const api = `${backend.baseUrl}/api/release-coordination`;
  await waitFor('the catalog to hold payments', timeoutMs, async () => {
    const res = await fetch(`${backend.baseUrl}/api/catalog/entities/by-name/component/default/payments`, {
      headers: authorization,
    });
    return res.ok ? true : undefined;
  });
  await waitFor('a dependency graph with payments', timeoutMs, async () => {
    const res = await fetch(`${api}/dependencies/entity?ref=component:default/payments`, {
      headers: authorization,
    });
    if (res.ok) return true;
    // Derived before the catalog had it: ask for another refresh.
    await fetch(`${api}/dependencies/refresh`, { method: 'POST', headers: authorization });
    return undefined;
  }, 1000);
}
