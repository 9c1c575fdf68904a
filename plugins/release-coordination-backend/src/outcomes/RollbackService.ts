import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  ReportRollbackDrillRequest,
  RollbackDrill,
  RollbackPlan,
  SaveRollbackPlanRequest,
  TrainRollbackReadiness,
} from '@release-coordination/plugin-release-coordination-common';
import { createRollbackCore, RollbackServiceOptions } from './rollbackCore';
import { createRollbackDrills } from './rollbackDrills';
import { createRollbackPlans } from './rollbackPlans';
import { createRollbackReadiness } from './rollbackReadiness';

export type { RollbackServiceOptions } from './rollbackCore';

/** Rollback plans per train and participant, and rehearsals (drills) per entity. */
export interface RollbackService {
  saveRollbackPlan(
    trainId: string,
    entityRef: string,
    input: SaveRollbackPlanRequest,
    credentials: BackstageCredentials,
  ): Promise<RollbackPlan>;
  /** `created` is false when the same drill was reported before (same idempotency key). */
  reportDrill(
    input: ReportRollbackDrillRequest,
    credentials: BackstageCredentials,
  ): Promise<{ drill: RollbackDrill; created: boolean }>;
  getRollbackReadiness(
    trainId: string,
    credentials: BackstageCredentials,
  ): Promise<TrainRollbackReadiness>;
}

/** Creates the {@link RollbackService} from its parts, which share one core. */
export function createRollbackService(options: RollbackServiceOptions): RollbackService {
  const core = createRollbackCore(options);
  return {
    ...createRollbackPlans(core),
    ...createRollbackDrills(core),
    ...createRollbackReadiness(core),
  };
}
