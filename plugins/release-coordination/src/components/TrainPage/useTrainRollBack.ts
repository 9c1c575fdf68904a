import { ReleaseTrainSummary } from '@release-coordination/plugin-release-coordination-common';
import { PermissionState, useRetrospectiveManagement } from '../shared';

/**
 * Whether the viewer may mark the train rolled back. The backend allows it on active trains
 * and, since a rollback often follows the release, on released ones; never on cancelled or
 * already rolled-back trains. Who may is the rule that also holds once a train has ended:
 * whoever the policy lets manage the train (`trainManagePermission`), e.g. its ambassador.
 */
export function useTrainRollBack(
  train: Pick<ReleaseTrainSummary, 'id' | 'status'>,
): PermissionState {
  const state = useRetrospectiveManagement(train.id);
  if (train.status !== 'active' && train.status !== 'released') {
    return { loading: false, allowed: false };
  }
  return state;
}
