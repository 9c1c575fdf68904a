import { AuditorServiceCreateEventOptions } from '@backstage/backend-plugin-api';
import { AuthorizeResult, isPermission, PolicyDecision } from '@backstage/plugin-permission-common';
import { PermissionPolicy } from '@backstage/plugin-permission-node';
import {
  checkReportPermission,
  gateApprovePermission,
  gateWaivePermission,
  trainCreatePermission,
  trainManagePermission,
} from '@release-coordination/plugin-release-coordination-common';
import {
  createReleaseCoordinationGateConditionalDecision,
  releaseCoordinationGateConditions,
} from '../permissions';
import { createTestDatabases } from '../__testUtils__/databases';
import { ambassadorDecision } from '../__testUtils__/permissions';
import { TrainNotification } from './announcements';
import {
  announcementsDelivered,
  API,
  BadInputMethod,
  CHECKOUT_ORGANISATION,
  CI,
  TestServer,
  asUser,
  checkoutTrain,
  createTrainThroughApi,
  decisionLog,
  expectRefusedAsBadInput,
  pluginRoutes,
  startReleaseCoordinationBackend,
  withEntities,
  catalogUsers,
  recordingAuditor,
  recordingNotifications,
  recordingSignals,
} from '../__testUtils__/testBackend';

/**
 * team-web's storefront depends on team-pay's payments; dora and erin sit on the board; alice,
 * bob, carol and admin are Users of the catalog, who may run a train.
 */
const ORGANISATION = withEntities(
  CHECKOUT_ORGANISATION,
  `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: release-board }
spec: { type: team, children: [] }
`,
  ...catalogUsers('alice', 'bob', 'carol', 'admin'),
);

/** Group membership as the catalog would resolve it into ownership refs. */
const MEMBERSHIP: Record<string, string[]> = {
  'user:default/alice': ['group:default/team-web'],
  'user:default/bob': ['group:default/team-pay'],
  'user:default/dora': ['group:default/release-board'],
  'user:default/erin': ['group:default/release-board'],
};

/**
 * Only the admin manages every train or waives; anyone else manages the trains they are the
 * ambassador of (the IS_AMBASSADOR condition); bob may not create trains; users may not report
 * checks.
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
    if (isPermission(req.permission, trainManagePermission)) {
      return admin || !user ? allow(admin) : ambassadorDecision(user.info.ownershipEntityRefs);
    }
    if (isPermission(req.permission, gateWaivePermission)) return allow(admin);
    if (isPermission(req.permission, checkReportPermission)) return allow(false);
    return allow(true);
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

/** A gate of a train as the API answers it, by template and, per participant, Component name. */
/** A time `days` from now, as waivers take it: they run two weeks at the most. */
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

const gateOf = (detail: any, templateId: string, participant?: string) =>
  detail.gates.find(
    (g: any) =>
      g.templateId === templateId &&
      (participant === undefined || g.participantRef === `component:default/${participant}`),
  );

