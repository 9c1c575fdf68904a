import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { AddressInfo } from 'node:net';
import {
  checkReportPermission,
  deploymentReportPermission,
  deployReadinessReadPermission,
  incidentReportPermission,
  indicatorReportPermission,
} from '@release-coordination/plugin-release-coordination-common';
import { ConfigData, PRODUCTION_RUN, loadAppConfig } from './__testUtils__/appConfig';

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

  it.each([['the demo', ['app-config.yaml']], ['the production run', PRODUCTION_RUN]])(
    "restricts CI's token to this plugin's reports and deploy readiness in %s",
    async (_, files) => {
      const config = await loadAppConfig(...files);
      const entries = config.getConfigArray('backend.auth.externalAccess');
      expect(entries).toHaveLength(1);
      expect(entries[0].get('accessRestrictions')).toEqual([
        {
          plugin: 'release-coordination',
          permission: [
            checkReportPermission.name,
            deploymentReportPermission.name,
            deployReadinessReadPermission.name,
            incidentReportPermission.name,
            indicatorReportPermission.name,
          ],
        },
      ]);
    },
  );

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
