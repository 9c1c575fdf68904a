// Who asks for a change and what they may do, the same way for trains, their outcomes and
// their retrospectives: the ambassador of a train, the members of an owning Group (through
// `userInfo.ownershipEntityRefs`), and whoever the permission policy allows; and the audit
// record of every change asked for.

import {
  AuditorService,
  AuditorServiceCreateEventOptions,
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { ConflictError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult, BasicPermission } from '@backstage/plugin-permission-common';
import { normalizeEntityRef } from '@release-coordination/plugin-release-coordination-common';

/**
 * Whether the caller is a signed-in person. The same test as `AuthService.isPrincipal(c,
 * 'user')`, as a type guard that needs no service instance.
 */
export function isUserPrincipal(
  credentials: BackstageCredentials,
): credentials is BackstageCredentials<BackstageUserPrincipal> {
  return principalType(credentials) === 'user';
}

/** Whether the caller is another backend or an external service, such as CI. */
export function isServicePrincipal(
  credentials: BackstageCredentials,
): credentials is BackstageCredentials<BackstageServicePrincipal> {
  return principalType(credentials) === 'service';
}

function principalType(credentials: BackstageCredentials): unknown {
  const { principal } = credentials;
  return typeof principal === 'object' && principal !== null && 'type' in principal
    ? principal.type
    : undefined;
}

/** A signed-in person's entity ref, normalised; `undefined` for a service. */
export function userRefOf(credentials: BackstageCredentials): string | undefined {
  return isUserPrincipal(credentials)
    ? normalizeEntityRef(credentials.principal.userEntityRef)
    : undefined;
}

/** Who did something, for the decision log: a user's entity ref or a service's subject. */
export function actorRefOf(credentials: BackstageCredentials): string {
  const userRef = userRefOf(credentials);
  if (userRef) return userRef;
  if (isServicePrincipal(credentials) && credentials.principal.subject) {
    return credentials.principal.subject;
  }
  throw new NotAllowedError('Only users and services can change release trains');
}

/** Whether the caller is the train's ambassador. */
export function isAmbassador(
  train: { ambassadorRef: string },
  credentials: BackstageCredentials,
): boolean {
  return userRefOf(credentials) === train.ambassadorRef;
}

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

/** A train that was released, rolled back or cancelled is on record and no longer changes. */
export function requireActive(train: { name: string; status: string }): void {
  if (train.status !== 'active') {
    throw new ConflictError(`Train '${train.name}' is ${train.status}; it can no longer change`);
  }
}

/**
 * Runs a change as an audit event: success when it commits, failure when it throws. The HTTP
 * request, when there is one, tells the auditor where the change was asked for.
 */
export async function audited<T>(
  auditor: AuditorService,
  eventId: string,
  meta: Record<string, string>,
  work: () => Promise<T>,
  request?: AuditorServiceCreateEventOptions['request'],
): Promise<T> {
  const event = await auditor.createEvent({
    eventId,
    severityLevel: 'medium',
    meta,
    ...(request ? { request } : {}),
  });
  try {
    const result = await work();
    await event.success();
    return result;
  } catch (error) {
    await event.fail({ error: error as Error });
    throw error;
  }
}
