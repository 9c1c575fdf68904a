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
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { ReleaseCoordinationClient } from '@release-coordination/plugin-release-coordination-common';
import TrainIcon from '@material-ui/icons/Train';
import HowToVoteIcon from '@material-ui/icons/HowToVote';
import AssessmentIcon from '@material-ui/icons/Assessment';
import MenuBookIcon from '@material-ui/icons/MenuBook';
import { releaseCoordinationApiRef } from './api';
import {
  isDependencyMatrixAvailable,
  isOwnershipAvailable,
  isReleaseTrainsAvailable,
} from './filters';
import {
  approvalsRouteRef,
  dictionaryRouteRef,
  rootRouteRef,
  scorecardsRouteRef,
  trainRouteRef,
} from './routes';

const routes = convertLegacyRouteRefs({
  root: rootRouteRef,
  train: trainRouteRef,
  approvals: approvalsRouteRef,
  scorecards: scorecardsRouteRef,
  dictionary: dictionaryRouteRef,
});

/**
 * The release-coordination API (`releaseCoordinationApiRef`) for the new frontend system: the
 * client of the plugin's backend, through the app's discovery and fetch APIs.
 *
 * @alpha
 */
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
 * The scorecards: metrics of the organisation, a team or a train over a period, with
 * drill-down. Its title and icon make its navigation item.
 *
 * @alpha
 */
export const releaseCoordinationScorecardsPage = PageBlueprint.make({
  name: 'scorecards',
  params: {
    path: '/release-coordination/scorecards',
    title: 'Scorecards',
    icon: <AssessmentIcon fontSize="inherit" />,
    routeRef: routes.scorecards,
    loader: () => import('./components/Scorecards').then(m => <m.ScorecardsPageContent />),
  },
});

/**
 * The release dictionary: terms, responsibilities and escalation paths. Its title and icon
 * make its navigation item; dictionary links in the plugin's pages lead to it.
 *
 * @alpha
 */
export const releaseCoordinationDictionaryPage = PageBlueprint.make({
  name: 'dictionary',
  params: {
    path: '/release-coordination/dictionary',
    title: 'Release dictionary',
    icon: <MenuBookIcon fontSize="inherit" />,
    routeRef: routes.dictionary,
    loader: () => import('./components/DictionaryPage').then(m => <m.DictionaryPageContent />),
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
 * The entity's release train at a glance on the overview of Component and System pages: its
 * current train and stage, and the gates holding it.
 *
 * @alpha
 */
export const entityReleaseTrainCard = EntityCardBlueprint.make({
  name: 'release-train',
  params: {
    // Beside "About", where it is seen without scrolling, not below the relations.
    type: 'info',
    filter: isReleaseTrainsAvailable,
    loader: () =>
      import('./components/EntityReleaseTrains').then(m => <m.EntityReleaseTrainCard />),
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
 * My approvals as a widget of the home page: the gates waiting for the signed-in user's
 * teams, with a link to the full page.
 *
 * @alpha
 */
export const myApprovalsHomePageWidget = HomePageWidgetBlueprint.make({
  name: 'my-approvals',
  params: {
    title: 'My approvals',
    description: 'Release gates waiting for a decision of your teams',
    components: () =>
      import('./components/MyApprovals').then(m => ({ Content: m.MyApprovalsHomeCardContent })),
  },
});

export { releaseCoordinationTranslationRef } from './translations';

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
    releaseCoordinationScorecardsPage,
    releaseCoordinationDictionaryPage,
    entityReleaseTrainsContent,
    entityReleaseTrainCard,
    entityDependencyMatrixContent,
    entityOwnershipContent,
    myApprovalsHomePageWidget,
  ],
});
