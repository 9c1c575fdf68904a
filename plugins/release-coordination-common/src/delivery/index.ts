export type {
  DeployReadiness,
  DeployReadinessReason,
  DeployReadinessReasonCode,
} from './types';
