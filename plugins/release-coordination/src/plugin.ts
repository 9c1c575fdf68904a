import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { ReleaseCoordinationClient } from '@release-coordination/plugin-release-coordination-common';
import { releaseCoordinationApiRef } from './api';
import { rootRouteRef } from './routes';

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
  },
});

/**
 * The release-coordination page, for a `<Route path="/release-coordination">` of the app.
 *
 * @public
 */
export const ReleaseCoordinationPage = releaseCoordinationPlugin.provide(
  createRoutableExtension({
    name: 'ReleaseCoordinationPage',
    component: () => import('./components/TrainsPage').then(m => m.TrainsPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The Dependency matrix tab of an entity page, for an `EntityLayout.Route` of Components,
 * Resources, Systems, Domains and Groups (see `isDependencyMatrixAvailable`).
 *
 * @public
 */
export const EntityDependencyMatrixContent = releaseCoordinationPlugin.provide(
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
export const EntityOwnershipContent = releaseCoordinationPlugin.provide(
  createComponentExtension({
    name: 'EntityOwnershipContent',
    component: {
      lazy: () => import('./components/Ownership').then(m => m.EntityOwnershipContent),
    },
  }),
);
