import { usePermission } from '@backstage/plugin-permission-react';
import {
  gateApprovePermission,
  gateWaivePermission,
  ReleaseTrainSummary,
  trainManagePermission,
} from '@release-coordination/plugin-release-coordination-common';

/** Whether the viewer may do something, and whether that is still being found out. */
export type PermissionState = { loading: boolean; allowed: boolean };

/**
 * Whether the policy lets the viewer manage the train: asked per train, so that a conditional
 * answer (usually "the viewer is the train's ambassador") is decided on the train itself, as
 * the backend decides it.
 */
function useManagePermission(trainId: string): PermissionState {
  const { loading, allowed } = usePermission({
    permission: trainManagePermission,
    resourceRef: trainId,
  });
  return { loading, allowed };
}

/**
 * Whether the viewer may change the train's plan and participants: the train is still active
 * (the backend refuses changes to released, rolled-back and cancelled trains) and the policy
 * lets the viewer manage it (`trainManagePermission`: its ambassador or a release manager).
 */
export function useTrainManagement(
  train: Pick<ReleaseTrainSummary, 'id' | 'status'>,
): PermissionState {
  const state = useManagePermission(train.id);
  if (train.status !== 'active') {
    return { loading: false, allowed: false };
  }
  return state;
}

/**
 * Whether the viewer may add to the retrospective of this train: whoever the policy lets manage
 * it (`trainManagePermission`), also once the train has ended, which is when its retrospective
 * runs.
 */
export function useRetrospectiveManagement(trainId: string): PermissionState {
  return useManagePermission(trainId);
}

/**
 * Whether the viewer may waive check and rule gates of this train: whoever the policy lets waive, or manage
 * the train. Either answer is enough to allow, so the slower one is not awaited.
 */
export function useGateWaiver(trainId: string): PermissionState {
  const waiver = usePermission({ permission: gateWaivePermission });
  const manager = useManagePermission(trainId);
  const allowed = waiver.allowed || manager.allowed;
  return { allowed, loading: !allowed && (waiver.loading || manager.loading) };
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
