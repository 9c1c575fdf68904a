import knexFactory from 'knex';
import {
  BackendDatabase,
  BackendProcess,
  authorization,
  freePort,
  startBackendProcess,
  testDirectory,
  waitForDependencyGraph,
  waitUntilReady,
} from './__testUtils__/backendProcess';

const API = '/api/release-coordination';
const PG = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES16_CONNECTION_STRING;

/** A fresh PostgreSQL database for one run, dropped by the returned function. */
async function freshPgDatabase(): Promise<{ database: BackendDatabase; drop(): Promise<void> }> {
  const url = new URL(PG!);
  const name = `release_coordination_crash_${process.pid}_${Date.now()}`;
  const admin = knexFactory({ client: 'pg', connection: PG, pool: { min: 0, max: 1 } });
  await admin.raw('CREATE DATABASE ??', [name]);
  return {
    database: {
      client: 'pg',
      connection: {
        host: url.hostname,
        port: Number(url.port || 5432),
        user: decodeURIComponent(url.username),
        ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
        database: name,
      },
    },
    async drop() {
      await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [name]);
      await admin.destroy();
    },
  };
}

function trainOf(name: string) {
  return {
    name,
    objective: 'Ship one-click checkout',
    ambassadorRef: 'user:default/alice',
    participants: [{ entityRef: 'component:default/payments', targetVersion: '5.1.0' }],
  };
}

function deploymentOf(deploymentId: string) {
  return {
    participantRef: 'component:default/payments',
    environment: 'staging',
    version: '5.1.0',
    deploymentId,
    startedAt: '2026-12-01T10:00:00Z',
    finishedAt: '2026-12-01T10:05:00Z',
    result: 'succeeded',
  };
}

async function post(backend: BackendProcess, path: string, body: object) {
  return fetch(`${backend.baseUrl}${API}${path}`, {
    method: 'POST',
    headers: { ...authorization, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function getJson(backend: BackendProcess, path: string) {
  const res = await fetch(`${backend.baseUrl}${API}${path}`, { headers: authorization });
  expect(res.status, path).toBe(200);
  return res.json();
}

/**
 * A backend process is killed (SIGKILL: no shutdown hooks, no flushing) while concurrent writes
 * are under way, and restarted on the same database (SQLite files; PostgreSQL when a server is
 * given): every write it acknowledged with a 2xx is there. Writes cut off by the kill may or may not be; they were never acknowledged.
 */
describe('a backend killed in the middle of writes', () => {
  let backend: BackendProcess | undefined;
  const cleanUp: (() => Promise<void>)[] = [];

  afterEach(async () => {
    await backend?.stop();
    for (const step of cleanUp.splice(0)) await step();
  });

  it('keeps every acknowledged write after a restart on the same SQLite files', async () => {
    const dir = testDirectory('crash');
    await killMidBurstAndRestart(dir, { client: 'better-sqlite3', directory: dir });
  }, 400_000);

  // Without a PostgreSQL server (BACKSTAGE_TEST_DATABASE_POSTGRES16_CONNECTION_STRING) only the
  // SQLite run; CI always has one.
  it.skipIf(!PG)(
    'keeps every acknowledged write after a restart on the same PostgreSQL database',
    async () => {
      const { database, drop } = await freshPgDatabase();
      cleanUp.push(drop);
      await killMidBurstAndRestart(testDirectory('crash-pg'), database);
    },
    400_000,
  );

  async function killMidBurstAndRestart(dir: string, database: BackendDatabase) {
    backend = startBackendProcess({ dir, name: 'first', port: await freePort(), database });
    await waitUntilReady(backend, 150_000);
    await waitForDependencyGraph(backend);

    const base = await post(backend, '/trains', trainOf('base'));
    expect(base.status).toBe(201);
    const baseTrainId: string = (await base.json()).id;

    // Writers in parallel, each one request after the other: train creations (a transaction
    // over the train, its gates and its decision log) and deployment reports.
    const acknowledged = { trains: [] as string[], deployments: [] as string[] };
    let inFlight = 0;
    let stopped = false;
    const writer = async (writerId: number) => {
      for (let i = 0; !stopped; i++) {
        inFlight++;
        try {
          if (i % 2 === 0) {
            const res = await post(backend!, '/trains', trainOf(`burst ${writerId}.${i}`));
            if (res.ok) acknowledged.trains.push((await res.json()).id);
          } else {
            const id = `burst-${writerId}-${i}`;
            const res = await post(backend!, `/trains/${baseTrainId}/deployments`, deploymentOf(id));
            if (res.ok) acknowledged.deployments.push(id);
          }
        } catch {
          // Cut off by the kill: never acknowledged.
          stopped = true;
        } finally {
          inFlight--;
        }
      }
    };
    const first = backend;
    const writers = Promise.all([0, 1, 2, 3, 4, 5].map(writer));
    const acks = () => acknowledged.trains.length + acknowledged.deployments.length;
    while (acks() < 30) await new Promise(resolve => setTimeout(resolve, 10));
    const inFlightAtKill = inFlight;
    first.kill('SIGKILL');
    await first.exited;
    stopped = true;
    await writers;
    // Killed mid-burst: requests were under way.
    expect(inFlightAtKill).toBeGreaterThan(0);

    backend = startBackendProcess({ dir, name: 'second', port: await freePort(), database });
    await waitUntilReady(backend, 150_000);
    for (const trainId of acknowledged.trains) {
      const train = await getJson(backend, `/trains/${trainId}`);
      expect(train.id).toBe(trainId);
      expect(train.gates.length).toBeGreaterThan(0);
    }
    const deployments = await getJson(backend, `/trains/${baseTrainId}/deployments?limit=500`);
    const stored = deployments.items.map((d: { deploymentId: string }) => d.deploymentId);
    expect(stored).toEqual(expect.arrayContaining(acknowledged.deployments));
  }
});