describe('train routes (real catalog, policy, group membership)', () => {
  let server: TestServer;
  let trainId: string;
  let train: any;
  const { get, post } = pluginRoutes(() => server);

  const gate = (templateId: string, participant?: string) => gateOf(train, templateId, participant);
  const reload = async () => {
    const res = await get(`/trains/${trainId}`).set('Authorization', asUser('alice'));
    expect(res.status).toBe(200);
    train = res.body;
    return train;
  };
  const decisionCount = async () => (await decisionLog(server, trainId)).totalCount;

  beforeAll(async () => {
    server = await startReleaseCoordinationBackend({
      organisation: ORGANISATION,
      policy: new TestPolicy(),
      membership: MEMBERSHIP,
      config: { stages: STAGES },
    });
  }, 120_000);

  it('answers 401 without credentials', async () => {
    expect((await post(`/trains`).send(NEW_TRAIN)).status).toBe(401);
  });

  it('creates a train (201) for an allowed user, and 403 for others without writing', async () => {
    const denied = await post(`/trains`).send(NEW_TRAIN).set('Authorization', asUser('bob'));
    expect(denied.status).toBe(403);
    const none = await get(`/trains`).set('Authorization', asUser('alice'));
    expect(none.body.totalCount).toBe(0);

    const unknown = await post(`/trains`)
      .send({
        ...NEW_TRAIN,
        participants: [{ entityRef: 'component:default/ghost', targetVersion: '1' }],
      })
      .set('Authorization', asUser('alice'));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/component:default\/ghost/);

    const res = await post(`/trains`).send(NEW_TRAIN).set('Authorization', asUser('alice'));
    expect(res.status).toBe(201);
    trainId = res.body.id;
    train = res.body;
    expect(res.body.participants.map((p: any) => p.ownerRef)).toEqual([
      'group:default/team-web',
      'group:default/team-pay',
    ]);
    expect(gate('board')).toMatchObject({ approverRef: 'group:default/release-board', quorum: 2 });
    expect((await get(`/trains`).set('Authorization', asUser('alice'))).body.totalCount).toBe(1);
  });

  it('lists the open approval gates of the caller\'s teams, users only', async () => {
    const mine = async (user: string) => {
      const res = await get(`/approvals/mine`).set('Authorization', asUser(user));
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
      .set('Authorization', asUser('alice'));
    expect(rejected.status).toBe(200);
    const forAlice = await mine('alice');
    expect(forAlice.map(item => [item.gate.id, item.gate.state])).toEqual([
      [storefront, 'failed'],
    ]);
    expect(await mine('nobody')).toEqual([]);

    const fromCi = await get(`/approvals/mine`).set('Authorization', CI);
    expect(fromCi.status).toBe(403);
    expect(fromCi.body.error.message).toMatch(/Only users have approvals/);
    const badQuery = await get(`/approvals/mine?user=bob`).set('Authorization', asUser('bob'));
    expect(badQuery.status).toBe(400);
    expect((await get(`/approvals/mine`)).status).toBe(401);
  });

  it('refuses a non-member (403) without a change, and counts a member', async () => {
    const before = await decisionCount();
    const refused = await post(`/gates/${gate('participation', 'payments').id}/approve`)
      .send({})
      .set('Authorization', asUser('alice'));
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/group:default\/team-pay/);
    await reload();
    expect(gate('participation', 'payments')).toMatchObject({ state: 'pending', approvals: [] });
    expect(await decisionCount()).toBe(before);

    const approved = await post(`/gates/${gate('participation', 'payments').id}/approve`)
      .send({ comment: 'In' })
      .set('Authorization', asUser('bob'));
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      state: 'passed',
      approvals: [{ userRef: 'user:default/bob' }],
    });
    expect(await decisionCount()).toBe(before + 1);
    // A passed gate waits for nobody.
    const mine = await get(`/approvals/mine`).set('Authorization', asUser('bob'));
    expect(mine.body.items).toEqual([]);
  });

  it('passes a quorum-2 gate on the second distinct approval', async () => {
    const board = gate('board').id;
    const first = await post(`/gates/${board}/approve`).set('Authorization', asUser('dora'));
    expect(first.body.state).toBe('pending');
    const again = await post(`/gates/${board}/approve`).set('Authorization', asUser('dora'));
    expect(again.body.state).toBe('pending');
    const second = await post(`/gates/${board}/approve`).set('Authorization', asUser('erin'));
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ state: 'passed' });
    expect(second.body.approvals).toHaveLength(2);
  });

  it('blocks advancing with 409 naming the gates, then advances after a waiver', async () => {
    const blocked = await post(`/trains/${trainId}/advance`)
      .send({ expectedStage: 'planning' })
      .set('Authorization', asUser('alice'));
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.message).toMatch(
      /'Participation confirmed' for component:default\/storefront/,
    );
    expect(blocked.body.error.message).not.toMatch(/payments/);

    // An owner's approval: neither bob (another team) nor the ambassador may set it aside.
    const storefrontGate = gate('participation', 'storefront').id;
    for (const who of ['bob', 'alice']) {
      const notAllowed = await post(`/gates/${storefrontGate}/waive`)
        .send({ reason: 'Owner away', until: inDays(7) })
        .set('Authorization', asUser(who));
      expect(notAllowed.status).toBe(403);
      expect(notAllowed.body.error.message).toMatch(
        /decided by members of group:default\/team-web; only a release manager can waive it/,
      );
    }
    await reload();
    expect(gate('participation', 'storefront').state).not.toBe('waived');
    // A waiver is bounded: two weeks at the most.
    const forever = await post(`/gates/${storefrontGate}/waive`)
      .send({ reason: 'Owner away', until: '2099-01-01T00:00:00Z' })
      .set('Authorization', asUser('admin'));
    expect(forever.status).toBe(400);
    expect(forever.body.error.message).toMatch(/until: a waiver runs at most 14 days/);
    const waived = await post(`/gates/${storefrontGate}/waive`)
      .send({ reason: 'Owner away; confirmed by mail', until: inDays(7) })
      .set('Authorization', asUser('admin'));
    expect(waived.status).toBe(200);
    expect(waived.body).toMatchObject({
      state: 'waived',
      waiver: { waivedBy: 'user:default/admin' },
    });

    const notManager = await post(`/trains/${trainId}/advance`)
      .send({ expectedStage: 'planning' })
      .set('Authorization', asUser('bob'));
    expect(notManager.status).toBe(403);
    const advanced = await post(`/trains/${trainId}/advance`)
      .send({ expectedStage: 'planning' })
      .set('Authorization', asUser('alice'));
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
      .set('Authorization', asUser('alice'));
    expect(fromUser.status).toBe(403);

    const first = await post(`/trains/${trainId}/checks`).send(report).set('Authorization', CI);
    const second = await post(`/trains/${trainId}/checks`).send(report).set('Authorization', CI);
    expect(first.status).toBe(200);
    expect(second.body).toEqual(first.body);
    const decisions = await get(`/trains/${trainId}/decisions?limit=500`)
      .set('Authorization', asUser('alice'));
    expect(decisions.body.items.filter((d: any) => d.action === 'check.reported')).toHaveLength(1);

    // storefront waits for payments (upstream); payments itself has nothing upstream.
    const blocked = await post(`/trains/${trainId}/advance`)
      .send({ expectedStage: 'integration' })
      .set('Authorization', asUser('admin'));
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.message).toMatch(
      /'Contract tests' for component:default\/storefront/,
    );
    await reload();
    expect(gate('contract', 'payments').state).toBe('passed');
    expect(gate('upstream', 'storefront').state).toBe('passed');

    const entityTrains = await get(`/entity-trains?ref=component:default/payments`)
      .set('Authorization', asUser('bob'));
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
      .set('Authorization', asUser('alice'));
    // A check gate is decided by CI, not by people.
    expect(rejected.status).toBe(400);

    const byBob = await post(`/trains/${trainId}/cancel`)
      .send({ reason: 'Scope moved' })
      .set('Authorization', asUser('bob'));
    expect(byBob.status).toBe(403);
    const byAdmin = await post(`/trains/${trainId}/cancel`)
      .send({ reason: 'Scope moved' })
      .set('Authorization', asUser('admin'));
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.status).toBe('cancelled');
    const decisions = await get(`/trains/${trainId}/decisions?limit=1&offset=0`)
      .set('Authorization', asUser('alice'));
    expect(decisions.body.items[0].action).toBe('train.created');
  });

  it('answers 404 for an unknown train or gate', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    expect(
      (await get(`/trains/${missing}`).set('Authorization', asUser('alice'))).status,
    ).toBe(404);
    const approve = await post(`/gates/${missing}/approve`).set('Authorization', asUser('bob'));
    expect(approve.status).toBe(404);
  });

  describe('bad input', () => {
    const gateId = () => train.gates[0].id;
    const payments = 'component:default/payments';
    const check = { participantRef: payments, checkName: 'ct', status: 'passed' };
    const inverted = { start: '2026-12-01T00:00:00Z', end: '2026-11-01T00:00:00Z' };
    const cases: [BadInputMethod, string, () => string, unknown, RegExp][] = [
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
        { until: inDays(7) }, /reason/],
      ['POST', 'waive with a bad date', () => `/gates/${gateId()}/waive`,
        { reason: 'x', until: 'soon' }, /until/],
      ['POST', 'check with a bad status', () => `/trains/${trainId}/checks`,
        { ...check, status: 'green', idempotencyKey: 'k' }, /status/],
      ['POST', 'check without a key', () => `/trains/${trainId}/checks`, check,
        /idempotencyKey/],
      ['POST', 'check with a bad evidence URL', () => `/trains/${trainId}/checks`,
        { ...check, idempotencyKey: 'k', evidenceUrl: 'ftp://x' }, /evidenceUrl/],
      ['GET', 'entity trains without a ref', () => '/entity-trains', undefined, /ref/],
      ['GET', 'entity trains with a negative offset',
        () => `/entity-trains?ref=${payments}&offset=-1`, undefined, /offset/],
      ['GET', 'my approvals with a zero limit', () => '/approvals/mine?limit=0', undefined,
        /limit/],
      ['GET', 'my approvals with a limit above the maximum', () => '/approvals/mine?limit=501',
        undefined, /limit/],
    ];

    const trainCount = async () =>
      (await get(`/trains`).set('Authorization', asUser('admin'))).body
        .totalCount as number;

    it.each(cases)(
      '%s %s → 400 naming the field, nothing written',
      async (method, _name, path, body, field) => {
        // Check reports come from CI; everything else from a user allowed to do it.
        const authorization = path().endsWith('/checks') ? CI : asUser('admin');
        await expectRefusedAsBadInput(
          server,
          { method, path: path(), body, field, authorization },
          async () => [await trainCount(), await decisionCount()],
        );
      },
    );
  });
});

