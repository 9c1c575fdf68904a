import {
  incidentAttributePermission,
  incidentReportPermission,
} from '@release-coordination/plugin-release-coordination-common';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  API,
  asUser,
  catalogUsers,
  CHECKOUT_ORGANISATION,
  checkoutTrain,
  CI,
  createTrainThroughApi,
  decisionLog,
  expectRefusedAsBadInput,
  pluginRoutes,
  recordingNotifications,
  releaseManagerPolicy,
  startReleaseCoordinationBackend,
  TestServer,
  withEntities,
  announcementsDelivered,
} from '../__testUtils__/testBackend';
import { TrainNotification } from '../trains/announcements';

/** bob is on team-pay, carol on team-web; dave is on no team; admin is the release manager. */
const MEMBERSHIP: Record<string, string[]> = {
  'user:default/bob': ['group:default/team-pay'],
  'user:default/carol': ['group:default/team-web'],
  'user:default/dave': [],
};

const STOREFRONT = 'component:default/storefront';
const PAYMENTS = 'component:default/payments';
const minutesAgo = (minutes: number) =>
  new Date(Date.now() - minutes * 60_000).toISOString();

describe('incident routes (real catalog, policy, group membership)', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let server: TestServer;
    let trainId: string;
    const sent: TrainNotification[] = [];
    const { get, post } = pluginRoutes(() => server);
    const incidentCount = async () =>
      (await get('/incidents').set('Authorization', asUser('carol'))).body
        .totalCount as number;
    const deploy = async (
      participantRef: string,
      environment: string,
      deploymentId: string,
      finishedMinutesAgo: number,
    ) => {
      const res = await post(`/trains/${trainId}/deployments`)
        .send({
          participantRef,
          environment,
          deploymentId,
          version: participantRef === PAYMENTS ? '5.1.0' : '2.0.0',
          startedAt: minutesAgo(finishedMinutesAgo + 10),
          finishedAt: minutesAgo(finishedMinutesAgo),
          result: 'succeeded',
        })
        .set('Authorization', CI);
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    // The incident started 20 minutes ago: payments reached production 50 minutes ago (a
    // suspect), storefront 26 hours ago (outside the 24-hour window), payments' staging
    // deployment is no production deployment.
    let paymentsProduction: string;
    let paymentsStaging: string;
    const incident = {
      source: 'PagerDuty',
      externalId: 'INC-1',
      title: 'Checkout returns 502',
      entityRef: STOREFRONT,
      severity: 'critical',
      startedAt: minutesAgo(20),
      usersAffected: 1200,
    };

    beforeAll(async () => {
      server = await startReleaseCoordinationBackend({
        organisation: withEntities(
          CHECKOUT_ORGANISATION,
          ...catalogUsers('alice', 'bob', 'carol', 'dave', 'admin'),
        ),
        // Users report and attribute only as owners, or as the release manager; CI reports.
        policy: releaseManagerPolicy(
          incidentReportPermission,
          incidentAttributePermission,
        ),
        membership: MEMBERSHIP,
        knex: await databases.init(databaseId),
        features: [recordingNotifications(sent)],
      });
      trainId = (
        await createTrainThroughApi(
          server,
          checkoutTrain('2026.12'),
          asUser('alice'),
        )
      ).id;
      await deploy(STOREFRONT, 'production', 'web-1', 26 * 60);
      paymentsStaging = await deploy(PAYMENTS, 'staging', 'pay-stage-1', 120);
      paymentsProduction = await deploy(PAYMENTS, 'production', 'pay-1', 50);
    }, 120_000);

    it('records a report once, and news about it as an update', async () => {
      const first = await post('/incidents')
        .send(incident)
        .set('Authorization', CI);
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({
        source: 'pagerduty',
        externalId: 'INC-1',
        entityRef: STOREFRONT,
        ownerRef: 'group:default/team-web',
        attribution: { state: 'unconfirmed' },
      });
      const again = await post('/incidents')
        .send(incident)
        .set('Authorization', CI);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);

      const resolvedAt = minutesAgo(5);
      const resolved = await post('/incidents')
        .send({ ...incident, resolvedAt, impactMinutes: 15 })
        .set('Authorization', CI);
      expect(resolved.status).toBe(200);
      expect(resolved.body).toMatchObject({
        id: first.body.id,
        resolvedAt,
        impactMinutes: 15,
      });
      expect(await incidentCount()).toBe(1);

      // The owners of the affected entity and of the likeliest cause heard of it.
      await announcementsDelivered(sent);
      const notice = sent.find(
        n => n.payload.topic === 'release-coordination.incident-suspect',
      );
      expect(notice?.recipients).toEqual({
        type: 'entity',
        entityRef: ['group:default/team-pay', 'group:default/team-web'],
      });
      expect(notice?.payload.description).toMatch(
        /Likeliest cause: payments 5.1.0/,
      );
    });

    it('refuses another entity for a known incident', async () => {
      const res = await post('/incidents')
        .send({ ...incident, entityRef: PAYMENTS })
        .set('Authorization', CI);
      expect(res.status).toBe(409);
      expect(res.body.error.message).toMatch(
        /is about component:default\/storefront/,
      );
    });

    it.each([
      ['an unknown severity', { severity: 'sev1' }, /severity/],
      [
        'a resolution before the start',
        { resolvedAt: minutesAgo(60) },
        /resolvedAt/,
      ],
      [
        'an entity not in the catalog',
        { entityRef: 'component:default/ghost' },
        /entityRef/,
      ],
      ['negative users', { usersAffected: -1 }, /usersAffected/],
      ['a field it does not know', { blame: 'bob' }, /blame/],
      ['no title', { title: ' ' }, /title/],
      ['a source with spaces', { source: 'my tool' }, /source/],
    ])(
      'refuses %s with a 400 naming the field, writing nothing',
      async (_, change, field) => {
        await expectRefusedAsBadInput(
          server,
          {
            method: 'POST',
            path: '/incidents',
            body: { ...incident, externalId: 'INC-bad', ...change },
            authorization: CI,
            field,
          },
          incidentCount,
        );
      },
    );

    it('lets only those the policy allows report', async () => {
      const res = await post('/incidents')
        .send({ ...incident, externalId: 'INC-2' })
        .set('Authorization', asUser('dave'));
      expect(res.status).toBe(403);
      expect(await incidentCount()).toBe(1);
    });

    it('ranks the candidate causes through the dependency graph, with the reasoning', async () => {
      const [listed] = (
        await get('/incidents').set('Authorization', asUser('dave'))
      ).body.items;
      const res = await get(`/incidents/${listed.id}`).set(
        'Authorization',
        asUser('dave'),
      );
      expect(res.status).toBe(200);
      expect(res.body.windowHours).toBe(24);
      expect(res.body.candidates).toEqual([
        expect.objectContaining({
          rank: 1,
          distance: 1,
          path: [STOREFRONT, PAYMENTS],
          deployment: expect.objectContaining({
            id: paymentsProduction,
            trainId,
            participantRef: PAYMENTS,
            version: '5.1.0',
          }),
        }),
      ]);
      expect(res.body.candidates[0].reasoning).toMatch(
        /^storefront depends on payments \(storefront → payments, 1 hop\)/,
      );
      // Until somebody decides, the likeliest cause is suggested, and the incident is listed
      // with the train that shipped it.
      expect(res.body.incident.attribution).toEqual({
        state: 'unconfirmed',
        suggested: expect.objectContaining({
          id: paymentsProduction,
          trainName: '2026.12',
        }),
      });
      const ofTrain = await get(`/incidents?trainId=${trainId}`).set(
        'Authorization',
        asUser('dave'),
      );
      expect(ofTrain.body).toMatchObject({
        totalCount: 1,
        items: [{ id: listed.id }],
      });
      expect(
        (await get('/incidents/999999').set('Authorization', asUser('dave')))
          .status,
      ).toBe(404);
    });

    describe('attribution', () => {
      let incidentId: string;
      const attribute = (body: object, user: string) =>
        post(`/incidents/${incidentId}/attribution`)
          .send(body)
          .set('Authorization', asUser(user));
      const stored = async () =>
        (
          await get(`/incidents/${incidentId}`).set(
            'Authorization',
            asUser('carol'),
          )
        ).body.incident;

      beforeAll(async () => {
        incidentId = (
          await get('/incidents').set('Authorization', asUser('carol'))
        ).body.items[0].id;
      });

      it('refuses a person of neither team, naming who decides', async () => {
        const before = await stored();
        const res = await attribute(
          { state: 'confirmed', deploymentId: paymentsProduction },
          'dave',
        );
        expect(res.status).toBe(403);
        expect(res.body.error.message).toBe(
          'The cause of this incident is decided by members of team-web or team-pay, or a release manager',
        );
        expect(await stored()).toEqual(before);
      });

      it.each([
        [
          'a deployment to another environment',
          () => ({ state: 'confirmed', deploymentId: paymentsStaging }),
          /deploymentId: only a deployment to production/,
        ],
        [
          'an unknown deployment',
          () => ({ state: 'confirmed', deploymentId: '999999' }),
          /deploymentId: no deployment/,
        ],
        [
          'no reason for "no deployment"',
          () => ({ state: 'no-deployment' }),
          /comment/,
        ],
        ['an unknown state', () => ({ state: 'maybe' }), /state/],
      ])('refuses %s with a 400, writing nothing', async (_, body, field) => {
        await expectRefusedAsBadInput(
          server,
          {
            method: 'POST',
            path: `/incidents/${incidentId}/attribution`,
            body: body(),
            authorization: asUser('carol'),
            field,
          },
          stored,
        );
      });

      it('lets an owner confirm the cause, logged on the train; the same again changes nothing', async () => {
        const res = await attribute(
          {
            state: 'confirmed',
            deploymentId: paymentsProduction,
            comment: 'Timeouts since 5.1.0',
          },
          'bob',
        );
        expect(res.status).toBe(200);
        expect(res.body.attribution).toMatchObject({
          state: 'confirmed',
          decidedBy: 'user:default/bob',
          comment: 'Timeouts since 5.1.0',
          deployment: {
            id: paymentsProduction,
            trainId,
            participantRef: PAYMENTS,
          },
        });
        const again = await attribute(
          {
            state: 'confirmed',
            deploymentId: paymentsProduction,
            comment: 'Timeouts since 5.1.0',
          },
          'bob',
        );
        expect(again.body).toEqual(res.body);
        const logged = (await decisionLog(server, trainId)).items.filter(
          d => d.action === 'incident.attributed',
        );
        expect(logged).toHaveLength(1);
        expect(logged[0]).toMatchObject({
          subject: `incident#${incidentId}`,
          entityRef: PAYMENTS,
          actorRef: 'user:default/bob',
          reason: 'Timeouts since 5.1.0',
        });

        const ofTrain = await get(`/incidents?trainId=${trainId}`).set(
          'Authorization',
          asUser('dave'),
        );
        expect(ofTrain.body).toMatchObject({
          totalCount: 1,
          items: [{ id: incidentId }],
        });
        const ofEntity = await get(
          `/incidents?entityRef=${encodeURIComponent(PAYMENTS)}`,
        ).set('Authorization', asUser('dave'));
        expect(ofEntity.body.totalCount).toBe(0);
      });

      it('lets the release manager reassign it: no deployment caused it', async () => {
        const res = await attribute(
          { state: 'no-deployment', comment: 'A cloud outage' },
          'admin',
        );
        expect(res.status).toBe(200);
        expect(res.body.attribution).toEqual(
          expect.objectContaining({
            state: 'no-deployment',
            comment: 'A cloud outage',
          }),
        );
        expect(res.body.attribution.deployment).toBeUndefined();
        const ofTrain = await get(`/incidents?trainId=${trainId}`).set(
          'Authorization',
          asUser('dave'),
        );
        expect(ofTrain.body.totalCount).toBe(0);
      });

      it('counts the incident on the scorecard', async () => {
        const res = await request(server)
          .get(`${API}/scorecards`)
          .query({
            scope: 'team',
            ref: 'group:default/team-web',
            from: minutesAgo(7 * 24 * 60),
            to: minutesAgo(-60),
          })
          .set('Authorization', asUser('carol'));
        expect(res.status).toBe(200);
        const frequency = res.body.metrics.find(
          (m: any) => m.id === 'incident-frequency',
        );
        expect(frequency).toMatchObject({ numerator: 1 });
      });
    });
  });
});
