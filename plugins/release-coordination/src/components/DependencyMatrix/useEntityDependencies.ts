import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { releaseCoordinationApiRef } from '../../api';

/** How far to walk the graph: a number of hops, or `all` for the whole transitive closure. */
export type DependencyDepth = 1 | 2 | 3 | 'all';

/** Without a depth the backend walks without limit. */
export function depthParam(depth: DependencyDepth): number | undefined {
  return depth === 'all' ? undefined : depth;
}

/** What an entity depends on and what depends on it, up to `depth` hops. */
export function useEntityDependencies(entityRef: string, depth: DependencyDepth) {
  const api = useApi(releaseCoordinationApiRef);
  return useAsyncRetry(
    () => api.getEntityDependencies({ entityRef, depth: depthParam(depth) }),
    [api, entityRef, depth],
  );
}
