import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { demoModeRefusal } from './demoMode';

/** The CI token app-config.yaml falls back to when `RELEASE_COORDINATION_CI_TOKEN` is unset. */
export const DEMO_CI_TOKEN = 'demo-ci-token-change-me';

/** The shortest static token accepted outside development: 32 characters. */
export const MIN_PRODUCTION_TOKEN_LENGTH = 32;

/**
 * What is wrong with the static external access tokens of `backend.auth.externalAccess` for a
 * backend that is not a development one (see {@link demoModeRefusal}: `NODE_ENV` other than
 * development/test, or an `auth.environment` other than development, dev, local or test):
 * the demo's placeholder, or any token shorter than {@link MIN_PRODUCTION_TOKEN_LENGTH}
 * characters. Empty in development, where the placeholder is what the demo runs with.
 */
export function ciTokenProblems(
  config: Config,
  options: { nodeEnv: string | undefined } = { nodeEnv: process.env.NODE_ENV },
): string[] {
  if (!demoModeRefusal(config, options)) return [];
  const entries = config.getOptionalConfigArray('backend.auth.externalAccess') ?? [];
  return entries.flatMap((entry, index) => {
    if (entry.getOptionalString('type') !== 'static') return [];
    const subject = entry.getOptionalString('options.subject') ?? '(no subject)';
    const where = `backend.auth.externalAccess[${index}] (subject ${subject})`;
    const token = entry.getOptionalString('options.token');
    if (token === undefined) return [`${where} has no token`];
    if (token === DEMO_CI_TOKEN) return [`${where} uses the demo's placeholder token`];
    if (token.length < MIN_PRODUCTION_TOKEN_LENGTH) {
      return [
        `${where} has a token of ${token.length} characters; at least ` +
          `${MIN_PRODUCTION_TOKEN_LENGTH} are needed`,
      ];
    }
    return [];
  });
}

/**
 * Refuses to start a production backend whose CI token is guessable: the placeholder of
 * app-config.yaml (production runs with that file underneath, and the placeholder is a public
 * string) or a short token. Registered with the release-coordination plugin, whose reports the
 * token is for, so that the plugin, and with it the backend, fails to start.
 */
export default createBackendModule({
  pluginId: 'release-coordination',
  moduleId: 'ci-token-guard',
  register(reg) {
    reg.registerInit({
      deps: { config: coreServices.rootConfig },
      async init({ config }) {
        const problems = ciTokenProblems(config);
        if (problems.length > 0) {
          throw new Error(
            `Refusing to start outside development with a guessable CI token: ` +
              `${problems.join('; ')}. Set RELEASE_COORDINATION_CI_TOKEN to a random string ` +
              `of at least ${MIN_PRODUCTION_TOKEN_LENGTH} characters, e.g. ` +
              '`openssl rand -hex 24`.',
          );
        }
      },
    });
  },
});
