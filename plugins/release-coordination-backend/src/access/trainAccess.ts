// Who may run a train: whoever the permission policy allows `trainManagePermission`, outright
// (a release manager) or by conditions the stored train meets (e.g. IS_AMBASSADOR). Nothing
// here lets anyone run a train by role alone; the policy decides.

import { BackstageCredentials, PermissionsService } from '@backstage/backend-plugin-api';
import { trainManagePermission } from '@release-coordination/plugin-release-coordination-common';
import { TrainConditions } from '../permissions/trainResource';
import { createAuthorizer } from './authorization';

/** What the caller may do with trains, as the permission policy answers. */
export interface TrainAccess {
  /** Whether the policy lets the caller manage this train, conditions applied on the train. */
  mayManage(trainId: string, credentials: BackstageCredentials): Promise<boolean>;
  /**
   * Refuses with `refusal` (403) unless the caller may manage the train; a conditional answer
   * about a train that does not exist is a 404.
   */
  authorizeManaging(
    trainId: string,
    credentials: BackstageCredentials,
    refusal: string,
  ): Promise<void>;
  /** Whether the policy lets the caller manage every train outright: a release manager. */
  managesEveryTrain(credentials: BackstageCredentials): Promise<boolean>;
}

/**
 * The {@link TrainAccess} over the permission framework. Conditional answers are applied here
 * to the stored train through `conditions`, as gate decisions are, rather than sent back to
 * the permission backend.
 */
export function createTrainAccess(options: {
  permissions: Pick<PermissionsService, 'authorize' | 'authorizeConditional'>;
  conditions: TrainConditions;
}): TrainAccess {
  const access = createAuthorizer({ permissions: options.permissions });
  const { conditions } = options;
  return {
    mayManage: (trainId, credentials) =>
      access.isAllowedOnResource(trainManagePermission, trainId, conditions, credentials),
    authorizeManaging: (trainId, credentials, refusal) =>
      access.authorizeOnResource(trainManagePermission, trainId, conditions, credentials, refusal),
    managesEveryTrain: credentials =>
      access.isAllowedOutright(trainManagePermission, credentials),
  };
}
