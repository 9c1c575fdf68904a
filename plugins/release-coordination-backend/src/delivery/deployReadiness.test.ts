import { deployReadinessReadPermission } from '@release-coordination/plugin-release-coordination-common';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  CHECKOUT_ORGANISATION,
  CI,
  TestServer,
  asUser,
  catalogUsers,
  checkoutTrain,
  createTrainThroughApi,
  pluginRoutes,
  releaseManagerPolicy,
  startReleaseCoordinationBackend,
  withEntities,
} from '../__testUtils__/testBackend';

/** bob is on team-pay (payments), carol on team-web (storefront); dave is on no team. */
const MEMBERSHIP: Record<string, string[]> = {
  'user:default/alice': [],
  'user:default/bob': ['group:default/team-pay'],
  'user:default/carol': ['group:default/team-web'],
  'user:default/dave': [],
};

const STOREFRONT = 'component:default/storefront';
const PAYMENTS = 'component:default/payments';

/** Planning ends with each owner's confirmation; deployment is entered once contract tests pass. */
const STAGES = [
  {
    name: 'planning',
    exitGates: [
      {
        id: 'owner-confirms',
        title: 'Owner confirms',
        kind: 'approval',
        perParticipant: true,
        approvers: 'participant-owner',
      },
    ],
  },
  {
    name: 'deployment',
    entryGates: [
      {
        id: 'contract-tests',
        title: 'Contract tests pass',
        kind: 'check',
        perParticipant: true,
        checkName: 'contract-tests',
      },
    ],
    exitGates: [],
  },
];

