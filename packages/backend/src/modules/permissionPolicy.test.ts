import { ConfigReader } from '@backstage/config';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult, BasicPermission } from '@backstage/plugin-permission-common';
import { createConditionAuthorizer, ServerPermissionClient } from '@backstage/plugin-permission-node';
import {
  GateResource,
  TrainResource,
  isAmbassador,
  isGateApprover,
} from '@release-coordination/plugin-release-coordination-backend';
import { catalogEntityDeletePermission, catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  checkReportPermission,
  dependenciesRefreshPermission,
  deploymentReportPermission,
  freezeManagePermission,
  gateApprovePermission,
  gateWaivePermission,
  incidentAttributePermission,
  incidentReadPermission,
  incidentReportPermission,
  indicatorReportPermission,
  scorecardReadPermission,
  trainCreatePermission,
  trainManagePermission,
  trainReadPermission,
} from '@release-coordination/plugin-release-coordination-common';
import { DemoPermissionPolicy, PORTAL_ADMIN_GROUP } from './permissionPolicy';
import { loadAppConfig } from '../__testUtils__/appConfig';

function user(ownershipEntityRefs: string[]) {
  return {
    identity: { type: 'user' as const, userEntityRef: 'user:default/x', ownershipEntityRefs },
    info: { userEntityRef: 'user:default/x', ownershipEntityRefs },
    token: 'token',
  } as any;
}

