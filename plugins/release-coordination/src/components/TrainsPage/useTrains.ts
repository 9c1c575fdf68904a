import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { releaseCoordinationApiRef } from '../../api';
import { useTrainChangedSignal } from '../shared';

/** Loads the newest release trains, again whenever the backend says one changed. */
export function useTrains() {
  const api = useApi(releaseCoordinationApiRef);
  const state = useAsyncRetry(() => api.listTrains({ limit: 100 }), [api]);
  useTrainChangedSignal(state.retry);
  return state;
}

/** How many trains the timeline draws: beyond that, rows get too thin to read at 1280 px. */
export const TIMELINE_TRAIN_LIMIT = 20;
