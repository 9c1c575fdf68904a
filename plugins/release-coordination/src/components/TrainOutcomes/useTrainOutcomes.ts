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

/** A train's feature flags, refetched when the backend says the train changed. */
export function useFeatureFlags(trainId: string) {
  const api = useApi(releaseCoordinationApiRef);
  const state = useAsyncRetry(() => api.listFeatureFlags({ trainId }), [api, trainId]);
  useTrainChangedSignal(state.retry, trainId);
  return state;
}

/** A train's deployments, refetched when CI reports one (the backend signals the change). */
export function useDeployments(trainId: string) {
  const api = useApi(releaseCoordinationApiRef);
  const state = useAsyncRetry(() => api.listDeployments({ trainId }), [api, trainId]);
  useTrainChangedSignal(state.retry, trainId);
  return state;
}
