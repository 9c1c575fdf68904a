import {
  AuthService,
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotAllowedError } from '@backstage/errors';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { AuthorizeResult, isPermission, PolicyDecision } from '@backstage/plugin-permission-common';
import {
  checkReportPermission,
  deploymentReportPermission,
  gateApprovePermission,
  incidentReportPermission,
  normalizeEntityRef,
  trainCreatePermission,
  trainManagePermission,
  trainReadPermission,
} from '@release-coordination/plugin-release-coordination-common';
import { isServicePrincipal, isUserPrincipal, userRefOf } from '../access';
import {
  createReleaseCoordinationTrainConditionalDecision,
  releaseCoordinationTrainConditions,
} from '../permissions/conditions';

/**
 * Credentials of a principal a replay acts as. They carry no token: they never leave this
 * backend, and only the replay's own user info and permissions below read them.
 */
export function replayCredentials(
  principal: BackstageUserPrincipal | BackstageServicePrincipal,
): BackstageCredentials {
  return { $$type: '@backstage/BackstageCredentials', principal };
}

/**
 * Who a replayed user is, as the catalog says: the user and the Groups it is a member of -
 * the ownership refs the catalog sign-in resolvers issue.
 */
export function createCatalogUserInfo(options: {
  catalog: CatalogService;
  auth: AuthService;
}): UserInfoService {
  const { catalog, auth } = options;
  return {
    async getUserInfo(credentials) {
      if (!isUserPrincipal(credentials)) {
        throw new NotAllowedError('Only users have user info');
      }
      const userEntityRef = normalizeEntityRef(credentials.principal.userEntityRef, 'user');
      const user = await catalog.getEntityByRef(userEntityRef, {
        credentials: await auth.getOwnServiceCredentials(),
      });
      if (!user) throw new NotAllowedError(`${userEntityRef} is not a User in the catalog`);
      const groups = (user.relations ?? [])
        .filter(relation => relation.type === 'memberOf')
        .map(relation => stringifyEntityRef(parseEntityRef(relation.targetRef)));
      return { userEntityRef, ownershipEntityRefs: [userEntityRef, ...groups] };
    },
  };
}

/**
 * What the permission policy allows during a replay: nothing beyond the domain. Users may
 * read and create trains and decide gates (the services still count a decision only from a
 * member of the approver Group), and manage the trains they are the ambassador of (the
 * `IS_AMBASSADOR` condition, as the demo policy answers); everything else they do as the owning
 * team. Services, like CI's token, may only report checks, deployments, rehearsals and incidents. Nobody
 * holds the release-manager role, so a replay cannot bypass a rule a person would meet.
 */
const USER_PERMISSIONS = new Set([
  trainReadPermission.name,
  trainCreatePermission.name,
  gateApprovePermission.name,
]);
const SERVICE_PERMISSIONS = new Set([
  checkReportPermission.name,
  deploymentReportPermission.name,
  incidentReportPermission.name,
]);

function allows(permissionName: string, credentials: BackstageCredentials): boolean {
  if (isUserPrincipal(credentials)) return USER_PERMISSIONS.has(permissionName);
  if (isServicePrincipal(credentials)) return SERVICE_PERMISSIONS.has(permissionName);
  return false;
}

export function createReplayPermissions(): PermissionsService {
  const decide = (permissionName: string, credentials: BackstageCredentials) => ({
    result: allows(permissionName, credentials) ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
  });
  return {
    async authorize(requests, { credentials }) {
      return requests.map(({ permission }) => decide(permission.name, credentials)) as any;
    },
    async authorizeConditional(queries, { credentials }) {
      return queries.map(({ permission }): PolicyDecision => {
        const userRef = userRefOf(credentials);
        if (userRef && isPermission(permission, trainManagePermission)) {
          return createReleaseCoordinationTrainConditionalDecision(
            permission,
            releaseCoordinationTrainConditions.isAmbassador({ claims: [userRef] }),
          );
        }
        return decide(permission.name, credentials);
      }) as any;
    },
  };
}
