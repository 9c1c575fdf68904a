import {
  SchedulerServiceTaskInvocationDefinition,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { AuthorizeResult, isPermission } from '@backstage/plugin-permission-common';
import { PermissionPolicy } from '@backstage/plugin-permission-node';
import { dependenciesRefreshPermission } from '@release-coordination/plugin-release-coordination-common';
import request from 'supertest';
import {
  ENGINEERING_DEPARTMENT,
  TestServer,
  startReleaseCoordinationBackend,
  withEntities,
} from '../__testUtils__/testBackend';

/**
 * A small organisation: team-web's `storefront` depends on team-pay's `payments` (dependsOn and
 * through the payment API) and on `vault`, which is labelled secret; `pricing` and `stock` form
 * a cycle.
 */
const ORGANISATION = withEntities(
  ENGINEERING_DEPARTMENT,
  `
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: alice }
spec: { profile: { displayName: Alice }, memberOf: [team-web] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: bob }
spec: { profile: { displayName: Bob }, memberOf: [team-pay] }
---
apiVersion: backstage.io/v1alpha1
kind: System
metadata: { name: shop }
spec: { owner: team-web }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: storefront }
spec:
  type: website
  lifecycle: production
  owner: team-web
  system: shop
  dependsOn: [component:payments, component:vault]
  consumesApis: [payment-api]
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: payments }
spec: { type: service, lifecycle: production, owner: team-pay, providesApis: [payment-api] }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: vault, labels: { secret: 'true' } }
spec: { type: service, lifecycle: production, owner: team-pay }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: pricing }
spec: { type: service, lifecycle: production, owner: team-web, system: shop, dependsOn: [component:stock] }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: stock }
spec: { type: service, lifecycle: production, owner: team-web, system: shop, dependsOn: [component:pricing] }
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata: { name: payment-api }
spec: { type: openapi, lifecycle: production, owner: team-pay, definition: 'openapi: 3.0.0' }
`,
);

/** Outsiders may not read secret entities; only admins may refresh the graph. */
class TestPolicy implements PermissionPolicy {
  async handle(req: Parameters<PermissionPolicy['handle']>[0], user?: Parameters<PermissionPolicy['handle']>[1]) {
    const userRef = user?.info.userEntityRef;
    if (isPermission(req.permission, catalogEntityReadPermission) && userRef === 'user:default/outsider') {
      return createCatalogConditionalDecision(req.permission, {
        not: catalogConditions.hasLabel({ label: 'secret' }),
      });
    }
    if (isPermission(req.permission, dependenciesRefreshPermission)) {
      return { result: userRef === 'user:default/admin' ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

const alice = mockCredentials.user.header('user:default/alice');
const outsider = mockCredentials.user.header('user:default/outsider');
const admin = mockCredentials.user.header('user:default/admin');

describe('dependency routes (real catalog, policy decisions applied by it)', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startReleaseCoordinationBackend({
      organisation: ORGANISATION,
      policy: new TestPolicy(),
    });
  }, 120_000);

  it('answers 401 without credentials', async () => {
    const res = await request(server).get('/api/release-coordination/dependencies/entity?ref=component:default/storefront');
    expect(res.status).toBe(401);
  });

  it('derives upstream dependencies with owners and via, from catalog relations', async () => {
    const res = await request(server)
      .get('/api/release-coordination/dependencies/entity?ref=component:default/storefront')
      .set('Authorization', alice);
    expect(res.status).toBe(200);
    expect(res.body.snapshot.nodeCount).toBe(5);
    expect(res.body.snapshot.ageSeconds).toBeGreaterThanOrEqual(0);
    const payments = res.body.upstream.find((e: any) => e.ref === 'component:default/payments');
    expect(payments).toMatchObject({
      owner: 'group:default/team-pay',
      depth: 1,
      via: { dependsOn: true, apis: ['api:default/payment-api'] },
    });
    expect(res.body.upstream.map((e: any) => e.ref)).toContain('component:default/vault');
  });

  it('walks only the side that is asked for', async () => {
    const res = await request(server)
      .get('/api/release-coordination/dependencies/entity')
      .query({ ref: 'component:default/payments', direction: 'downstream' })
      .set('Authorization', alice);
    expect(res.body.upstream).toEqual([]);
    expect(res.body.downstream.map((e: any) => e.ref)).toEqual(['component:default/storefront']);
    const bad = await request(server)
      .get('/api/release-coordination/dependencies/entity')
      .query({ ref: 'component:default/payments', direction: 'sideways' })
      .set('Authorization', alice);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/direction/);
  });

  it('never reveals entities the user cannot read in the catalog', async () => {
    const res = await request(server)
      .get('/api/release-coordination/dependencies/entity?ref=component:default/storefront')
      .set('Authorization', outsider);
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).not.toContain('vault');
    expect(res.body.upstream.map((e: any) => e.ref)).toEqual(['component:default/payments']);

    const hidden = await request(server)
      .get('/api/release-coordination/dependencies/entity?ref=component:default/vault')
      .set('Authorization', outsider);
    expect(hidden.status).toBe(404);

    const matrix = await request(server)
      .get('/api/release-coordination/dependencies/matrix?scope=organization')
      .set('Authorization', outsider);
    expect(matrix.body.edgeCount).toBe(3);
    const full = await request(server)
      .get('/api/release-coordination/dependencies/matrix?scope=organization')
      .set('Authorization', alice);
    expect(full.body.edgeCount).toBe(4);
  });

  it('builds the team matrix, its edges, and finds the cycle', async () => {
    const res = await request(server)
      .get('/api/release-coordination/dependencies/matrix?scope=organization')
      .set('Authorization', alice);
    expect(res.status).toBe(200);
    expect(res.body.matrix.cells).toEqual(
      expect.arrayContaining([
        { fromTeam: 'group:default/team-web', toTeam: 'group:default/team-pay', count: 2 },
        { fromTeam: 'group:default/team-web', toTeam: 'group:default/team-web', count: 2 },
      ]),
    );
    expect(res.body.crossTeamEdgeCount).toBe(2);
    expect(res.body.cycles).toEqual([['component:default/pricing', 'component:default/stock']]);

    const edges = await request(server)
      .get('/api/release-coordination/dependencies/edges')
      .query({ scope: 'organization', fromTeam: 'group:default/team-web', toTeam: 'group:default/team-pay' })
      .set('Authorization', alice);
    expect(edges.body.totalCount).toBe(2);
    expect(edges.body.items[0]).toMatchObject({ fromOwner: 'group:default/team-web', toOwner: 'group:default/team-pay' });

    const system = await request(server)
      .get('/api/release-coordination/dependencies/matrix?scope=system:default/shop')
      .set('Authorization', alice);
    expect(system.body.nodeCount).toBe(3);
  });

  it('orders a deployment in waves, providers first, cycles grouped', async () => {
    const res = await request(server)
      .post('/api/release-coordination/dependencies/waves')
      .send({ entityRefs: ['component:default/storefront', 'component:default/payments', 'component:default/pricing', 'component:default/stock', 'component:default/nope'] })
      .set('Authorization', alice);
    expect(res.status).toBe(200);
    const waveOf = (ref: string) => res.body.plan.waves.find((w: any) => w.members.includes(ref));
    expect(waveOf('component:default/payments').index).toBeLessThan(waveOf('component:default/storefront').index);
    expect(waveOf('component:default/pricing')).toMatchObject({ cycle: true });
    expect(waveOf('component:default/pricing')).toBe(waveOf('component:default/stock'));
    expect(res.body.plan.unknown).toEqual(['component:default/nope']);
  });

  it('gives the blast radius by team and the ownership with escalation path', async () => {
    const blast = await request(server)
      .get('/api/release-coordination/dependencies/blast-radius?ref=component:default/payments')
      .set('Authorization', alice);
    expect(blast.body.totalCount).toBe(1);
    expect(blast.body.groups[0].owner).toBe('group:default/team-web');

    const ownership = await request(server)
      .get('/api/release-coordination/ownership?ref=component:default/payments')
      .set('Authorization', alice);
    expect(ownership.status).toBe(200);
    expect(ownership.body.ownership.owner).toBe('group:default/team-pay');
    expect(ownership.body.ownership.members.map((m: any) => m.ref)).toEqual(['user:default/bob']);
    expect(ownership.body.ownership.escalationPath.map((g: any) => g.ref)).toEqual(['group:default/engineering']);
  });

  it('lets only authorised callers refresh', async () => {
    const denied = await request(server)
      .post('/api/release-coordination/dependencies/refresh')
      .set('Authorization', alice);
    expect(denied.status).toBe(403);
    const before = await request(server).get('/api/release-coordination/dependencies/snapshot').set('Authorization', alice);
    const allowed = await request(server)
      .post('/api/release-coordination/dependencies/refresh')
      .set('Authorization', admin);
    expect(allowed.status).toBe(202);
    expect(allowed.body).toMatchObject({
      taskId: 'release-coordination-dependency-refresh',
      state: 'triggered',
    });
    // The test backend's scheduler ran the triggered task before the route answered.
    expect(allowed.body.snapshot.version).toBe(before.body.snapshot.version + 1);
  });

  it.each([
    ['/dependencies/entity?ref=storefront', /not an entity ref/],
    ['/dependencies/entity?ref=component:default/storefront&depth=0', /depth/],
    ['/dependencies/entity?ref=component:default/storefront&depth=1000', /depth/],
    ['/dependencies/entity?ref=component:default/storefront&colour=red', /colour/],
    ['/dependencies/matrix?scope=component:default/storefront', /Invalid scope/],
    ['/dependencies/matrix', /scope/],
    ['/dependencies/edges?scope=organization&limit=5000', /limit/],
    ['/dependencies/blast-radius?ref=', /ref/],
    ['/ownership?ref=:', /not an entity ref/],
  ])('answers 400 with a clear message for %s', async (path, message) => {
    const res = await request(server).get(`/api/release-coordination${path}`).set('Authorization', alice);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it.each([
    [{}, /entityRefs/],
    [{ entityRefs: [] }, /entityRefs/],
    [{ entityRefs: ['not a ref'] }, /not an entity ref/],
    [{ entityRefs: Array.from({ length: 501 }, (_, i) => `component:default/c${i}`) }, /entityRefs/],
  ])('answers 400 for a bad waves body %#', async (body, message) => {
    const res = await request(server)
      .post('/api/release-coordination/dependencies/waves')
      .send(body)
      .set('Authorization', alice);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it('answers 404 for an entity or scope that is not in the graph', async () => {
    const entity = await request(server)
      .get('/api/release-coordination/dependencies/entity?ref=component:default/ghost')
      .set('Authorization', alice);
    expect(entity.status).toBe(404);
    const scope = await request(server)
      .get('/api/release-coordination/dependencies/matrix?scope=system:default/ghost')
      .set('Authorization', alice);
    expect(scope.status).toBe(404);
  });
});

describe('a manual dependency refresh (scheduler observed)', () => {
  let server: TestServer;
  const triggered: string[] = [];
  const scheduled: (SchedulerServiceTaskScheduleDefinition &
    SchedulerServiceTaskInvocationDefinition)[] = [];
  let running = false;
  const scheduler = mockServices.scheduler.mock({
    async scheduleTask(task) {
      scheduled.push(task);
    },
    async triggerTask(id) {
      if (running) throw new ConflictError(`Task ${id} is currently running`);
      triggered.push(id);
    },
  });
  const snapshotVersion = async () =>
    (
      await request(server)
        .get('/api/release-coordination/dependencies/snapshot')
        .set('Authorization', alice)
    ).body.snapshot.version;
  const refresh = () =>
    request(server).post('/api/release-coordination/dependencies/refresh').set('Authorization', admin);

  beforeAll(async () => {
    server = await startReleaseCoordinationBackend({
      organisation: ORGANISATION,
      policy: new TestPolicy(),
      features: [scheduler.factory],
      skipDependencyRefresh: true,
    });
  }, 120_000);

  it('triggers the scheduled task instead of deriving in the request', async () => {
    const first = await refresh();
    expect(first.status).toBe(202);
    // Nothing was derived yet, by the task or by the route.
    expect(first.body).toEqual({ taskId: 'release-coordination-dependency-refresh', state: 'triggered' });
    expect(triggered).toEqual(['release-coordination-dependency-refresh']);

    const version = await snapshotVersion();
    const second = await refresh();
    expect(second.status).toBe(202);
    expect(second.body.snapshot.version).toBe(version);
    expect(await snapshotVersion()).toBe(version);

    // The task the plugin scheduled under that id is the one that derives.
    const task = scheduled.find(
      definition => definition.id === 'release-coordination-dependency-refresh',
    );
    expect(task).toMatchObject({ scope: 'global' });
    await task!.fn(new AbortController().signal);
    expect(await snapshotVersion()).toBe(version + 1);
  });

  it('answers that a refresh is under way when the task runs already', async () => {
    running = true;
    try {
      const res = await refresh();
      expect(res.status).toBe(202);
      expect(res.body.state).toBe('running');
    } finally {
      running = false;
    }
  });
});