/**
 * The shop System holds storefront (team-web, depends on payments), payments (team-pay) and
 * inventory (team-stock); search (team-web) belongs to no System.
 */
const SHOP_ORGANISATION = `${ORGANISATION}
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team-stock }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: System
metadata: { name: shop }
spec: { owner: team-web }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: inventory }
spec: { type: service, lifecycle: production, owner: team-stock, system: shop }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: search }
spec: { type: service, lifecycle: production, owner: team-web }
`.replace(
  'owner: team-web, dependsOn: [component:payments] }',
  'owner: team-web, system: shop, dependsOn: [component:payments] }',
).replace(
  'owner: team-pay }',
  'owner: team-pay, system: shop }',
);

/** Owner approvals in planning count for two seconds, so that a test can see them expire. */
const CHANGE_STAGES = [
  {
    name: 'planning',
    exitGates: [
      {
        id: 'participation',
        title: 'Participation confirmed',
        kind: 'approval',
        perParticipant: true,
        approvers: 'participant-owner',
        approvalValidFor: { seconds: 2 },
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
    ],
  },
  {
    name: 'deployment',
    exitGates: [
      {
        id: 'go',
        title: 'Go',
        kind: 'approval',
        perParticipant: true,
        approvers: 'participant-owner',
      },
    ],
  },
];

describe('train changes: plan, participants, System trains, expiry, auditing', () => {
  let server: TestServer;
  const auditEvents: AuditorServiceCreateEventOptions[] = [];
  const { get, post, patch, del } = pluginRoutes(() => server);
  const participant = (trainId: string, name: string) =>
    `/trains/${trainId}/participants/${encodeURIComponent(`component:default/${name}`)}`;
  const decisions = async (trainId: string) => (await decisionLog(server, trainId)).items;
  const createTrain = (name: string, participants = NEW_TRAIN.participants) =>
    createTrainThroughApi(server, { ...NEW_TRAIN, name, participants }, asUser('alice'));

  beforeAll(async () => {
    server = await startReleaseCoordinationBackend({
      organisation: SHOP_ORGANISATION,
      policy: new TestPolicy(),
      membership: MEMBERSHIP,
      config: { stages: CHANGE_STAGES },
      features: [recordingAuditor(auditEvents)],
    });
  }, 120_000);

  it('edits a train for its ambassador, logs the changed fields, audits the request', async () => {
    const train = await createTrain('2027.01');
    const integration = { start: '2099-01-01T00:00:00Z', end: '2099-02-01T00:00:00Z' };
    const change = { name: '2027.01-hotfix', stageWindows: { integration } };

    const byBob = await patch(`/trains/${train.id}`)
      .send(change)
      .set('Authorization', asUser('bob'));
    expect(byBob.status).toBe(403);
    expect(await decisions(train.id)).toHaveLength(1);

    const res = await patch(`/trains/${train.id}`)
      .send(change)
      .set('Authorization', asUser('alice'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: train.id, name: '2027.01-hotfix' });
    expect(res.body.stages.find((s: any) => s.name === 'integration').window).toEqual(integration);
    expect((await decisions(train.id)).at(-1)).toMatchObject({
      action: 'train.updated',
      actorRef: 'user:default/alice',
      before: { name: '2027.01', stageWindows: { integration: null } },
      after: { name: '2027.01-hotfix', stageWindows: { integration } },
    });

    // Every summary carries the stages, so a timeline needs no request per train.
    const listed = await get(`/trains`).set('Authorization', asUser('bob'));
    const summary = listed.body.items.find((t: any) => t.id === train.id);
    expect(summary.stages.map((s: any) => [s.name, s.status])).toEqual([
      ['planning', 'current'],
      ['integration', 'upcoming'],
      ['deployment', 'upcoming'],
    ]);
    expect(summary.stages[1].window).toEqual(integration);

    const event = auditEvents.find(
      e => e.eventId === 'train-update' && e.meta?.trainId === train.id,
    );
    expect(event?.request).toMatchObject({
      method: 'PATCH',
      originalUrl: `${API}/trains/${train.id}`,
    });

    // A manager may too; a cancelled train can no longer change.
    const byAdmin = await patch(`/trains/${train.id}`)
      .send({ ambassadorRef: 'user:default/carol' })
      .set('Authorization', asUser('admin'));
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.ambassadorRef).toBe('user:default/carol');
    const cancelled = await post(`/trains/${train.id}/cancel`)
      .send({ reason: 'Merged into 2027.02' })
      .set('Authorization', asUser('admin'));
    expect(cancelled.status).toBe(200);
    const late = await patch(`/trains/${train.id}`)
      .send({ name: 'too late' })
      .set('Authorization', asUser('admin'));
    expect(late.status).toBe(409);
  });

  describe('bad input', () => {
    let trainId: string;
    const inverted = { start: '2027-02-01T00:00:00Z', end: '2027-01-01T00:00:00Z' };
    const cases: [string, string, () => string, unknown, RegExp][] = [
      ['PATCH', 'edit without a field', () => `/trains/${trainId}`, {}, /at least one/],
      ['PATCH', 'edit with an unknown field', () => `/trains/${trainId}`,
        { colour: 'red' }, /colour/],
      ['PATCH', 'edit with a blank name', () => `/trains/${trainId}`, { name: ' ' }, /name/],
      ['PATCH', 'edit with a group ambassador', () => `/trains/${trainId}`,
        { ambassadorRef: 'group:default/team-web' }, /ambassadorRef/],
      ['PATCH', 'edit with an inverted window', () => `/trains/${trainId}`,
        { stageWindows: { planning: inverted } }, /stageWindows.planning/],
      ['PATCH', 'edit a window of a stage the train does not have', () => `/trains/${trainId}`,
        { stageWindows: { launch: { start: inverted.end, end: inverted.start } } }, /launch/],
      ['POST', 'add without a version', () => `/trains/${trainId}/participants`,
        { entityRef: 'component:default/search' }, /targetVersion/],
      ['POST', 'add a bad ref', () => `/trains/${trainId}/participants`,
        { entityRef: 'search', targetVersion: '1' }, /not an entity ref/],
      ['POST', 'add an entity the catalog does not have', () => `/trains/${trainId}/participants`,
        { entityRef: 'component:default/ghost', targetVersion: '1' }, /component:default\/ghost/],
      ['PATCH', 'update without a version', () => participant(trainId, 'payments'), {},
        /targetVersion/],
      ['PATCH', 'update a bad ref', () => `/trains/${trainId}/participants/payments`,
        { targetVersion: '1' }, /entityRef/],
      ['DELETE', 'remove without a reason', () => participant(trainId, 'payments'), {},
        /reason/],
      ['DELETE', 'remove with a blank reason', () => participant(trainId, 'payments'),
        { reason: '  ' }, /reason/],
      ['GET', 'drift with a bad id', () => '/trains/not-a-uuid/dependency-drift', undefined,
        /trainId/],
    ];

    beforeAll(async () => {
      trainId = (await createTrain('2027.02')).id;
    });

    it.each(cases)(
      '%s %s → 400 naming the field, nothing written',
      async (method, _name, path, body, field) => {
        const before = await get(`/trains/${trainId}`).set('Authorization', asUser('alice'));
        const decisionsBefore = (await decisions(trainId)).length;
        const send = { POST: post, PATCH: patch, DELETE: del }[method as string];
        const req = send ? send(path()).send(body as object) : get(path());
        const res = await req.set('Authorization', asUser('alice'));
        expect(res.status).toBe(400);
        expect(res.body.error.name).toBe('InputError');
        expect(res.body.error.message).toMatch(field);
        const after = await get(`/trains/${trainId}`).set('Authorization', asUser('alice'));
        expect(after.body).toEqual(before.body);
        expect(await decisions(trainId)).toHaveLength(decisionsBefore);
      },
    );
  });

  it('adds, updates and removes participants; removed ones no longer block', async () => {
    const train = await createTrain('2027.03');
    // Leave planning on waivers: they do not expire like the approvals of this stage.
    for (const name of ['storefront', 'payments']) {
      const waived = await post(`/gates/${gateOf(train, 'participation', name).id}/waive`)
        .send({ reason: 'Confirmed in the planning meeting', until: inDays(7) })
        .set('Authorization', asUser('admin'));
      expect(waived.status).toBe(200);
    }
    const advanced = await post(`/trains/${train.id}/advance`)
      .send({ expectedStage: 'planning' })
      .set('Authorization', asUser('alice'));
    expect(advanced.body.currentStage).toBe('integration');

    const inventory = { entityRef: 'component:default/inventory', targetVersion: '3.0.0' };
    const byBob = await post(`/trains/${train.id}/participants`)
      .send(inventory)
      .set('Authorization', asUser('bob'));
    expect(byBob.status).toBe(403);
    const added = await post(`/trains/${train.id}/participants`)
      .send(inventory)
      .set('Authorization', asUser('alice'));
    expect(added.status).toBe(201);
    expect(added.body.participants.at(-1)).toEqual({
      ...inventory,
      ownerRef: 'group:default/team-stock',
    });
    // Only the current stage and later ones: planning is not reopened for the newcomer.
    expect(
      added.body.gates
        .filter((g: any) => g.participantRef === inventory.entityRef)
        .map((g: any) => [g.stage, g.templateId]),
    ).toEqual([
      ['integration', 'contract'],
      ['deployment', 'go'],
    ]);
    expect(gateOf(added.body, 'go', 'inventory').approverRef).toBe('group:default/team-stock');
    expect((await decisions(train.id)).at(-1)).toMatchObject({
      action: 'participant.added',
      entityRef: inventory.entityRef,
    });
    const again = await post(`/trains/${train.id}/participants`)
      .send(inventory)
      .set('Authorization', asUser('admin'));
    expect(again.status).toBe(409);

    const updated = await patch(participant(train.id, 'payments'))
      .send({ targetVersion: '5.1.1' })
      .set('Authorization', asUser('alice'));
    expect(updated.status).toBe(200);
    expect(updated.body.participants[1]).toMatchObject({
      entityRef: 'component:default/payments',
      targetVersion: '5.1.1',
    });
    expect((await decisions(train.id)).at(-1)).toMatchObject({
      action: 'participant.updated',
      before: { targetVersion: '5.1.0' },
      after: { targetVersion: '5.1.1' },
    });
    const notTakingPart = await patch(participant(train.id, 'search'))
      .send({ targetVersion: '1.0.0' })
      .set('Authorization', asUser('alice'));
    expect(notTakingPart.status).toBe(404);

    // CI passes everyone but payments: payments' contract gate blocks.
    for (const name of ['storefront', 'inventory']) {
      const reported = await post(`/trains/${train.id}/checks`)
        .send({
          participantRef: `component:default/${name}`,
          checkName: 'contract-tests',
          status: 'passed',
          idempotencyKey: `ct-${name}`,
        })
        .set('Authorization', CI);
      expect(reported.status).toBe(200);
    }
    const blocked = await post(`/trains/${train.id}/advance`)
      .send({ expectedStage: 'integration' })
      .set('Authorization', asUser('alice'));
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.message).toMatch(/'Contract tests' for component:default\/payments/);

    const removedByBob = await del(participant(train.id, 'payments'))
      .send({ reason: 'Payments ships next train' })
      .set('Authorization', asUser('bob'));
    expect(removedByBob.status).toBe(403);
    const removed = await del(participant(train.id, 'payments'))
      .send({ reason: 'Payments ships next train' })
      .set('Authorization', asUser('alice'));
    expect(removed.status).toBe(200);
    expect(removed.body.participants.map((p: any) => p.entityRef)).toEqual([
      'component:default/storefront',
      'component:default/inventory',
    ]);
    expect(
      removed.body.gates.filter((g: any) => g.participantRef === 'component:default/payments'),
    ).toEqual([]);
    expect((await decisions(train.id)).at(-1)).toMatchObject({
      action: 'participant.removed',
      entityRef: 'component:default/payments',
      reason: 'Payments ships next train',
    });
    const theirTrains = await get(`/entity-trains?ref=component:default/payments`)
      .set('Authorization', asUser('bob'));
    expect(theirTrains.body.items.map((item: any) => item.train.id)).not.toContain(train.id);

    const moved = await post(`/trains/${train.id}/advance`)
      .send({ expectedStage: 'integration' })
      .set('Authorization', asUser('alice'));
    expect(moved.status).toBe(200);
    expect(moved.body.currentStage).toBe('deployment');

    const drift = await get(`/trains/${train.id}/dependency-drift`)
      .set('Authorization', asUser('bob'));
    expect(drift.status).toBe(200);
    expect(drift.body.trainId).toBe(train.id);
    // Recorded at creation, at each advance, and now: storefront's edge to payments went with it.
    expect(drift.body.steps.map((step: any) => [step.from.kind, step.to.kind])).toEqual([
      ['entered', 'entered'],
      ['entered', 'entered'],
      ['entered', 'now'],
    ]);
    expect(drift.body.steps[1].removed).toEqual([
      { from: 'component:default/storefront', to: 'component:default/payments' },
    ]);
    const missing = '00000000-0000-4000-8000-000000000000';
    expect(
      (await get(`/trains/${missing}/dependency-drift`).set('Authorization', asUser('bob'))).status,
    ).toBe(404);

    const lastButOne = await del(participant(train.id, 'inventory'))
      .send({ reason: 'Descoped' })
      .set('Authorization', asUser('admin'));
    expect(lastButOne.status).toBe(200);
    const last = await del(participant(train.id, 'storefront'))
      .send({ reason: 'Descoped' })
      .set('Authorization', asUser('alice'));
    expect(last.status).toBe(409);
    expect(last.body.error.message).toMatch(/last participant/);
  });

  it('lists the trains of a System by its Components, and a Component\'s own', async () => {
    const shop = await createTrain('2027.04');
    const other = await createTrain('2027.05', [
      { entityRef: 'component:default/search', targetVersion: '1.0.0' },
      { entityRef: 'component:default/inventory', targetVersion: '3.1.0' },
    ]);
    const res = await get(`/entity-trains?ref=system:default/shop`)
      .set('Authorization', asUser('bob'));
    expect(res.status).toBe(200);
    const ofThese = res.body.items.filter((item: any) =>
      [shop.id, other.id].includes(item.train.id),
    );
    expect(ofThese.map((item: any) => [item.train.name, item.participant.entityRef])).toEqual([
      ['2027.05', 'component:default/inventory'],
      ['2027.04', 'component:default/storefront'],
      ['2027.04', 'component:default/payments'],
    ]);
    expect(ofThese[0].train.stages).toHaveLength(3);
    expect(
      ofThese[0].gates.every((g: any) => g.participantRef === 'component:default/inventory'),
    ).toBe(true);

    const component = await get(`/entity-trains?ref=component:default/search`)
      .set('Authorization', asUser('bob'));
    expect(component.body.items.map((item: any) => item.train.id)).toEqual([other.id]);
  });

  it('shows an approval whose time ran out as pending, and back in my approvals', async () => {
    const train = await createTrain('2027.06');
    const gateId = gateOf(train, 'participation', 'payments').id;
    const mine = async () =>
      (await get(`/approvals/mine`).set('Authorization', asUser('bob'))).body.items
        .filter((item: any) => item.train.id === train.id)
        .map((item: any) => [item.gate.id, item.gate.state]);

    const approved = await post(`/gates/${gateId}/approve`)
      .send({})
      .set('Authorization', asUser('bob'));
    expect(approved.status).toBe(200);
    expect(approved.body.state).toBe('passed');
    expect(await mine()).toEqual([]);
    expect(auditEvents.find(e => e.eventId === 'gate-approve')?.request).toMatchObject({
      method: 'POST',
      originalUrl: `${API}/gates/${gateId}/approve`,
    });

    const expiresAt = Date.parse(approved.body.approvals[0].expiresAt);
    await new Promise(resolve => setTimeout(resolve, Math.max(0, expiresAt - Date.now()) + 50));

    const detail = await get(`/trains/${train.id}`).set('Authorization', asUser('bob'));
    expect(gateOf(detail.body, 'participation', 'payments').state).toBe('pending');
    const entityTrains = await get(`/entity-trains?ref=component:default/payments`)
      .set('Authorization', asUser('bob'));
    const item = entityTrains.body.items.find((i: any) => i.train.id === train.id);
    expect(item.gates.find((g: any) => g.id === gateId).state).toBe('pending');
    expect(await mine()).toEqual([[gateId, 'pending']]);
  });
});

