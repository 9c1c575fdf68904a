import {
  BackendProcess,
  authorization,
  freePort,
  startBackendProcess,
  testDirectory,
  waitForDependencyGraph,
  waitUntilReady,
} from './testing/backendProcess';

const API = '/api/release-coordination';

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
 * are under way, and restarted on the same SQLite files: every write it acknowledged with a 2xx
 * is there. Writes cut off by the kill may or may not be; they were never acknowledged.
 */
describe('a backend killed in the middle of writes', () => {
  let backend: BackendProcess | undefined;

  afterEach(async () => {
    await backend?.stop();
  });

  it('keeps every acknowledged write after a restart on the same database', async () => {
    const dir = testDirectory('crash');
    const database = { client: 'better-sqlite3', directory: dir } as const;
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
  }, 400_000);
});
