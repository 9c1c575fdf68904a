import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { releaseCoordinationApiRef } from '../../api';

/** Which edges of a scope to list, and which page of them. */
export interface DependencyEdgesQuery {
  scope: string;
  fromTeam?: string;
  toTeam?: string;
  crossTeamOnly: boolean;
  page: number;
  pageSize: number;
}

/**
 * One page of a scope's dependency edges. The backend pages, as a scope of hundreds of teams
 * has more edges than a browser should hold.
 */
export function useDependencyEdges(query: DependencyEdgesQuery) {
  const api = useApi(releaseCoordinationApiRef);
  const { scope, fromTeam, toTeam, crossTeamOnly, page, pageSize } = query;
  return useAsyncRetry(
    () =>
      api.listDependencyEdges({
        scope,
        fromTeam,
        toTeam,
        crossTeamOnly,
        limit: pageSize,
        offset: page * pageSize,
      }),
    [api, scope, fromTeam, toTeam, crossTeamOnly, page, pageSize],
  );
}
