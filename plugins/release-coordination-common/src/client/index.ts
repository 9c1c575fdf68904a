export {
  RELEASE_COORDINATION_PLUGIN_ID,
  type DependencyScopeParam,
  type ListDependencyEdgesRequest,
  type ListTrainsRequest,
  type ReleaseCoordinationApi,
  type ReleaseCoordinationClientOptions,
} from './api';
export { ReleaseCoordinationClient } from './ReleaseCoordinationClient';
