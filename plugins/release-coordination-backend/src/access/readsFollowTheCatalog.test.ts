import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { AuthorizeResult, isPermission } from '@backstage/plugin-permission-common';
import { PermissionPolicy } from '@backstage/plugin-permission-node';
import {
  CI,
  ENGINEERING_DEPARTMENT,
  TestServer,
  asUser,
  catalogUsers,
  createTrainThroughApi,
  pluginRoutes,
  startReleaseCoordinationBackend,
  withEntities,
} from '../__testUtils__/testBackend';

/**
 * team-web's storefront, which depends on team-pay's payments, and team-pay's vault; vault, in
 * the shop System with storefront, is labelled secret and points at a Component the catalog does not have.
 */
const ORGANISATION = withEntities(
  ENGINEERING_DEPARTMENT,
  `
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
  dependsOn: [component:default/payments]
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: payments }
spec: { type: service, lifecycle: production, owner: team-pay }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: vault, labels: { secret: 'true' } }
spec:
  type: service
  lifecycle: production
  owner: team-pay
  system: shop
  dependsOn: [component:nowhere]
`,
  ...catalogUsers('alice', 'bob', 'outsider'),
);

/** The outsider may not read secret entities in the catalog; everything else is allowed. */
class SecretsPolicy implements PermissionPolicy {
  async handle(
    req: Parameters<PermissionPolicy['handle']>[0],
    user?: Parameters<PermissionPolicy['handle']>[1],
  ) {
    if (
      isPermission(req.permission, catalogEntityReadPermission) &&
      user?.info.userEntityRef === 'user:default/outsider'
    ) {
      return createCatalogConditionalDecision(req.permission, {
        not: catalogConditions.hasLabel({ label: 'secret' }),
      });
    }
    return { result: AuthorizeResult.ALLOW } as const;
  }
}

const STAGES = [
  {
    name: 'planning',
    exitGates: [
      {
        id: 'participation',
        title: 'Participation confirmed',
        kind: 'approval',
        perParticipant: true,
        approvers: 'participant-owner',
      },
      { id: 'board', title: 'Release board', kind: 'approval', approvers: 'group:default/team-web' },
    ],
  },
  { name: 'deployment', exitGates: [] },
];

const alice = asUser('alice');
const outsider = asUser('outsider');
const VAULT = 'component:default/vault';
const GHOST = 'component:default/ghost';
const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

/** A 400's message with the ref it names replaced, to compare the answers for two refs. */
const messageFor = (body: any, ref: string) => String(body.error.message).replace(ref, '<ref>');