describe('DemoPermissionPolicy', () => {
  const policy = new DemoPermissionPolicy();
  const admin = user(['user:default/carol', PORTAL_ADMIN_GROUP]);
  const engineer = user(['user:default/alice', 'group:default/team-checkout']);

  it.each([
    ['deleting catalog entities', catalogEntityDeletePermission],
    ['refreshing the dependency graph', dependenciesRefreshPermission],
    ['waiving gates', gateWaivePermission],
    ['reporting checks as a person', checkReportPermission],
    ['reporting deployments and rollback rehearsals as a person', deploymentReportPermission],
    ['reporting incidents as a person', incidentReportPermission],
    ['reporting indicators as a person', indicatorReportPermission],
    ["deciding the cause of other teams' incidents", incidentAttributePermission],
    ['declaring change freezes', freezeManagePermission],
  ])('reserves %s for the platform team', async (_, permission) => {
    expect((await policy.handle({ permission }, admin)).result).toBe(AuthorizeResult.ALLOW);
    expect((await policy.handle({ permission }, engineer)).result).toBe(AuthorizeResult.DENY);
  });

  it("restricts CI's service token to reporting checks, deployments and rehearsals", async () => {
    // The demo's static token, as the backend reads it from app-config.yaml.
    const [ci] = (await loadAppConfig('app-config.yaml')).getConfigArray(
      'backend.auth.externalAccess',
    );
    const restrictions = ci.getConfigArray('accessRestrictions');
    expect(restrictions.map(restriction => restriction.getString('plugin'))).toEqual([
      'release-coordination',
    ]);
    // The permissions service every backend plugin gets decides for services itself, by their
    // token's access restrictions, and asks the permission backend, and so this policy, only
    // about users.
    const permissions = ServerPermissionClient.fromConfig(
      new ConfigReader({ permission: { enabled: true } }),
      { discovery: mockServices.discovery(), auth: mockServices.auth() },
    );
    const credentials = mockCredentials.service('demo-ci', {
      permissionNames: restrictions[0].getStringArray('permission'),
    });
    const asked = [
      checkReportPermission,
      deploymentReportPermission,
      trainCreatePermission,
      trainManagePermission,
      gateWaivePermission,
      dependenciesRefreshPermission,
    ];
    const decisions = await permissions.authorize(
      asked.map(permission =>
        permission.type === 'resource'
          ? { permission, resourceRef: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' }
          : { permission: permission as BasicPermission },
      ),
      { credentials },
    );
    expect(decisions.map(decision => decision.result)).toEqual([
      AuthorizeResult.ALLOW,
      AuthorizeResult.ALLOW,
      ...Array(4).fill(AuthorizeResult.DENY),
    ]);
  });

  it('answers a service that asks it directly with reporting and nothing more', async () => {
    for (const permission of [
      checkReportPermission,
      deploymentReportPermission,
      incidentReportPermission,
      indicatorReportPermission,
    ]) {
      expect((await policy.handle({ permission })).result).toBe(AuthorizeResult.ALLOW);
    }
    for (const permission of [
      incidentAttributePermission,
      freezeManagePermission,
      trainCreatePermission,
      trainManagePermission,
      gateWaivePermission,
      gateApprovePermission,
      dependenciesRefreshPermission,
      catalogEntityReadPermission,
      catalogEntityDeletePermission,
    ]) {
      expect((await policy.handle({ permission })).result).toBe(AuthorizeResult.DENY);
    }
  });

  it('lets PCI-scoped entities be read by their team and the platform team only', async () => {
    const bob = user(['user:default/bob', 'group:default/team-payments-core']);
    for (const reader of [bob, admin]) {
      const decision = await policy.handle({ permission: catalogEntityReadPermission }, reader);
      expect(decision.result).toBe(AuthorizeResult.ALLOW);
    }
    // Everyone else reads the catalog without them: a condition the catalog applies in its
    // queries, so lists, counts and lookups all leave them out.
    expect(await policy.handle({ permission: catalogEntityReadPermission }, engineer)).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        not: {
          rule: 'HAS_LABEL',
          resourceType: 'catalog-entity',
          params: { label: 'data-classification', value: 'pci' },
        },
      },
    });
  });

  it.each([
    ['create trains', trainCreatePermission],
    ['read trains', trainReadPermission],
    ['read scorecards', scorecardReadPermission],
    ['read incidents', incidentReadPermission],
  ])('lets everyone %s', async (_, permission) => {
    const decision = await policy.handle({ permission }, engineer);
    expect(decision.result).toBe(AuthorizeResult.ALLOW);
  });

  describe('deciding gates', () => {
    // The plugin's rule, as the permission backend finds it through the plugin's registry.
    const isAllowed = createConditionAuthorizer<GateResource>({
      getRuleByName: name => {
        expect(name).toBe(isGateApprover.name);
        return isGateApprover;
      },
    });
    // payment-gateway is owned by team-payments-core, where bob works (examples/).
    const paymentGatewayOwnerGate: GateResource = {
      id: '0c7f4a5e-2b1d-4e3f-8a9b-1c2d3e4f5a6b',
      trainId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
      stage: 'planning',
      phase: 'exit',
      templateId: 'planning-participation',
      title: 'Participation confirmed by the owning team',
      kind: 'approval',
      participantRef: 'component:default/payment-gateway',
      approverRef: 'group:default/team-payments-core',
      state: 'pending',
    };
    const bob = user(['user:default/bob', 'group:default/team-payments-core']);

    it('is allowed on the gates whose approver Group the user belongs to', async () => {
      const decision = await policy.handle({ permission: gateApprovePermission }, bob);
      expect(decision.result).toBe(AuthorizeResult.CONDITIONAL);
      expect(isAllowed(decision, paymentGatewayOwnerGate)).toBe(true);
    });

    it('is refused on gates of other teams, also to portal admins', async () => {
      for (const someone of [engineer, admin]) {
        const decision = await policy.handle({ permission: gateApprovePermission }, someone);
        expect(isAllowed(decision, paymentGatewayOwnerGate)).toBe(false);
      }
    });

    it('is refused without a signed-in user', async () => {
      const decision = await policy.handle({ permission: gateApprovePermission });
      expect(decision.result).toBe(AuthorizeResult.DENY);
    });
  });

  describe('managing trains', () => {
    // The plugin's rule, as the permission backend finds it through the plugin's registry.
    const isAllowed = createConditionAuthorizer<TrainResource>({
      getRuleByName: name => {
        expect(name).toBe(isAmbassador.name);
        return isAmbassador;
      },
    });
    const trainRunBy = (ambassadorRef: string): TrainResource => ({
      id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
      name: '2026.12 winter release',
      status: 'active',
      currentStage: 'planning',
      ambassadorRef,
      participants: [
        { entityRef: 'component:default/payment-gateway', ownerRef: 'group:default/team-payments-core' },
      ],
    });

    it('is allowed on the trains the user is the ambassador of, and refused on others', async () => {
      const decision = await policy.handle({ permission: trainManagePermission }, engineer);
      expect(decision.result).toBe(AuthorizeResult.CONDITIONAL);
      expect(isAllowed(decision, trainRunBy('user:default/alice'))).toBe(true);
      expect(isAllowed(decision, trainRunBy('user:default/bob'))).toBe(false);
    });

    it('is allowed on every train to the platform team, the release managers', async () => {
      const decision = await policy.handle({ permission: trainManagePermission }, admin);
      expect(decision.result).toBe(AuthorizeResult.ALLOW);
    });

    it('is refused without a signed-in user', async () => {
      const decision = await policy.handle({ permission: trainManagePermission });
      expect(decision.result).toBe(AuthorizeResult.DENY);
    });
  });
});
