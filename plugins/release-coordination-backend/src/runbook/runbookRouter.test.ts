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

/**
 * team-web's storefront depends on team-pay's payments; both teams are in engineering.
 * team-pay has an email and a chat link; payments is on PagerDuty.
 */
const ORGANISATION = withEntities(
  ENGINEERING_DEPARTMENT.replace(
    'metadata: { name: team-pay }\nspec: { type: team, parent: engineering, children: [] }',
    `metadata:
  name: team-pay
  links: [{ url: 'https://chat.example.com/channels/payments', title: '#payments' }]
spec: { type: team, parent: engineering, children: [], profile: { displayName: Payments, email: payments@example.com } }`,
  ),
  `apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: storefront }
spec: { type: website, lifecycle: production, owner: team-web, dependsOn: [component:payments] }`,
  `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payments
  annotations: { pagerduty.com/service-id: PX4711 }
spec: { type: service, lifecycle: production, owner: team-pay }`,
  ...catalogUsers('alice', 'pat', 'zoe'),
);

/** pat is in team-pay; zoe in no team. */
const MEMBERSHIP = { 'user:default/pat': ['group:default/team-pay'] };
const sentNotifications: TrainNotification[] = [];
const publishedSignals: { channel: string; message: unknown }[] = [];

describe('train runbook (real catalog)', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let server: TestServer;
    const { get, put, post } = pluginRoutes(() => server);
    let trainId: string;

    beforeAll(async () => {
      server = await startReleaseCoordinationBackend({
        organisation: ORGANISATION,
        // Only its ambassador (or a release manager) manages a train.
        policy: releaseManagerPolicy(trainManagePermission),
        membership: MEMBERSHIP,
        features: [
          recordingNotifications(sentNotifications),
          recordingSignals(publishedSignals),
        ],
        knex: await databases.init(databaseId),
        config: {
          runbook: {
            onCallLinks: [
              {
                annotation: 'pagerduty.com/service-id',
                url: 'https://acme.pagerduty.example/service-directory/{value}',
              },
            ],
          },
        },
      });
      trainId = (
        await createTrainThroughApi(
          server,
          checkoutTrain('2027.01'),
          asUser('alice'),
        )
      ).id;
      const saved = await put(
        `/trains/${trainId}/participants/${encodeURIComponent('component:default/payments')}/rollback-plan`,
      )
        .send({
          criteria: 'Payment errors above 1% for 5 minutes',
          procedureUrl: 'https://runbooks.example.com/payments',
        })
        .set('Authorization', asUser('alice'));
      if (saved.status >= 300)
        throw new Error(`Saving the rollback plan answered ${saved.status}`);
    }, 120_000);

    it('lists rollback steps in reverse wave order, with each team and the Groups above it, and on-call', async () => {
      const res = await get(`/trains/${trainId}/runbook`).set(
        'Authorization',
        asUser('alice'),
      );
      expect(res.status).toBe(200);
      expect(res.body.rollbackSteps).toEqual([
        {
          order: 1,
          wave: 2,
          entityRef: 'component:default/storefront',
          targetVersion: '2.0.0',
          ownerRef: 'group:default/team-web',
        },
        {
          order: 2,
          wave: 1,
          entityRef: 'component:default/payments',
          targetVersion: '5.1.0',
          ownerRef: 'group:default/team-pay',
          criteria: 'Payment errors above 1% for 5 minutes',
          procedureUrl: 'https://runbooks.example.com/payments',
        },
      ]);
      const payments = res.body.escalation.find(
        (e: any) => e.entityRef === 'component:default/payments',
      );
      expect(payments.contacts).toEqual([
        {
          ref: 'group:default/team-pay',
          role: 'owner',
          title: 'Payments',
          email: 'payments@example.com',
          links: [
            {
              title: '#payments',
              url: 'https://chat.example.com/channels/payments',
            },
          ],
        },
        { ref: 'group:default/engineering', role: 'parent', links: [] },
      ]);
      expect(payments.onCall).toEqual([
        {
          annotation: 'pagerduty.com/service-id',
          value: 'PX4711',
          entityRef: 'component:default/payments',
          url: 'https://acme.pagerduty.example/service-directory/PX4711',
        },
      ]);
      expect(res.body.decisionTree.start).toBe('impact');
      expect(
        res.body.decisionTree.nodes.find((n: any) => n.id === 'impact').options,
      ).toEqual([
        { label: 'Yes', next: 'criteria' },
        { label: 'No', next: 'watch' },
      ]);
    });

    it('declares an incident during deploy for owners and the ambassador, telling the escalation contacts', async () => {
      const logged = async () =>
        (
          await get(`/trains/${trainId}/decisions?limit=500`).set(
            'Authorization',
            asUser('alice'),
          )
        ).body.items.filter(
          (d: any) => d.action === 'runbook.incident-declared',
        );
      const declare = (user: string, body: object) =>
        post(`/trains/${trainId}/runbook/incidents`)
          .send(body)
          .set('Authorization', asUser(user));
      const body = {
        participantRefs: ['component:default/payments'],
        summary: 'Card payments time out after wave 1',
      };

      const refused = await declare('zoe', body);
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toMatch(
        /^Only the ambassador, release managers and members of the owning teams/,
      );
      const unknown = await declare('alice', {
        ...body,
        participantRefs: ['component:default/ledger'],
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message).toBe(
        "participantRefs: component:default/ledger is not a participant of train '2027.01'",
      );
      expect(await logged()).toEqual([]);

      sentNotifications.length = 0;
      const declared = await declare('pat', body);
      expect(declared.status).toBe(201);
      expect(declared.body).toMatchObject({
        trainId,
        participantRefs: ['component:default/payments'],
        summary: 'Card payments time out after wave 1',
        notified: [
          'group:default/team-pay',
          'group:default/engineering',
          'user:default/alice',
        ],
        declaredBy: 'user:default/pat',
      });
      await announcementsDelivered(sentNotifications, publishedSignals);
      expect(sentNotifications).toEqual([
        expect.objectContaining({
          recipients: {
            type: 'entity',
            entityRef: [
              'group:default/team-pay',
              'group:default/engineering',
              'user:default/alice',
            ],
          },
          payload: expect.objectContaining({
            severity: 'critical',
            topic: 'release-coordination.incident-during-deploy',
            title: "Incident during the deploy of release train '2027.01'",
          }),
        }),
      ]);
      expect(await logged()).toEqual([
        expect.objectContaining({
          actorRef: 'user:default/pat',
          entityRef: 'component:default/payments',
          reason: 'Card payments time out after wave 1',
        }),
      ]);
      // The ambassador may too, for any participant.
      expect(
        (
          await declare('alice', {
            ...body,
            participantRefs: ['component:default/storefront'],
          })
        ).status,
      ).toBe(201);
    });

    it('answers 404 for an unknown train', async () => {
      const res = await get(
        '/trains/00000000-0000-4000-8000-000000000000/runbook',
      ).set('Authorization', asUser('alice'));
      expect(res.status).toBe(404);
    });
  });
});
