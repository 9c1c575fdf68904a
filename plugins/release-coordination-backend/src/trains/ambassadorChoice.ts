import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { normalizeEntityRef } from '@release-coordination/plugin-release-coordination-common';
import { TrainAccess, userRefOf } from '../access';

/**
 * Whether the caller may name `ambassadorRef` as a train's ambassador, and whether that is a
 * User of the catalog. Anyone allowed to create or run a train may name themselves; naming
 * someone else takes a release manager (`trainManagePermission` allowed outright), so nobody is
 * handed a train, and the notifications that come with it, by a peer. The User is looked up
 * with `catalogCredentials`, the caller's own unless told otherwise, so that a User the caller
 * cannot see is refused exactly like one that does not exist: a 400 either way, which tells
 * nothing about what the caller may not see.
 */
export async function authorizeAmbassadorChoice(
  deps: {
    trainAccess: Pick<TrainAccess, 'managesEveryTrain'>;
    catalog: Pick<CatalogService, 'getEntityByRef'>;
  },
  ambassadorRef: string,
  credentials: BackstageCredentials,
  catalogCredentials: BackstageCredentials = credentials,
): Promise<void> {
  const ref = normalizeEntityRef(ambassadorRef, 'user');
  const callerRef = userRefOf(credentials);
  if (ref !== callerRef && !(await deps.trainAccess.managesEveryTrain(credentials))) {
    throw new NotAllowedError(
      `Only a release manager can name someone else as ambassador${
        callerRef ? `; you may name yourself (${callerRef})` : ''
      }`,
    );
  }
  const entity = await deps.catalog.getEntityByRef(ref, { credentials: catalogCredentials });
  if (!entity || entity.kind.toLowerCase() !== 'user') {
    throw new InputError(`ambassadorRef: ${ref} is not a User in the catalog`);
  }
}
