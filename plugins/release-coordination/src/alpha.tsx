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
  SubPageBlueprint,
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
import EventIcon from '@material-ui/icons/Event';
import RepeatIcon from '@material-ui/icons/Repeat';
import { releaseCoordinationApiRef } from './api';
import {
  isDependencyMatrixAvailable,
  isOwnershipAvailable,
  isReleaseTrainsAvailable,
} from './filters';
import {
  approvalsRouteRef,
  cadencesRouteRef,
  calendarRouteRef,
  dictionaryRouteRef,
  rootRouteRef,
  scorecardsRouteRef,
  trainRouteRef,
} from './routes';
import { releaseCoordinationTranslationRef } from './translations';

const routes = convertLegacyRouteRefs({
  root: rootRouteRef,
  train: trainRouteRef,
  approvals: approvalsRouteRef,
  scorecards: scorecardsRouteRef,
  calendar: calendarRouteRef,
  cadences: cadencesRouteRef,
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
 * The plugin's page, `/release-coordination`: one header for the plugin, with its sub-pages as
 * tabs. Its index leads to the first tab, the trains.
 *
 * @alpha
 */
export const releaseCoordinationPage = PageBlueprint.make({
  params: {
    path: '/release-coordination',
    title: releaseCoordinationTranslationRef('pages.root'),
    icon: <TrainIcon fontSize="inherit" />,
    routeRef: routes.root,
  },
});

/**
 * The trains tab, `/release-coordination/trains`, with each train under `trains/:trainId`.
 *
 * @alpha
 */
export const releaseCoordinationTrainsSubPage = SubPageBlueprint.make({
  name: 'trains',
  params: {
    path: 'trains',
    title: releaseCoordinationTranslationRef('pages.trains'),
    icon: <TrainIcon fontSize="inherit" />,
    loader: () => import('./components/Router').then(m => <m.TrainsSubPageContent />),
  },
});

/**
 * My approvals: the gates waiting for the signed-in user's groups.
 *
 * @alpha
 */
export const releaseCoordinationApprovalsSubPage = SubPageBlueprint.make({
  name: 'approvals',
  params: {
    path: 'approvals',
    title: releaseCoordinationTranslationRef('pages.approvals'),
    icon: <HowToVoteIcon fontSize="inherit" />,
    routeRef: routes.approvals,
    loader: () => import('./components/Router').then(m => <m.ApprovalsSubPageContent />),
  },
});

/**
 * The release calendar: every train's stage windows across teams, the change freezes and the
 * collisions of plans; period and filters live in the query string.
 *
 * @alpha
 */
export const releaseCoordinationCalendarSubPage = SubPageBlueprint.make({
  name: 'calendar',
  params: {
    path: 'calendar',
    title: releaseCoordinationTranslationRef('pages.calendar'),
    icon: <EventIcon fontSize="inherit" />,
    routeRef: routes.calendar,
    loader: () => import('./components/Router').then(m => <m.CalendarSubPageContent />),
  },
});

/**
 * The release cadences: recurring series of trains with shared stage windows, the next train
 * pre-filled and the ambassador rotation; the cadence shown lives in the query string.
 *
 * @alpha
 */
export const releaseCoordinationCadencesSubPage = SubPageBlueprint.make({
  name: 'cadences',
  params: {
    path: 'cadences',
    title: releaseCoordinationTranslationRef('pages.cadences'),
    icon: <RepeatIcon fontSize="inherit" />,
    routeRef: routes.cadences,
    loader: () => import('./components/Router').then(m => <m.CadencesSubPageContent />),
  },
});

/**
 * The scorecards: metrics of the organisation, a team or a train over a period, with
 * drill-down; scope and period live in the query string.
 *
 * @alpha
 */
export const releaseCoordinationScorecardsSubPage = SubPageBlueprint.make({
  name: 'scorecards',
  params: {
    path: 'scorecards',
    title: releaseCoordinationTranslationRef('pages.scorecards'),
    icon: <AssessmentIcon fontSize="inherit" />,
    routeRef: routes.scorecards,
    loader: () => import('./components/Router').then(m => <m.ScorecardsSubPageContent />),
  },
});

/**
 * The release dictionary: terms, responsibilities and escalation paths; dictionary links in
 * the plugin's pages lead to it.
 *
 * @alpha
 */
export const releaseCoordinationDictionarySubPage = SubPageBlueprint.make({
  name: 'dictionary',
  params: {
    path: 'dictionary',
    title: releaseCoordinationTranslationRef('pages.dictionary'),
    icon: <MenuBookIcon fontSize="inherit" />,
    routeRef: routes.dictionary,
    loader: () => import('./components/Router').then(m => <m.DictionarySubPageContent />),
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
    title: releaseCoordinationTranslationRef('pages.entityReleaseTrains'),
    group: 'deployment',
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
    title: releaseCoordinationTranslationRef('pages.entityDependencyMatrix'),
    group: 'deployment',
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
    title: releaseCoordinationTranslationRef('pages.entityOwnership'),
    group: 'deployment',
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

export { releaseCoordinationTranslationRef };

/**
 * The release-coordination frontend plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'release-coordination',
  title: 'Release coordination',
  icon: <TrainIcon fontSize="inherit" />,
  routes,
  extensions: [
    releaseCoordinationApi,
    releaseCoordinationPage,
    releaseCoordinationTrainsSubPage,
    releaseCoordinationApprovalsSubPage,
    releaseCoordinationCalendarSubPage,
    releaseCoordinationCadencesSubPage,
    releaseCoordinationScorecardsSubPage,
    releaseCoordinationDictionarySubPage,
    entityReleaseTrainsContent,
    entityReleaseTrainCard,
    entityDependencyMatrixContent,
    entityOwnershipContent,
    myApprovalsHomePageWidget,
  ],
});
