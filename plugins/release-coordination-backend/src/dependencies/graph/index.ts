/**
 * The cross-team dependency graph as the backend derives, indexes and queries it: pure
 * functions over plain data, without I/O, so that they are easy to test and to benchmark.
 */

export { deriveDependencyGraph } from './derive';
export { DependencyIndex } from './DependencyIndex';
export {
  blastRadius,
  deploymentWaves,
  downstreamOf,
  edgesTouching,
  isCrossTeam,
  ownershipOf,
  parseDependencyScope,
  resolveScope,
  teamMatrix,
  upstreamOf,
  type DependencyWalkOptions,
} from './queries';
export { dependencyDrift, type DependencyDriftSample } from './drift';
export { compareStrings } from './refs';
export {
  DEPENDENCY_ENTITY_FIELDS,
  type CatalogEntityLike,
  type DependencyGraph,
  type DependencyScope,
  type DependencyScopeEntity,
} from './types';
