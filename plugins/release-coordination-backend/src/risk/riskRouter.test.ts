import { freezeManagePermission } from '@release-coordination/plugin-release-coordination-common';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  asUser,
  catalogUsers,
  CHECKOUT_ORGANISATION,
  CI,
  checkoutTrain,
  createTrainThroughApi,
  pluginRoutes,
  releaseManagerPolicy,
  startReleaseCoordinationBackend,
  TestServer,
  withEntities,
} from '../__testUtils__/testBackend';

const DAY = 86_400_000;
const TODAY = Math.floor(Date.now() / DAY) * DAY;
const day = (days: number) => new Date(TODAY + days * DAY).toISOString();

/** team-mobile's app depends on payments: the blast radius reaches one more team. */
const ORGANISATION = withEntities(
  CHECKOUT_ORGANISATION,
  `apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team-mobile }
spec: { type: team, children: [] }`,
  `apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: mobile-app }
spec: { type: website, lifecycle: production, owner: team-mobile, dependsOn: [component:payments] }`,
  ...catalogUsers('alice', 'admin'),
);

/** Contract tests per participant in planning, then deployment. */
const STAGES = [
  {
    name: 'planning',
    exitGates: [
      {
        id: 'planning-contract-tests',
        title: 'Contract tests',
        kind: 'check',
        checkName: 'contract-tests',
        perParticipant: true,
      },
    ],
  },
  { name: 'deployment', exitGates: [] },
];

const windows = (deploys: [number, number]) => ({
  planning: { start: day(1), end: day(5) },
  deployment: { start: day(deploys[0]), end: day(deploys[1]) },
});

describe('train risk score (real catalog)', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let server: TestServer;
    const { get, post } = pluginRoutes(() => server);
    const riskOf = async (trainId: string) => {
      const res = await get(`/trains/${trainId}/risk`).set(
        'Authorization',
        asUser('alice'),
      );
      expect(res.status).toBe(200);
      return res.body;
    };
    const factor = (risk: any, id: string) =>
      risk.factors.find((f: any) => f.id === id);

    beforeAll(async () => {
      server = await startReleaseCoordinationBackend({
        organisation: ORGANISATION,
        policy: releaseManagerPolicy(freezeManagePermission),
        knex: await databases.init(databaseId),
        config: { stages: STAGES, risk: { weights: { 'blast-radius': 30 } } },
      });
    }, 120_000);

    it('explains each factor from the graph, the train, other trains, freezes and past deployments', async () => {
      const checkout = await createTrainThroughApi(
        server,
        { ...checkoutTrain('2027.01'), stageWindows: windows([10, 12]) },
        asUser('alice'),
      );
      const quiet = await riskOf(checkout.id);
      expect(quiet.factors.map((f: any) => [f.id, f.value])).toEqual([
        ['blast-radius', 1],
        ['cross-team-edges', 1],
        ['cycles', 0],
        ['dependency-drift', 0],
        ['change-failure-rate', 0],
        ['open-action-items', 0],
        ['failing-checks', 0],
        ['collisions', 0],
        ['freeze-proximity', 0],
      ]);
      expect(factor(quiet, 'blast-radius')).toEqual({
        id: 'blast-radius',
        value: 1,
        fullAt: 10,
        normalized: 0.1,
        weight: 30,
        contribution: 2.7,
        detail: '1 entities of 1 team(s) depend on the participants',
      });
      // Weights add up to 110 with the configured blast radius: 3 + 10 × 0.2 points of 110.
      expect(quiet.score).toBe(4.5);
      expect(quiet.level).toBe('low');

      // A failing check, a train sharing payments, a freeze over the deployment, and one of
      // payments' two production deployments of another train rolled back.
      const report = await post(`/trains/${checkout.id}/checks`)
        .send({
          participantRef: 'component:default/payments',
          checkName: 'contract-tests',
          status: 'failed',
          idempotencyKey: 'ct-1',
        })
        .set('Authorization', CI);
      expect(report.status).toBe(200);
      const other = await createTrainThroughApi(
        server,
        {
          ...checkoutTrain('2027.02', { payments: '5.2.0' }),
          stageWindows: windows([20, 21]),
        },
        asUser('alice'),
      );
      const freeze = await post('/freezes')
        .send({ startsAt: day(11), endsAt: day(13), reason: 'Quarter close' })
        .set('Authorization', asUser('admin'));
      expect(freeze.status).toBe(201);
      for (const [deploymentId, result] of [
        ['d-1', 'succeeded'],
        ['d-2', 'rolled-back'],
      ]) {
        const deployed = await post(`/trains/${other.id}/deployments`)
          .send({
            participantRef: 'component:default/payments',
            environment: 'production',
            deploymentId,
            version: '5.2.0',
            startedAt: day(-3),
            finishedAt: day(-2),
            result,
          })
          .set('Authorization', CI);
        expect(deployed.status).toBe(201);
      }

      const risky = await riskOf(checkout.id);
      expect(risky.factors.map((f: any) => [f.id, f.value])).toEqual([
        ['blast-radius', 1],
        ['cross-team-edges', 1],
        ['cycles', 0],
        ['dependency-drift', 0],
        ['change-failure-rate', 0.5],
        ['open-action-items', 0],
        ['failing-checks', 1],
        // payments in 2027.02, and both participants deploy during the freeze.
        ['collisions', 3],
        ['freeze-proximity', 1],
      ]);
      expect(factor(risky, 'change-failure-rate').detail).toBe(
        '1 of 2 production deployments of the participants in the last 90 days failed or were rolled back',
      );
      expect(factor(risky, 'freeze-proximity').detail).toBe(
        'The deployment window crosses the freeze "Quarter close"',
      );
      // 3 + 2 + 15 + 5 + 10 + 5 = 40 of 110 points.
      expect([risky.score, risky.level]).toEqual([36.4, 'medium']);
    });

    it('answers 404 for an unknown train', async () => {
      const res = await get(
        '/trains/00000000-0000-4000-8000-000000000000/risk',
      ).set('Authorization', asUser('alice'));
      expect(res.status).toBe(404);
    });
  });
});
