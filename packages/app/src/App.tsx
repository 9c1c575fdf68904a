import { createApp } from '@backstage/frontend-defaults';
import apiDocsPlugin from '@backstage/plugin-api-docs/alpha';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import catalogGraphPlugin from '@backstage/plugin-catalog-graph/alpha';
import homePlugin from '@backstage/plugin-home/alpha';
import notificationsPlugin from '@backstage/plugin-notifications/alpha';
import orgPlugin from '@backstage/plugin-org/alpha';
import signalsPlugin from '@backstage/plugin-signals/alpha';
import userSettingsPlugin from '@backstage/plugin-user-settings/alpha';
import releaseCoordinationPlugin from '@release-coordination/plugin-release-coordination/alpha';
import { navModule } from './modules/nav';
import { signInModule } from './modules/signIn';

/**
 * The demo portal: the catalog and its companions, a home page with the "My approvals" widget,
 * plus release coordination.
 */
export default createApp({
  features: [
    catalogPlugin,
    orgPlugin,
    apiDocsPlugin,
    catalogGraphPlugin,
    homePlugin,
    notificationsPlugin,
    signalsPlugin,
    userSettingsPlugin,
    releaseCoordinationPlugin,
    navModule,
    signInModule,
  ],
});
