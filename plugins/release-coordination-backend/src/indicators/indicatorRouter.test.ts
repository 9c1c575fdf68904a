import { indicatorReportPermission } from '@release-coordination/plugin-release-coordination-common';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  asUser,
  catalogUsers,
  CHECKOUT_ORGANISATION,
  CI,
  expectRefusedAsBadInput,
  pluginRoutes,
  releaseManagerPolicy,
  startReleaseCoordinationBackend,
  TestServer,
  withEntities,
} from '../__testUtils__/testBackend';

const PAYMENTS = 'component:default/payments';
const hoursAgo = (hours: number) =>
  new Date(Date.now() - hours * 3_600_000).toISOString();

describe('indicator routes (real catalog and policy)', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let server: TestServer;
    const { get, post } = pluginRoutes(() => server);
    const reports = async () =>
      (
        await get(`/indicators?entityRef=${encodeURIComponent(PAYMENTS)}`).set(
          'Authorization',
          asUser('carol'),
        )
      ).body as { items: any[]; totalCount: number };
    const run = {
      entityRef: PAYMENTS,
      key: 'run-4711',
      measuredAt: hoursAgo(1),
      review: { mergedChanges: 12, reviewedChanges: 11 },
      tests: { executed: 340, passed: 338, flaky: 2 },
      mergeHours: [1.5, 4, 26],
    };

    beforeAll(async () => {
      server = await startReleaseCoordinationBackend({
        organisation: withEntities(
          CHECKOUT_ORGANISATION,
          ...catalogUsers('carol', 'admin'),
        ),
        policy: releaseManagerPolicy(indicatorReportPermission),
        membership: { 'user:default/carol': ['group:default/team-web'] },
        knex: await databases.init(databaseId),
      });
    }, 120_000);

    it('stores a report once; the same key again answers it, other figures are a conflict', async () => {
      const first = await post('/indicators')
        .send(run)
        .set('Authorization', CI);
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({
        ...run,
        ownerRef: 'group:default/team-pay',
      });
      const again = await post('/indicators')
        .send(run)
        .set('Authorization', CI);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
      const other = await post('/indicators')
        .send({ ...run, tests: { executed: 340, passed: 300, flaky: 2 } })
        .set('Authorization', CI);
      expect(other.status).toBe(409);
      expect(other.body.error.message).toMatch(/run-4711.*other figures/);
      expect((await reports()).totalCount).toBe(1);
    });

    it.each([
      [
        'more reviewed than merged changes',
        { review: { mergedChanges: 2, reviewedChanges: 3 } },
        /reviewedChanges/,
      ],
      [
        'more passed than executed tests',
        { tests: { executed: 2, passed: 3, flaky: 0 } },
        /passed/,
      ],
      ['a negative merge time', { mergeHours: [-1] }, /mergeHours/],
      [
        'no figures at all',
        { review: undefined, tests: undefined, mergeHours: undefined },
        /review/,
      ],
      [
        'a measurement in the future',
        { measuredAt: hoursAgo(-3) },
        /measuredAt/,
      ],
      [
        'an entity not in the catalog',
        { entityRef: 'component:default/ghost' },
        /entityRef/,
      ],
    ])(
      'refuses %s with a 400 naming the field, writing nothing',
      async (_, change, field) => {
        await expectRefusedAsBadInput(
          server,
          {
            method: 'POST',
            path: '/indicators',
            body: { ...run, key: 'run-bad', ...change },
            authorization: CI,
            field,
          },
          reports,
        );
      },
    );

    it('lets only those the policy allows report, and anyone who reads scorecards read', async () => {
      const refused = await post('/indicators')
        .send({ ...run, key: 'run-by-hand' })
        .set('Authorization', asUser('carol'));
      expect(refused.status).toBe(403);
      const page = await reports();
      expect(page.items.map(r => r.key)).toEqual(['run-4711']);
    });
  });
});
