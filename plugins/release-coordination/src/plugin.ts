import { createCardExtension } from '@backstage/plugin-home-react';
import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import type { JSX } from 'react';
import { ReleaseCoordinationClient } from '@release-coordination/plugin-release-coordination-common';
import { releaseCoordinationApiRef } from './api';
import {
  approvalsRouteRef,
  cadencesRouteRef,
  calendarRouteRef,
  dictionaryRouteRef,
  rootRouteRef,
  scorecardsRouteRef,
  trainRouteRef,
} from './routes';

/**
 * The release-coordination frontend plugin for the legacy frontend system.
 *
 * @public
 */
export const releaseCoordinationPlugin = createPlugin({
  id: 'release-coordination',
  apis: [
    createApiFactory({
      api: releaseCoordinationApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ReleaseCoordinationClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
    train: trainRouteRef,
    approvals: approvalsRouteRef,
    scorecards: scorecardsRouteRef,
    calendar: calendarRouteRef,
    cadences: cadencesRouteRef,
    dictionary: dictionaryRouteRef,
  },
});

/**
 * The release-coordination page, for a `<Route path="/release-coordination">` of the app: the
 * trains, and each train under `trains/:trainId`.
 *
 * @public
 */
export const ReleaseCoordinationPage: () => JSX.Element = releaseCoordinationPlugin.provide(
  createRoutableExtension({
    name: 'ReleaseCoordinationPage',
    component: () => import('./components/Router').then(m => m.ReleaseCoordinationRouter),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The gates waiting for the signed-in user's groups, for a
 * `<Route path="/release-coordination/approvals">` of the app.
 *
 * @public
 */
export const ReleaseCoordinationApprovalsPage: () => JSX.Element = releaseCoordinationPlugin.provide(
  createRoutableExtension({
    name: 'ReleaseCoordinationApprovalsPage',
    component: () => import('./components/MyApprovals').then(m => m.MyApprovalsPage),
    mountPoint: approvalsRouteRef,
  }),
);

/**
 * The scorecards: what actually happened to releases, across trains and teams, for a
 * `<Route path="/release-coordination/scorecards">` of the app.
 *
 * @public
 */
export const ReleaseCoordinationScorecardsPage: () => JSX.Element = releaseCoordinationPlugin.provide(
  createRoutableExtension({
    name: 'ReleaseCoordinationScorecardsPage',
    component: () => import('./components/Scorecards').then(m => m.ScorecardsPage),
    mountPoint: scorecardsRouteRef,
  }),
);

/**
 * The release calendar: every train's stage windows across teams, the change freezes and the
 * collisions of plans, for a `<Route path="/release-coordination/calendar">` of the app.
 *
 * @public
 */
export const ReleaseCoordinationCalendarPage: () => JSX.Element = releaseCoordinationPlugin.provide(
  createRoutableExtension({
    name: 'ReleaseCoordinationCalendarPage',
    component: () => import('./components/ReleaseCalendar').then(m => m.ReleaseCalendarPage),
    mountPoint: calendarRouteRef,
  }),
);

/**
 * The release cadences: recurring series of trains with shared stage windows, the next train
 * pre-filled and the ambassador rotation, for a `<Route path="/release-coordination/cadences">`
 * of the app.
 *
 * @public
 */
export const ReleaseCoordinationCadencesPage: () => JSX.Element = releaseCoordinationPlugin.provide(
  createRoutableExtension({
    name: 'ReleaseCoordinationCadencesPage',
    component: () => import('./components/Cadences').then(m => m.CadencesPage),
    mountPoint: cadencesRouteRef,
  }),
);

/**
 * The release dictionary: terms, responsibilities and escalation paths, for a
 * `<Route path="/release-coordination/dictionary">` of the app. The plugin's links to
 * dictionary terms lead wherever the app mounts it.
 *
 * @public
 */
export const ReleaseCoordinationDictionaryPage: () => JSX.Element = releaseCoordinationPlugin.provide(
  createRoutableExtension({
    name: 'ReleaseCoordinationDictionaryPage',
    component: () => import('./components/DictionaryPage').then(m => m.DictionaryPage),
    mountPoint: dictionaryRouteRef,
  }),
);

/**
 * The Release trains tab of an entity page, for an `EntityLayout.Route` of Components and
 * Systems (see `isReleaseTrainsAvailable`).
 *
 * @public
 */
export const EntityReleaseTrainsContent: () => JSX.Element = releaseCoordinationPlugin.provide(
  createComponentExtension({
    name: 'EntityReleaseTrainsContent',
    component: {
      lazy: () =>
        import('./components/EntityReleaseTrains').then(m => m.EntityReleaseTrainsContent),
    },
  }),
);

/**
 * The entity's release train at a glance, for the overview of Component and System pages (see
 * `isReleaseTrainsAvailable`): its current train and stage, and the gates holding it.
 *
 * @public
 */
export const EntityReleaseTrainCard: () => JSX.Element = releaseCoordinationPlugin.provide(
  createComponentExtension({
    name: 'EntityReleaseTrainCard',
    component: {
      lazy: () => import('./components/EntityReleaseTrains').then(m => m.EntityReleaseTrainCard),
    },
  }),
);

/**
 * The Dependency matrix tab of an entity page, for an `EntityLayout.Route` of Components,
 * Resources, Systems, Domains and Groups (see `isDependencyMatrixAvailable`).
 *
 * @public
 */
export const EntityDependencyMatrixContent: () => JSX.Element = releaseCoordinationPlugin.provide(
  createComponentExtension({
    name: 'EntityDependencyMatrixContent',
    component: {
      lazy: () =>
        import('./components/DependencyMatrix').then(m => m.EntityDependencyMatrixContent),
    },
  }),
);

/**
 * The Ownership tab of an entity page, for an `EntityLayout.Route` of Components, Systems,
 * APIs and Groups (see `isOwnershipAvailable`).
 *
 * @public
 */
export const EntityOwnershipContent: () => JSX.Element = releaseCoordinationPlugin.provide(
  createComponentExtension({
    name: 'EntityOwnershipContent',
    component: {
      lazy: () => import('./components/Ownership').then(m => m.EntityOwnershipContent),
    },
  }),
);

/**
 * My approvals as a card of the home page (`@backstage/plugin-home`): the gates waiting for
 * the signed-in user's teams, with a link to the full page.
 *
 * @public
 */
export const HomePageMyApprovalsCard = releaseCoordinationPlugin.provide(
  createCardExtension({
    name: 'HomePageMyApprovalsCard',
    title: 'My approvals',
    components: () =>
      import('./components/MyApprovals').then(m => ({ Content: m.MyApprovalsHomeCardContent })),
  }),
);
