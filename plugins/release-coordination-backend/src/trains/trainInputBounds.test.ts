import { createTestDatabases } from '../__testUtils__/databases';
import {
  CHECKOUT_ORGANISATION,
  catalogUsers,
  withEntities,
  TestServer,
  asUser,
  checkoutTrain,
  createTrainThroughApi,
  decisionLog,
  expectRefusedAsBadInput,
  pluginRoutes,
  releaseManagerPolicy,
  startReleaseCoordinationBackend,
} from '../__testUtils__/testBackend';

/**
 * Strings longer than their column, or with control characters, are refused as bad input on
 * every engine alike: SQLite stores what PostgreSQL refuses with a 500, and neither may happen.
 */
describe('train input bounded by its columns, without control characters', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let server: TestServer;
    let trainId: string;
    const { get, post } = pluginRoutes(() => server);
    const admin = asUser('admin');
    const trains = async () => {
      const res = await get('/trains?limit=500').set('Authorization', admin);
      return res.body.items.map((train: { id: string; name: string; ambassadorRef: string }) => [
        train.id,
        train.name,
        train.ambassadorRef,
      ]);
    };
    const written = async () => ({
      trains: await trains(),
      decisions: (await decisionLog(server, trainId)).totalCount,
    });

    beforeAll(async () => {
      server = await startReleaseCoordinationBackend({
        organisation: withEntities(CHECKOUT_ORGANISATION, ...catalogUsers('alice', 'admin')),
        policy: releaseManagerPolicy(),
        knex: await databases.init(databaseId),
      });
      trainId = (await createTrainThroughApi(server, checkoutTrain('2026.12'), admin)).id;
    }, 120_000);

    // The column holds 255 characters.
    const longRef = `user:default/${'a'.repeat(300 - 'user:default/'.length)}`;
    const cases: [string, 'POST' | 'PATCH', () => string, () => object, RegExp][] = [
      ['create with a 300-character ambassadorRef', 'POST', () => '/trains',
        () => ({ ...checkoutTrain('2026.13'), ambassadorRef: longRef }),
        /ambassadorRef: must NOT have more than 255 characters/],
      ['create with a NUL in the name', 'POST', () => '/trains',
        () => checkoutTrain('2026\u000013'), /name: must hold text and no control characters/],
      ['create with a C1 character in the name', 'POST', () => '/trains',
        () => checkoutTrain('2026\u008513'), /name/],
      ['create with a line break in the name', 'POST', () => '/trains',
        () => checkoutTrain('2026\n13'), /name/],
      ['create with a 300-character participant', 'POST', () => '/trains',
        () => ({
          ...checkoutTrain('2026.13'),
          participants: [{ entityRef: `component:default/${'p'.repeat(290)}`, targetVersion: '1' }],
        }), /participants\.0\.entityRef/],
      ['rename with a NUL', 'PATCH', () => `/trains/${trainId}`,
        () => ({ name: 'Checkout\u0000' }), /name/],
      ['hand over to a 300-character ambassadorRef', 'PATCH', () => `/trains/${trainId}`,
        () => ({ ambassadorRef: longRef }), /ambassadorRef/],
      ['cancel with an escape in the reason', 'POST', () => `/trains/${trainId}/cancel`,
        () => ({ reason: 'Moved \u001b[31m' }), /reason/],
    ];

    it.each(cases)(
      '%s → 400 naming the field, nothing written',
      async (_name, method, path, body, field) => {
        await expectRefusedAsBadInput(
          server,
          { method, path: path(), body: body(), field, authorization: admin },
          written,
        );
      },
    );

    it('keeps line breaks and tabs in free text, and a name at its full length', async () => {
      const name = 'n'.repeat(200);
      const created = await post('/trains')
        .send({ ...checkoutTrain(name), objective: 'Ship checkout:\n\t- one click' })
        .set('Authorization', admin);
      expect(created.status).toBe(201);
      expect(created.body.name).toBe(name);
      expect(created.body.objective).toBe('Ship checkout:\n\t- one click');
      const cancelled = await post(`/trains/${created.body.id}/cancel`)
        .send({ reason: 'Superseded:\n\tsee 2027.01' })
        .set('Authorization', admin);
      expect(cancelled.status).toBe(200);
    });
  });
});
