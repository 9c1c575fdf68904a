import { createConditionExports } from '@backstage/plugin-permission-node';
import { gatePermissionResourceRef } from './gateResource';
import { gatePermissionRules } from './rules';
import { trainPermissionResourceRef } from './trainResource';
import { trainPermissionRules } from './trainRules';

const { conditions, createConditionalDecision } = createConditionExports({
  resourceRef: gatePermissionResourceRef,
  rules: gatePermissionRules,
});

/**
 * Conditions on a train's gate for permission policies, one per rule, e.g.
 * `releaseCoordinationGateConditions.isGateApprover({ claims: user.info.ownershipEntityRefs })`.
 *
 * @public
 */
export const releaseCoordinationGateConditions = conditions;

/**
 * Wraps gate conditions into the conditional decision a policy returns for a gate permission
 * such as `gateApprovePermission`.
 *
 * @public
 */
export const createReleaseCoordinationGateConditionalDecision = createConditionalDecision;

const trainExports = createConditionExports({
  resourceRef: trainPermissionResourceRef,
  rules: trainPermissionRules,
});

/**
 * Conditions on a release train for permission policies, one per rule, e.g.
 * `releaseCoordinationTrainConditions.isAmbassador({ claims: user.info.ownershipEntityRefs })`
 * or `releaseCoordinationTrainConditions.hasParticipantOwnedBy({ claims: … })`.
 *
 * @public
 */
export const releaseCoordinationTrainConditions = trainExports.conditions;

/**
 * Wraps train conditions into the conditional decision a policy returns for a train
 * permission such as `trainManagePermission`.
 *
 * @public
 */
export const createReleaseCoordinationTrainConditionalDecision =
  trainExports.createConditionalDecision;
