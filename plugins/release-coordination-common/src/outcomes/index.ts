export type {
  CreateFeatureFlagRequest,
  DeploymentOutcome,
  DeploymentResult,
  FeatureFlag,
  FeatureFlagState,
  ParticipantRollbackReadiness,
  ReportDeploymentRequest,
  ReportRollbackDrillRequest,
  RollbackDrill,
  RollbackDrillResult,
  RollbackPlan,
  SaveRollbackPlanRequest,
  TrainFeatureFlags,
  TrainRollbackReadiness,
  UpdateFeatureFlagRequest,
} from './types';
export { daysSince, deploymentDurationMs, featureFlagExpiry, rollbackDurationMs } from './logic';
