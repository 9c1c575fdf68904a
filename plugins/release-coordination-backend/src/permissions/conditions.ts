import { createConditionExports } from '@backstage/plugin-permission-node';
import { gatePermissionResourceRef } from './gateResource';
import { gatePermissionRules } from './rules';

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
