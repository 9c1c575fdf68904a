import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { AuthorizeResult, isPermission, PolicyDecision } from '@backstage/plugin-permission-common';
import { PermissionPolicy, PolicyQuery, PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  scorecardReadPermission,
  trainManagePermission,
  trainReadPermission,
} from '@release-coordination/plugin-release-coordination-common';
import {
  createReleaseCoordinationTrainConditionalDecision,
  releaseCoordinationTrainConditions,
} from '../permissions';
import {
  CHECKOUT_ORGANISATION,
  CI,
  TestServer,
  asUser,
  catalogUsers,
  checkoutTrain,
  createTrainThroughApi,
  decisionLog,
  pluginRoutes,
  startReleaseCoordinationBackend,
  withEntities,
} from '../__testUtils__/testBackend';

/** alice, bob (team-pay), carol and admin are Users; hidden is one that only CI may see. */
const ORGANISATION = withEntities(
  CHECKOUT_ORGANISATION,
  ...catalogUsers('alice', 'bob', 'carol', 'dora', 'admin'),
  `apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: hidden, labels: { secret: 'true' } }
spec: { memberOf: [] }`,
);

const MEMBERSHIP: Record<string, string[]> = {
  'user:default/bob': ['group:default/team-pay'],
};

/**
 * A policy as an adopter writes it with the plugin's condition exports: the admin is a release
 * manager; members of team-pay run the trains one of their Components takes part in, everyone
 * else the trains they are the ambassador of. outsider may read neither trains nor scorecards;
 * nobody but CI sees the User labelled secret.
 */
