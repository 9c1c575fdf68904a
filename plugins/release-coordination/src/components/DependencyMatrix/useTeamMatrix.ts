import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { releaseCoordinationApiRef } from '../../api';

/** The team × team matrix of a scope (`organization` or a System, Domain or Group ref). */
export function useTeamMatrix(scope: string) {
  const api = useApi(releaseCoordinationApiRef);
  return useAsyncRetry(() => api.getTeamMatrix({ scope }), [api, scope]);
}
