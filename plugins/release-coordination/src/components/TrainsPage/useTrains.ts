import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { releaseCoordinationApiRef } from '../../api';

/** Loads the newest release trains. */
export function useTrains() {
  const api = useApi(releaseCoordinationApiRef);
  return useAsyncRetry(() => api.listTrains({ limit: 100 }), [api]);
}
