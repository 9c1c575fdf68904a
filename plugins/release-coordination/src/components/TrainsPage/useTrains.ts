import { useApi } from '@backstage/core-plugin-api';
import { TrainDetail } from '@release-coordination/plugin-release-coordination-common';
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

/** How many trains the timeline draws; each costs a request for its stage windows. */
export const TIMELINE_TRAIN_LIMIT = 20;

/**
 * The stages (windows, lateness) of the given trains, which the list does not carry. A train
 * that fails to load is left out rather than failing the whole timeline.
 */
export function useTrainDetails(trains: { id: string; updatedAt: string }[]) {
  const api = useApi(releaseCoordinationApiRef);
  // Refetch when a train changed, not when the same trains come in a new array.
  const key = trains.map(train => `${train.id}@${train.updatedAt}`).join(',');
  return useAsyncRetry(async () => {
    const ids = key
      .split(',')
      .filter(Boolean)
      .map(entry => entry.slice(0, entry.lastIndexOf('@')));
    const results = await Promise.allSettled(ids.map(trainId => api.getTrain({ trainId })));
    return results.flatMap(result =>
      result.status === 'fulfilled' ? [result.value as TrainDetail] : [],
    );
  }, [api, key]);
}
