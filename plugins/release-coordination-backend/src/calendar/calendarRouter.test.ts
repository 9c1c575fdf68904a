import { freezeManagePermission } from '@release-coordination/plugin-release-coordination-common';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  asUser,
  catalogUsers,
  CHECKOUT_ORGANISATION,
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
/** Midnight UTC, `days` from today: windows the test can name exactly. */
const TODAY = Math.floor(Date.now() / DAY) * DAY;
const day = (days: number) => new Date(TODAY + days * DAY).toISOString();
const window = (start: number, end: number) => ({
  start: day(start),
  end: day(end),
});

/**
 * storefront (team-web) depends on payments (team-pay, System billing in Domain commerce);
 * ledger (team-ledger) stands apart.
 */
const ORGANISATION = withEntities(
  CHECKOUT_ORGANISATION.replace(
    'spec: { type: service, lifecycle: production, owner: team-pay }',
    'spec: { type: service, lifecycle: production, owner: team-pay, system: billing }',
  ),
  `apiVersion: backstage.io/v1alpha1
kind: Domain
metadata: { name: commerce }
spec: { owner: team-pay }`,
  `apiVersion: backstage.io/v1alpha1
kind: System
metadata: { name: billing }
spec: { owner: team-pay, domain: commerce }`,
  `apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team-ledger }
spec: { type: team, children: [] }`,
  `apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: ledger }
spec: { type: service, lifecycle: production, owner: team-ledger }`,
  ...catalogUsers('alice', 'bob', 'admin'),
);

/** Planning guarded by the no-collisions rule, then deployment. */
const STAGES = [
  {
    name: 'planning',
    exitGates: [
      {
        id: 'planning-no-collisions',
        title: 'No collisions',
        kind: 'rule',
        rule: 'no-collisions',
      },
    ],
  },
  { name: 'deployment', exitGates: [] },
];

const plannedTrain = (
  name: string,
  participants: Record<string, string>,
  planning: [number, number],
  deployment: [number, number],
  ambassador = 'alice',
) => ({
  ...checkoutTrain(name, participants),
  ambassadorRef: `user:default/${ambassador}`,
  stageWindows: {
    planning: window(...planning),
    deployment: window(...deployment),
  },
});

