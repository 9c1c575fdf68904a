import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Derive the dependency graph from the catalog now, instead of waiting for the scheduled
 * refresh.
 *
 * @public
 */
export const dependenciesRefreshPermission = createPermission({
  name: 'release-coordination.dependencies.refresh',
  attributes: { action: 'update' },
});

/**
 * Every permission of the release-coordination plugins, for the permission registry and for
 * policies.
 *
 * @public
 */
export const releaseCoordinationPermissions = [dependenciesRefreshPermission];
