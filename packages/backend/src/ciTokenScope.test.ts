import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigData, loadAppConfig } from './__testUtils__/appConfig';

/**
 * The demo's CI token, as app-config.yaml configures it, against a backend that authenticates
 * for real: Backstage's own auth, HTTP auth and permissions services, the catalog and the
 * release-coordination plugin. Only what CI is for gets through.
 */

const ORGANISATION = `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team-pay }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: payments }
spec: { type: service, lifecycle: production, owner: group:default/team-pay }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: alice }
spec: { memberOf: [] }
`;

/** A second, unrestricted token of this test, to set up the train CI then reports on. */
const SETUP_TOKEN = 'release-coordination-test-setup-token-0123456789';

const API = '/api/release-coordination';

describe("the demo's CI token", () => {
  let baseUrl: string;
  let ciToken: string;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const appConfig = await loadAppConfig('app-config.yaml');
    const externalAccess = appConfig.get<ConfigData[]>('backend.auth.externalAccess');
    const [ci] = appConfig.getConfigArray('backend.auth.externalAccess');
    ciToken = ci.getString('options.token');
    const dir = mkdtempSync(join(tmpdir(), 'release-coordination-ci-token-'));
    writeFileSync(join(dir, 'org.yaml'), ORGANISATION);
    const backend = await startTestBackend({
      features: [
        import('@backstage/plugin-catalog-backend'),
        import('@release-coordination/plugin-release-coordination-backend'),
        authServiceFactory,
        httpAuthServiceFactory,
        permissionsServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            backend: {
              auth: {
                externalAccess: [
                  ...externalAccess,
                  { type: 'static', options: { token: SETUP_TOKEN, subject: 'setup' } },
                ],
              },
            },
            permission: { enabled: true },
            catalog: {
              rules: [{ allow: ['Component', 'Group', 'User', 'Location'] }],
              locations: [{ type: 'file', target: join(dir, 'org.yaml') }],
            },
          },
        }),
      ],
    });
    const { port } = backend.server.address() as { port: number };
    baseUrl = `http://localhost:${port}`;
    stop = () => backend.stop();
  });

  afterAll(async () => {
    await stop?.();
  });

  const call = (token: string, method: string, path: string, body?: object) =>
    fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body ? { 'Content-Type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });

  /** A train with payments, created with the setup token once the catalog has it. */
  async function createTrain(): Promise<{ id: string; gates: { id: string }[] }> {
    const payments = `/api/catalog/entities/by-name/component/default/payments`;
    for (let attempt = 0; ; attempt++) {
      if ((await call(SETUP_TOKEN, 'GET', payments)).status === 200) break;
      if (attempt === 120) throw new Error('The catalog did not process payments in time');
      await new Promise(resolve => setTimeout(resolve, 500));
    }
    // Trigger the dependency refresh now rather than wait for its schedule (the test
    // backend's scheduler runs the triggered task before the route answers).
    expect((await call(SETUP_TOKEN, 'POST', `${API}/dependencies/refresh`)).status).toBe(202);
    const res = await call(SETUP_TOKEN, 'POST', `${API}/trains`, {
      name: '2026.12',
      objective: 'Ship one-click checkout',
      ambassadorRef: 'user:default/alice',
      participants: [{ entityRef: 'component:default/payments', targetVersion: '5.1.0' }],
    });
    expect(res.status).toBe(201);
    return res.json();
  }

  it('reports checks, deployments, rehearsals, incidents and indicators, and is refused everything else', async () => {
    const train = await createTrain();

    const check = await call(ciToken, 'POST', `${API}/trains/${train.id}/checks`, {
      participantRef: 'component:default/payments',
      checkName: 'contract-tests',
      status: 'passed',
      idempotencyKey: 'pipeline-1',
    });
    expect(check.status).toBe(200);
    const deployment = await call(ciToken, 'POST', `${API}/trains/${train.id}/deployments`, {
      participantRef: 'component:default/payments',
      environment: 'staging',
      version: '5.1.0',
      deploymentId: 'deploy-1',
      startedAt: '2026-12-01T10:00:00Z',
      finishedAt: '2026-12-01T10:05:00Z',
      result: 'succeeded',
    });
    expect(deployment.status).toBe(201);
    const rehearsal = await call(ciToken, 'POST', `${API}/rollback-drills`, {
      entityRef: 'component:default/payments',
      result: 'passed',
      rehearsedAt: '2026-12-01T09:00:00Z',
      idempotencyKey: 'drill-1',
    });
    expect(rehearsal.status).toBe(201);
    const incident = await call(ciToken, 'POST', `${API}/incidents`, {
      externalId: 'INC-1',
      title: 'Payments time out',
      entityRef: 'component:default/payments',
      severity: 'high',
      startedAt: '2026-12-01T11:00:00Z',
    });
    expect(incident.status).toBe(201);
    const indicators = await call(ciToken, 'POST', `${API}/indicators`, {
      entityRef: 'component:default/payments',
      key: 'run-1',
      measuredAt: '2026-12-01T11:00:00Z',
      review: { mergedChanges: 3, reviewedChanges: 3 },
    });
    expect(indicators.status).toBe(201);
    const { id: incidentId } = await incident.json();

    const refused = [
      // Which deployment caused an incident is a person's decision.
      await call(ciToken, 'POST', `${API}/incidents/${incidentId}/attribution`, {
        state: 'no-deployment',
        comment: 'CI says so',
      }),
      await call(ciToken, 'POST', `${API}/trains`, {
        name: '2027.01',
        objective: 'Ship',
        ambassadorRef: 'user:default/alice',
        participants: [{ entityRef: 'component:default/payments', targetVersion: '5.2.0' }],
      }),
      await call(ciToken, 'POST', `${API}/trains/${train.id}/advance`, {
        expectedStage: 'planning',
      }),
      await call(ciToken, 'POST', `${API}/trains/${train.id}/cancel`, { reason: 'No' }),
      await call(ciToken, 'POST', `${API}/trains/${train.id}/roll-back`, { reason: 'No' }),
      await call(ciToken, 'POST', `${API}/gates/${train.gates[0].id}/waive`, {
        reason: 'No',
        until: '2030-01-01T00:00:00Z',
      }),
      await call(ciToken, 'GET', '/api/catalog/entities'),
    ];
    expect(refused.map(res => res.status)).toEqual([403, 403, 403, 403, 403, 403, 403]);

    // The setup token, unrestricted, reads the catalog: the refusal is the CI token's scope.
    expect((await call(SETUP_TOKEN, 'GET', '/api/catalog/entities')).status).toBe(200);

    // Nor does the dependency graph, derived from the catalog, name entities to CI.
    const graph = `${API}/dependencies/entity?ref=component:default/payments`;
    expect(JSON.stringify(await (await call(SETUP_TOKEN, 'GET', graph)).json())).toMatch(
      /team-pay/,
    );
    // As for a user who may not read it: not found.
    expect((await call(ciToken, 'GET', graph)).status).toBe(404);
  });
});
