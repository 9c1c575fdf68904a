import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { rootConfigServiceFactory } from '@backstage/backend-defaults/rootConfig';
import { Config } from '@backstage/config';
import { AddressInfo } from 'node:net';
import { resolve } from 'node:path';

const REPO_ROOT = resolve(__dirname, '../../..');

type ConfigData = NonNullable<
  NonNullable<Parameters<typeof mockServices.rootConfig.factory>[0]>['data']
>;

/** The files of the documented production run, in the order it passes them. */
const PRODUCTION_RUN = ['app-config.yaml', 'app-config.production.yaml'];

/** A backend's command line with `--config` for each of `files`, from the repository root. */
function argvFor(files: string[]): string[] {
  return ['node', 'backend', ...files.flatMap(file => ['--config', resolve(REPO_ROOT, file)])];
}

/**
 * The configuration a backend started with `--config` for each of `files` (from the repository
 * root) reads, loaded by Backstage's own root config service, as the documented runs load it.
 */
async function loadAppConfig(...files: string[]): Promise<Config> {
  let loaded: Config | undefined;
  const reader = createBackendPlugin({
    pluginId: 'config-reader',
    register(env) {
      env.registerInit({
        deps: { config: coreServices.rootConfig },
        async init({ config }) {
          loaded = config;
        },
      });
    },
  });
  const backend = await startTestBackend({
    features: [reader, rootConfigServiceFactory({ argv: argvFor(files), watch: false })],
  });
  await backend.stop();
  return loaded!;
}

describe('app-config', () => {
  it('offers the guest and demo sign-in for the demo', async () => {
    const config = await loadAppConfig('app-config.yaml');
    expect(config.getConfig('auth.providers').keys().sort()).toEqual(['demo', 'guest']);
  });

  it('offers no guest or demo sign-in in the production run over the demo config', async () => {
    const config = await loadAppConfig(...PRODUCTION_RUN);
    expect(config.getOptionalConfig('auth.providers')?.keys() ?? []).toEqual([]);
    expect(config.has('auth.providers.guest')).toBe(false);
    expect(config.has('auth.providers.demo')).toBe(false);
    expect(config.getString('auth.environment')).toBe('production');
  });

  it('has no guest sign-in in an auth backend started with the production run config', async () => {
    const data = (await loadAppConfig(...PRODUCTION_RUN)).get<ConfigData>();
    const { server } = await startTestBackend({
      features: [
        import('@backstage/plugin-auth-backend'),
        import('@backstage/plugin-auth-backend-module-guest-provider'),
        // The production database is PostgreSQL from the environment; an embedded one will do.
        mockServices.rootConfig.factory({
          data: {
            ...data,
            backend: {
              ...(data.backend as ConfigData),
              database: { client: 'better-sqlite3', connection: ':memory:' },
            },
          },
        }),
      ],
    });
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://localhost:${port}/api/auth/guest/refresh`);
    expect(response.status).toBe(404);
    const { error } = await response.json();
    expect(error.message).toMatch(/No auth provider registered for 'guest'/);
  });

  it('runs production with permissions on, a slower refresh and no demo data', async () => {
    const config = await loadAppConfig(...PRODUCTION_RUN);
    expect(config.getBoolean('permission.enabled')).toBe(true);
    // Durations merge key by key: the production file must use the demo file's units, or the
    // two would add up (`{ minutes: 1, hours: 1 }`).
    expect(config.get('releaseCoordination.dependencies.refresh')).toEqual({
      frequency: { minutes: 10 },
      timeout: { minutes: 5 },
      initialDelay: { seconds: 60 },
    });
    expect(config.getOptionalBoolean('releaseCoordinationDemo.history.seed')).toBe(false);
  });
});
