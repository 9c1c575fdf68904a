import { actionsRegistryServiceFactory } from '@backstage/backend-defaults/alpha';
import {
  AuthorizeResult,
  isPermission,
} from '@backstage/plugin-permission-common';
import { PermissionPolicy } from '@backstage/plugin-permission-node';
import {
  checkReportPermission,
  gateApprovePermission,
  scorecardReadPermission,
  trainReadPermission,
} from '@release-coordination/plugin-release-coordination-common';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  API,
  CHECKOUT_ORGANISATION,
  CI,
  TestServer,
  asUser,
  catalogUsers,
  checkoutTrain,
  createTrainThroughApi,
  decisionLog,
  startReleaseCoordinationBackend,
  withEntities,
} from '../__testUtils__/testBackend';

const ORGANISATION = withEntities(
  CHECKOUT_ORGANISATION,
  ...catalogUsers('alice', 'bob', 'carol', 'outsider'),
);

/** bob is in team-pay, which owns payments and so decides its participation gate. */
const MEMBERSHIP: Record<string, string[]> = {
  'user:default/bob': ['group:default/team-pay'],
};

/**
 * outsider may read neither trains nor scorecards, nor decide gates; people may not report
 * checks (CI, a service, may). Everyone else may try to decide gates: the plugin still counts
 * only members of the approver Group.
 */
const POLICY: PermissionPolicy = {
  async handle(req, user) {
    const userRef = user?.info.userEntityRef;
    const isRead =
      isPermission(req.permission, trainReadPermission) ||
      isPermission(req.permission, scorecardReadPermission);
    const isOutsiders =
      isRead || isPermission(req.permission, gateApprovePermission);
    if (isOutsiders && userRef === 'user:default/outsider')
      return { result: AuthorizeResult.DENY };
    if (isPermission(req.permission, checkReportPermission))
      return { result: AuthorizeResult.DENY };
    return { result: AuthorizeResult.ALLOW };
  },
};

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
];

const ACTIONS = `${API}/.backstage/actions/v1/actions`;

