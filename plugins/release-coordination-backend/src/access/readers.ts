// Who may read: every read route asks the policy for its read permission, a basic permission,
// before it answers anything (403 when refused); the actions that read ask the same.

import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { BasicPermission } from '@backstage/plugin-permission-common';
import { trainReadPermission } from '@release-coordination/plugin-release-coordination-common';
import express from 'express';
import { createAuthorizer } from './authorization';

/**
 * The credentials of a request's user or service, once the policy allowed it `permission`
 * (e.g. `trainReadPermission`); a `NotAllowedError` with `refusal` otherwise.
 */
export function createReaderOf(options: {
  httpAuth: HttpAuthService;
  permissions: Pick<PermissionsService, 'authorize' | 'authorizeConditional'>;
  permission: BasicPermission;
  refusal: string;
}): (req: express.Request<any, any, any, any, any>) => Promise<BackstageCredentials> {
  const { httpAuth } = options;
  const authorizeReading = createReadCheck(options);
  return async req => {
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    await authorizeReading(credentials);
    return credentials;
  };
}

/**
 * The same check for callers that come with credentials rather than a request, such as the
 * plugin's actions: a `NotAllowedError` with `refusal` unless the policy allows `permission`.
 */
export function createReadCheck(options: {
  permissions: Pick<PermissionsService, 'authorize' | 'authorizeConditional'>;
  permission: BasicPermission;
  refusal: string;
}): (credentials: BackstageCredentials) => Promise<void> {
  const { permission, refusal } = options;
  const access = createAuthorizer({ permissions: options.permissions });
  return credentials => access.authorize(permission, credentials, refusal);
}

/** Why a read of trains is refused: the same words on every train read route and action. */
export const TRAIN_READ_REFUSAL = 'You are not allowed to read release trains';

/**
 * {@link createReaderOf} for `trainReadPermission`, which every read of trains and of what
 * hangs off them (gates, outcomes, retrospectives, calendar, reviews) asks.
 */
export function createTrainReaderOf(options: {
  httpAuth: HttpAuthService;
  permissions: Pick<PermissionsService, 'authorize' | 'authorizeConditional'>;
}) {
  return createReaderOf({
    ...options,
    permission: trainReadPermission,
    refusal: TRAIN_READ_REFUSAL,
  });
}
