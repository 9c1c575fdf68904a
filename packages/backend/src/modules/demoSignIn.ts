import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { AuthenticationError, InputError } from '@backstage/errors';
import {
  authProvidersExtensionPoint,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';
import { demoModeRefusal } from './demoMode';

/** The request header through which the demo sign-in page says whom to act as. */
export const DEMO_USER_HEADER = 'x-demo-user';

interface DemoSignInResult {
  userName: string;
}

/**
 * Signs a person in as any User of the demo organisation, chosen on the sign-in page, so that
 * "owners approve gates" can be tried with members of different teams in one browser.
 *
 * This trusts the browser completely, which is only acceptable for a local demo: the provider
 * is enabled only when `auth.providers.demo` is present in app-config (it is in
 * app-config.yaml, and app-config.production.yaml removes it), and never registered unless the
 * backend runs in development mode with a development `auth.environment` (see
 * {@link demoModeRefusal}): a production configuration that forgot to remove it, or spelled its
 * environment `prod`, still gets no demo sign-in.
 */
const demoAuthenticator = createProxyAuthenticator<unknown, DemoSignInResult, undefined>({
  defaultProfileTransform: async result => ({
    profile: { displayName: result.userName },
  }),
  initialize() {
    return undefined;
  },
  async authenticate({ req }) {
    const userName = req.header(DEMO_USER_HEADER);
    if (!userName) {
      throw new AuthenticationError(`Missing ${DEMO_USER_HEADER} header`);
    }
    if (!/^[a-z0-9][a-z0-9._-]*$/i.test(userName)) {
      throw new InputError(`Invalid demo user name '${userName}'`);
    }
    return { result: { userName } };
  },
});

export default createBackendModule({
  pluginId: 'auth',
  moduleId: 'demo-sign-in',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ providers, config, logger }) {
        const refusal = demoModeRefusal(config);
        if (refusal) {
          logger.warn(`The demo sign-in provider is not offered: ${refusal}`);
          return;
        }
        if (!config.has('auth.providers.demo')) return;
        logger.warn(
          'DEMO SIGN-IN IS ON: anyone who can reach this backend can sign in as any user of ' +
            'the catalog. Never run this configuration anywhere but on your own machine.',
        );
        providers.registerProvider({
          providerId: 'demo',
          factory: createProxyAuthProviderFactory({
            authenticator: demoAuthenticator,
            // The user must exist in the catalog: their Group memberships become their
            // ownership refs, which is what gate approvals are checked against.
            async signInResolver({ result }, ctx) {
              return ctx.signInWithCatalogUser({
                entityRef: { kind: 'User', namespace: 'default', name: result.userName },
              });
            },
          }),
        });
      },
    });
  },
});
