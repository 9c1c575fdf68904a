/**
 * Release coordination for Backstage's new frontend system.
 *
 * @packageDocumentation
 */
import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { convertLegacyRouteRefs } from '@backstage/core-compat-api';
import { ReleaseCoordinationClient } from '@release-coordination/plugin-release-coordination-common';
import TrainIcon from '@material-ui/icons/Train';
import { releaseCoordinationApiRef } from './api';
import { rootRouteRef } from './routes';

const routes = convertLegacyRouteRefs({ root: rootRouteRef });

/** @alpha */
export const releaseCoordinationApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: releaseCoordinationApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ReleaseCoordinationClient({ discoveryApi, fetchApi }),
    }),
});

/** The trains page; the app's page layout supplies the header. @alpha */
export const releaseCoordinationPage = PageBlueprint.make({
  params: {
    path: '/release-coordination',
    title: 'Release trains',
    icon: <TrainIcon fontSize="inherit" />,
    routeRef: routes.root,
    loader: () => import('./components/TrainsPage').then(m => <m.TrainsPageContent />),
  },
});

/**
 * The release-coordination frontend plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'release-coordination',
  title: 'Release coordination',
  routes,
  extensions: [releaseCoordinationApi, releaseCoordinationPage],
});
