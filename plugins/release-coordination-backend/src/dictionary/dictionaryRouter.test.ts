import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import request from 'supertest';
import { releaseCoordinationPlugin } from '../plugin';

const API = '/api/release-coordination';

async function startBackend(dictionary?: unknown) {
  const { server } = await startTestBackend({
    features: [
      releaseCoordinationPlugin,
      mockServices.rootConfig.factory({
        data: dictionary === undefined ? {} : { releaseCoordination: { dictionary } },
      }),
      mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() }),
    ],
  });
  return server;
}

describe('dictionary route', () => {
  it('serves the built-in vocabulary to users and services, and 401 without credentials', async () => {
    const server = await startBackend();
    expect((await request(server).get(`${API}/dictionary`)).status).toBe(401);
    const forUser = await request(server)
      .get(`${API}/dictionary`)
      .set('Authorization', mockCredentials.user.header('user:default/alice'));
    expect(forUser.status).toBe(200);
    expect(forUser.body.terms.find((t: any) => t.id === 'waiver')).toMatchObject({
      term: 'Waiver',
      seeAlso: expect.arrayContaining(['gate']),
    });
    expect(forUser.body.responsibilities.length).toBeGreaterThan(0);
    expect(forUser.body.escalationPaths.length).toBeGreaterThan(0);
    const forService = await request(server)
      .get(`${API}/dictionary`)
      .set('Authorization', mockCredentials.service.header());
    expect(forService.status).toBe(200);
  });

  it('serves what app-config adds, with entity-ref contacts resolved', async () => {
    const server = await startBackend({
      terms: [{ id: 'freeze', term: 'Change freeze', definition: 'No deployments.' }],
      escalationPaths: [
        { name: 'Freeze exception', steps: [{ title: 'SRE', contact: 'group:default/sre' }] },
      ],
    });
    const res = await request(server)
      .get(`${API}/dictionary`)
      .set('Authorization', mockCredentials.user.header());
    expect(res.body.terms.find((t: any) => t.id === 'freeze')).toEqual({
      id: 'freeze',
      term: 'Change freeze',
      definition: 'No deployments.',
      aliases: [],
      seeAlso: [],
    });
    expect(res.body.escalationPaths.at(-1)).toEqual({
      name: 'Freeze exception',
      steps: [{ title: 'SRE', contact: 'group:default/sre', contactRef: 'group:default/sre' }],
    });
  });

  it('answers 400 naming an unknown query parameter', async () => {
    const server = await startBackend();
    const res = await request(server)
      .get(`${API}/dictionary?term=waiver`)
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/term/);
  });

  it('refuses to start with a broken dictionary, naming the mistakes', async () => {
    await expect(
      startBackend({ terms: [{ id: 'x', term: 'X', definition: 'Y', seeAlso: ['nowhere'] }] }),
    ).rejects.toThrow(/Term 'x' refers in seeAlso to unknown term 'nowhere'/);
  });
});
