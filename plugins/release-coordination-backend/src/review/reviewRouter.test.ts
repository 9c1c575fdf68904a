import { trainManagePermission } from '@release-coordination/plugin-release-coordination-common';
import { createTestDatabases } from '../__testUtils__/databases';
import { TrainNotification } from '../trains/announcements';
import {
  announcementsDelivered,
  asUser,
  catalogUsers,
  checkoutTrain,
  createTrainThroughApi,
  ENGINEERING_DEPARTMENT,
  pluginRoutes,
  recordingNotifications,
  recordingSignals,
  releaseManagerPolicy,
  startReleaseCoordinationBackend,
  TestServer,
  withEntities,
} from '../__testUtils__/testBackend';

/** team-web's storefront depends on team-pay's payments. */
const ORGANISATION = withEntities(
  ENGINEERING_DEPARTMENT,
  `apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: storefront }
spec: { type: website, lifecycle: production, owner: team-web, dependsOn: [component:payments] }`,
  `apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: payments }
spec: { type: service, lifecycle: production, owner: team-pay }`,
  ...catalogUsers('alice', 'pat', 'wes', 'zoe', 'admin'),
);

/** pat is in team-pay, wes in team-web; zoe and alice (the ambassador) in no team. */
const MEMBERSHIP = {
  'user:default/pat': ['group:default/team-pay'],
  'user:default/wes': ['group:default/team-web'],
};
const sentNotifications: TrainNotification[] = [];
const publishedSignals: { channel: string; message: unknown }[] = [];

