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
import { compatibilityState } from './compatibilityMatrix';

const STOREFRONT = 'component:default/storefront';
const PAYMENTS = 'component:default/payments';

describe('compatibilityState', () => {
  const against = (version: string) => ({ entityRef: PAYMENTS, version });
  it('is decided by the newest report against the target version', () => {
    expect(compatibilityState([], '5.1.0')).toBe('untested');
    expect(
      compatibilityState(
        [{ status: 'passed', against: against('5.0.0') }],
        '5.1.0',
      ),
    ).toBe('other-version');
    expect(
      compatibilityState(
        [
          { status: 'failed', against: against('5.1.0') },
          { status: 'passed', against: against('5.1.0') },
        ],
        '5.1.0',
      ),
    ).toBe('failed');
    expect(
      compatibilityState(
        [
          { status: 'passed', against: against('5.1.0') },
          { status: 'failed', against: against('5.0.0') },
        ],
        '5.1.0',
      ),
    ).toBe('tested');
  });
});

describe('GET /trains/:trainId/compatibility (real catalog and check reports)', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let server: TestServer;
    let trainId: string;
    const { get, post } = pluginRoutes(() => server);
    const report = (body: object) =>
      post(`/trains/${trainId}/checks`).send(body).set('Authorization', CI);
    const matrix = async () => {
      const res = await get(`/trains/${trainId}/compatibility`).set(
        'Authorization',
        asUser('alice'),
      );
      expect(res.status).toBe(200);
      return res.body;
    };

    beforeAll(async () => {
      server = await startReleaseCoordinationBackend({
        organisation: withEntities(
          CHECKOUT_ORGANISATION,
          ...catalogUsers('alice'),
        ),
        policy: releaseManagerPolicy(),
        knex: await databases.init(databaseId),
      });
      // storefront 2.0.0 depends on payments 5.1.0.
      trainId = (
        await createTrainThroughApi(
          server,
          checkoutTrain('2026.12'),
          asUser('alice'),
        )
      ).id;
    }, 120_000);

    it('shows the edge among participants as untested until a report names the counterpart', async () => {
      // A report without a counterpart is no evidence for the pair.
      expect(
        (
          await report({
            participantRef: STOREFRONT,
            checkName: 'unit',
            status: 'passed',
            idempotencyKey: 'u-1',
          })
        ).status,
      ).toBe(200);
      expect(await matrix()).toEqual({
        pairs: [
          {
            from: STOREFRONT,
            to: PAYMENTS,
            fromVersion: '2.0.0',
            toVersion: '5.1.0',
            via: ['dependsOn'],
            state: 'untested',
            evidence: [],
          },
        ],
        gapCount: 1,
      });
    });

    it('tracks contract tests against other versions, a failure, then a pass at the target version', async () => {
      const contract = (key: string, version: string, status: string) =>
        report({
          participantRef: STOREFRONT,
          checkName: 'contract-tests',
          status,
          evidenceUrl: `https://ci.example.com/runs/${key}`,
          against: { entityRef: 'component:payments', version },
          idempotencyKey: key,
        });
      const stored = await contract('c-1', '5.0.0', 'passed');
      expect(stored.status).toBe(200);
      // Refs are stored normalised, and the counterpart is part of the stored result.
      expect(stored.body.against).toEqual({
        entityRef: PAYMENTS,
        version: '5.0.0',
      });
      expect((await matrix()).pairs[0].state).toBe('other-version');

      expect((await contract('c-2', '5.1.0', 'failed')).status).toBe(200);
      expect((await matrix()).pairs[0]).toMatchObject({ state: 'failed' });

      expect((await contract('c-3', '5.1.0', 'passed')).status).toBe(200);
      const after = await matrix();
      expect(after.gapCount).toBe(0);
      expect(after.pairs[0].state).toBe('tested');
      expect(
        after.pairs[0].evidence.map((e: any) => [e.againstVersion, e.status]),
      ).toEqual([
        ['5.1.0', 'passed'],
        ['5.1.0', 'failed'],
        ['5.0.0', 'passed'],
      ]);
    });

    it('treats the same key with another counterpart as another report (409), and validates it', async () => {
      const conflicting = await report({
        participantRef: STOREFRONT,
        checkName: 'contract-tests',
        status: 'passed',
        evidenceUrl: 'https://ci.example.com/runs/c-3',
        against: { entityRef: PAYMENTS, version: '9.9.9' },
        idempotencyKey: 'c-3',
      });
      expect(conflicting.status).toBe(409);
      const bad = await report({
        participantRef: STOREFRONT,
        checkName: 'contract-tests',
        status: 'passed',
        against: { entityRef: PAYMENTS },
        idempotencyKey: 'c-4',
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/against/);
      expect((await matrix()).pairs[0].evidence).toHaveLength(3);
    });

    it('is a 404 for an unknown train', async () => {
      const res = await get(
        '/trains/00000000-0000-4000-8000-000000000000/compatibility',
      ).set('Authorization', asUser('alice'));
      expect(res.status).toBe(404);
    });
  });
});