describe('release calendar and collisions (real catalog)', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let server: TestServer;
    const { get, post, del } = pluginRoutes(() => server);
    const calendar = async (query: string) => {
      const res = await get(
        `/calendar?from=${day(0)}&to=${day(40)}${query}`,
      ).set('Authorization', asUser('alice'));
      expect(res.status).toBe(200);
      return res.body;
    };
    const trainCount = async () =>
      (await get('/trains').set('Authorization', asUser('alice'))).body
        .totalCount;
    let checkout: { id: string };
    let payments: { id: string };
    let ledger: { id: string };
    let freezeId: string;

    beforeAll(async () => {
      server = await startReleaseCoordinationBackend({
        organisation: ORGANISATION,
        policy: releaseManagerPolicy(freezeManagePermission),
        knex: await databases.init(databaseId),
        config: { stages: STAGES },
      });
      checkout = await createTrainThroughApi(
        server,
        plannedTrain(
          '2027.01',
          { storefront: '2.0.0', payments: '5.1.0' },
          [1, 5],
          [10, 12],
        ),
        asUser('alice'),
      );
      payments = await createTrainThroughApi(
        server,
        plannedTrain('2027.02', { payments: '5.2.0' }, [2, 6], [11, 13], 'bob'),
        asUser('bob'),
      );
      ledger = await createTrainThroughApi(
        server,
        plannedTrain('2027.03', { ledger: '1.0.0' }, [3, 7], [30, 31]),
        asUser('alice'),
      );
      const declared = await post('/freezes')
        .send({
          startsAt: day(11),
          endsAt: day(20),
          reason: 'Billing migration',
          scope: { kind: 'system', ref: 'system:default/billing' },
        })
        .set('Authorization', asUser('admin'));
      if (declared.status !== 201)
        throw new Error(`Declaring the freeze answered ${declared.status}`);
      freezeId = declared.body.id;
    }, 180_000);

    it('shows every train planned in the period with its windows, teams, freezes and collisions', async () => {
      const page = await calendar('');
      expect(page.totalCount).toBe(3);
      expect(
        page.items.map((t: any) => [t.name, t.teamRefs, t.collisionCount]),
      ).toEqual([
        ['2027.01', ['group:default/team-web', 'group:default/team-pay'], 3],
        ['2027.02', ['group:default/team-pay'], 3],
        ['2027.03', ['group:default/team-ledger'], 0],
      ]);
      expect(page.items[0].stages.map((s: any) => s.window)).toEqual([
        window(1, 5),
        window(10, 12),
      ]);
      expect(page.freezes.map((f: any) => f.reason)).toEqual([
        'Billing migration',
      ]);
      expect(
        page.collisions
          .filter((c: any) => c.trainId === checkout.id)
          .map((c: any) => [
            c.kind,
            c.entityRef,
            c.otherEntityRef ?? null,
            c.contacts,
          ]),
      ).toEqual([
        [
          'shared-participant',
          'component:default/payments',
          'component:default/payments',
          ['group:default/team-pay', 'user:default/bob'],
        ],
        [
          'dependent-deployments',
          'component:default/storefront',
          'component:default/payments',
          [
            'group:default/team-web',
            'group:default/team-pay',
            'user:default/bob',
          ],
        ],
        [
          'freeze',
          'component:default/payments',
          null,
          ['group:default/team-pay'],
        ],
      ]);
    });

    it('filters by team (with the Groups below it), System and Domain, and pages', async () => {
      const names = async (query: string) =>
        (await calendar(query)).items.map((t: any) => t.name);
      expect(await names('&team=group:default/team-web')).toEqual(['2027.01']);
      expect(await names('&team=team-ledger')).toEqual(['2027.03']);
      expect(await names('&system=system:default/billing')).toEqual([
        '2027.01',
        '2027.02',
      ]);
      expect(await names('&domain=commerce')).toEqual(['2027.01', '2027.02']);
      expect(await names('&domain=commerce&team=team-web')).toEqual([
        '2027.01',
      ]);
      const second = await calendar('&limit=1&offset=1');
      expect([second.totalCount, second.items.map((t: any) => t.name)]).toEqual(
        [3, ['2027.02']],
      );
      const later = await get(`/calendar?from=${day(20)}&to=${day(60)}`).set(
        'Authorization',
        asUser('alice'),
      );
      expect(later.body.items.map((t: any) => t.name)).toEqual(['2027.03']);
    });

    it("lists one train's collisions, seen from it", async () => {
      const res = await get(`/trains/${payments.id}/collisions`).set(
        'Authorization',
        asUser('alice'),
      );
      expect(res.status).toBe(200);
      expect(
        res.body.collisions.map((c: any) => [
          c.kind,
          c.entityRef,
          c.direction ?? null,
        ]),
      ).toEqual([
        ['shared-participant', 'component:default/payments', null],
        ['dependent-deployments', 'component:default/payments', 'downstream'],
        ['freeze', 'component:default/payments', null],
      ]);
      expect(res.body.collisions[0].otherTrain).toEqual({
        id: checkout.id,
        name: '2027.01',
        ambassadorRef: 'user:default/alice',
      });
      const none = await get(`/trains/${ledger.id}/collisions`).set(
        'Authorization',
        asUser('alice'),
      );
      expect(none.body).toEqual({ trainId: ledger.id, collisions: [] });
      const unknown = await get(
        '/trains/00000000-0000-4000-8000-000000000000/collisions',
      ).set('Authorization', asUser('alice'));
      expect(unknown.status).toBe(404);
    });

    it('holds the train back with the no-collisions rule until the collisions are resolved', async () => {
      const blocked = await post(`/trains/${checkout.id}/advance`)
        .send({ expectedStage: 'planning' })
        .set('Authorization', asUser('alice'));
      expect(blocked.status).toBe(409);
      expect(blocked.body.error.message).toMatch(/No collisions/);
      const gates = (
        await get(`/trains/${checkout.id}`).set(
          'Authorization',
          asUser('alice'),
        )
      ).body.gates;
      expect(
        gates.find((g: any) => g.templateId === 'planning-no-collisions')
          .reason,
      ).toMatch(
        /^3 collision\(s\): component:default\/payments also ships in 2027.02; component:default\/storefront depends on component:default\/payments, which deploys in 2027.02 at the same time; component:default\/payments deploys during the change freeze "Billing migration"$/,
      );

      const cancelled = await post(`/trains/${payments.id}/cancel`)
        .send({ reason: 'Merged into 2027.01' })
        .set('Authorization', asUser('bob'));
      expect(cancelled.status).toBe(200);
      expect(
        (
          await del(`/freezes/${freezeId}`).set(
            'Authorization',
            asUser('admin'),
          )
        ).status,
      ).toBe(204);

      const advanced = await post(`/trains/${checkout.id}/advance`)
        .send({ expectedStage: 'planning' })
        .set('Authorization', asUser('alice'));
      expect(advanced.status).toBe(200);
      expect(advanced.body.currentStage).toBe('deployment');
      const after = await calendar('');
      expect(after.collisions).toEqual([]);
      // The cancelled train is off the calendar.
      expect(after.items.map((t: any) => t.name)).toEqual([
        '2027.01',
        '2027.03',
      ]);
    });

    it.each([
      [
        'an end before the start',
        `from=${day(5)}&to=${day(1)}`,
        /^to: must be after from/,
      ],
      [
        'more than 400 days',
        `from=${day(0)}&to=${day(401)}`,
        /^to: a calendar spans at most 400 days/,
      ],
      [
        'a team not in the catalog',
        'team=group:default/ghosts',
        /^team: group:default\/ghosts is not a Group in the catalog/,
      ],
      [
        'a Group given as System',
        'system=group:default/team-web',
        /^system: group:default\/team-web is not a System/,
      ],
      [
        'a Domain not in the catalog',
        'domain=nowhere',
        /^domain: domain:default\/nowhere is not a Domain/,
      ],
      ['a date that is none', 'from=tomorrow', /from/],
      ['a limit above the maximum', 'limit=201', /limit/],
    ])('refuses %s with a 400 naming the field', async (_, query, field) => {
      await expectRefusedAsBadInput(
        server,
        {
          method: 'GET',
          path: `/calendar?${query}`,
          authorization: asUser('alice'),
          field,
        },
        trainCount,
      );
    });
  });
});
