import { createTestDatabases } from '../__testUtils__/databases';
import {
  asUser,
  catalogUsers,
  checkoutTrain,
  createTrainThroughApi,
  ENGINEERING_DEPARTMENT,
  pluginRoutes,
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
  ...catalogUsers('alice'),
);

describe('train runbook (real catalog)', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let server: TestServer;
    const { get, put } = pluginRoutes(() => server);
    let trainId: string;

    beforeAll(async () => {
      server = await startReleaseCoordinationBackend({
        organisation: ORGANISATION,
        policy: releaseManagerPolicy(),
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

    it('answers 404 for an unknown train', async () => {
      const res = await get(
        '/trains/00000000-0000-4000-8000-000000000000/runbook',
      ).set('Authorization', asUser('alice'));
      expect(res.status).toBe(404);
    });
  });
});
