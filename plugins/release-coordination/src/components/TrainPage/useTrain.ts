import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { releaseCoordinationApiRef } from '../../api';
import { useTrainChangedSignal } from '../shared';

/** A train with its stages, participants and gates, refetched when the backend says it changed. */
export function useTrain(trainId: string) {
  const api = useApi(releaseCoordinationApiRef);
  const state = useAsyncRetry(() => api.getTrain({ trainId }), [api, trainId]);
  useTrainChangedSignal(state.retry, trainId);
  return state;
}

/**
 * The newest entries of a train's decision log, refetched when the backend says the train
 * changed and whenever `refreshKey` (e.g. the train's `updatedAt`) does.
 */
export function useDecisions(trainId: string, refreshKey?: string) {
  const api = useApi(releaseCoordinationApiRef);
  const state = useAsyncRetry(
    () => api.listDecisions({ trainId, limit: 200 }),
    [api, trainId, refreshKey],
  );
  useTrainChangedSignal(state.retry, trainId);
  return state;
}
