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
 * The resource type of a release train, for permissions decided per train.
 *
 * @public
 */
export const RESOURCE_TYPE_RELEASE_COORDINATION_TRAIN = 'release-coordination-train';

/**
 * Read release trains: the list, a train with its gates, an entity's trains, the approvals
 * waiting for the caller, a train's decision log, deployments, flags, rollback readiness and
 * retrospective. A policy that refuses it refuses every one of those reads (403).
 *
 * @public
 */
export const trainReadPermission = createPermission({
  name: 'release-coordination.train.read',
  attributes: { action: 'read' },
});

/**
 * Read scorecards: the metrics computed from what trains, deployments and rollbacks did.
 *
 * @public
 */
export const scorecardReadPermission = createPermission({
  name: 'release-coordination.scorecard.read',
  attributes: { action: 'read' },
});

/**
 * Run a train: advance, cancel or roll it back, change its plan and participants, and its
 * retrospective. A resource permission on the train, so that a policy can answer with
 * conditions on it, e.g. "the user is the train's ambassador" (the `IS_AMBASSADOR` rule) or
 * "a participant is owned by the user's team" (`HAS_PARTICIPANT_OWNED_BY`). The plugin lets
 * nobody run a train by role alone: whoever the policy allows, outright or by conditions the
 * stored train meets. Allowed outright it makes a release manager, who may also name someone
 * else as a train's ambassador.
 *
 * @public
 */
export const trainManagePermission = createPermission({
  name: 'release-coordination.train.manage',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_RELEASE_COORDINATION_TRAIN,
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
 * Waive a gate, with a reason and an end date. A check or rule gate may also be waived by
 * whoever the policy lets manage its train (`trainManagePermission`); an approval gate only
 * with this permission.
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
 * Asking whether a version of a train's participant may be deployed to an environment
 * (`GET /deploy-readiness`): what CD pipelines ask before they deploy. The answer names what
 * blocks the deployment: open gates with their approver teams, participants of earlier waves.
 *
 * @public
 */
export const deployReadinessReadPermission = createPermission({
  name: 'release-coordination.deploy-readiness.read',
  attributes: { action: 'read' },
});

/**
 * Report incidents (`POST /incidents`), usually from an incident tool's webhook or a pipeline
 * with a service token.
 *
 * @public
 */
export const incidentReportPermission = createPermission({
  name: 'release-coordination.incident.report',
  attributes: { action: 'create' },
});

/**
 * Read incidents and the deployments that may have caused them. Each answer still leaves out
 * the entities the caller may not see in the catalog.
 *
 * @public
 */
export const incidentReadPermission = createPermission({
  name: 'release-coordination.incident.read',
  attributes: { action: 'read' },
});

/**
 * Decide which deployment caused an incident for any incident. Members of the Group that owns
 * the affected entity, or the deployed one, decide their incidents without it.
 *
 * @public
 */
export const incidentAttributePermission = createPermission({
  name: 'release-coordination.incident.attribute',
  attributes: { action: 'update' },
});

/**
 * Report leading indicators of a component (`POST /indicators`): review coverage, test health
 * and time-to-merge, usually from CI with a service token. They are read with the scorecards.
 *
 * @public
 */
export const indicatorReportPermission = createPermission({
  name: 'release-coordination.indicators.report',
  attributes: { action: 'create' },
});

/**
 * Declare and lift change freezes (`POST /freezes`, `DELETE /freezes/{freezeId}`): periods in
 * which nothing in their scope ships to production. A release manager's call.
 *
 * @public
 */
export const freezeManagePermission = createPermission({
  name: 'release-coordination.freeze.manage',
  attributes: { action: 'update' },
});

/**
 * Create release cadences and keep their ambassador rosters; record any member's skip or swap.
 * Members record their own skips and swaps without it.
 *
 * @public
 */
export const cadenceManagePermission = createPermission({
  name: 'release-coordination.cadence.manage',
  attributes: { action: 'update' },
});

/**
 * Every permission of the release-coordination plugins, for the permission registry and for
 * policies.
 *
 * @public
 */
export const releaseCoordinationPermissions = [
  dependenciesRefreshPermission,
  trainReadPermission,
  trainCreatePermission,
  trainManagePermission,
  scorecardReadPermission,
  gateApprovePermission,
  gateWaivePermission,
  checkReportPermission,
  deploymentReportPermission,
  deployReadinessReadPermission,
  incidentReportPermission,
  incidentReadPermission,
  incidentAttributePermission,
  indicatorReportPermission,
  freezeManagePermission,
  cadenceManagePermission,
];
