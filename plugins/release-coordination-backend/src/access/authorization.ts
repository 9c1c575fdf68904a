// What the caller may do: what the permission policy allows, outright or by conditions on the
// stored resource (e.g. "the caller is the train's ambassador"), and what membership of an
// owning Group (through `userInfo.ownershipEntityRefs`) allows.

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
import { isUserPrincipal } from './principals';

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
  isAllowed(decision: PolicyDecision, resource: TResource | undefined): boolean;
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
  /**
   * Whether the policy allows `permission` outright, for every resource of its type: e.g. a
   * release manager, whom it lets manage every train, rather than each train's ambassador.
   */
  isAllowedOutright(
    permission: ResourcePermission,
    credentials: BackstageCredentials,
  ): Promise<boolean>;
  /**
   * Whether the policy allows `permission` on one resource: outright, or by a conditional
   * answer that the stored resource meets. A missing resource meets no condition.
   */
  isAllowedOnResource<TResource>(
    permission: ResourcePermission,
    resourceId: string,
    conditions: ResourceConditions<TResource> | undefined,
    credentials: BackstageCredentials,
  ): Promise<boolean>;
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
  const decide = async (permission: ResourcePermission, credentials: BackstageCredentials) => {
    const [decision] = await permissions.authorizeConditional([{ permission }], { credentials });
    return decision;
  };
  return {
    isAllowed: (permission, credentials) => isAllowed(permissions, permission, credentials),
    authorize,
    async isAllowedOutright(permission, credentials) {
      return (await decide(permission, credentials)).result === AuthorizeResult.ALLOW;
    },
    async isAllowedOnResource(permission, resourceId, conditions, credentials) {
      const decision = await decide(permission, credentials);
      if (decision.result === AuthorizeResult.ALLOW) return true;
      if (decision.result !== AuthorizeResult.CONDITIONAL || !conditions) return false;
      const [resource] = await conditions.getResources([resourceId]);
      return resource !== undefined && conditions.isAllowed(decision, resource);
    },
    async authorizeOnResource(permission, resourceId, conditions, credentials, refusal) {
      const decision = await decide(permission, credentials);
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
