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
  catalogEntityReadPermission,
  catalogLocationDeletePermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  createReleaseCoordinationGateConditionalDecision,
  createReleaseCoordinationTrainConditionalDecision,
  releaseCoordinationGateConditions,
  releaseCoordinationTrainConditions,
} from '@release-coordination/plugin-release-coordination-backend';
import {
  checkReportPermission,
  dependenciesRefreshPermission,
  deploymentReportPermission,
  deployReadinessReadPermission,
  freezeManagePermission,
  gateApprovePermission,
  gateWaivePermission,
  incidentAttributePermission,
  incidentReportPermission,
  indicatorReportPermission,
  trainManagePermission,
} from '@release-coordination/plugin-release-coordination-common';

/**
 * What CI does: report checks, deployments, incidents and indicators, and ask whether it may
 * deploy.
 */
const REPORT_PERMISSIONS = [
  checkReportPermission,
  deploymentReportPermission,
  deployReadinessReadPermission,
  incidentReportPermission,
  indicatorReportPermission,
];

/** The Group whose members administer the demo portal. */
export const PORTAL_ADMIN_GROUP = 'group:default/team-platform-infra';

/**
 * Catalog entities in PCI scope carry this label (in the demo, `card-vault`). Only their
 * owning team and the platform team read them; everyone else sees the catalog without them,
 * and the release-coordination plugin follows: such entities are counted, never named.
 */
export const PCI_LABEL = { label: 'data-classification', value: 'pci' };
/** The Groups that read PCI-scoped entities. */
export const PCI_READERS = ['group:default/team-payments-core', PORTAL_ADMIN_GROUP];

/**
 * The demo portal's permission policy. Reading is open to every signed-in user, except for
 * catalog entities in PCI scope, which only their team and the platform team read (see
 * {@link PCI_LABEL}); creating trains is open too. Approving and rejecting a gate is conditional on being its approver: one of
 * the user's ownership refs (the user and their Groups) is the gate's approver Group (the plugin
 * checks membership once more when it counts the decision). Reserved for the platform team, so
 * that the permission framework is really exercised: removing things from the catalog, deriving
 * the dependency graph on demand, managing trains someone else runs (a train's ambassador
 * manages it by the `IS_AMBASSADOR` condition, which the plugin applies to the stored train;
 * managing also lets them waive its check and rule gates), waiving gates, declaring change
 * freezes, deciding the cause of any incident (owners decide their own without it), and
 * reporting check results, deployment outcomes, rollback rehearsals, incidents and indicators
 * as a person. CI reports all of them with
 * service credentials: the permissions service of every plugin decides for a service principal
 * by its token's access restrictions, without asking the policy (app-config restricts the CI
 * token to the report permissions and deploy readiness), and a service that asks the policy itself gets no more
 * than those. A member of a Component's owning team may still report that Component's
 * rehearsals: the plugin lets owners do so without the permission.
 */
export class DemoPermissionPolicy implements PermissionPolicy {
  async handle(request: PolicyQuery, user?: PolicyQueryUser): Promise<PolicyDecision> {
    // Without a user the question comes from a service that reached the permission backend
    // itself. Such a caller gets what the demo's CI token is restricted to, reporting, and
    // nothing more: no trains created or managed, no waivers, no catalog reads.
    if (!user) {
      const reporting = REPORT_PERMISSIONS.some(report => isPermission(request.permission, report));
      return { result: reporting ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
    }
    const isPortalAdmin = user.info.ownershipEntityRefs.includes(PORTAL_ADMIN_GROUP);
    if (isPermission(request.permission, catalogEntityReadPermission)) {
      if (PCI_READERS.some(group => user.info.ownershipEntityRefs.includes(group))) {
        return { result: AuthorizeResult.ALLOW };
      }
      return createCatalogConditionalDecision(request.permission, {
        not: catalogConditions.hasLabel(PCI_LABEL),
      });
    }
    if (isPermission(request.permission, gateApprovePermission)) {
      return createReleaseCoordinationGateConditionalDecision(
        request.permission,
        releaseCoordinationGateConditions.isGateApprover({
          claims: user.info.ownershipEntityRefs,
        }),
      );
    }
    if (isPermission(request.permission, trainManagePermission)) {
      // Release managers run every train; anyone else the trains they are the ambassador of.
      if (isPortalAdmin) return { result: AuthorizeResult.ALLOW };
      return createReleaseCoordinationTrainConditionalDecision(
        request.permission,
        releaseCoordinationTrainConditions.isAmbassador({
          claims: user.info.ownershipEntityRefs,
        }),
      );
    }
    if (
      isPermission(request.permission, catalogEntityDeletePermission) ||
      isPermission(request.permission, catalogLocationDeletePermission) ||
      isPermission(request.permission, dependenciesRefreshPermission) ||
      isPermission(request.permission, gateWaivePermission) ||
      isPermission(request.permission, checkReportPermission) ||
      isPermission(request.permission, deploymentReportPermission) ||
      isPermission(request.permission, incidentReportPermission) ||
      isPermission(request.permission, indicatorReportPermission) ||
      // Owners decide their incidents' cause without it; the platform team decides any.
      isPermission(request.permission, incidentAttributePermission) ||
      isPermission(request.permission, freezeManagePermission)
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
