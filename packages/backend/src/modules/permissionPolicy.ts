import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  catalogEntityDeletePermission,
  catalogLocationDeletePermission,
} from '@backstage/plugin-catalog-common/alpha';
import { dependenciesRefreshPermission } from '@release-coordination/plugin-release-coordination-common';

/** The Group whose members administer the demo portal. */
export const PORTAL_ADMIN_GROUP = 'group:default/team-platform-infra';

/**
 * The demo portal's permission policy. Reading is open to every signed-in user; removing
 * things from the catalog and deriving the dependency graph on demand are reserved for the
 * platform team, so that the permission framework is really exercised (a guest or a member of
 * another team is denied). The scheduled refresh needs no one's permission.
 */
export class DemoPermissionPolicy implements PermissionPolicy {
  async handle(request: PolicyQuery, user?: PolicyQueryUser): Promise<PolicyDecision> {
    const isPortalAdmin = user?.info.ownershipEntityRefs.includes(PORTAL_ADMIN_GROUP) ?? false;
    if (
      isPermission(request.permission, catalogEntityDeletePermission) ||
      isPermission(request.permission, catalogLocationDeletePermission) ||
      isPermission(request.permission, dependenciesRefreshPermission)
    ) {
      return { result: isPortalAdmin ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'demo-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new DemoPermissionPolicy());
      },
    });
  },
});
