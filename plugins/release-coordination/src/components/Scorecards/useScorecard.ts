import { useApi } from '@backstage/core-plugin-api';
import {
  ScorecardPeriod,
  ScorecardResponse,
  ScorecardScope,
} from '@release-coordination/plugin-release-coordination-common';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { releaseCoordinationApiRef } from '../../api';
import { useTrainChangedSignal } from '../shared';
import { scopeKey } from './scorecardLocation';

/**
 * Loads the scorecard of a scope over a period, again whenever the backend says a train
 * changed. `scorecard` is only ever the one asked for: while another scope or period loads,
 * the previous one is not passed off as the new one.
 */
export function useScorecard(scope: ScorecardScope, period: ScorecardPeriod) {
  const api = useApi(releaseCoordinationApiRef);
  const key = `${scopeKey(scope)}|${period.from}|${period.to}`;
  const state = useAsyncRetry(
    async () => ({ key, scorecard: await api.getScorecard({ scope, period }) }),
    // The key stands for scope and period: equal ones may come as new objects.
    [api, key],
  );
  useTrainChangedSignal(state.retry);
  const scorecard: ScorecardResponse | undefined =
    state.value?.key === key ? state.value.scorecard : undefined;
  return { scorecard, loading: state.loading, error: state.error, retry: state.retry };
}

/**
 * The name of a train for the breadcrumb. The scorecard names the trains it counted; a train
 * it did not count in the period (or one passed through on the way down) is looked up.
 */
export function useTrainName(trainId: string | undefined, knownName: string | undefined) {
  const api = useApi(releaseCoordinationApiRef);
  const lookup = trainId !== undefined && knownName === undefined;
  const { value } = useAsync(
    async () => (lookup ? (await api.getTrain({ trainId: trainId! })).name : undefined),
    [api, trainId, lookup],
  );
  return knownName ?? value;
}
