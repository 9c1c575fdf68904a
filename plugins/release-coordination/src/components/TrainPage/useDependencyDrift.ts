import { useApi } from '@backstage/core-plugin-api';
import { TrainDetail } from '@release-coordination/plugin-release-coordination-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { releaseCoordinationApiRef } from '../../api';
import { useTrainChangedSignal } from '../shared';

/**
 * How the dependencies among a train's participants changed from stage to stage, refetched
 * when the backend says the train changed and when the train shown moved on (a new stage,
 * status or set of participants), so the card follows the page also without live updates.
 */
export function useDependencyDrift(
  train: Pick<TrainDetail, 'id' | 'currentStage' | 'status' | 'participants'>,
) {
  const api = useApi(releaseCoordinationApiRef);
  const trainId = train.id;
  const shape = [
    train.status,
    train.currentStage,
    ...train.participants.map(participant => participant.entityRef),
  ].join('\n');
  const state = useAsyncRetry(
    () => api.getDependencyDrift({ trainId }),
    [api, trainId, shape],
  );
  useTrainChangedSignal(state.retry, trainId);
  return state;
}
