import { ReleaseCoordinationApi } from '../api';
import { BackendHttp, query } from '../http';

/** How releases went over a period, and the leading indicators CI measures before they ship. */
export function scorecardRequests(
  http: BackendHttp,
): Pick<
  ReleaseCoordinationApi,
  'getScorecard' | 'reportIndicators' | 'listIndicators'
> {
  return {
    getScorecard: request => {
      const { scope, period } = request;
      let ref: string | undefined;
      if (scope.kind === 'train') ref = scope.id;
      else if (scope.kind !== 'organization') ref = scope.ref;
      return http.get(
        `/scorecards${query({ scope: scope.kind, ref, from: period.from, to: period.to })}`,
      );
    },

    reportIndicators: request => http.send('POST', '/indicators', request),

    listIndicators: request => http.get(`/indicators${query({ ...request })}`),
  };
}
