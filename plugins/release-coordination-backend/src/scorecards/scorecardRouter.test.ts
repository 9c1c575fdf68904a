import { METRIC_DEFINITIONS } from '@release-coordination/plugin-release-coordination-common';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  API,
  CI,
  ENGINEERING_DEPARTMENT,
  TestServer,
  asUser,
  checkoutTrain,
  createTrainThroughApi,
  releaseManagerPolicy,
  startReleaseCoordinationBackend,
  withEntities,
  catalogUsers,
} from '../__testUtils__/testBackend';

/** engineering has two teams: team-web owns storefront (in system shop), team-pay owns payments. */
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
spec: { type: website, lifecycle: production, owner: team-web, system: shop }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: payments }
spec: { type: service, lifecycle: production, owner: team-pay }
`,
  ...catalogUsers('alice'),
);

const alice = asUser('alice');
const STOREFRONT = 'component:default/storefront';
const PAYMENTS = 'component:default/payments';

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
  { name: 'deployment', exitGates: [] },
];

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

describe('scorecard route (real catalog, trains and deployments)', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let server: TestServer;
    let trainId: string;
    const period = () => ({ from: hoursAgo(24), to: new Date(Date.now() + 3_600_000).toISOString() });
    const scorecard = (query: Record<string, string>, auth = alice) =>
      request(server).get(`${API}/scorecards`).query(query).set('Authorization', auth);
    const metric = (body: any, id: string) => body.metrics.find((m: any) => m.id === id);

    beforeAll(async () => {
      server = await startReleaseCoordinationBackend({
        organisation: ORGANISATION,
        // Nothing reserved: everyone may read every scorecard.
        policy: releaseManagerPolicy(),
        config: { stages: STAGES },
        knex: await databases.init(databaseId),
      });
      trainId = (await createTrainThroughApi(server, checkoutTrain('2026.12'), alice)).id;

      // storefront: failed 5 h ago, fixed 2 h later; payments: one success. 3 deployments.
      const report = (body: object) =>
        request(server).post(`${API}/trains/${trainId}/deployments`).send(body).set('Authorization', CI);
      for (const body of [
        {
          participantRef: STOREFRONT,
          environment: 'production',
          deploymentId: 'sf-1',
          startedAt: hoursAgo(6),
          finishedAt: hoursAgo(5),
          result: 'failed',
        },
        {
          participantRef: STOREFRONT,
          environment: 'production',
          deploymentId: 'sf-2',
          startedAt: hoursAgo(4),
          finishedAt: hoursAgo(3),
          result: 'succeeded',
        },
        {
          participantRef: PAYMENTS,
          environment: 'production',
          deploymentId: 'pay-1',
          startedAt: hoursAgo(2),
          finishedAt: hoursAgo(1),
          result: 'succeeded',
        },
        // Staging does not count.
        {
          participantRef: PAYMENTS,
          environment: 'staging',
          deploymentId: 'pay-0',
          startedAt: hoursAgo(8),
          finishedAt: hoursAgo(7),
          result: 'failed',
        },
      ]) {
        // Setup in beforeAll: a refused step fails every test of the file, as it should.
        // eslint-disable-next-line jest/no-standalone-expect
        expect((await report(body)).status).toBe(201);
      }
    }, 120_000);

    it('answers 401 without credentials', async () => {
      const res = await request(server).get(`${API}/scorecards`).query({ scope: 'organization', ...period() });
      expect(res.status).toBe(401);
    });

    it('computes the organisation scorecard from the reported deployments', async () => {
      const res = await scorecard({ scope: 'organization', ...period() });
      expect(res.status).toBe(200);
      expect(res.body.scope).toEqual({ kind: 'organization' });
      expect(res.body.settings).toEqual({
        productionEnvironment: 'production',
        hotfixWindowHours: 24,
        lookaheadHours: 720,
      });
      expect(res.body.metrics.map((m: any) => m.id)).toEqual(
        METRIC_DEFINITIONS.filter(d => d.id !== 'stage-time').map(d => d.id),
      );
      expect(metric(res.body, 'deployment-frequency')).toMatchObject({ numerator: 3, sampleSize: 3 });
      expect(metric(res.body, 'deployment-success-rate')).toMatchObject({ numerator: 2, denominator: 3 });
      expect(metric(res.body, 'change-failure-rate')).toMatchObject({ numerator: 1, denominator: 3 });
      // storefront failed 5 h ago and succeeded 3 h ago.
      expect(metric(res.body, 'failed-deployment-recovery-time').value).toBeCloseTo(2, 5);
      // The train is still planning: no cycle time yet, and it says why.
      expect(metric(res.body, 'cycle-time').value).toBeUndefined();
      expect(metric(res.body, 'cycle-time').missing).toMatch(/No train/);
      expect(res.body.perTrain.map((p: any) => [p.trainId, p.trainName])).toEqual([[trainId, '2026.12']]);
      // The two participant-owner approvals of planning wait for their teams.
      const latency = metric(res.body, 'approval-latency');
      expect(latency.figures).toEqual([{ key: 'still-pending', label: 'approval gates still pending', value: 2 }]);
      expect(res.body.stageTimes).toEqual([
        expect.objectContaining({ stage: 'planning', sampleSize: 0 }),
      ]);
      expect(res.body.children.map((c: any) => c.scope)).toEqual([
        { kind: 'team', ref: 'group:default/team-pay' },
        { kind: 'team', ref: 'group:default/team-web' },
      ]);
    });

    it('rolls a team up from its child teams and narrows to a component, a system or a train', async () => {
      const engineering = await scorecard({ scope: 'team', ref: 'group:default/engineering', ...period() });
      expect(engineering.status).toBe(200);
      expect(metric(engineering.body, 'deployment-frequency').numerator).toBe(3);

      const web = await scorecard({ scope: 'team', ref: 'Group:default/team-web', ...period() });
      expect(web.body.scope).toEqual({ kind: 'team', ref: 'group:default/team-web' });
      expect(metric(web.body, 'deployment-success-rate')).toMatchObject({ numerator: 1, denominator: 2 });
      expect(web.body.children.map((c: any) => c.scope)).toEqual([{ kind: 'component', ref: STOREFRONT }]);

      const payments = await scorecard({ scope: 'component', ref: PAYMENTS, ...period() });
      expect(metric(payments.body, 'deployment-frequency').numerator).toBe(1);
      const shop = await scorecard({ scope: 'system', ref: 'system:default/shop', ...period() });
      expect(metric(shop.body, 'deployment-frequency').numerator).toBe(2);
      const train = await scorecard({ scope: 'train', ref: trainId, ...period() });
      expect(train.status).toBe(200);
      expect(metric(train.body, 'deployment-frequency').numerator).toBe(3);
    });

    it('counts nothing outside the period, and says so', async () => {
      const res = await scorecard({ scope: 'organization', from: '2025-01-01T00:00:00Z', to: '2025-02-01T00:00:00Z' });
      expect(res.status).toBe(200);
      expect(metric(res.body, 'deployment-success-rate')).toMatchObject({
        sampleSize: 0,
        missing: 'No production deployments finished in the period',
      });
      expect(metric(res.body, 'deployment-success-rate').value).toBeUndefined();
      expect(res.body.perTrain).toEqual([]);
    });

    it('refuses bad queries with a 400 naming the field', async () => {
      const { from, to } = period();
      const cases: [Record<string, string>, RegExp][] = [
        [{ scope: 'team', from, to }, /ref: ref is required for scope 'team'/],
        [{ scope: 'team', ref: STOREFRONT, from, to }, /ref: scope 'team' needs the ref of a group, not of a component/],
        [{ scope: 'organization', ref: 'group:default/engineering', from, to }, /ref: the organization scope takes no ref/],
        [{ scope: 'train', ref: 'not-a-train', from, to }, /ref: a train ref is the id of a train/],
        [{ scope: 'component', ref: 'storefront', from, to }, /ref: 'storefront' is not an entity ref/],
        [{ scope: 'organization', from: to, to: from }, /to: to must be after from/],
        [{ scope: 'organization', from: '2020-01-01T00:00:00Z', to }, /to: a scorecard period spans at most 731 days/],
        [{ scope: 'organization', from: 'yesterday', to }, /from:/],
        [{ scope: 'galaxy', from, to }, /scope:/],
        [{ scope: 'organization', to }, /from:/],
        [{ scope: 'organization', from, to, tier: 'elite' }, /tier/],
      ];
      for (const [query, message] of cases) {
        const res = await scorecard(query);
        expect(res.status, JSON.stringify(query)).toBe(400);
        expect(res.body.error.name).toBe('InputError');
        expect(res.body.error.message, JSON.stringify(query)).toMatch(message);
      }
    });

    it('answers 404 for a scope that does not exist', async () => {
      const team = await scorecard({ scope: 'team', ref: 'group:default/ghosts', ...period() });
      expect(team.status).toBe(404);
      expect(team.body.error.message).toMatch(/group:default\/ghosts/);
      const train = await scorecard({
        scope: 'train',
        ref: '00000000-0000-4000-8000-000000000000',
        ...period(),
      });
      expect(train.status).toBe(404);
    });

    it('serves services too, e.g. a reporting job', async () => {
      expect((await scorecard({ scope: 'organization', ...period() }, CI)).status).toBe(200);
    });

    // Last: it reports one more deployment.
    it('hands out a computed scorecard again until something it counts changes', async () => {
      const fixed = { scope: 'organization', ...period() };
      const first = await scorecard(fixed);
      const again = await scorecard(fixed);
      expect(again.body.generatedAt).toBe(first.body.generatedAt);
      expect(metric(again.body, 'deployment-frequency').numerator).toBe(3);
      const reported = await request(server)
        .post(`${API}/trains/${trainId}/deployments`)
        .send({
          participantRef: PAYMENTS,
          environment: 'production',
          deploymentId: 'pay-2',
          startedAt: hoursAgo(1),
          finishedAt: hoursAgo(0.5),
          result: 'succeeded',
        })
        .set('Authorization', CI);
      expect(reported.status).toBe(201);
      const after = await scorecard(fixed);
      expect(metric(after.body, 'deployment-frequency').numerator).toBe(4);
      expect(after.body.generatedAt).not.toBe(first.body.generatedAt);
    });
  });
});