/**
 * Deciding a gate is conditional on being its approver, as the demo policy has it; 'outsider'
 * is denied outright, and 'delegate' is let through for the release board's gates without
 * being a member of it.
 */
class GateApproverPolicy implements PermissionPolicy {
  private readonly others = new TestPolicy();

  async handle(
    req: Parameters<PermissionPolicy['handle']>[0],
    user?: Parameters<PermissionPolicy['handle']>[1],
  ): Promise<PolicyDecision> {
    if (!isPermission(req.permission, gateApprovePermission)) return this.others.handle(req, user);
    const userRef = user?.info.userEntityRef;
    if (!user || userRef === 'user:default/outsider') return { result: AuthorizeResult.DENY };
    const claims = [...user.info.ownershipEntityRefs];
    if (userRef === 'user:default/delegate') claims.push('group:default/release-board');
    return createReleaseCoordinationGateConditionalDecision(
      req.permission,
      releaseCoordinationGateConditions.isGateApprover({ claims }),
    );
  }
}

describe('gate decisions conditional on being the gate\'s approver', () => {
  let server: TestServer;
  let trainId: string;
  let train: any;
  const { get, post } = pluginRoutes(() => server);
  const gate = (templateId: string, participant?: string) => gateOf(train, templateId, participant);
  const gateNow = async (templateId: string, participant?: string) => {
    train = (await get(`/trains/${trainId}`).set('Authorization', asUser('alice'))).body;
    return gate(templateId, participant);
  };
  const decisionCount = async () => (await decisionLog(server, trainId)).totalCount;

  beforeAll(async () => {
    server = await startReleaseCoordinationBackend({
      organisation: ORGANISATION,
      policy: new GateApproverPolicy(),
      membership: MEMBERSHIP,
      config: { stages: STAGES },
      skipDependencyRefresh: true,
    });
    train = await createTrainThroughApi(server, NEW_TRAIN, asUser('alice'));
    trainId = train.id;
  }, 120_000);

  it('refuses whoever is not the approver (403) before the service sees it; nothing is written', async () => {
    const payments = gate('participation', 'payments').id;
    const before = await decisionCount();
    const approve = await post(`/gates/${payments}/approve`)
      .send({ comment: 'Looks fine to me' })
      .set('Authorization', asUser('alice'));
    expect(approve.status).toBe(403);
    // The router's refusal, not the service's membership check.
    expect(approve.body.error.message).toBe('You are not allowed to approve this gate');
    const reject = await post(`/gates/${payments}/reject`)
      .send({ comment: 'Not ready' })
      .set('Authorization', asUser('alice'));
    expect(reject.status).toBe(403);
    expect(reject.body.error.message).toBe('You are not allowed to reject this gate');
    const denied = await post(`/gates/${payments}/approve`).send({}).set('Authorization', asUser('outsider'));
    expect(denied.status).toBe(403);

    expect(await gateNow('participation', 'payments')).toMatchObject({
      state: 'pending',
      approvals: [],
    });
    expect(await decisionCount()).toBe(before);
  });

  it('counts an approval and a rejection from the approvers', async () => {
    const before = await decisionCount();
    const approved = await post(`/gates/${gate('participation', 'payments').id}/approve`)
      .send({ comment: 'payments 5.1.0 is in' })
      .set('Authorization', asUser('bob'));
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      state: 'passed',
      approvals: [{ userRef: 'user:default/bob', decision: 'approve' }],
    });
    const rejected = await post(`/gates/${gate('participation', 'storefront').id}/reject`)
      .send({ comment: 'storefront 2.0.0 slips a week' })
      .set('Authorization', asUser('alice'));
    expect(rejected.status).toBe(200);
    expect(rejected.body.state).toBe('failed');
    expect(await decisionCount()).toBe(before + 2);
  });

  it('still counts a decision only from a member of the approver Group', async () => {
    const before = await decisionCount();
    // The policy lets the delegate through; the plugin does not count a non-member.
    const res = await post(`/gates/${gate('board').id}/approve`)
      .send({})
      .set('Authorization', asUser('delegate'));
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/Only members of group:default\/release-board/);
    expect(await gateNow('board')).toMatchObject({ state: 'pending', approvals: [] });
    expect(await decisionCount()).toBe(before);
  });

  it('answers 404 for an unknown gate', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    const res = await post(`/gates/${missing}/approve`)
      .send({})
      .set('Authorization', asUser('bob'));
    expect(res.status).toBe(404);
  });

  it('lets the permission backend apply the conditions to a gate by id', async () => {
    const metadata = await get('/.well-known/backstage/permissions/metadata').set('Authorization', CI);
    expect(metadata.status).toBe(200);
    expect(metadata.body.rules).toContainEqual(
      expect.objectContaining({
        name: 'IS_GATE_APPROVER',
        resourceType: 'release-coordination-gate',
      }),
    );
    expect(metadata.body.permissions).toContainEqual(gateApprovePermission);

    const board = gate('board').id;
    const item = (id: string, resourceRef: string, claims: string[]) => ({
      id,
      resourceRef,
      resourceType: 'release-coordination-gate',
      conditions: releaseCoordinationGateConditions.isGateApprover({ claims }),
    });
    const res = await post('/.well-known/backstage/permissions/apply-conditions')
      .send({
        items: [
          item('member', board, ['user:default/dora', 'Group:default/Release-Board']),
          item('other-team', board, ['group:default/team-web']),
          item('unknown-gate', '00000000-0000-4000-8000-000000000000', ['group:default/release-board']),
        ],
      })
      .set('Authorization', CI);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      { id: 'member', result: AuthorizeResult.ALLOW },
      { id: 'other-team', result: AuthorizeResult.DENY },
      { id: 'unknown-gate', result: AuthorizeResult.DENY },
    ]);
  });
});

