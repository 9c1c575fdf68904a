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
 * Create a release train.
 *
 * @public
 */
export const trainCreatePermission = createPermission({
  name: 'release-coordination.train.create',
  attributes: { action: 'create' },
});

/**
 * Advance or cancel a train. The train's ambassador may always; anyone else needs the policy
 * to allow this permission.
 *
 * @public
 */
export const trainManagePermission = createPermission({
  name: 'release-coordination.train.manage',
  attributes: { action: 'update' },
});

/**
 * The resource type of a train's gate, for permissions decided per gate.
 *
 * @public
 */
export const RESOURCE_TYPE_RELEASE_COORDINATION_GATE = 'release-coordination-gate';

/**
 * Approve or reject a gate: a resource permission on the gate, so a policy can answer with a
 * condition such as "the user is one of the gate's approvers" (the `IS_GATE_APPROVER` rule).
 * Whatever the policy says, the backend counts a decision only from a member of the gate's
 * approver Group.
 *
 * @public
 */
export const gateApprovePermission = createPermission({
  name: 'release-coordination.gate.approve',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_RELEASE_COORDINATION_GATE,
});

/**
 * Waive a gate, with a reason and an end date. The train's ambassador may always.
 *
 * @public
 */
export const gateWaivePermission = createPermission({
  name: 'release-coordination.gate.waive',
  attributes: { action: 'update' },
});

/**
 * Report a check result for a train participant, usually from CI with a service token.
 *
 * @public
 */
export const checkReportPermission = createPermission({
  name: 'release-coordination.check.report',
  attributes: { action: 'create' },
});

/**
 * Report deployment outcomes of train participants and rollback rehearsals, usually from CI
 * with a service token. A member of an entity's owner Group may report its rehearsals without
 * it.
 *
 * @public
 */
export const deploymentReportPermission = createPermission({
  name: 'release-coordination.deployment.report',
  attributes: { action: 'create' },
});

/**
 * Every permission of the release-coordination plugins, for the permission registry and for
 * policies.
 *
 * @public
 */
export const releaseCoordinationPermissions = [
  dependenciesRefreshPermission,
  trainCreatePermission,
  trainManagePermission,
  gateApprovePermission,
  gateWaivePermission,
  checkReportPermission,
  deploymentReportPermission,
];
