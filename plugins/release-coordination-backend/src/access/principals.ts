// Who the caller is: a signed-in person (with their entity ref) or a service (with its subject).

import {
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
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