class AdopterPolicy implements PermissionPolicy {
  async handle(request: PolicyQuery, user?: PolicyQueryUser): Promise<PolicyDecision> {
    const userRef = user?.info.userEntityRef;
    const claims = user?.info.ownershipEntityRefs ?? [];
    if (isPermission(request.permission, catalogEntityReadPermission)) {
      return createCatalogConditionalDecision(request.permission, {
        not: catalogConditions.hasLabel({ label: 'secret' }),
      });
    }
    if (
      isPermission(request.permission, trainReadPermission) ||
      isPermission(request.permission, scorecardReadPermission)
    ) {
      const reader = userRef !== 'user:default/outsider';
      return { result: reader ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
    }
    if (isPermission(request.permission, trainManagePermission)) {
      if (userRef === 'user:default/admin') return { result: AuthorizeResult.ALLOW };
      const { isAmbassador, hasParticipantOwnedBy } = releaseCoordinationTrainConditions;
      return createReleaseCoordinationTrainConditionalDecision(
        request.permission,
        claims.includes('group:default/team-pay')
          ? { anyOf: [isAmbassador({ claims }), hasParticipantOwnedBy({ claims })] }
          : isAmbassador({ claims }),
      );
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

describe('train routes under a policy with conditions on the train', () => {
  let server: TestServer;
  const { get, post, patch } = pluginRoutes(() => server);
  const trainCount = async () =>
    (await get('/trains').set('Authorization', asUser('admin'))).body.totalCount as number;

  beforeAll(async () => {
    server = await startReleaseCoordinationBackend({
      organisation: ORGANISATION,
      policy: new AdopterPolicy(),
      membership: MEMBERSHIP,
      config: { stages: [{ name: 'planning', exitGates: [] }, { name: 'ship', exitGates: [] }] },
    });
  }, 120_000);

  describe('IS_AMBASSADOR', () => {
    it('lets the ambassador run the train and refuses others (403), nothing written', async () => {
      const train = await createTrainThroughApi(server, checkoutTrain('2027.01'), asUser('alice'));
      const before = (await decisionLog(server, train.id)).totalCount;
      for (const [path, body] of [
        [`/trains/${train.id}/advance`, { expectedStage: 'planning' }],
        [`/trains/${train.id}/cancel`, { reason: 'Not mine to cancel' }],
      ] as const) {
        const refused = await post(path).send(body).set('Authorization', asUser('carol'));
        expect(refused.status).toBe(403);
        expect(refused.body.error.message).toMatch(/Only the ambassador or a release manager/);
      }
      const renamed = await patch(`/trains/${train.id}`)
        .send({ name: 'not carol\'s' })
        .set('Authorization', asUser('carol'));
      expect(renamed.status).toBe(403);
      expect((await decisionLog(server, train.id)).totalCount).toBe(before);

      const advanced = await post(`/trains/${train.id}/advance`)
        .send({ expectedStage: 'planning' })
        .set('Authorization', asUser('alice'));
      expect(advanced.status).toBe(200);
      expect(advanced.body.currentStage).toBe('ship');
      // The release manager is allowed outright.
      const cancelled = await post(`/trains/${train.id}/cancel`)
        .send({ reason: 'Merged into 2027.02' })
        .set('Authorization', asUser('admin'));
      expect(cancelled.status).toBe(200);
    });

    it('answers 404 for a train that does not exist, whose conditions cannot be met', async () => {
      const missing = '00000000-0000-4000-8000-000000000000';
      const res = await post(`/trains/${missing}/advance`)
        .send({ expectedStage: 'planning' })
        .set('Authorization', asUser('alice'));
      expect(res.status).toBe(404);
    });
  });

  describe('HAS_PARTICIPANT_OWNED_BY', () => {
    it('lets a member of a participant\'s owner run the train, and only such a train', async () => {
      const withPayments = await createTrainThroughApi(
        server,
        checkoutTrain('2027.03', { storefront: '3.0.0', payments: '6.0.0' }),
        asUser('alice'),
      );
      const withoutPayments = await createTrainThroughApi(
        server,
        checkoutTrain('2027.04', { storefront: '3.1.0' }),
        asUser('alice'),
      );
      const changed = await patch(`/trains/${withPayments.id}`)
        .send({ objective: 'Ship one-click checkout with the new payments API' })
        .set('Authorization', asUser('bob'));
      expect(changed.status).toBe(200);
      expect(changed.body.objective).toMatch(/new payments API/);
      const refused = await patch(`/trains/${withoutPayments.id}`)
        .send({ objective: 'Not a train of team-pay' })
        .set('Authorization', asUser('bob'));
      expect(refused.status).toBe(403);
    });

    it('lets the permission backend apply the train conditions by id', async () => {
      const train = await createTrainThroughApi(server, checkoutTrain('2027.05'), asUser('alice'));
      const metadata = await get('/.well-known/backstage/permissions/metadata').set(
        'Authorization',
        CI,
      );
      expect(metadata.body.permissions).toContainEqual(trainManagePermission);
      expect(metadata.body.rules.map((rule: any) => [rule.name, rule.resourceType])).toEqual(
        expect.arrayContaining([
          ['IS_AMBASSADOR', 'release-coordination-train'],
          ['HAS_PARTICIPANT_OWNED_BY', 'release-coordination-train'],
        ]),
      );
      const { isAmbassador, hasParticipantOwnedBy } = releaseCoordinationTrainConditions;
      const item = (id: string, resourceRef: string, conditions: any) => ({
        id,
        resourceRef,
        resourceType: 'release-coordination-train',
        conditions,
      });
      const res = await post('/.well-known/backstage/permissions/apply-conditions')
        .send({
          items: [
            item('ambassador', train.id, isAmbassador({ claims: ['user:default/alice'] })),
            item('stranger', train.id, isAmbassador({ claims: ['user:default/carol'] })),
            item('owner', train.id, hasParticipantOwnedBy({ claims: ['group:default/team-pay'] })),
            item(
              'unknown-train',
              '00000000-0000-4000-8000-000000000000',
              isAmbassador({ claims: ['user:default/alice'] }),
            ),
          ],
        })
        .set('Authorization', CI);
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([
        { id: 'ambassador', result: AuthorizeResult.ALLOW },
        { id: 'stranger', result: AuthorizeResult.DENY },
        { id: 'owner', result: AuthorizeResult.ALLOW },
        { id: 'unknown-train', result: AuthorizeResult.DENY },
      ]);
    });
  });

  describe('read permissions', () => {
    it('refuse every read of trains (403) to whom the policy denies reading them', async () => {
      const train = await createTrainThroughApi(server, checkoutTrain('2027.06'), asUser('alice'));
      const reads = [
        '/trains',
        `/trains/${train.id}`,
        `/trains/${train.id}/decisions`,
        `/trains/${train.id}/dependency-drift`,
        `/trains/${train.id}/deployments`,
        `/trains/${train.id}/flags`,
        `/trains/${train.id}/rollback-readiness`,
        `/trains/${train.id}/retrospective`,
        `/trains/${train.id}/retrospective/notes`,
        `/trains/${train.id}/retrospective/carried-over`,
        '/action-items',
        '/entity-trains?ref=component:default/payments',
        '/approvals/mine',
      ];
      for (const path of reads) {
        const res = await get(path).set('Authorization', asUser('outsider'));
        expect([path, res.status]).toEqual([path, 403]);
        expect(res.body.error).toMatchObject({
          name: 'NotAllowedError',
          message: 'You are not allowed to read release trains',
        });
        expect([path, (await get(path).set('Authorization', asUser('carol'))).status]).toEqual([
          path,
          200,
        ]);
      }
    });

    it('refuse scorecards (403) to whom the policy denies reading them', async () => {
      const query = '/scorecards?scope=organization&from=2026-01-01T00:00:00Z&to=2026-12-01T00:00:00Z';
      const res = await get(query).set('Authorization', asUser('outsider'));
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe('You are not allowed to read scorecards');
      expect((await get(query).set('Authorization', asUser('carol'))).status).toBe(200);
    });
  });

  describe('the ambassador', () => {
    it('must be a User of the catalog: unknown and not visible are the same 400', async () => {
      const before = await trainCount();
      const answers = [];
      for (const name of ['ghost', 'hidden']) {
        const res = await post('/trains')
          .send({ ...checkoutTrain('2027.07'), ambassadorRef: `user:default/${name}` })
          .set('Authorization', asUser('admin'));
        expect(res.status).toBe(400);
        expect(res.body.error.name).toBe('InputError');
        answers.push(res.body.error.message.replace(name, 'NAME'));
      }
      expect(answers[0]).toBe('ambassadorRef: user:default/NAME is not a User in the catalog');
      expect(answers[1]).toBe(answers[0]);
      expect(await trainCount()).toBe(before);

      const train = await createTrainThroughApi(server, checkoutTrain('2027.08'), asUser('alice'));
      const edit = await patch(`/trains/${train.id}`)
        .send({ ambassadorRef: 'user:default/hidden' })
        .set('Authorization', asUser('admin'));
      expect(edit.status).toBe(400);
      expect(edit.body.error.message).toMatch(/ambassadorRef: user:default\/hidden is not a User/);
    });

    it('may be someone else only when a release manager names them', async () => {
      const before = await trainCount();
      const named = { ...checkoutTrain('2027.09'), ambassadorRef: 'user:default/carol' };
      const refused = await post('/trains').send(named).set('Authorization', asUser('alice'));
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toBe(
        'Only a release manager can name someone else as ambassador; you may name yourself (user:default/alice)',
      );
      expect(await trainCount()).toBe(before);
      const byManager = await post('/trains').send(named).set('Authorization', asUser('admin'));
      expect(byManager.status).toBe(201);
      expect(byManager.body.ambassadorRef).toBe('user:default/carol');

      // carol runs it, but may not hand it to someone else; naming herself again is no change.
      const handOver = await patch(`/trains/${byManager.body.id}`)
        .send({ ambassadorRef: 'user:default/dora' })
        .set('Authorization', asUser('carol'));
      expect(handOver.status).toBe(403);
      const same = await patch(`/trains/${byManager.body.id}`)
        .send({ ambassadorRef: 'User:default/Carol', name: '2027.09-b' })
        .set('Authorization', asUser('carol'));
      expect(same.status).toBe(200);
      const byAdmin = await patch(`/trains/${byManager.body.id}`)
        .send({ ambassadorRef: 'user:default/dora' })
        .set('Authorization', asUser('admin'));
      expect(byAdmin.status).toBe(200);
      expect(byAdmin.body.ambassadorRef).toBe('user:default/dora');
    });
  });
});
