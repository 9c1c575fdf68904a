import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { AuthorizeResult, isPermission } from '@backstage/plugin-permission-common';
import { PermissionPolicy } from '@backstage/plugin-permission-node';
import {
  checkReportPermission,
  gateWaivePermission,
  trainCreatePermission,
  trainManagePermission,
} from '@release-coordination/plugin-release-coordination-common';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { releaseCoordinationPlugin } from '../plugin';
import { policyBackedPermissions, waitForCatalogComponents } from '../testing/testBackend';

/** team-web's storefront depends on team-pay's payments; dora and erin sit on the board. */
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
kind: Group
metadata: { name: release-board }
spec: { type: team, children: [] }
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

/** Group membership as the catalog would resolve it into ownership refs. */
const MEMBERSHIP: Record<string, string[]> = {
  'user:default/alice': ['group:default/team-web'],
  'user:default/bob': ['group:default/team-pay'],
  'user:default/dora': ['group:default/release-board'],
  'user:default/erin': ['group:default/release-board'],
};

/**
 * Only the admin manages trains of others or waives; bob may not create trains; users may not
 * report checks.
 */
class TestPolicy implements PermissionPolicy {
  async handle(
    req: Parameters<PermissionPolicy['handle']>[0],
    user?: Parameters<PermissionPolicy['handle']>[1],
  ) {
    const userRef = user?.info.userEntityRef;
    const allow = (yes: boolean) => ({
      result: yes ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
    });
    const admin = userRef === 'user:default/admin';
    if (isPermission(req.permission, trainCreatePermission)) {
      return allow(userRef !== 'user:default/bob');
    }
    if (isPermission(req.permission, trainManagePermission)) return allow(admin);
    if (isPermission(req.permission, gateWaivePermission)) return allow(admin);
    if (isPermission(req.permission, checkReportPermission)) return allow(false);
    return allow(true);
  }
}

const userInfo = mockServices.userInfo.mock({
  getUserInfo: async credentials => {
    const userEntityRef = (credentials.principal as { userEntityRef: string }).userEntityRef;
    const groups = MEMBERSHIP[userEntityRef] ?? [];
    return { userEntityRef, ownershipEntityRefs: [userEntityRef, ...groups] };
  },
});

const as = (user: string) => mockCredentials.user.header(`user:default/${user}`);
const ci = mockCredentials.service.header();
const API = '/api/release-coordination';

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
      {
        id: 'board',
        title: 'Release board',
        kind: 'approval',
        approvers: 'group:default/release-board',
        quorum: 2,
      },
    ],
  },
  {
    name: 'integration',
    exitGates: [
      {
        id: 'contract',
        title: 'Contract tests',
        kind: 'check',
        perParticipant: true,
        checkName: 'contract-tests',
      },
      {
        id: 'upstream',
        title: 'Upstream passed',
        kind: 'rule',
        perParticipant: true,
        rule: 'upstream-passed-stage',
      },
    ],
  },
];

const NEW_TRAIN = {
  name: '2026.12',
  objective: 'Ship one-click checkout',
  ambassadorRef: 'user:default/alice',
  stageWindows: { planning: { start: '2026-11-01T00:00:00Z', end: '2099-11-10T00:00:00Z' } },
  participants: [
    { entityRef: 'component:default/storefront', targetVersion: '2.0.0' },
    { entityRef: 'component:default/payments', targetVersion: '5.1.0' },
  ],
};