describe('GET /deploy-readiness (real catalog, trains, gates and deployments)', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let server: TestServer;
    let trainId: string;
    const { get, post } = pluginRoutes(() => server);
    const readiness = (query: Record<string, string>, auth = CI) =>
      get('/deploy-readiness').query(query).set('Authorization', auth);
    const storefrontTo = (environment: string, version = '2.0.0') =>
      readiness({ entityRef: STOREFRONT, version, environment });
    const codes = (body: any) => body.reasons.map((reason: any) => reason.code);
    const deploy = async (
      participantRef: string,
      environment: string,
      version: string,
    ) => {
      const hour = 3_600_000;
      const res = await post(`/trains/${trainId}/deployments`)
        .send({
          participantRef,
          environment,
          deploymentId: `${environment}-${participantRef}-${version}`,
          version,
          startedAt: new Date(Date.now() - 2 * hour).toISOString(),
          finishedAt: new Date(Date.now() - hour).toISOString(),
          result: 'succeeded',
        })
        .set('Authorization', CI);
      expect(res.status).toBe(201);
    };

    beforeAll(async () => {
      server = await startReleaseCoordinationBackend({
        organisation: withEntities(
          CHECKOUT_ORGANISATION,
          ...catalogUsers('alice'),
        ),
        // dave is the one person the policy does not let ask.
        policy: {
          async handle(req, user) {
            const base = await releaseManagerPolicy().handle(req, user);
            return user?.info.userEntityRef === 'user:default/dave' &&
              req.permission.name === deployReadinessReadPermission.name
              ? { result: 'DENY' as any }
              : base;
          },
        },
        membership: MEMBERSHIP,
        config: { stages: STAGES },
        knex: await databases.init(databaseId),
      });
      trainId = (
        await createTrainThroughApi(
          server,
          checkoutTrain('2026.12'),
          asUser('alice'),
        )
      ).id;
    }, 120_000);

    it('refuses production while the train plans, naming every reason', async () => {
      const res = await storefrontTo('production');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        allowed: false,
        entityRef: STOREFRONT,
        version: '2.0.0',
        environment: 'production',
        train: { id: trainId, name: '2026.12', currentStage: 'planning' },
      });
      expect(codes(res.body)).toEqual([
        'environment-parity',
        'not-in-deployment-stage',
        'gates-open',
        'earlier-wave-not-deployed',
      ]);
      const [parity, stage, gates, waves] = res.body.reasons;
      expect(parity.message).toMatch(/has not run in staging/);
      expect(stage.message).toMatch(
        /in its planning stage; production deployments start in its deployment stage/,
      );
      // Everything before production: storefront's own confirmation, by its owners, and its
      // contract tests on entering deployment; payments' gates are not storefront's.
      expect(gates.gates).toEqual([
        expect.objectContaining({
          title: 'Owner confirms',
          stage: 'planning',
          approverRef: 'group:default/team-web',
        }),
        {
          gateId: expect.any(String),
          title: 'Contract tests pass',
          stage: 'deployment',
        },
      ]);
      expect(gates.message).toMatch(
        /'Owner confirms' \(planning, decided by group:default\/team-web\)/,
      );
      // storefront depends on payments: payments ships first.
      expect(waves.entityRefs).toEqual([PAYMENTS]);
    });

    it('allows the first environment as soon as a train ships the version', async () => {
      const res = await storefrontTo('Staging');
      expect(res.body).toMatchObject({
        allowed: true,
        environment: 'staging',
        reasons: [],
      });
    });

    it('says when no train ships the version, and which versions trains do ship', async () => {
      const res = await storefrontTo('production', '9.9.9');
      expect(res.body.allowed).toBe(false);
      expect(res.body.train).toBeUndefined();
      expect(codes(res.body)).toEqual(['no-train']);
      expect(res.body.reasons[0].message).toBe(
        `No active train ships ${STOREFRONT} at 9.9.9; active trains ship 2.0.0 in '2026.12'`,
      );
    });

    it('refuses bad queries with a 400 naming the field', async () => {
      const unknownEnvironment = await storefrontTo('qa');
      expect(unknownEnvironment.status).toBe(400);
      expect(unknownEnvironment.body.error.message).toMatch(
        /environment: 'qa' is not one of the configured environments \(staging, production\)/,
      );
      const noVersion = await readiness({
        entityRef: STOREFRONT,
        environment: 'production',
      });
      expect(noVersion.status).toBe(400);
      expect(noVersion.body.error.message).toMatch(/version/);
      const badRef = await readiness({
        entityRef: 'storefront',
        version: '1',
        environment: 'staging',
      });
      expect(badRef.status).toBe(400);
      expect(badRef.body.error.message).toMatch(/entityRef/);
    });

    it('is answered only to whom the policy lets ask', async () => {
      expect(
        (await storefrontTo('staging').set('Authorization', asUser('dave')))
          .status,
      ).toBe(403);
      expect(
        (
          await get('/deploy-readiness').query({
            entityRef: STOREFRONT,
            version: '2.0.0',
            environment: 'staging',
          })
        ).status,
      ).toBe(401);
      expect(
        (await storefrontTo('staging').set('Authorization', asUser('alice')))
          .body.allowed,
      ).toBe(true);
    });

    it('allows production once the owners confirmed, the train deploys and what it depends on shipped', async () => {
      const gates = (
        await get(`/trains/${trainId}`).set('Authorization', asUser('alice'))
      ).body.gates;
      const gateOf = (templateId: string, participantRef: string) =>
        gates.find(
          (g: any) =>
            g.templateId === templateId && g.participantRef === participantRef,
        ).id;
      for (const [user, ref] of [
        ['carol', STOREFRONT],
        ['bob', PAYMENTS],
      ]) {
        const res = await post(
          `/gates/${gateOf('owner-confirms', ref)}/approve`,
        )
          .send({})
          .set('Authorization', asUser(user));
        expect(res.status).toBe(200);
      }
      for (const participantRef of [STOREFRONT, PAYMENTS]) {
        const res = await post(`/trains/${trainId}/checks`)
          .send({
            participantRef,
            checkName: 'contract-tests',
            status: 'passed',
            idempotencyKey: `ct-${participantRef}`,
          })
          .set('Authorization', CI);
        expect(res.status).toBe(200);
      }
      const advanced = await post(`/trains/${trainId}/advance`)
        .send({ expectedStage: 'planning' })
        .set('Authorization', asUser('alice'));
      expect(advanced.status).toBe(200);

      // In its deployment stage, gates passed: parity and the earlier wave remain.
      expect(codes((await storefrontTo('production')).body)).toEqual([
        'environment-parity',
        'earlier-wave-not-deployed',
      ]);
      await deploy(STOREFRONT, 'staging', '2.0.0');
      // A staging deployment of another version is no evidence for this one.
      await deploy(PAYMENTS, 'staging', '5.0.0');
      expect(codes((await storefrontTo('production')).body)).toEqual([
        'earlier-wave-not-deployed',
      ]);
      const paymentsFirst = await readiness({
        entityRef: PAYMENTS,
        version: '5.1.0',
        environment: 'production',
      });
      expect(codes(paymentsFirst.body)).toEqual(['environment-parity']);
      await deploy(PAYMENTS, 'staging', '5.1.0');
      expect(
        (
          await readiness({
            entityRef: PAYMENTS,
            version: '5.1.0',
            environment: 'production',
          })
        ).body.allowed,
      ).toBe(true);
      await deploy(PAYMENTS, 'production', '5.1.0');

      const res = await storefrontTo('production');
      expect(res.body).toMatchObject({
        allowed: true,
        reasons: [],
        train: { id: trainId, currentStage: 'deployment' },
      });

      // The same as a matrix: payments runs 5.1.0 in staging (after 5.0.0) and production.
      const matrix = await get(`/trains/${trainId}/environments`).set(
        'Authorization',
        asUser('alice'),
      );
      expect(matrix.status).toBe(200);
      expect(matrix.body.environments).toEqual(['staging', 'production']);
      const cells = Object.fromEntries(
        matrix.body.participants.map((p: any) => [
          p.entityRef,
          p.cells.map((c: any) => [
            c.environment,
            c.running?.version ?? null,
            c.atTarget,
          ]),
        ]),
      );
      expect(cells).toEqual({
        [STOREFRONT]: [
          ['staging', '2.0.0', true],
          ['production', null, false],
        ],
        [PAYMENTS]: [
          ['staging', '5.1.0', true],
          ['production', '5.1.0', true],
        ],
      });
      expect(
        (
          await get(
            '/trains/00000000-0000-4000-8000-000000000000/environments',
          ).set('Authorization', asUser('alice'))
        ).status,
      ).toBe(404);
    });
  });
});
