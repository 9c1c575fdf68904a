import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { releaseCoordinationApiRef } from '../../api';
import { useTrainChangedSignal } from '../shared';
import { RETROSPECTIVE_PAGE_SIZE } from './useRetrospectiveList';

/**
 * A train's retrospective with the first page of each of its lists, refetched when the backend
 * says any train changed: a change of an action item is announced for the train that created
 * it, and carried-over items come from earlier trains.
 */
export function useRetrospective(trainId: string) {
  const api = useApi(releaseCoordinationApiRef);
  const state = useAsyncRetry(
    () => api.getRetrospective({ trainId, limit: RETROSPECTIVE_PAGE_SIZE }),
    [api, trainId],
  );
  useTrainChangedSignal(state.retry);
  return state;
}
