// Who may read: every read route asks the policy for its read permission, a basic permission,
// before it answers anything (403 when refused).

import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { BasicPermission } from '@backstage/plugin-permission-common';
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
  const { httpAuth, permission, refusal } = options;
  const access = createAuthorizer({ permissions: options.permissions });
  return async req => {
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    await access.authorize(permission, credentials, refusal);
    return credentials;
  };
}
