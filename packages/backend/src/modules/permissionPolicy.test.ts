import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogEntityDeletePermission, catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  checkReportPermission,
  dependenciesRefreshPermission,
  gateApprovePermission,
  gateWaivePermission,
  trainCreatePermission,
  trainManagePermission,
} from '@release-coordination/plugin-release-coordination-common';
import { DemoPermissionPolicy, PORTAL_ADMIN_GROUP } from './permissionPolicy';

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
    ['managing trains run by someone else', trainManagePermission],
    ['waiving gates', gateWaivePermission],
    ['reporting checks as a person', checkReportPermission],
  ])('reserves %s for the platform team', async (_, permission) => {
    expect((await policy.handle({ permission }, admin)).result).toBe(AuthorizeResult.ALLOW);
    expect((await policy.handle({ permission }, engineer)).result).toBe(AuthorizeResult.DENY);
  });

  it.each([
    ['read the catalog', catalogEntityReadPermission],
    ['create trains', trainCreatePermission],
    ['approve gates (membership is checked by the plugin)', gateApprovePermission],
  ])('lets everyone %s', async (_, permission) => {
    const decision = await policy.handle({ permission }, engineer);
    expect(decision.result).toBe(AuthorizeResult.ALLOW);
  });
});
