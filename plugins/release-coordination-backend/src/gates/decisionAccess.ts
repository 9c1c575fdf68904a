// Who may decide a gate or report a check: one definition for the REST routes and the actions,
// so that no way in asks less of the caller than another.

import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  checkReportPermission,
  gateApprovePermission,
} from '@release-coordination/plugin-release-coordination-common';
import { createAuthorizer } from '../access';
import { GateConditions } from '../permissions/gateResource';

/** What the policy must allow before a gate is decided or a check result is recorded. */
export interface GateDecisionAccess {
  /**
   * Refuses (403) unless the policy lets the caller decide this gate, conditions (e.g.
   * IS_GATE_APPROVER) applied on the stored gate. The service still counts a decision only
   * from a member of the approver Group.
   */
  authorizeDecision(
    gateId: string,
    decision: 'approve' | 'reject',
    credentials: BackstageCredentials,
  ): Promise<void>;
  /** Refuses (403) unless the policy lets the caller report check results. */
  authorizeCheckReport(credentials: BackstageCredentials): Promise<void>;
}

export function createGateDecisionAccess(options: {
  permissions: Pick<PermissionsService, 'authorize' | 'authorizeConditional'>;
  /**
   * Gates and the rules on them, to apply a conditional decision here. Without them such a
   * decision cannot be checked, so it refuses.
   */
  gateConditions?: GateConditions;
}): GateDecisionAccess {
  const access = createAuthorizer({ permissions: options.permissions });
  return {
    authorizeDecision: (gateId, decision, credentials) =>
      access.authorizeOnResource(
        gateApprovePermission,
        gateId,
        options.gateConditions,
        credentials,
        `You are not allowed to ${decision} this gate`,
      ),
    authorizeCheckReport: credentials =>
      access.authorize(
        checkReportPermission,
        credentials,
        'You are not allowed to report checks',
      ),
  };
}
