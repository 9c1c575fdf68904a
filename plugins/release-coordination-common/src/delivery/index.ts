export type {
  DeployReadiness,
  DeployReadinessReason,
  DeployReadinessReasonCode,
  EnvironmentCell,
  TrainEnvironmentMatrix,
} from './types';
