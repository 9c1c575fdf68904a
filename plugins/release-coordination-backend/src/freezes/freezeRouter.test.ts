import { freezeManagePermission } from '@release-coordination/plugin-release-coordination-common';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  asUser,
  catalogUsers,
  CHECKOUT_ORGANISATION,
  CI,
  checkoutTrain,
  createTrainThroughApi,
  expectRefusedAsBadInput,
  pluginRoutes,
  releaseManagerPolicy,
  startReleaseCoordinationBackend,
  TestServer,
  withEntities,
} from '../__testUtils__/testBackend';

const DAY = 86_400_000;
const inDays = (days: number) =>
  new Date(Date.now() + days * DAY).toISOString();

/** payments is part of the billing System; storefront of none. */
const ORGANISATION = withEntities(
  CHECKOUT_ORGANISATION.replace(
    'spec: { type: service, lifecycle: production, owner: team-pay }',
    'spec: { type: service, lifecycle: production, owner: team-pay, system: billing }',
  ),
  `apiVersion: backstage.io/v1alpha1
kind: System
metadata: { name: billing }
spec: { owner: team-pay }`,
  ...catalogUsers('alice', 'admin'),
);

describe('freeze routes (real catalog and policy)', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let server: TestServer;
    const { get, post, del } = pluginRoutes(() => server);
    const listed = async () =>
      (
        await get(`/freezes?from=${inDays(-400)}&to=${inDays(400)}`).set(
          'Authorization',
          asUser('alice'),
        )
      ).body as { items: any[]; totalCount: number };

    beforeAll(async () => {
      server = await startReleaseCoordinationBackend({
        organisation: ORGANISATION,
        policy: releaseManagerPolicy(freezeManagePermission),
        knex: await databases.init(databaseId),
        config: {
          freezes: [
            { start: '2026-12-24', end: '2026-12-27', reason: 'Christmas' },
          ],
        },
      });
    }, 120_000);

    it('lists the freezes of the app-config and those a release manager declares', async () => {
      const declared = await post('/freezes')
        .send({
          startsAt: inDays(-1),
          endsAt: inDays(2),
          reason: 'Billing migration',
          scope: { kind: 'system', ref: 'system:default/billing' },
        })
        .set('Authorization', asUser('admin'));
      expect(declared.status).toBe(201);
      expect(declared.body).toMatchObject({
        reason: 'Billing migration',
        scope: { kind: 'system', ref: 'system:default/billing' },
        source: 'api',
        declaredBy: 'user:default/admin',
      });
      const page = await listed();
      expect(page.items.map(f => [f.source, f.reason])).toEqual(
        expect.arrayContaining([
          ['config', 'Christmas'],
          ['api', 'Billing migration'],
        ]),
      );
    });

    it('refuses a declaration from anyone else', async () => {
      const before = await listed();
      const res = await post('/freezes')
        .send({ startsAt: inDays(1), endsAt: inDays(2), reason: 'Mine' })
        .set('Authorization', asUser('alice'));
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe(
        'Only release managers declare and lift change freezes',
      );
      expect(await listed()).toEqual(before);
    });

    it.each([
      [
        'an end before the start',
        { startsAt: inDays(2), endsAt: inDays(1) },
        /endsAt/,
      ],
      [
        'an end in the past',
        { startsAt: inDays(-3), endsAt: inDays(-2) },
        /endsAt: a freeze must end in the future/,
      ],
      [
        'a freeze of more than a year',
        { startsAt: inDays(1), endsAt: inDays(400) },
        /endsAt: a freeze lasts at most 366 days/,
      ],
      [
        'a System not in the catalog',
        { scope: { kind: 'system', ref: 'system:default/ghost' } },
        /scope.ref/,
      ],
      ['a blank reason', { reason: '  ' }, /reason/],
      [
        'an unknown scope',
        { scope: { kind: 'team', ref: 'group:default/team-pay' } },
        /scope/,
      ],
    ])(
      'refuses %s with a 400 naming the field, writing nothing',
      async (_, change, field) => {
        await expectRefusedAsBadInput(
          server,
          {
            method: 'POST',
            path: '/freezes',
            body: {
              startsAt: inDays(1),
              endsAt: inDays(2),
              reason: 'Audit',
              ...change,
            },
            authorization: asUser('admin'),
            field,
          },
          listed,
        );
      },
    );

    it('refuses production deployments the freeze covers, naming it, and lets the others through', async () => {
      const train = await createTrainThroughApi(
        server,
        checkoutTrain('frozen'),
        asUser('admin'),
      );
      const readiness = async (ref: string, version: string) =>
        (
          await get(
            `/deploy-readiness?entityRef=${encodeURIComponent(ref)}&version=${version}&environment=production`,
          ).set('Authorization', CI)
        ).body;
      const payments = await readiness('component:default/payments', '5.1.0');
      expect(payments.train.id).toBe(train.id);
      expect(
        payments.reasons.find((r: any) => r.code === 'freeze'),
      ).toMatchObject({
        message: expect.stringContaining(
          'A change freeze covers component:default/payments: Billing migration',
        ),
        freezes: [expect.objectContaining({ reason: 'Billing migration' })],
      });
      const storefront = await readiness(
        'component:default/storefront',
        '2.0.0',
      );
      expect(storefront.reasons.map((r: any) => r.code)).not.toContain(
        'freeze',
      );
    });

    it('lifts a declared freeze; a freeze of the app-config is changed there', async () => {
      const declared = (await listed()).items.find(f => f.source === 'api');
      expect(
        (
          await del(`/freezes/${declared.id}`).set(
            'Authorization',
            asUser('alice'),
          )
        ).status,
      ).toBe(403);
      expect(
        (
          await del(`/freezes/${declared.id}`).set(
            'Authorization',
            asUser('admin'),
          )
        ).status,
      ).toBe(204);
      expect(
        (
          await del(`/freezes/${declared.id}`).set(
            'Authorization',
            asUser('admin'),
          )
        ).status,
      ).toBe(404);
      const config = await del('/freezes/config-1').set(
        'Authorization',
        asUser('admin'),
      );
      expect(config.status).toBe(400);
      expect(config.body.error.message).toMatch(/releaseCoordination.freezes/);
      expect((await listed()).items.map(f => f.source)).toEqual(['config']);
    });
  });
});
