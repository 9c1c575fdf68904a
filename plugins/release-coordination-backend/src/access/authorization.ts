// What the caller may do: what the permission policy allows, and what membership of an owning
// Group (through `userInfo.ownershipEntityRefs`) or being a train's ambassador allows.

import {
  BackstageCredentials,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  PolicyDecision,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { normalizeEntityRef } from '@release-coordination/plugin-release-coordination-common';
import { isUserPrincipal, userRefOf } from './principals';

/**
 * The refs a caller owns through: the user and their Groups, normalised so that they compare
 * with the refs the plugin stores. A service belongs to no Group: empty.
 */
export async function ownershipOf(
  userInfo: Pick<UserInfoService, 'getUserInfo'>,
  credentials: BackstageCredentials,
): Promise<Set<string>> {
  if (!isUserPrincipal(credentials)) return new Set();
  const { ownershipEntityRefs } = await userInfo.getUserInfo(credentials);
  return new Set(ownershipEntityRefs.map(ref => normalizeEntityRef(ref)));
}

/** Whether the permission policy allows the caller `permission` outright. */
export async function isAllowed(
  permissions: Pick<PermissionsService, 'authorize'>,
  permission: BasicPermission,
  credentials: BackstageCredentials,
): Promise<boolean> {
  const [decision] = await permissions.authorize([{ permission }], { credentials });
  return decision.result === AuthorizeResult.ALLOW;
}

/**
 * A resource a policy may answer conditionally about, and how to check those conditions here:
 * the resources by id, and whether a conditional decision allows one of them.
 */
export interface ResourceConditions<TResource> {
  getResources(ids: string[]): Promise<(TResource | undefined)[]>;
  isAllowed(decision: PolicyDecision, resource: TResource): boolean;
}

/** Permission checks as routes make them: each refusal a `NotAllowedError` with its reason. */
export interface Authorizer {
  /** Whether the policy allows the caller `permission` outright. */
  isAllowed(permission: BasicPermission, credentials: BackstageCredentials): Promise<boolean>;
  /** Refuses with `refusal` unless the policy allows `permission`. */
  authorize(
    permission: BasicPermission,
    credentials: BackstageCredentials,
    refusal: string,
  ): Promise<void>;
  /** The train's ambassador may always; anyone else needs the policy's consent. */
  authorizeAmbassadorOr(
    permission: BasicPermission,
    train: { ambassadorRef: string },
    credentials: BackstageCredentials,
    refusal: string,
  ): Promise<void>;
  /**
   * Authorises `permission` on one resource. A conditional answer (e.g. "the user is one of
   * the gate's approvers") is applied here to the stored resource rather than sent back to
   * the permission backend: one round trip less, and the same in tests. Without `conditions`
   * such an answer cannot be checked, so it refuses.
   */
  authorizeOnResource<TResource>(
    permission: ResourcePermission,
    resourceId: string,
    conditions: ResourceConditions<TResource> | undefined,
    credentials: BackstageCredentials,
    refusal: string,
  ): Promise<void>;
}

/** The {@link Authorizer} over the permission framework. */
export function createAuthorizer(options: {
  permissions: Pick<PermissionsService, 'authorize' | 'authorizeConditional'>;
}): Authorizer {
  const { permissions } = options;
  const authorize: Authorizer['authorize'] = async (permission, credentials, refusal) => {
    if (!(await isAllowed(permissions, permission, credentials))) {
      throw new NotAllowedError(refusal);
    }
  };
  return {
    isAllowed: (permission, credentials) => isAllowed(permissions, permission, credentials),
    authorize,
    async authorizeAmbassadorOr(permission, train, credentials, refusal) {
      if (userRefOf(credentials) === train.ambassadorRef) return;
      await authorize(permission, credentials, refusal);
    },
    async authorizeOnResource(permission, resourceId, conditions, credentials, refusal) {
      const [decision] = await permissions.authorizeConditional([{ permission }], {
        credentials,
      });
      if (decision.result === AuthorizeResult.ALLOW) return;
      if (decision.result === AuthorizeResult.CONDITIONAL && conditions) {
        const [resource] = await conditions.getResources([resourceId]);
        if (!resource) throw new NotFoundError(`No ${permission.resourceType} with id '${resourceId}'`);
        if (conditions.isAllowed(decision, resource)) return;
      }
      throw new NotAllowedError(refusal);
    },
  };
}
