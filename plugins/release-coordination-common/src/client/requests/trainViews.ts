import { ReleaseCoordinationApi } from '../api';
import { BackendHttp, query } from '../http';

/** What a train's crew looks at while it runs: its risk, the standup and the runbook. */
export function trainViewRequests(
  http: BackendHttp,
): Pick<
  ReleaseCoordinationApi,
  | 'getTrainRisk'
  | 'getTrainStandup'
  | 'getTrainRunbook'
  | 'declareDeployIncident'
> {
  return {
    getTrainRisk: request =>
      http.get(`/trains/${encodeURIComponent(request.trainId)}/risk`),

    getTrainStandup: request => {
      const { trainId, ...rest } = request;
      return http.get(
        `/trains/${encodeURIComponent(trainId)}/standup${query({ ...rest })}`,
      );
    },

    getTrainRunbook: request =>
      http.get(`/trains/${encodeURIComponent(request.trainId)}/runbook`),

    declareDeployIncident: request => {
      const { trainId, ...body } = request;
      return http.send(
        'POST',
        `/trains/${encodeURIComponent(trainId)}/runbook/incidents`,
        body,
      );
    },
  };
}