describe('reads follow the catalog (real catalog, policy decisions applied by it)', () => {
  let server: TestServer;
  let trainId: string;
  const api = pluginRoutes(() => server);

  beforeAll(async () => {
    server = await startReleaseCoordinationBackend({
      organisation: ORGANISATION,
      policy: new SecretsPolicy(),
      config: { stages: STAGES },
    });
    const train = await createTrainThroughApi(
      server,
      {
        name: '2026.12',
        objective: 'Ship card payments',
        ambassadorRef: 'user:default/alice',
        participants: ['storefront', 'payments', 'vault'].map(name => ({
          entityRef: `component:default/${name}`,
          targetVersion: '1.0.0',
        })),
      },
      alice,
    );
    trainId = train.id;
    for (const [participantRef, deploymentId] of [
      ['component:default/payments', 'pay-1'],
      [VAULT, 'vault-1'],
    ]) {
      const res = await api
        .post(`/trains/${trainId}/deployments`)
        .send({
          participantRef,
          environment: 'production',
          deploymentId,
          startedAt: hoursAgo(3),
          finishedAt: hoursAgo(2),
          result: 'succeeded',
        })
        .set('Authorization', CI);
      // Setup in beforeAll: a refused step fails every test of the file, as it should.
      // eslint-disable-next-line jest/no-standalone-expect
      expect(res.status).toBe(201);
    }
  }, 120_000);

  it('leaves hidden participants and their gates out of a train, and counts them', async () => {
    const full = await api.get(`/trains/${trainId}`).set('Authorization', alice);
    expect(full.body.participants).toHaveLength(3);
    expect(full.body.hidden).toBeUndefined();

    const res = await api.get(`/trains/${trainId}`).set('Authorization', outsider);
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).not.toContain('vault');
    expect(res.body.participants.map((p: any) => p.entityRef)).toEqual([
      'component:default/storefront',
      'component:default/payments',
    ]);
    // The train-wide board gate stays; vault's participation gate is counted.
    expect(res.body.gates).toHaveLength(full.body.gates.length - 1);
    expect(res.body.hidden).toEqual({ participants: 1, gates: 1 });
  });

  it('answers changes to a train as the caller may see it', async () => {
    const res = await api
      .patch(`/trains/${trainId}/participants/${encodeURIComponent('component:default/payments')}`)
      .send({ targetVersion: '1.0.1' })
      .set('Authorization', asUser('admin'));
    expect(res.status).toBe(200);
    expect(res.body.participants).toHaveLength(3);
    const asOutsider = await api.get(`/trains/${trainId}`).set('Authorization', outsider);
    expect(asOutsider.body.participants.find((p: any) => p.entityRef.endsWith('payments')))
      .toMatchObject({ targetVersion: '1.0.1' });
  });

  it("names the visible teams and owners in dependency answers while something else is hidden", async () => {
    // The outsider sees fewer entities than the plugin: each ref of an answer is looked up.
    const matrix = await api
      .get('/dependencies/matrix?scope=system:default/shop')
      .set('Authorization', outsider);
    expect(matrix.status).toBe(200);
    expect(matrix.body.matrix.teams).toEqual(['group:default/team-pay', 'group:default/team-web']);
    expect(JSON.stringify(matrix.body)).not.toContain('vault');

    const storefront = 'component:default/storefront';
    const [mine, theirs] = await Promise.all(
      [alice, outsider].map(who =>
        api.get(`/dependencies/entity?ref=${storefront}`).set('Authorization', who),
      ),
    );
    expect(theirs.body.node.owner).toBe('group:default/team-web');
    expect(theirs.body.node).toEqual(mine.body.node);

    const [ownedSeen, ownedTheirs] = await Promise.all(
      [alice, outsider].map(who => api.get(`/ownership?ref=${storefront}`).set('Authorization', who)),
    );
    expect(ownedTheirs.body.ownership.owner).toBe('group:default/team-web');
    expect(ownedTheirs.body.ownership.ownerGroup).toEqual(ownedSeen.body.ownership.ownerGroup);
  });

  it('lists the trains of a hidden entity exactly as of an unknown one', async () => {
    const seen = await api.get(`/entity-trains?ref=${VAULT}`).set('Authorization', alice);
    expect(seen.body.totalCount).toBe(1);

    const hidden = await api.get(`/entity-trains?ref=${VAULT}`).set('Authorization', outsider);
    const unknown = await api.get(`/entity-trains?ref=${GHOST}`).set('Authorization', outsider);
    expect(hidden.status).toBe(unknown.status);
    expect(hidden.body).toEqual(unknown.body);
    expect(hidden.body).toEqual({ totalCount: 0, items: [] });
  });

  it('counts the hidden Components of a System in its trains', async () => {
    const res = await api.get('/entity-trains?ref=system:default/shop').set('Authorization', outsider);
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: any) => i.participant.entityRef)).toEqual([
      'component:default/storefront',
    ]);
    expect(res.body.hidden).toEqual({ items: 1 });
    const full = await api.get('/entity-trains?ref=system:default/shop').set('Authorization', alice);
    expect(full.body.items).toHaveLength(2);
    expect(full.body.hidden).toBeUndefined();
  });

  it("keeps hidden participants out of a train's dependency drift, and counts them", async () => {
    const train = await createTrainThroughApi(
      server,
      {
        name: '2027.01',
        objective: 'Vault joins later',
        ambassadorRef: 'user:default/alice',
        participants: [{ entityRef: 'component:default/storefront', targetVersion: '1.0.0' }],
      },
      alice,
    );
    const added = await api
      .post(`/trains/${train.id}/participants`)
      .send({ entityRef: VAULT, targetVersion: '1.0.0' })
      .set('Authorization', alice);
    expect(added.status).toBe(201);

    const full = await api.get(`/trains/${train.id}/dependency-drift`).set('Authorization', alice);
    expect(full.status).toBe(200);
    expect(full.body.steps.flatMap((step: any) => step.joined ?? [])).toContain(VAULT);
    expect(full.body.hidden).toBeUndefined();

    const res = await api.get(`/trains/${train.id}/dependency-drift`).set('Authorization', outsider);
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).not.toContain('vault');
    expect(res.body.steps).toHaveLength(full.body.steps.length);
    expect(res.body.hidden).toEqual({ participants: 1 });
  });

  it('keeps hidden entities out of the decision log', async () => {
    const full = await api.get(`/trains/${trainId}/decisions?limit=500`).set('Authorization', alice);
    const aboutVault = full.body.items.filter((d: any) => d.entityRef === VAULT).length;
    expect(aboutVault).toBeGreaterThan(0);
    expect(JSON.stringify(full.body)).toContain('vault');

    const res = await api.get(`/trains/${trainId}/decisions?limit=500`).set('Authorization', outsider);
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).not.toContain('vault');
    expect(res.body.totalCount).toBe(full.body.totalCount);
    expect(res.body.items).toHaveLength(full.body.items.length - aboutVault);
    expect(res.body.hidden).toEqual({ items: aboutVault });
    const created = res.body.items.find((d: any) => d.action === 'train.created');
    expect(created.after.participants).toEqual([
      'component:default/storefront',
      'component:default/payments',
    ]);
  });

  it('refuses a hidden participant with the very answer an unknown one gets', async () => {
    const create = (ref: string) =>
      api
        .post('/trains')
        .send({
          name: 'Probe',
          objective: 'Find out what exists',
          ambassadorRef: 'user:default/outsider',
          participants: [{ entityRef: ref, targetVersion: '1.0.0' }],
        })
        .set('Authorization', outsider);
    const hidden = await create(VAULT);
    const unknown = await create(GHOST);
    expect(hidden.status).toBe(400);
    expect(unknown.status).toBe(400);
    expect(messageFor(hidden.body, VAULT)).toEqual(messageFor(unknown.body, GHOST));
    expect(hidden.body.error.name).toBe(unknown.body.error.name);

    // Joining an existing train: the same.
    const own = await createTrainThroughApi(
      server,
      {
        name: 'Own',
        objective: 'Ship the storefront',
        ambassadorRef: 'user:default/outsider',
        participants: [{ entityRef: 'component:default/storefront', targetVersion: '1.0.0' }],
      },
      outsider,
    );
    const add = (ref: string) =>
      api
        .post(`/trains/${own.id}/participants`)
        .send({ entityRef: ref, targetVersion: '1.0.0' })
        .set('Authorization', outsider);
    const addHidden = await add(VAULT);
    const addUnknown = await add(GHOST);
    expect(addHidden.status).toBe(400);
    expect(messageFor(addHidden.body, VAULT)).toEqual(messageFor(addUnknown.body, GHOST));
    // Nor can a hidden participant be changed or removed: the answer of one not in the train.
    const removeHidden = await api
      .del(`/trains/${trainId}/participants/${encodeURIComponent(VAULT)}`)
      .send({ reason: 'probe' })
      .set('Authorization', outsider);
    const removeUnknown = await api
      .del(`/trains/${trainId}/participants/${encodeURIComponent(GHOST)}`)
      .send({ reason: 'probe' })
      .set('Authorization', outsider);
    expect(removeHidden.status).toBe(404);
    expect(messageFor(removeHidden.body, VAULT)).toEqual(messageFor(removeUnknown.body, GHOST));
    const changeHidden = await api
      .patch(`/trains/${trainId}/participants/${encodeURIComponent(VAULT)}`)
      .send({ targetVersion: '9.9.9' })
      .set('Authorization', outsider);
    expect(changeHidden.status).toBe(404);
    expect((await api.get(`/trains/${trainId}`).set('Authorization', alice)).body.participants)
      .toHaveLength(3);
    // Someone who sees vault may add it.
    expect((await add(VAULT).set('Authorization', asUser('admin'))).status).toBe(201);
  });

  it('leaves deployments, rollback readiness, flags and action items of hidden entities out', async () => {
    const flag = await api
      .post(`/trains/${trainId}/flags`)
      .send({
        participantRef: VAULT,
        key: 'tokenise-v2',
        ownerRef: 'group:default/team-pay',
        purpose: 'New tokeniser',
        expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      })
      .set('Authorization', alice);
    expect(flag.status).toBe(201);
    const item = await api
      .post(`/trains/${trainId}/action-items`)
      .send({ title: 'Rehearse the vault rollback', ownerRef: VAULT })
      .set('Authorization', alice);
    expect(item.status).toBe(201);

    const deployments = await api.get(`/trains/${trainId}/deployments`).set('Authorization', outsider);
    expect(deployments.status).toBe(200);
    expect(deployments.body.items.map((d: any) => d.participantRef)).toEqual(['component:default/payments']);
    expect(deployments.body.hidden).toEqual({ items: 1 });
    const ofVault = await api
      .get(`/trains/${trainId}/deployments?participantRef=${VAULT}`)
      .set('Authorization', outsider);
    const ofGhost = await api
      .get(`/trains/${trainId}/deployments?participantRef=${GHOST}`)
      .set('Authorization', outsider);
    expect(ofVault.body).toEqual(ofGhost.body);

    const readiness = await api.get(`/trains/${trainId}/rollback-readiness`).set('Authorization', outsider);
    expect(readiness.status).toBe(200);
    expect(readiness.body.participants).toHaveLength(2);
    expect(readiness.body.hidden).toEqual({ participants: 1 });

    const flags = await api.get(`/trains/${trainId}/flags`).set('Authorization', outsider);
    expect(flags.status).toBe(200);
    expect(flags.body.items).toEqual([]);
    expect(flags.body.hidden).toEqual({ items: 1 });

    const retro = await api.get(`/trains/${trainId}/retrospective`).set('Authorization', outsider);
    expect(retro.status).toBe(200);
    expect(retro.body.actionItems.items).toEqual([]);
    expect(retro.body.actionItems.hidden).toEqual({ items: 1 });
    const byHidden = await api.get(`/action-items?ownerRef=${VAULT}`).set('Authorization', outsider);
    const byGhost = await api.get(`/action-items?ownerRef=${GHOST}`).set('Authorization', outsider);
    expect(byHidden.body).toEqual(byGhost.body);
    const all = await api.get(`/action-items?trainId=${trainId}`).set('Authorization', outsider);
    expect(all.body.hidden).toEqual({ items: 1 });
    expect(JSON.stringify([deployments.body, readiness.body, flags.body, retro.body, all.body])).not.toContain('vault');

    const seen = await api.get(`/trains/${trainId}/flags`).set('Authorization', alice);
    expect(seen.body.items).toHaveLength(1);
  });

  it('leaves hidden drill-down rows out of a scorecard, and a hidden scope is unknown', async () => {
    const period = { from: hoursAgo(24), to: new Date(Date.now() + 3_600_000).toISOString() };
    const team = { scope: 'team', ref: 'group:default/team-pay', ...period };
    const full = await api.get('/scorecards').query(team).set('Authorization', alice);
    expect(full.body.children.map((c: any) => c.scope.ref)).toEqual([
      'component:default/payments',
      VAULT,
    ]);

    const res = await api.get('/scorecards').query(team).set('Authorization', outsider);
    expect(res.status).toBe(200);
    expect(res.body.children.map((c: any) => c.scope.ref)).toEqual(['component:default/payments']);
    expect(res.body.hidden).toEqual({ children: 1 });
    // The team's own numbers are the team's, whoever reads them.
    expect(res.body.metrics).toEqual(full.body.metrics);

    const hidden = await api
      .get('/scorecards')
      .query({ scope: 'component', ref: VAULT, ...period })
      .set('Authorization', outsider);
    const unknown = await api
      .get('/scorecards')
      .query({ scope: 'component', ref: GHOST, ...period })
      .set('Authorization', outsider);
    expect(hidden.status).toBe(404);
    expect(messageFor(hidden.body, VAULT)).toEqual(messageFor(unknown.body, GHOST));
  });

  it('answers deploy readiness of a hidden entity as of one no train ships', async () => {
    const query = { entityRef: VAULT, version: '1.0.0', environment: 'production' };
    const seen = await api.get('/deploy-readiness').query(query).set('Authorization', alice);
    // Some train of this file ships it (the newest decides; earlier tests add trains).
    expect(seen.body.train).toEqual(expect.objectContaining({ name: expect.any(String) }));
    expect(seen.body.reasons.map((r: any) => r.code)).not.toContain('no-train');
    const hidden = await api.get('/deploy-readiness').query(query).set('Authorization', outsider);
    expect(hidden.status).toBe(200);
    expect(hidden.body).toEqual({
      allowed: false,
      entityRef: VAULT,
      version: '1.0.0',
      environment: 'production',
      reasons: [{ code: 'no-train', message: `No active train ships ${VAULT} at 1.0.0` }],
      checkedAt: expect.any(String),
    });
    // Nor which versions trains ship of it.
    const other = await api
      .get('/deploy-readiness')
      .query({ ...query, version: '9.0.0' })
      .set('Authorization', outsider);
    expect(other.body.reasons[0].message).toBe(`No active train ships ${VAULT} at 9.0.0`);
    const otherSeen = await api
      .get('/deploy-readiness')
      .query({ ...query, version: '9.0.0' })
      .set('Authorization', alice);
    expect(otherSeen.body.reasons[0].message).toMatch(/; active trains ship .*1\.0\.0 in '2026\.12'/);
  });

  it('leaves problems naming hidden entities out of the snapshot, and counts them', async () => {
    const full = await api.get('/dependencies/snapshot').set('Authorization', alice);
    expect(full.body.problems).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'unknown-ref', entityRef: VAULT })]),
    );
    const res = await api.get('/dependencies/snapshot').set('Authorization', outsider);
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body.problems)).not.toContain('vault');
    expect(res.body.problems).toHaveLength(full.body.problems.length - 1);
    expect(res.body.hidden).toEqual({ problems: 1 });
  });
});
