import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { releaseCoordinationPlugin } from './plugin';
import { createTestDatabases } from './__testUtils__/databases';
import { checkAgainstDocument } from './__testUtils__/testBackend';

describe('release-coordination routes', () => {
  async function startBackend() {
    const { server } = await startTestBackend({
      features: [
        releaseCoordinationPlugin,
        mockServices.database.factory(),
        // As in a real backend: a request without a token carries no credentials.
        mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() }),
      ],
    });
    checkAgainstDocument(server);
    return server;
  }

  it('refuses requests without credentials (401)', async () => {
    const server = await startBackend();
    const response = await request(server).get('/api/release-coordination/trains');
    expect(response.status).toBe(401);
  });

  it('lists trains for a signed-in user', async () => {
    const server = await startBackend();
    const response = await request(server)
      .get('/api/release-coordination/trains')
      .set('Authorization', mockCredentials.user.header('user:default/alice'));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ items: [], totalCount: 0 });
  });

  it('lists trains for a service principal such as CI', async () => {
    const server = await startBackend();
    const response = await request(server)
      .get('/api/release-coordination/trains')
      .set('Authorization', mockCredentials.service.header());
    expect(response.status).toBe(200);
  });

  it.each([
    ['limit=0', /limit/],
    ['limit=abc', /limit/],
    ['offset=-1', /offset/],
    ['status=shipped', /status/],
    ['colour=blue', /colour/],
  ])('answers 400 naming the field for ?%s', async (query, field) => {
    const server = await startBackend();
    const response = await request(server)
      .get(`/api/release-coordination/trains?${query}`)
      .set('Authorization', mockCredentials.user.header());
    expect(response.status).toBe(400);
    expect(response.body.error.name).toBe('InputError');
    expect(response.body.error.message).toMatch(field);
  });
});

describe('text holding the NUL character', () => {
  const databases = createTestDatabases();

  // PostgreSQL cannot store U+0000 in text: these answered 500 there, found by fuzzing the API.
  it.each(databases.eachSupportedId())('is refused with 400 naming the field on %s', async id => {
    const { server } = await startTestBackend({
      features: [
        releaseCoordinationPlugin,
        mockServices.database.factory({ knex: await databases.init(id) }),
        mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() }),
      ],
    });
    checkAgainstDocument(server);
    const refused = async (req: request.Test, message: RegExp) => {
      const res = await req.set('Authorization', mockCredentials.user.header());
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ name: 'InputError' });
      expect(res.body.error.message).toMatch(message);
    };
    const api = '/api/release-coordination';

    await refused(
      request(server).get(`${api}/action-items?ownerRef=group:default/team%00pay`),
      /^Invalid request query: ownerRef: must not contain the NUL character/,
    );
    await refused(
      request(server)
        .post(`${api}/trains`)
        .send({
          name: 'Checkout\u0000',
          objective: 'Ship',
          ambassadorRef: 'user:default/alice',
          participants: [{ entityRef: 'component:default/payments', targetVersion: '1\u0000' }],
        }),
      // The document's patterns refuse control characters in request bodies first.
      /^Invalid request body: name: must hold text and no control characters.*; participants\.0\.targetVersion: must hold/,
    );
    await refused(
      request(server).get(`${api}/entity-trains?ref=component:default/pay%00ments`),
      /ref: must not contain the NUL character/,
    );
    await refused(
      request(server)
        .patch(`${api}/trains/${randomUUID()}/participants/component%3Adefault%2Fpay%00ments`)
        .send({ targetVersion: '1.0.0' }),
      /^Invalid request path: must not contain the NUL character/,
    );
  });
});
