import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { releaseCoordinationApiRef } from '../../api';
import { useTrainChangedSignal } from '../shared';

/**
 * The rollback readiness of a train's participants, refetched when the backend says the train
 * changed (a plan saved, a rehearsal reported, a stage left).
 */
export function useRollbackReadiness(trainId: string) {
  const api = useApi(releaseCoordinationApiRef);
  const state = useAsyncRetry(() => api.getRollbackReadiness({ trainId }), [api, trainId]);
  useTrainChangedSignal(state.retry, trainId);
  return state;
}

/** The page of a list to fetch. */
type PageRequest = { limit: number; offset: number };

/**
 * A page of a train's feature flags with the train's figures, refetched when the backend says
 * the train changed.
 */
export function useFeatureFlags(trainId: string, page: PageRequest) {
  const api = useApi(releaseCoordinationApiRef);
  const { limit, offset } = page;
  const state = useAsyncRetry(
    () => api.listFeatureFlags({ trainId, limit, offset }),
    [api, trainId, limit, offset],
  );
  useTrainChangedSignal(state.retry, trainId);
  return state;
}

/** A page of a train's deployments, refetched when CI reports one (the backend signals it). */
export function useDeployments(trainId: string, page: PageRequest) {
  const api = useApi(releaseCoordinationApiRef);
  const { limit, offset } = page;
  const state = useAsyncRetry(
    () => api.listDeployments({ trainId, limit, offset }),
    [api, trainId, limit, offset],
  );
  useTrainChangedSignal(state.retry, trainId);
  return state;
}

/**
 * The train's environment matrix, refetched when the backend says the train changed (a
 * deployment reported).
 */
export function useEnvironmentMatrix(trainId: string) {
  const api = useApi(releaseCoordinationApiRef);
  const state = useAsyncRetry(() => api.getEnvironmentMatrix({ trainId }), [api, trainId]);
  useTrainChangedSignal(state.retry, trainId);
  return state;
}