describe('joint release review (real catalog)', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let server: TestServer;
    const { get, post, patch } = pluginRoutes(() => server);
    let trainId: string;
    const review = async () =>
      (
        await get(`/trains/${trainId}/review`).set(
          'Authorization',
          asUser('pat'),
        )
      ).body;
    const reviewDecisions = async (id = trainId) =>
      (
        await get(`/trains/${id}/decisions?limit=500`).set(
          'Authorization',
          asUser('alice'),
        )
      ).body.items.filter((d: any) => d.action.startsWith('review.'));
    const register = (user: string, body: object, id = trainId) =>
      post(`/trains/${id}/review/risks`)
        .send(body)
        .set('Authorization', asUser(user));
    const signOff = (user: string, body: object, id = trainId) =>
      post(`/trains/${id}/review/sign-offs`)
        .send(body)
        .set('Authorization', asUser(user));
    const RISK = {
      title: 'Payment provider rate-limits the new retry logic',
      ownerRef: 'group:default/team-pay',
      likelihood: 'medium',
      impact: 'high',
    };

    beforeAll(async () => {
      server = await startReleaseCoordinationBackend({
        organisation: ORGANISATION,
        policy: releaseManagerPolicy(trainManagePermission),
        membership: MEMBERSHIP,
        features: [
          recordingNotifications(sentNotifications),
          recordingSignals(publishedSignals),
        ],
        knex: await databases.init(databaseId),
      });
      trainId = (
        await createTrainThroughApi(
          server,
          checkoutTrain('2027.02'),
          asUser('alice'),
        )
      ).id;
    }, 120_000);

    it('assembles the agenda and lists the owning teams, and the default gate asks for the review', async () => {
      const body = await review();
      expect(body).toMatchObject({
        trainId,
        held: false,
        register: { totalCount: 0, openCount: 0, unmitigatedCount: 0 },
        canEditRegister: true,
        teams: [
          {
            teamRef: 'group:default/team-pay',
            participantRefs: ['component:default/payments'],
            canSignOff: true,
          },
          {
            teamRef: 'group:default/team-web',
            participantRefs: ['component:default/storefront'],
            canSignOff: false,
          },
        ],
      });
      expect(body.agenda.waves).toEqual([
        ['component:default/payments'],
        ['component:default/storefront'],
      ]);
      expect(body.agenda.risk.factors.map((f: any) => f.id)).toContain(
        'cross-team-edges',
      );
      expect(body.agenda.rollbackReadiness).toEqual([
        {
          entityRef: 'component:default/storefront',
          ownerRef: 'group:default/team-web',
          planned: false,
        },
        {
          entityRef: 'component:default/payments',
          ownerRef: 'group:default/team-pay',
          planned: false,
        },
      ]);
      expect(body.agenda.openFlags).toEqual({ items: [], totalCount: 0 });
      expect(body.agenda.collisions).toEqual([]);

      const train = (
        await get(`/trains/${trainId}`).set('Authorization', asUser('alice'))
      ).body;
      expect(
        train.gates.find(
          (g: any) => g.templateId === 'validation-release-review',
        ),
      ).toMatchObject({
        stage: 'validation',
        phase: 'exit',
        kind: 'rule',
        rule: 'release-review-held',
      });
    });

    it('refuses bad risks naming the field, and callers outside the teams, writing nothing', async () => {
      const bad = await register('pat', { ...RISK, likelihood: 'severe' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/likelihood/);
      const owner = await register('pat', {
        ...RISK,
        ownerRef: 'component:default/payments',
      });
      expect(owner.status).toBe(400);
      expect(owner.body.error.message).toBe(
        'ownerRef: component:default/payments is not a Group or a User',
      );
      const missing = await register('pat', { ...RISK, title: undefined });
      expect(missing.status).toBe(400);
      expect(missing.body.error.message).toMatch(/title/);
      const outsider = await register('zoe', RISK);
      expect(outsider.status).toBe(403);
      expect(outsider.body.error.message).toMatch(
        /^Only the ambassador, release managers and members of the teams taking part/,
      );
      expect((await review()).register.totalCount).toBe(0);
      expect(await reviewDecisions()).toEqual([]);
    });

    it('keeps the register: registered, told to the owner, changed with a version, logged', async () => {
      sentNotifications.length = 0;
      const created = await register('wes', RISK);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        ...RISK,
        trainId,
        status: 'open',
        createdBy: 'user:default/wes',
        version: 0,
      });
      await announcementsDelivered(sentNotifications, publishedSignals);
      expect(sentNotifications).toEqual([
        expect.objectContaining({
          recipients: { type: 'entity', entityRef: 'group:default/team-pay' },
          payload: expect.objectContaining({
            topic: 'release-coordination.release-review',
            severity: 'high',
          }),
        }),
      ]);
      expect((await review()).register).toEqual({
        totalCount: 1,
        openCount: 1,
        unmitigatedCount: 1,
      });

      const riskId = created.body.id;
      const stale = await patch(`/trains/${trainId}/review/risks/${riskId}`)
        .send({ mitigation: 'Back off', expectedVersion: 3 })
        .set('Authorization', asUser('pat'));
      expect(stale.status).toBe(409);
      const unknown = await patch(`/trains/${trainId}/review/risks/999999`)
        .send({ status: 'closed' })
        .set('Authorization', asUser('pat'));
      expect(unknown.status).toBe(404);
      const changed = await patch(`/trains/${trainId}/review/risks/${riskId}`)
        .send({
          mitigation: 'Retry with jitter; provider raised our limit',
          expectedVersion: 0,
        })
        .set('Authorization', asUser('pat'));
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({
        version: 1,
        status: 'open',
        mitigation: 'Retry with jitter; provider raised our limit',
        updatedBy: 'user:default/pat',
      });
      expect((await review()).register.unmitigatedCount).toBe(0);

      const page = await get(`/trains/${trainId}/review/risks?limit=1`).set(
        'Authorization',
        asUser('zoe'),
      );
      expect(page.body).toMatchObject({
        totalCount: 1,
        items: [{ id: riskId }],
      });
      expect((await reviewDecisions()).map((d: any) => d.action)).toEqual([
        'review.risk-registered',
        'review.risk-updated',
      ]);
    });

    it('takes one sign-off per team from its members; the last one holds the review', async () => {
      const outsider = await signOff('zoe', {
        teamRef: 'group:default/team-pay',
      });
      expect(outsider.status).toBe(403);
      // The ambassador runs the train but does not sign for a team.
      expect(
        (await signOff('alice', { teamRef: 'group:default/team-pay' })).status,
      ).toBe(403);
      const notOwning = await signOff('pat', {
        teamRef: 'group:default/engineering',
      });
      expect(notOwning.status).toBe(400);
      expect(notOwning.body.error.message).toBe(
        "teamRef: group:default/engineering owns no participant of train '2027.02'",
      );
      expect(await reviewDecisions()).toHaveLength(2);

      const signed = await signOff('pat', {
        teamRef: 'team-pay',
        comment: 'Rollback rehearsed yesterday',
      });
      expect(signed.status).toBe(201);
      expect(signed.body).toMatchObject({
        teamRef: 'group:default/team-pay',
        signedBy: 'user:default/pat',
        comment: 'Rollback rehearsed yesterday',
      });
      expect(
        (await signOff('pat', { teamRef: 'group:default/team-pay' })).status,
      ).toBe(409);
      expect((await review()).held).toBe(false);

      expect(
        (await signOff('wes', { teamRef: 'group:default/team-web' })).status,
      ).toBe(201);
      const held = await review();
      expect(held.held).toBe(true);
      expect(held.teams.every((t: any) => t.signOff && !t.canSignOff)).toBe(
        true,
      );
      expect((await reviewDecisions()).map((d: any) => d.action)).toEqual([
        'review.risk-registered',
        'review.risk-updated',
        'review.signed-off',
        'review.signed-off',
        'review.held',
      ]);

      // An open risk without a mitigation takes the review back to not held.
      expect(
        (await register('alice', { ...RISK, title: 'Cache stampede' })).status,
      ).toBe(201);
      expect((await review()).held).toBe(false);
    });

    it('records the review held exactly once when the last two teams sign off at the same time', async () => {
      const other = (
        await createTrainThroughApi(
          server,
          checkoutTrain('2027.03'),
          asUser('alice'),
        )
      ).id;
      const answers = await Promise.all([
        signOff('pat', { teamRef: 'group:default/team-pay' }, other),
        signOff('wes', { teamRef: 'group:default/team-web' }, other),
      ]);
      expect(answers.map(a => a.status)).toEqual([201, 201]);
      const actions = (await reviewDecisions(other)).map((d: any) => d.action);
      expect(
        actions.filter((a: string) => a === 'review.signed-off'),
      ).toHaveLength(2);
      expect(actions.filter((a: string) => a === 'review.held')).toHaveLength(
        1,
      );
    });

    it('answers 404 for an unknown train', async () => {
      const res = await get(
        '/trains/00000000-0000-4000-8000-000000000000/review',
      ).set('Authorization', asUser('alice'));
      expect(res.status).toBe(404);
    });
  });
});