/** Two stages without gates: advancing twice releases a train. */
const ROLL_BACK_STAGES = [
  { name: 'deployment', exitGates: [] },
  { name: 'verification', exitGates: [] },
];

describe('marking a train rolled back', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let server: TestServer;
    const auditEvents: AuditorServiceCreateEventOptions[] = [];
    const sentNotifications: TrainNotification[] = [];
    const publishedSignals: { channel: string; message: unknown }[] = [];
    const { get, post } = pluginRoutes(() => server);
    const createTrain = (name: string) =>
      createTrainThroughApi(server, checkoutTrain(name), asUser('alice'));
    const rollBack = (trainId: string, body: object, user: string) =>
      post(`/trains/${trainId}/roll-back`).send(body).set('Authorization', asUser(user));
    const statusOf = async (trainId: string) =>
      (await get(`/trains/${trainId}`).set('Authorization', asUser('bob'))).body.status;
    /** What a refused roll-back must leave as it was. */
    const written = async (trainId: string) => ({
      status: await statusOf(trainId),
      decisions: (await decisionLog(server, trainId)).totalCount,
      notifications: sentNotifications.length,
    });

    beforeAll(async () => {
      server = await startReleaseCoordinationBackend({
        organisation: ORGANISATION,
        policy: new TestPolicy(),
        membership: MEMBERSHIP,
        config: { stages: ROLL_BACK_STAGES },
        knex: await databases.init(databaseId),
        features: [
          recordingAuditor(auditEvents),
          recordingNotifications(sentNotifications),
          recordingSignals(publishedSignals),
        ],
      });
    }, 120_000);

    beforeEach(() => {
      auditEvents.length = 0;
      sentNotifications.length = 0;
      publishedSignals.length = 0;
    });

    it('marks an active train rolled back for its ambassador, logged, audited and announced', async () => {
      const train = await createTrain('2026.12');
      sentNotifications.length = 0;
      publishedSignals.length = 0;

      const res = await rollBack(
        train.id,
        { reason: '  Checkout errors doubled after the deploy  ' },
        'alice',
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: train.id, status: 'rolled-back' });
      expect(res.body.participants).toHaveLength(2);
      expect(await statusOf(train.id)).toBe('rolled-back');

      expect((await decisionLog(server, train.id)).items.at(-1)).toMatchObject({
        action: 'train.rolled-back',
        actorRef: 'user:default/alice',
        subject: train.id,
        before: { status: 'active' },
        after: { status: 'rolled-back' },
        reason: 'Checkout errors doubled after the deploy',
      });
      const event = auditEvents.find(e => e.eventId === 'train-roll-back');
      expect(event?.meta).toMatchObject({ actor: 'user:default/alice', trainId: train.id });
      expect(event?.request).toMatchObject({
        method: 'POST',
        originalUrl: `${API}/trains/${train.id}/roll-back`,
      });
      await announcementsDelivered(sentNotifications, publishedSignals);
      expect(publishedSignals).toEqual([
        {
          recipients: { type: 'broadcast' },
          channel: 'release-coordination',
          message: { type: 'train-changed', trainId: train.id },
        },
      ]);
      expect(sentNotifications).toHaveLength(1);
      expect(sentNotifications[0]).toMatchObject({
        recipients: {
          type: 'entity',
          entityRef: ['group:default/team-pay', 'group:default/team-web'],
        },
        payload: {
          title: "Release train '2026.12' was rolled back",
          description: 'Checkout errors doubled after the deploy',
          link: `/release-coordination/trains/${train.id}`,
          severity: 'high',
          topic: 'release-coordination.train-rolled-back',
        },
      });

      // Already on record as rolled back: a second marking is a conflict and writes nothing.
      const before = await written(train.id);
      const again = await rollBack(train.id, { reason: 'Once more' }, 'alice');
      expect(again.status).toBe(409);
      expect(again.body.error.name).toBe('ConflictError');
      expect(await written(train.id)).toEqual(before);
    });

    it('rolls back a released train, for a release manager', async () => {
      const train = await createTrain('2026.13');
      for (const expectedStage of ['deployment', 'verification']) {
        const advanced = await post(`/trains/${train.id}/advance`)
          .send({ expectedStage })
          .set('Authorization', asUser('alice'));
        expect(advanced.status).toBe(200);
      }
      expect(await statusOf(train.id)).toBe('released');

      const res = await rollBack(train.id, { reason: 'Payments timed out in production' }, 'admin');
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('rolled-back');
      expect((await decisionLog(server, train.id)).items.at(-1)).toMatchObject({
        action: 'train.rolled-back',
        actorRef: 'user:default/admin',
        before: { status: 'released' },
        after: { status: 'rolled-back' },
        reason: 'Payments timed out in production',
      });
    });

    it('records one of two concurrent roll-backs and refuses the other with 409', async () => {
      const train = await createTrain('2026.14');
      const answers = await Promise.all([
        rollBack(train.id, { reason: 'Seen by the ambassador' }, 'alice'),
        rollBack(train.id, { reason: 'Seen by the release manager' }, 'admin'),
      ]);
      expect(answers.map(answer => answer.status).sort()).toEqual([200, 409]);
      const logged = (await decisionLog(server, train.id)).items.filter(
        d => d.action === 'train.rolled-back',
      );
      expect(logged).toHaveLength(1);
      await announcementsDelivered(sentNotifications, publishedSignals);
      expect(sentNotifications).toHaveLength(1);
    });

    it('refuses whoever is neither the ambassador nor allowed to manage trains (403)', async () => {
      const train = await createTrain('2026.15');
      const before = await written(train.id);
      const res = await rollBack(train.id, { reason: 'Looked broken to me' }, 'bob');
      expect(res.status).toBe(403);
      expect(res.body.error.name).toBe('NotAllowedError');
      expect(await written(train.id)).toEqual(before);
      expect(
        auditEvents.some(e => e.eventId === 'train-roll-back' && e.meta?.trainId === train.id),
      ).toBe(false);
    });

    it('refuses a cancelled train with 409: it never shipped', async () => {
      const train = await createTrain('2026.16');
      const cancelled = await post(`/trains/${train.id}/cancel`)
        .send({ reason: 'Scope moved' })
        .set('Authorization', asUser('alice'));
      expect(cancelled.status).toBe(200);
      const before = await written(train.id);
      const res = await rollBack(train.id, { reason: 'Too late' }, 'alice');
      expect(res.status).toBe(409);
      expect(res.body.error.message).toMatch(/cancelled/);
      expect(await written(train.id)).toEqual(before);
    });

    it('answers 404 for an unknown train', async () => {
      const missing = '00000000-0000-4000-8000-000000000000';
      expect((await rollBack(missing, { reason: 'Rolled back' }, 'admin')).status).toBe(404);
    });

    describe('bad input', () => {
      let trainId: string;
      const cases: [string, unknown, RegExp][] = [
        ['an empty reason', { reason: '' }, /reason/],
        ['a blank reason', { reason: '   ' }, /reason/],
        ['no reason', {}, /reason/],
        ['a reason over 2000 characters', { reason: 'x'.repeat(2001) }, /reason/],
        ['an unknown field', { reason: 'Rolled back', environment: 'production' }, /environment/],
      ];

      beforeAll(async () => {
        trainId = (await createTrain('2026.17')).id;
      });

      it.each(cases)('with %s → 400 naming the field, nothing written', async (_name, body, field) => {
        await expectRefusedAsBadInput(
          server,
          {
            method: 'POST',
            path: `/trains/${trainId}/roll-back`,
            body,
            field,
            authorization: asUser('alice'),
          },
          () => written(trainId),
        );
      });
    });
  });
});

