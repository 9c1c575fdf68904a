import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { AddressInfo } from 'node:net';
import demoSignIn, { DEMO_USER_HEADER } from './demoSignIn';

/** Asks the demo provider for a session as alice, with the provider configured, in `environment`. */
async function refreshAsAlice(environment: string) {
  const { server } = await startTestBackend({
    features: [
      import('@backstage/plugin-auth-backend'),
      demoSignIn,
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          auth: { environment, providers: { demo: {} } },
        },
      }),
    ],
  });
  const { port } = server.address() as AddressInfo;
  const response = await fetch(`http://localhost:${port}/api/auth/demo/refresh`, {
    headers: { [DEMO_USER_HEADER]: 'alice' },
  });
  return { status: response.status, body: await response.json() };
}

describe('demo sign-in', () => {
  it('is offered in development', async () => {
    const response = await refreshAsAlice('development');
    // The provider answers: it looks the user up in the catalog, which this backend lacks.
    expect(response.body.error.message).toBe('User not found');
  });

  it.each(['production', 'prod', 'Production', 'staging'])(
    'is never offered with auth.environment %s, even when app-config enables it',
    async environment => {
      const response = await refreshAsAlice(environment);
      expect(response.status).toBe(404);
      expect(response.body.error.message).toMatch(/Unknown auth provider 'demo'/);
    },
  );

  it('is never offered by a backend outside development mode', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    try {
      const response = await refreshAsAlice('development');
      expect(response.status).toBe(404);
      expect(response.body.error.message).toMatch(/Unknown auth provider 'demo'/);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