describe('train routes (real catalog, policy, group membership)', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let trainId: string;
  let train: any;
  const get = (path: string) => request(server).get(`${API}${path}`);
  const post = (path: string) => request(server).post(`${API}${path}`);

  const gate = (templateId: string, participant?: string) =>
    train.gates.find(
      (g: any) =>
        g.templateId === templateId &&
        (participant === undefined || g.participantRef === `component:default/${participant}`),
    );
  const reload = async () => {
    const res = await get(`/trains/${trainId}`).set('Authorization', as('alice'));
    expect(res.status).toBe(200);
    train = res.body;
    return train;
  };
  const decisionCount = async () =>
    (await get(`/trains/${trainId}/decisions`).set('Authorization', as('alice')))
      .body.totalCount as number;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'release-coordination-trains-'));
    const file = join(dir, 'org.yaml');
    writeFileSync(file, ORGANISATION);
    ({ server } = await startTestBackend({
      features: [
        releaseCoordinationPlugin,
        import('@backstage/plugin-catalog-backend'),
        policyBackedPermissions(new TestPolicy()),
        userInfo.factory,
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            releaseCoordination: { stages: STAGES },
            catalog: {
              rules: [{ allow: ['Component', 'Group', 'User', 'Location'] }],
              locations: [{ type: 'file', target: file }],
            },
          },
        }),
        mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() }),
      ],
    }));
    await waitForCatalogComponents(server, ci, 2);
    const refreshed = await post(`/dependencies/refresh`).set('Authorization', ci);
    expect(refreshed.status).toBe(200);
  }, 120_000);

  it('answers 401 without credentials', async () => {
    expect((await post(`/trains`).send(NEW_TRAIN)).status).toBe(401);
  });

  it('creates a train (201) for an allowed user, and 403 for others without writing', async () => {
    const denied = await post(`/trains`).send(NEW_TRAIN).set('Authorization', as('bob'));
    expect(denied.status).toBe(403);
    const none = await get(`/trains`).set('Authorization', as('alice'));
    expect(none.body.totalCount).toBe(0);

    const unknown = await post(`/trains`)
      .send({
        ...NEW_TRAIN,
        participants: [{ entityRef: 'component:default/ghost', targetVersion: '1' }],
      })
      .set('Authorization', as('alice'));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/component:default\/ghost/);

    const res = await post(`/trains`).send(NEW_TRAIN).set('Authorization', as('alice'));
    expect(res.status).toBe(201);
    trainId = res.body.id;
    train = res.body;
    expect(res.body.participants.map((p: any) => p.ownerRef)).toEqual([
      'group:default/team-web',
      'group:default/team-pay',
    ]);
    expect(gate('board')).toMatchObject({ approverRef: 'group:default/release-board', quorum: 2 });
    expect((await get(`/trains`).set('Authorization', as('alice'))).body.totalCount).toBe(1);
  });

  it('lists the open approval gates of the caller\'s teams, users only', async () => {
    const mine = async (user: string) => {
      const res = await get(`/approvals/mine`).set('Authorization', as(user));
      expect(res.status).toBe(200);
      return res.body.items as { train: any; gate: any }[];
    };
    const forBob = await mine('bob');
    expect(forBob).toHaveLength(1);
    expect(forBob[0].train).toMatchObject({ id: trainId, name: '2026.12', status: 'active' });
    expect(forBob[0].train).not.toHaveProperty('gates');
    expect(forBob[0].gate).toMatchObject({
      id: gate('participation', 'payments').id,
      approverRef: 'group:default/team-pay',
      state: 'pending',
    });
    expect((await mine('dora')).map(item => item.gate.templateId)).toEqual(['board']);

    // A rejected gate stays on the list: the team may still change its decision.
    const storefront = gate('participation', 'storefront').id;
    const rejected = await post(`/gates/${storefront}/reject`)
      .send({ comment: 'Not ready yet' })
      .set('Authorization', as('alice'));
    expect(rejected.status).toBe(200);
    const forAlice = await mine('alice');
    expect(forAlice.map(item => [item.gate.id, item.gate.state])).toEqual([
      [storefront, 'failed'],
    ]);
    expect(await mine('nobody')).toEqual([]);

    const fromCi = await get(`/approvals/mine`).set('Authorization', ci);
    expect(fromCi.status).toBe(403);
    expect(fromCi.body.error.message).toMatch(/Only users have approvals/);
    const badQuery = await get(`/approvals/mine?user=bob`).set('Authorization', as('bob'));
    expect(badQuery.status).toBe(400);
    expect((await get(`/approvals/mine`)).status).toBe(401);
  });

  it('refuses a non-member (403) without a change, and counts a member', async () => {
    const before = await decisionCount();
    const refused = await post(`/gates/${gate('participation', 'payments').id}/approve`)
      .send({})
      .set('Authorization', as('alice'));
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/group:default\/team-pay/);
    await reload();
    expect(gate('participation', 'payments')).toMatchObject({ state: 'pending', approvals: [] });
    expect(await decisionCount()).toBe(before);

    const approved = await post(`/gates/${gate('participation', 'payments').id}/approve`)
      .send({ comment: 'In' })
      .set('Authorization', as('bob'));
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      state: 'passed',
      approvals: [{ userRef: 'user:default/bob' }],
    });
    expect(await decisionCount()).toBe(before + 1);
    // A passed gate waits for nobody.
    const mine = await get(`/approvals/mine`).set('Authorization', as('bob'));
    expect(mine.body.items).toEqual([]);
  });

  it('passes a quorum-2 gate on the second distinct approval', async () => {
    const board = gate('board').id;
    const first = await post(`/gates/${board}/approve`).set('Authorization', as('dora'));
    expect(first.body.state).toBe('pending');
    const again = await post(`/gates/${board}/approve`).set('Authorization', as('dora'));
    expect(again.body.state).toBe('pending');
    const second = await post(`/gates/${board}/approve`).set('Authorization', as('erin'));
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ state: 'passed' });
    expect(second.body.approvals).toHaveLength(2);
  });

  it('blocks advancing with 409 naming the gates, then advances after a waiver', async () => {
    const blocked = await post(`/trains/${trainId}/advance`)
      .send({ expectedStage: 'planning' })
      .set('Authorization', as('alice'));
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.message).toMatch(
      /'Participation confirmed' for component:default\/storefront/,
    );
    expect(blocked.body.error.message).not.toMatch(/payments/);

    // bob is neither ambassador nor release manager.
    const storefrontGate = gate('participation', 'storefront').id;
    const notAllowed = await post(`/gates/${storefrontGate}/waive`)
      .send({ reason: 'Owner away', until: '2099-01-01T00:00:00Z' })
      .set('Authorization', as('bob'));
    expect(notAllowed.status).toBe(403);
    const waived = await post(`/gates/${storefrontGate}/waive`)
      .send({ reason: 'Owner away; confirmed by mail', until: '2099-01-01T00:00:00Z' })
      .set('Authorization', as('alice'));
    expect(waived.status).toBe(200);
    expect(waived.body).toMatchObject({
      state: 'waived',
      waiver: { waivedBy: 'user:default/alice' },
    });

    const notManager = await post(`/trains/${trainId}/advance`)
      .send({ expectedStage: 'planning' })
      .set('Authorization', as('bob'));
    expect(notManager.status).toBe(403);
    const advanced = await post(`/trains/${trainId}/advance`)
      .send({ expectedStage: 'planning' })
      .set('Authorization', as('alice'));
    expect(advanced.status).toBe(200);
    expect(advanced.body.currentStage).toBe('integration');
    train = advanced.body;
  });

  it('takes check reports from CI idempotently and lets them decide the gates', async () => {
    const report = {
      participantRef: 'component:default/payments',
      checkName: 'contract-tests',
      status: 'passed',
      evidenceUrl: 'https://ci.example.com/runs/9',
      idempotencyKey: 'build-9',
    };
    const fromUser = await post(`/trains/${trainId}/checks`)
      .send(report)
      .set('Authorization', as('alice'));
    expect(fromUser.status).toBe(403);

    const first = await post(`/trains/${trainId}/checks`).send(report).set('Authorization', ci);
    const second = await post(`/trains/${trainId}/checks`).send(report).set('Authorization', ci);
    expect(first.status).toBe(200);
    expect(second.body).toEqual(first.body);
    const decisions = await get(`/trains/${trainId}/decisions?limit=500`)
      .set('Authorization', as('alice'));
    expect(decisions.body.items.filter((d: any) => d.action === 'check.reported')).toHaveLength(1);

    // storefront waits for payments (upstream); payments itself has nothing upstream.
    const blocked = await post(`/trains/${trainId}/advance`)
      .send({ expectedStage: 'integration' })
      .set('Authorization', as('admin'));
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.message).toMatch(
      /'Contract tests' for component:default\/storefront/,
    );
    await reload();
    expect(gate('contract', 'payments').state).toBe('passed');
    expect(gate('upstream', 'storefront').state).toBe('passed');

    const entityTrains = await get(`/entity-trains?ref=component:default/payments`)
      .set('Authorization', as('bob'));
    expect(entityTrains.status).toBe(200);
    expect(entityTrains.body.items).toHaveLength(1);
    expect(entityTrains.body.items[0]).toMatchObject({
      train: { id: trainId },
      participant: { entityRef: 'component:default/payments', ownerRef: 'group:default/team-pay' },
    });
    expect(
      entityTrains.body.items[0].gates.every(
        (g: any) => g.participantRef === 'component:default/payments',
      ),
    ).toBe(true);
  });

  it('rejects with a comment, and cancels only for the ambassador or a manager', async () => {
    const rejected = await post(`/gates/${gate('contract', 'storefront').id}/reject`)
      .send({ comment: 'no' })
      .set('Authorization', as('alice'));
    // A check gate is decided by CI, not by people.
    expect(rejected.status).toBe(400);

    const byBob = await post(`/trains/${trainId}/cancel`)
      .send({ reason: 'Scope moved' })
      .set('Authorization', as('bob'));
    expect(byBob.status).toBe(403);
    const byAdmin = await post(`/trains/${trainId}/cancel`)
      .send({ reason: 'Scope moved' })
      .set('Authorization', as('admin'));
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.status).toBe('cancelled');
    const decisions = await get(`/trains/${trainId}/decisions?limit=1&offset=0`)
      .set('Authorization', as('alice'));
    expect(decisions.body.items[0].action).toBe('train.created');
  });

  it('answers 404 for an unknown train or gate', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await get(`/trains/${missing}`).set('Authorization', as('alice'))).status).toBe(404);
    const approve = await post(`/gates/${missing}/approve`).set('Authorization', as('bob'));
    expect(approve.status).toBe(404);
  });

  describe('bad input', () => {
    const gateId = () => train.gates[0].id;
    const payments = 'component:default/payments';
    const check = { participantRef: payments, checkName: 'ct', status: 'passed' };
    const inverted = { start: '2026-12-01T00:00:00Z', end: '2026-11-01T00:00:00Z' };
    const cases: [string, string, () => string, unknown, RegExp][] = [
      ['POST', 'create without participants', () => '/trains',
        { ...NEW_TRAIN, participants: [] }, /participants/],
      ['POST', 'create with a bad ref', () => '/trains',
        { ...NEW_TRAIN, participants: [{ entityRef: 'x', targetVersion: '1' }] },
        /not an entity ref/],
      ['POST', 'create with a group ambassador', () => '/trains',
        { ...NEW_TRAIN, ambassadorRef: 'group:default/team-web' }, /ambassadorRef/],
      ['POST', 'create with an inverted window', () => '/trains',
        { ...NEW_TRAIN, stageWindows: { planning: inverted } }, /stageWindows.planning/],
      ['POST', 'create with an unknown field', () => '/trains',
        { ...NEW_TRAIN, colour: 'red' }, /colour/],
      ['GET', 'get with a bad id', () => '/trains/not-a-uuid', undefined, /trainId/],
      ['POST', 'advance without a stage', () => `/trains/${trainId}/advance`, {},
        /expectedStage/],
      ['POST', 'cancel without a reason', () => `/trains/${trainId}/cancel`, { reason: '' },
        /reason/],
      ['GET', 'decisions with a bad limit', () => `/trains/${trainId}/decisions?limit=0`,
        undefined, /limit/],
      ['POST', 'approve with an unknown field', () => `/gates/${gateId()}/approve`,
        { vote: 'yes' }, /vote/],
      ['POST', 'reject without a comment', () => `/gates/${gateId()}/reject`, {}, /comment/],
      ['POST', 'reject with a blank comment', () => `/gates/${gateId()}/reject`,
        { comment: '   ' }, /comment/],
      ['POST', 'waive without a reason', () => `/gates/${gateId()}/waive`,
        { until: '2099-01-01T00:00:00Z' }, /reason/],
      ['POST', 'waive with a bad date', () => `/gates/${gateId()}/waive`,
        { reason: 'x', until: 'soon' }, /until/],
      ['POST', 'check with a bad status', () => `/trains/${trainId}/checks`,
        { ...check, status: 'green', idempotencyKey: 'k' }, /status/],
      ['POST', 'check without a key', () => `/trains/${trainId}/checks`, check,
        /idempotencyKey/],
      ['POST', 'check with a bad evidence URL', () => `/trains/${trainId}/checks`,
        { ...check, idempotencyKey: 'k', evidenceUrl: 'ftp://x' }, /evidenceUrl/],
      ['GET', 'entity trains without a ref', () => '/entity-trains', undefined, /ref/],
    ];

    const trainCount = async () =>
      (await get(`/trains`).set('Authorization', as('admin'))).body
        .totalCount as number;

    it.each(cases)(
      '%s %s → 400 naming the field, nothing written',
      async (method, _name, path, body, field) => {
        const trainsBefore = await trainCount();
        const decisionsBefore = await decisionCount();
        const req =
          method === 'GET'
            ? get(`${path()}`)
            : post(`${path()}`).send(body as object);
        // Check reports come from CI; everything else from a user allowed to do it.
        const res = await req.set('Authorization', path().endsWith('/checks') ? ci : as('admin'));
        expect(res.status).toBe(400);
        expect(res.body.error.name).toBe('InputError');
        expect(res.body.error.message).toMatch(field);
        expect(await trainCount()).toBe(trainsBefore);
        expect(await decisionCount()).toBe(decisionsBefore);
      },
    );
  });
});
