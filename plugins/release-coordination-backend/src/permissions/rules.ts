import { createPermissionRule } from '@backstage/plugin-permission-node';
import { normalizeEntityRef } from '@release-coordination/plugin-release-coordination-common';
import { z } from 'zod';
import { gatePermissionResourceRef } from './gateResource';

/**
 * Passes for a gate whose approver (the participant's owning Group, or the Group the template
 * names) is one of the claims. A policy hands in the user's ownership refs, as it does for the
 * catalog's `IS_ENTITY_OWNER`, so only the people who can decide a gate are offered it.
 *
 * @public
 */
export const isGateApprover = createPermissionRule({
  name: 'IS_GATE_APPROVER',
  description: 'Allow gates whose approver is one of the given claims',
  resourceRef: gatePermissionResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe('Entity refs, e.g. the user and their Groups; one must be the approver of the gate'),
  }),
  apply: (gate, { claims }) => {
    // A gate without an approver (its participant has no owner) can be decided by nobody.
    if (!gate.approverRef) return false;
    const approverRef = normalizeEntityRef(gate.approverRef);
    return claims.some(claim => normalizeEntityRef(claim) === approverRef);
  },
  toQuery: ({ claims }) => ({
    key: 'approverRef',
    values: claims.map(claim => normalizeEntityRef(claim)),
  }),
});

/** Every permission rule on gates, by the name policies use in condition exports. */
export const gatePermissionRules = { isGateApprover };
