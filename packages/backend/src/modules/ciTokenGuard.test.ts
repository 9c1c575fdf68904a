import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import ciTokenGuard, { DEMO_CI_TOKEN, ciTokenProblems } from './ciTokenGuard';

const STRONG_TOKEN = 'a'.repeat(48);

function withCiToken(token: string | undefined, environment: string) {
  return {
    auth: { environment },
    backend: {
      auth: {
        externalAccess: [
          { type: 'static', options: { ...(token ? { token } : {}), subject: 'ci' } },
        ],
      },
    },
  };
}

const inDevelopment = { nodeEnv: 'development' };

describe('the CI token guard', () => {
  it.each(['production', 'prod', 'Production', 'staging'])(
    "refuses the demo's placeholder and short tokens with auth.environment %s",
    environment => {
      expect(
        ciTokenProblems(new ConfigReader(withCiToken(DEMO_CI_TOKEN, environment)), inDevelopment),
      ).toEqual(["backend.auth.externalAccess[0] (subject ci) uses the demo's placeholder token"]);
      expect(
        ciTokenProblems(new ConfigReader(withCiToken('x'.repeat(31), environment)), inDevelopment),
      ).toEqual([
        'backend.auth.externalAccess[0] (subject ci) has a token of 31 characters; ' +
          'at least 32 are needed',
      ]);
      expect(
        ciTokenProblems(new ConfigReader(withCiToken(undefined, environment)), inDevelopment),
      ).toEqual(['backend.auth.externalAccess[0] (subject ci) has no token']);
    },
  );

  it('refuses the placeholder under NODE_ENV production, whatever auth.environment says', () => {
    const config = new ConfigReader(withCiToken(DEMO_CI_TOKEN, 'development'));
    expect(ciTokenProblems(config, { nodeEnv: 'production' })).toHaveLength(1);
  });

  it('accepts a token of 32 characters or more in production', () => {
    for (const token of ['y'.repeat(32), STRONG_TOKEN]) {
      const config = new ConfigReader(withCiToken(token, 'production'));
      expect(ciTokenProblems(config, { nodeEnv: 'production' })).toEqual([]);
    }
  });

  it('lets the demo run with its placeholder in development', () => {
    const config = new ConfigReader(withCiToken(DEMO_CI_TOKEN, 'development'));
    expect(ciTokenProblems(config, inDevelopment)).toEqual([]);
  });

  describe('at startup', () => {
    // Stands in for the release-coordination plugin, which the guard is a module of.
    const releaseCoordination = createBackendPlugin({
      pluginId: 'release-coordination',
      register(env) {
        env.registerInit({ deps: {}, async init() {} });
      },
    });

    const start = (data: ReturnType<typeof withCiToken>) =>
      startTestBackend({
        features: [
          releaseCoordination,
          ciTokenGuard,
          mockServices.rootConfig.factory({ data }),
        ],
      });

    it('stops a production backend with the placeholder token, saying what to do', async () => {
      const refusal = start(withCiToken(DEMO_CI_TOKEN, 'production'));
      await expect(refusal).rejects.toThrow(
        /Refusing to start outside development with a guessable CI token: .*placeholder/,
      );
      await expect(refusal).rejects.toThrow(/Set RELEASE_COORDINATION_CI_TOKEN to a random string/);
    });

    it('starts a production backend with a strong token', async () => {
      const started = start(withCiToken(STRONG_TOKEN, 'production'));
      await expect(started).resolves.toBeDefined();
      await (await started).stop();
    });
  });
});
