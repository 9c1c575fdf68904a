import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { releaseCoordinationApiRef } from '../../api';

/** The order in which `entityRefs` can be deployed: providers in earlier waves than consumers. */
export function useDeploymentWaves(entityRefs: string[]) {
  const api = useApi(releaseCoordinationApiRef);
  // A new array with the same refs must not refetch: the key is their content.
  const key = entityRefs.join('\n');
  return useAsyncRetry(
    () => api.getDeploymentWaves({ entityRefs: key.split('\n').filter(Boolean) }),
    [api, key],
  );
}
