import { BackstageCredentials, PermissionsService } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { trainManagePermission } from '@release-coordination/plugin-release-coordination-common';
import {
  createReleaseCoordinationTrainConditionalDecision,
  releaseCoordinationTrainConditions,
} from '../permissions/conditions';

/**
 * How the demo policy answers `trainManagePermission` to someone who is not a release
 * manager: on the trains whose ambassador is one of their ownership refs.
 */
export function ambassadorDecision(ownershipEntityRefs: string[]): PolicyDecision {
  return createReleaseCoordinationTrainConditionalDecision(
    trainManagePermission,
    releaseCoordinationTrainConditions.isAmbassador({ claims: ownershipEntityRefs }),
  );
}

/**
 * A permissions service for services' tests: `releaseManagerRef` is allowed everything; anyone
 * else manages the trains they are the ambassador of (a conditional answer) and nothing more.
 */
export function ambassadorOrReleaseManager(
  releaseManagerRef: string,
): Pick<PermissionsService, 'authorize' | 'authorizeConditional'> {
  const userRefOf = (credentials: BackstageCredentials) =>
    (credentials.principal as { userEntityRef?: string }).userEntityRef;
  const decide = (permission: any, credentials: BackstageCredentials): PolicyDecision => {
    const userRef = userRefOf(credentials);
    if (userRef === releaseManagerRef) return { result: AuthorizeResult.ALLOW };
    if (userRef && isPermission(permission, trainManagePermission)) {
      return ambassadorDecision([userRef]);
    }
    return { result: AuthorizeResult.DENY };
  };
  return {
    authorizeConditional: async (requests, { credentials }) =>
      requests.map(r => decide(r.permission, credentials)) as any,
    authorize: async (requests, { credentials }) =>
      requests.map(r => {
        const { result } = decide(r.permission, credentials);
        return { result: result === AuthorizeResult.ALLOW ? result : AuthorizeResult.DENY };
      }) as any,
  };
}