describe('release-coordination actions', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let server: TestServer;
    let train: any;
    const invoke = (name: string, input: object, authorization: string) =>
      request(server)
        .post(`${ACTIONS}/release-coordination:${name}/invoke`)
        .send(input)
        .set('Authorization', authorization);
    const gateOf = (participant: string) =>
      train.gates.find(
        (g: any) => g.participantRef === `component:default/${participant}`,
      );

    beforeAll(async () => {
      server = await startReleaseCoordinationBackend({
        organisation: ORGANISATION,
        policy: POLICY,
        membership: MEMBERSHIP,
        config: { stages: STAGES },
        knex: await databases.init(databaseId),
        // The registry the backend's defaults provide, with its HTTP routes.
        features: [actionsRegistryServiceFactory],
      });
      train = await createTrainThroughApi(
        server,
        checkoutTrain('2027.03'),
        asUser('alice'),
      );
    }, 120_000);

    it('lists every action with its schemas and attributes', async () => {
      const res = await request(server)
        .get(ACTIONS)
        .set('Authorization', asUser('alice'));
      expect(res.status).toBe(200);
      const byName = new Map<string, any>(
        res.body.actions.map((a: any) => [a.name, a]),
      );
      expect([...byName.keys()].sort()).toEqual([
        'approve-gate',
        'get-entity-dependencies',
        'get-release-train',
        'get-scorecard',
        'list-my-approvals',
        'reject-gate',
        'report-check',
      ]);
      for (const action of byName.values()) {
        expect(action.id).toBe(`release-coordination:${action.name}`);
        expect(action.description.length).toBeGreaterThan(50);
        expect(action.schema.input.type).toBe('object');
        expect(action.schema.output.type).toBe('object');
      }
      expect(byName.get('reject-gate').schema.input.required).toEqual([
        'gateId',
        'comment',
      ]);
      expect(
        byName.get('list-my-approvals').schema.input.properties.limit.maximum,
      ).toBe(50);
      expect(byName.get('get-release-train').attributes).toEqual({
        readOnly: true,
        destructive: false,
        idempotent: true,
      });
      expect(byName.get('approve-gate').attributes.readOnly).toBe(false);
    });

    it('get-release-train answers the train and its blocking gates to a reader', async () => {
      const res = await invoke(
        'get-release-train',
        { trainId: train.id },
        asUser('carol'),
      );
      expect(res.status).toBe(200);
      expect(res.body.output).toMatchObject({
        id: train.id,
        name: '2027.03',
        status: 'active',
        currentStage: 'planning',
      });
      const gates = res.body.output.blockingGates;
      expect(gates).toHaveLength(4);
      expect(gates).toContainEqual(
        expect.objectContaining({
          stage: 'planning',
          kind: 'approval',
          state: 'pending',
          participantRef: 'component:default/payments',
          approverRef: 'group:default/team-pay',
        }),
      );
      // As the route refuses it: the policy does not let outsider read trains.
      const refused = await invoke(
        'get-release-train',
        { trainId: train.id },
        asUser('outsider'),
      );
      expect(refused.status).toBe(403);
      expect(refused.body.error).toMatchObject({
        name: 'NotAllowedError',
        message: 'You are not allowed to read release trains',
      });
    });

    it('list-my-approvals answers the gates waiting for the caller, a page at a time', async () => {
      const bob = await invoke(
        'list-my-approvals',
        { limit: 10 },
        asUser('bob'),
      );
      expect(bob.status).toBe(200);
      expect(bob.body.output.totalCount).toBe(1);
      expect(bob.body.output.items[0]).toMatchObject({
        train: { id: train.id, name: '2027.03' },
        gate: {
          id: gateOf('payments').id,
          approverRef: 'group:default/team-pay',
        },
      });
      const carol = await invoke('list-my-approvals', {}, asUser('carol'));
      expect(carol.body.output).toEqual({ totalCount: 0, items: [] });
      const tooMany = await invoke(
        'list-my-approvals',
        { limit: 51 },
        asUser('bob'),
      );
      expect(tooMany.status).toBe(400);
      expect(tooMany.body.error.name).toBe('InputError');
    });

    it('get-entity-dependencies answers direct dependencies, dependents and blast radius', async () => {
      const res = await invoke(
        'get-entity-dependencies',
        { entityRef: 'Component:default/Payments' },
        asUser('carol'),
      );
      expect(res.status).toBe(200);
      expect(res.body.output).toMatchObject({
        entityRef: 'component:default/payments',
        dependencies: [],
        dependents: [
          {
            ref: 'component:default/storefront',
            owner: 'group:default/team-web',
          },
        ],
        blastRadius: {
          totalCount: 1,
          byOwner: [
            {
              owner: 'group:default/team-web',
              entityRefs: ['component:default/storefront'],
            },
          ],
        },
      });
      const unknown = await invoke(
        'get-entity-dependencies',
        { entityRef: 'component:default/ghost' },
        asUser('carol'),
      );
      expect(unknown.status).toBe(404);
    });

    it('get-scorecard answers the metrics of a scope, without per-train rows', async () => {
      const period = {
        from: new Date(Date.now() - 30 * 86_400_000).toISOString(),
        to: new Date(Date.now() + 86_400_000).toISOString(),
      };
      const res = await invoke(
        'get-scorecard',
        { scope: 'team', ref: 'group:default/team-pay', ...period },
        asUser('carol'),
      );
      expect(res.status).toBe(200);
      expect(res.body.output.scope).toEqual({
        kind: 'team',
        ref: 'group:default/team-pay',
      });
      expect(res.body.output.metrics.map((m: any) => m.id)).toContain(
        'cycle-time',
      );
      expect(res.body.output).not.toHaveProperty('perTrain');
      expect(res.body.output).not.toHaveProperty('children');
      // The route's own rules on the scope and period.
      const noRef = await invoke(
        'get-scorecard',
        { scope: 'team', ...period },
        asUser('carol'),
      );
      expect(noRef.status).toBe(400);
      expect(noRef.body.error.message).toMatch(
        /ref is required for scope 'team'/,
      );
      const refused = await invoke(
        'get-scorecard',
        { scope: 'organization', ...period },
        asUser('outsider'),
      );
      expect(refused.status).toBe(403);
    });

    it('approve-gate counts a member of the approver Group and refuses anyone else', async () => {
      const before = (await decisionLog(server, train.id)).totalCount;
      const gateId = gateOf('payments').id;
      // The policy's refusal, as the route words it.
      const outsider = await invoke(
        'approve-gate',
        { gateId },
        asUser('outsider'),
      );
      expect(outsider.status).toBe(403);
      expect(outsider.body.error).toMatchObject({
        name: 'NotAllowedError',
        message: 'You are not allowed to approve this gate',
      });
      // The plugin's own refusal of someone outside the approver Group.
      const carol = await invoke('approve-gate', { gateId }, asUser('carol'));
      expect(carol.status).toBe(403);
      expect(carol.body.error).toMatchObject({
        name: 'NotAllowedError',
        message: expect.stringMatching(
          /Only members of group:default\/team-pay/,
        ),
      });
      expect((await decisionLog(server, train.id)).totalCount).toBe(before);

      const bob = await invoke(
        'approve-gate',
        { gateId, comment: 'payments 5.1.0 is in' },
        asUser('bob'),
      );
      expect(bob.status).toBe(200);
      expect(bob.body.output.gate).toMatchObject({
        id: gateId,
        state: 'passed',
        approvals: [
          {
            userRef: 'user:default/bob',
            decision: 'approve',
            comment: 'payments 5.1.0 is in',
          },
        ],
      });
      expect((await decisionLog(server, train.id)).totalCount).toBeGreaterThan(
        before,
      );
    });

    it('reject-gate needs a comment and is refused to a non-member', async () => {
      const gateId = gateOf('storefront').id;
      const noComment = await invoke(
        'reject-gate',
        { gateId },
        asUser('alice'),
      );
      expect(noComment.status).toBe(400);
      expect(noComment.body.error.name).toBe('InputError');
      const blank = await invoke(
        'reject-gate',
        { gateId, comment: '   ' },
        asUser('alice'),
      );
      expect(blank.status).toBe(400);
      const carol = await invoke(
        'reject-gate',
        { gateId, comment: 'Not ready' },
        asUser('carol'),
      );
      expect(carol.status).toBe(403);
      expect(carol.body.error.name).toBe('NotAllowedError');
    });

    it('report-check records CI results and is refused to a caller the policy denies', async () => {
      const report = {
        trainId: train.id,
        participantRef: 'component:default/payments',
        checkName: 'contract-tests',
        status: 'passed',
        evidenceUrl: 'https://ci.example.com/runs/42',
        idempotencyKey: 'run-42',
      };
      const before = (await decisionLog(server, train.id)).totalCount;
      const alice = await invoke('report-check', report, asUser('alice'));
      expect(alice.status).toBe(403);
      expect(alice.body.error).toMatchObject({
        name: 'NotAllowedError',
        message: 'You are not allowed to report checks',
      });
      expect((await decisionLog(server, train.id)).totalCount).toBe(before);

      const ci = await invoke('report-check', report, CI);
      expect(ci.status).toBe(200);
      expect(ci.body.output.check).toMatchObject({
        trainId: train.id,
        participantRef: 'component:default/payments',
        checkName: 'contract-tests',
        status: 'passed',
        evidenceUrl: 'https://ci.example.com/runs/42',
        idempotencyKey: 'run-42',
      });
      // The same key records the result once.
      const again = await invoke('report-check', report, CI);
      expect(again.body.output.check.id).toBe(ci.body.output.check.id);
    });

    it('refuses invalid input before anything is done', async () => {
      const before = (await decisionLog(server, train.id)).totalCount;
      const check = {
        trainId: train.id,
        participantRef: 'component:default/payments',
        checkName: 'contract-tests',
        status: 'passed',
      };
      for (const [name, input] of [
        ['get-release-train', { trainId: 'not-a-uuid' }],
        [
          'approve-gate',
          { gateId: gateOf('storefront').id, comment: 'x'.repeat(2001) },
        ],
        ['report-check', { ...check, status: 'green' }],
        ['report-check', { ...check, participantRef: 'not a ref' }],
        ['report-check', { ...check, checkName: 'contract tests!' }],
        ['report-check', { ...check, evidenceUrl: 'ftp://ci.example.com/42' }],
      ] as const) {
        const res = await invoke(name, input, CI);
        expect(res.status, `${name} ${JSON.stringify(input)}`).toBe(400);
        expect(res.body.error.name).toBe('InputError');
      }
      expect((await decisionLog(server, train.id)).totalCount).toBe(before);
    });
  });
});
