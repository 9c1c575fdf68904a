import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { rootConfigServiceFactory } from '@backstage/backend-defaults/rootConfig';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Config } from '@backstage/config';
import { resolve } from 'node:path';

const REPO_ROOT = resolve(__dirname, '../../../..');

/** Configuration data as a test backend's root config takes it. */
export type ConfigData = NonNullable<
  NonNullable<Parameters<typeof mockServices.rootConfig.factory>[0]>['data']
>;

/** The files of the documented production run, in the order it passes them. */
export const PRODUCTION_RUN = ['app-config.yaml', 'app-config.production.yaml'];

/**
 * The configuration a backend started with `--config` for each of `files` (from the repository
 * root) reads, loaded by Backstage's own root config service, as the documented runs load it:
 * environment variables substituted, later files layered over earlier ones.
 */
export async function loadAppConfig(...files: string[]): Promise<Config> {
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
  const configArgs = files.flatMap(file => ['--config', resolve(REPO_ROOT, file)]);
  const argv = ['node', 'backend', ...configArgs];
  const backend = await startTestBackend({
    features: [reader, rootConfigServiceFactory({ argv, watch: false })],
  });
  await backend.stop();
  return loaded!;
}
