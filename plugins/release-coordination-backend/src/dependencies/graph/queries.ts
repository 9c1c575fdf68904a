/**
 * The questions asked of the dependency graph, one module each in `queries/`: scopes, walks
 * (upstream, downstream, blast radius), edges and the team matrix, deployment waves, ownership.
 */
export { parseDependencyScope, resolveScope } from './queries/scope';
export { blastRadius, downstreamOf, upstreamOf, type DependencyWalkOptions } from './queries/walks';
export { edgesTouching, isCrossTeam, teamMatrix } from './queries/teams';
export { deploymentWaves } from './queries/deploymentWaves';
export { ownershipOf } from './queries/ownership';
