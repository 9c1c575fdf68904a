import { ReleaseTrainSummary } from '@release-coordination/plugin-release-coordination-common';
import { PermissionState, useRetrospectiveManagement } from '../shared';

/**
 * Whether the viewer may mark the train rolled back. The backend allows it on active trains
 * and, since a rollback often follows the release, on released ones; never on cancelled or
 * already rolled-back trains. Who may is the rule that also holds once a train has ended: its
 * ambassador or a release manager (`trainManagePermission`).
 */
export function useTrainRollBack(
  train: Pick<ReleaseTrainSummary, 'ambassadorRef' | 'status'>,
): PermissionState {
  const state = useRetrospectiveManagement(train.ambassadorRef);
  if (train.status !== 'active' && train.status !== 'released') {
    return { loading: false, allowed: false };
  }
  return state;
}
