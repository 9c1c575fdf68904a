export {
  UNOWNED,
  type BlastRadiusGroup,
  type DependencyEdge,
  type DependencyGroup,
  type DependencyNode,
  type DependencyProblem,
  type DependencyUser,
  type DeploymentPlan,
  type DeploymentWave,
  type OwnershipInfo,
  type ReachedEntity,
  type TeamMatrix,
  type TeamMatrixCell,
} from './types';
export type {
  BlastRadiusResponse,
  DependencyEdgesResponse,
  DependencySnapshotInfo,
  DependencyRefreshResponse,
  DependencySnapshotResponse,
  DeploymentWavesResponse,
  EntityDependenciesResponse,
  OwnershipResponse,
  TeamMatrixResponse,
} from './api';
export { entityRefKind, normalizeEntityRef } from './refs';