describe('paging of my approvals and of an entity\'s trains', () => {
  let server: TestServer;
  const { get } = pluginRoutes(() => server);
  const trainNames = ['2027.03', '2027.01', '2027.02'];

  beforeAll(async () => {
    server = await startReleaseCoordinationBackend({
      organisation: ORGANISATION,
      policy: new TestPolicy(),
      membership: MEMBERSHIP,
      config: { stages: STAGES },
    });
    for (const name of trainNames) {
      await createTrainThroughApi(server, checkoutTrain(name), asUser('alice'));
    }
  }, 120_000);

  it('answers my approvals a page at a time, trains by name, with the total', async () => {
    const page = async (query: string) => {
      const res = await get(`/approvals/mine${query}`).set('Authorization', asUser('bob'));
      expect(res.status).toBe(200);
      return res.body as { items: { train: { name: string }; gate: any }[]; totalCount: number };
    };
    const all = await page('');
    expect(all.totalCount).toBe(3);
    expect(all.items.map(item => item.train.name)).toEqual(['2027.01', '2027.02', '2027.03']);

    const first = await page('?limit=2');
    expect(first.totalCount).toBe(3);
    expect(first.items.map(item => item.train.name)).toEqual(['2027.01', '2027.02']);
    const second = await page('?limit=2&offset=2');
    expect(second).toMatchObject({ totalCount: 3 });
    expect(second.items.map(item => item.train.name)).toEqual(['2027.03']);
    // Each item comes in full: the gate with its decisions.
    expect(second.items[0].gate).toMatchObject({
      templateId: 'participation',
      participantRef: 'component:default/payments',
      approverRef: 'group:default/team-pay',
      approvals: [],
    });
    expect((await page('?offset=3')).items).toEqual([]);
  });

  it('answers an entity\'s trains a page at a time, newest first, with the total', async () => {
    const page = async (query: string) => {
      const res = await get(`/entity-trains?ref=component:default/payments${query}`).set(
        'Authorization',
        asUser('alice'),
      );
      expect(res.status).toBe(200);
      return res.body as { items: any[]; totalCount: number };
    };
    const all = await page('');
    expect(all.totalCount).toBe(3);
    // Created in this order: the newest first.
    expect(all.items.map(item => item.train.name)).toEqual(['2027.02', '2027.01', '2027.03']);
    const middle = await page('&limit=1&offset=1');
    expect(middle.totalCount).toBe(3);
    expect(middle.items.map(item => item.train.name)).toEqual(['2027.01']);
    expect(middle.items[0].participant.entityRef).toBe('component:default/payments');
    expect(middle.items[0].gates.map((g: any) => g.templateId)).toEqual([
      'participation',
      'contract',
      'upstream',
    ]);
    expect(
      middle.items[0].gates.every(
        (g: any) => g.participantRef === 'component:default/payments',
      ),
    ).toBe(true);
  });
});
