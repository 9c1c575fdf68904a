import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createConditionAuthorizer, PermissionRuleset } from '@backstage/plugin-permission-node';
import { gateApprovePermission } from '@release-coordination/plugin-release-coordination-common';
import {
  createReleaseCoordinationGateConditionalDecision,
  releaseCoordinationGateConditions,
} from './conditions';
import { PAYMENTS_PARTICIPATION_GATE as paymentsGate } from '../__testUtils__/gates';
import { GateResource } from './gateResource';
import { gatePermissionRules, isGateApprover } from './rules';
/** A participant without an owner in the catalog: nobody can decide its gate. */
const unownedGate: GateResource = {
  ...paymentsGate,
  participantRef: 'component:default/ledger',
  approverRef: undefined,
};

/** The rules as the permissions registry hands them out, by name. */
const ruleset: PermissionRuleset<GateResource> = {
  getRuleByName(name) {
    const rule = Object.values(gatePermissionRules).find(r => r.name === name);
    if (!rule) throw new Error(`No rule ${name}`);
    return rule as any;
  },
};

describe('IS_GATE_APPROVER', () => {
  it('passes when one of the claims is the gate\'s approver', () => {
    const bob = ['user:default/bob', 'group:default/team-pay'];
    expect(isGateApprover.apply(paymentsGate, { claims: bob })).toBe(true);
    expect(isGateApprover.apply(paymentsGate, { claims: ['group:default/team-web'] })).toBe(false);
    expect(isGateApprover.apply(paymentsGate, { claims: [] })).toBe(false);
  });

  it('compares refs as the catalog does: case-insensitive, default namespace', () => {
    expect(isGateApprover.apply(paymentsGate, { claims: ['Group:default/Team-Pay'] })).toBe(true);
    expect(isGateApprover.apply(paymentsGate, { claims: ['group:team-pay'] })).toBe(true);
    // A User of the same name is not the Group.
    expect(isGateApprover.apply(paymentsGate, { claims: ['user:default/team-pay'] })).toBe(false);
  });

  it('never passes for a gate without an approver', () => {
    expect(isGateApprover.apply(unownedGate, { claims: ['group:default/team-pay'] })).toBe(false);
  });

  it('filters gates by approver, with normalised refs', () => {
    expect(isGateApprover.toQuery({ claims: ['Group:Team-Pay', 'user:default/bob'] })).toEqual({
      key: 'approverRef',
      values: ['group:default/team-pay', 'user:default/bob'],
    });
  });
});

describe('gate condition exports', () => {
  const isAllowed = createConditionAuthorizer(ruleset);
  const forClaims = (claims: string[]) =>
    createReleaseCoordinationGateConditionalDecision(
      gateApprovePermission,
      releaseCoordinationGateConditions.isGateApprover({ claims }),
    );

  it('build the conditional decision a policy returns for approving gates', () => {
    expect(forClaims(['group:default/team-pay'])).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'release-coordination',
      resourceType: 'release-coordination-gate',
      conditions: {
        rule: 'IS_GATE_APPROVER',
        resourceType: 'release-coordination-gate',
        params: { claims: ['group:default/team-pay'] },
      },
    });
  });

  it('are applied to a gate by the registered rules', () => {
    expect(isAllowed(forClaims(['group:default/team-pay']), paymentsGate)).toBe(true);
    expect(isAllowed(forClaims(['group:default/team-web']), paymentsGate)).toBe(false);
    expect(isAllowed(forClaims(['group:default/team-pay']), unownedGate)).toBe(false);
    // A gate that could not be loaded is never allowed.
    expect(isAllowed(forClaims(['group:default/team-pay']), undefined)).toBe(false);
  });

  it('combine with other criteria', () => {
    const notApprover = createReleaseCoordinationGateConditionalDecision(gateApprovePermission, {
      not: releaseCoordinationGateConditions.isGateApprover({ claims: ['group:default/team-pay'] }),
    });
    expect(isAllowed(notApprover, paymentsGate)).toBe(false);
    expect(isAllowed(notApprover, unownedGate)).toBe(true);
  });

  it('refuse conditions whose parameters do not fit the rule', () => {
    const malformed = createReleaseCoordinationGateConditionalDecision(gateApprovePermission, {
      rule: 'IS_GATE_APPROVER',
      resourceType: 'release-coordination-gate',
      params: { claims: 'group:default/team-pay' } as any,
    });
    expect(() => isAllowed(malformed, paymentsGate)).toThrow(/Parameters to rule are invalid.*expected array/);
  });
});
