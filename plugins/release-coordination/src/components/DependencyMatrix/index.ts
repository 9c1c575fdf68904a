export { EntityDependencyMatrixContent } from './EntityDependencyMatrixContent';
export { EntityDependencies } from './EntityDependencies';
export { ScopeDependencyMatrix } from './ScopeDependencyMatrix';
export { UpstreamDownstreamTables } from './UpstreamDownstreamTables';
export { TeamMatrixHeatmap } from './TeamMatrixHeatmap';
export { DeploymentWaves, DeploymentPlanView } from './DeploymentWaves';
export { BlastRadius } from './BlastRadius';
export { buildHeatmapModel, OTHER_TEAMS } from './teamMatrixModel';
