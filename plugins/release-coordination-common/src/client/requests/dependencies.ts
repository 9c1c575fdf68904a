import { ReleaseCoordinationApi } from '../api';
import { BackendHttp, query } from '../http';

/** The dependency graph of the catalog and who owns what in it. */
export function dependencyRequests(
  http: BackendHttp,
): Pick<
  ReleaseCoordinationApi,
  | 'getDependencySnapshot'
  | 'refreshDependencies'
  | 'getEntityDependencies'
  | 'getTeamMatrix'
  | 'listDependencyEdges'
  | 'getBlastRadius'
  | 'getDeploymentWaves'
  | 'getOwnership'
> {
  return {
    getDependencySnapshot: () => http.get('/dependencies/snapshot'),

    refreshDependencies: () => http.send('POST', '/dependencies/refresh', {}),

    getEntityDependencies: request =>
      http.get(
        `/dependencies/entity${query({ ref: request.entityRef, depth: request.depth })}`,
      ),

    getTeamMatrix: request =>
      http.get(`/dependencies/matrix${query({ scope: request.scope })}`),

    listDependencyEdges: request =>
      http.get(`/dependencies/edges${query({ ...request })}`),

    getBlastRadius: request =>
      http.get(
        `/dependencies/blast-radius${query({ ref: request.entityRef })}`,
      ),

    getDeploymentWaves: request =>
      http.send('POST', '/dependencies/waves', {
        entityRefs: request.entityRefs,
      }),

    getOwnership: request =>
      http.get(`/ownership${query({ ref: request.entityRef })}`),
  };
}
