import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { releaseCoordinationApiRef } from '../../api';

/** Who owns an entity, who is in that team, whom to escalate to and which teams it touches. */
export function useOwnership(entityRef: string) {
  const api = useApi(releaseCoordinationApiRef);
  return useAsyncRetry(() => api.getOwnership({ entityRef }), [api, entityRef]);
}
