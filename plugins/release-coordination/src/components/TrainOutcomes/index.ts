export { RollbackReadinessCard } from './RollbackReadinessCard';
export { FeatureFlagsCard } from './FeatureFlagsCard';
export { DeploymentsCard } from './DeploymentsCard';
export { EnvironmentMatrixCard } from './EnvironmentMatrixCard';
