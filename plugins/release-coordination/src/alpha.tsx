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
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { ReleaseCoordinationClient } from '@release-coordination/plugin-release-coordination-common';
import TrainIcon from '@material-ui/icons/Train';
import { releaseCoordinationApiRef } from './api';
import { isDependencyMatrixAvailable, isOwnershipAvailable } from './filters';
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
 * The Dependency matrix tab of Component, Resource, System, Domain and Group pages.
 *
 * @alpha
 */
export const entityDependencyMatrixContent = EntityContentBlueprint.make({
  name: 'dependency-matrix',
  params: {
    path: '/dependency-matrix',
    title: 'Dependency matrix',
    filter: isDependencyMatrixAvailable,
    loader: () =>
      import('./components/DependencyMatrix').then(m => <m.EntityDependencyMatrixContent />),
  },
});

/**
 * The Ownership tab of Component, System, API and Group pages.
 *
 * @alpha
 */
export const entityOwnershipContent = EntityContentBlueprint.make({
  name: 'ownership',
  params: {
    path: '/ownership',
    title: 'Ownership',
    filter: isOwnershipAvailable,
    loader: () => import('./components/Ownership').then(m => <m.EntityOwnershipContent />),
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
  extensions: [
    releaseCoordinationApi,
    releaseCoordinationPage,
    entityDependencyMatrixContent,
    entityOwnershipContent,
  ],
});
