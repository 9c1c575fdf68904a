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
import HowToVoteIcon from '@material-ui/icons/HowToVote';
import { releaseCoordinationApiRef } from './api';
import {
  isDependencyMatrixAvailable,
  isOwnershipAvailable,
  isReleaseTrainsAvailable,
} from './filters';
import { approvalsRouteRef, rootRouteRef, trainRouteRef } from './routes';

const routes = convertLegacyRouteRefs({
  root: rootRouteRef,
  train: trainRouteRef,
  approvals: approvalsRouteRef,
});

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

/**
 * The trains page, with each train under `trains/:trainId`; the app's page layout supplies the
 * header.
 *
 * @alpha
 */
export const releaseCoordinationPage = PageBlueprint.make({
  params: {
    path: '/release-coordination',
    title: 'Release trains',
    icon: <TrainIcon fontSize="inherit" />,
    routeRef: routes.root,
    loader: () =>
      import('./components/Router').then(m => <m.ReleaseCoordinationRouterContent />),
  },
});

/**
 * My approvals: the gates waiting for the signed-in user's groups. Its title and icon make its
 * navigation item.
 *
 * @alpha
 */
export const releaseCoordinationApprovalsPage = PageBlueprint.make({
  name: 'approvals',
  params: {
    path: '/release-coordination/approvals',
    title: 'My approvals',
    icon: <HowToVoteIcon fontSize="inherit" />,
    routeRef: routes.approvals,
    loader: () => import('./components/MyApprovals').then(m => <m.MyApprovalsPageContent />),
  },
});

/**
 * The Release trains tab of Component and System pages.
 *
 * @alpha
 */
export const entityReleaseTrainsContent = EntityContentBlueprint.make({
  name: 'release-trains',
  params: {
    path: '/release-trains',
    title: 'Release trains',
    filter: isReleaseTrainsAvailable,
    loader: () =>
      import('./components/EntityReleaseTrains').then(m => <m.EntityReleaseTrainsContent />),
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
    releaseCoordinationApprovalsPage,
    entityReleaseTrainsContent,
    entityDependencyMatrixContent,
    entityOwnershipContent,
  ],
});
