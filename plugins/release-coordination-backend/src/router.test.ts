import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import request from 'supertest';
import { releaseCoordinationPlugin } from './plugin';
import { checkAgainstDocument } from './testing/testBackend';

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
