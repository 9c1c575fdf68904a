import {
  BackstageCredentials,
  coreServices,
  createServiceFactory,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { PermissionPolicy } from '@backstage/plugin-permission-node';
import request from 'supertest';

/**
 * The permissions service of every plugin in a test backend, deciding with `policy` as the
 * permission backend would: service principals are allowed, users get the policy's decision
 * with their ownership refs from the user info service, and conditional decisions (e.g. on
 * catalog reads, or on gates for approving) are applied by the plugin that asked.
 *
 * The real permission backend is not used because it refuses the test backend's mock
 * on-behalf-of tokens as direct user requests.
 */
export function policyBackedPermissions(policy: PermissionPolicy) {
  return createServiceFactory({
    service: coreServices.permissions,
    deps: { userInfo: coreServices.userInfo },
    factory: ({ userInfo }) => policyBackedPermissionsService(policy, userInfo),
  });
}

function policyBackedPermissionsService(
  policy: PermissionPolicy,
  userInfo: UserInfoService,
): PermissionsService {
  const decide = async (permission: any, credentials: BackstageCredentials) => {
    const principal = credentials.principal as { type: string; userEntityRef?: string };
    if (principal.type !== 'user') return { result: AuthorizeResult.ALLOW } as const;
    const info = await userInfo.getUserInfo(credentials);
    const user = { info, identity: { type: 'user', ...info }, token: '' };
    return policy.handle({ permission }, user as any);
  };
  return {
    authorizeConditional: async (requests, { credentials }) =>
      Promise.all(requests.map(r => decide(r.permission, credentials))) as any,
    authorize: async (requests, { credentials }) =>
      Promise.all(
        requests.map(async r => {
          const decision = await decide(r.permission, credentials);
          // Resource checks are not made by these routes; a conditional answer counts as deny.
          return {
            result:
              decision.result === AuthorizeResult.ALLOW
                ? AuthorizeResult.ALLOW
                : AuthorizeResult.DENY,
          };
        }),
      ) as any,
  };
}

/** Waits until the test backend's catalog has processed `count` Components. */
export async function waitForCatalogComponents(
  server: Parameters<typeof request>[0],
  authorization: string,
  count: number,
) {
  for (let attempt = 0; attempt < 120; attempt++) {
    const res = await request(server)
      .get('/api/catalog/entities/by-query?limit=1&filter=kind=component')
      .set('Authorization', authorization);
    if (res.body.totalItems === count) return;
    await new Promise(resolve => setTimeout(resolve, 500));
  }
  throw new Error(`The catalog did not process ${count} components in time`);
}
