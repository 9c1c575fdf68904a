import { usePermission } from '@backstage/plugin-permission-react';
import {
  gateApprovePermission,
  gateWaivePermission,
  ReleaseTrainSummary,
  trainManagePermission,
} from '@release-coordination/plugin-release-coordination-common';
import { sameRef } from './refs';
import { useSignedInUserRef } from './useSignedInUserRef';

/** A permission decided without a resource, such as `trainManagePermission`. */
type BasicPermission = typeof trainManagePermission;

/** Whether the viewer may do something, and whether that is still being found out. */
export type PermissionState = { loading: boolean; allowed: boolean };

/**
 * The ambassador of a train may always run it; anyone else needs the policy to allow the
 * permission. The same rule as the backend's, so actions are offered only to those whose
 * request would be accepted. Either answer is enough to allow, so the slower one is not awaited.
 */
function useAmbassadorOrPermission(
  ambassadorRef: string,
  permission: BasicPermission,
): PermissionState {
  const viewer = useSignedInUserRef();
  const granted = usePermission({ permission });
  const isAmbassador = viewer.userRef !== undefined && sameRef(viewer.userRef, ambassadorRef);
  const allowed = isAmbassador || granted.allowed;
  return { allowed, loading: !allowed && (viewer.loading || granted.loading) };
}

/**
 * Whether the viewer may change the train's plan and participants: the train is still active
 * (the backend refuses changes to released, rolled-back and cancelled trains) and the viewer is
 * its ambassador or a release manager (`trainManagePermission`).
 */
export function useTrainManagement(
  train: Pick<ReleaseTrainSummary, 'ambassadorRef' | 'status'>,
): PermissionState {
  const state = useAmbassadorOrPermission(train.ambassadorRef, trainManagePermission);
  if (train.status !== 'active') {
    return { loading: false, allowed: false };
  }
  return state;
}

/**
 * Whether the viewer may add to the retrospective of the train with this ambassador: the
 * ambassador or a release manager (`trainManagePermission`), also once the train has ended,
 * which is when its retrospective runs.
 */
export function useRetrospectiveManagement(ambassadorRef: string): PermissionState {
  return useAmbassadorOrPermission(ambassadorRef, trainManagePermission);
}

/** Whether the viewer may waive check and rule gates of the train with this ambassador. */
export function useGateWaiver(ambassadorRef: string): PermissionState {
  return useAmbassadorOrPermission(ambassadorRef, gateWaivePermission);
}

/**
 * Whether the viewer may waive an owner's approval gate: only whom the policy allows (a release
 * manager), never the ambassador alone — the owning team decides its approval.
 */
export function useApprovalWaiver(): PermissionState {
  const { loading, allowed } = usePermission({ permission: gateWaivePermission });
  return { loading, allowed };
}

/**
 * Whether the policy lets the viewer approve or reject this gate. It is decided per gate (a
 * policy usually allows the members of the gate's approver Group), so each gate asks.
 */
export function useGateDecision(gateId: string): PermissionState {
  const { loading, allowed } = usePermission({
    permission: gateApprovePermission,
    resourceRef: gateId,
  });
  return { loading, allowed };
}
