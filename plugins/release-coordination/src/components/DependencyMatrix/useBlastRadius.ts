import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { releaseCoordinationApiRef } from '../../api';

/** Everything that depends on the entity, transitively, grouped by owning team. */
export function useBlastRadius(entityRef: string) {
  const api = useApi(releaseCoordinationApiRef);
  return useAsyncRetry(() => api.getBlastRadius({ entityRef }), [api, entityRef]);
}
