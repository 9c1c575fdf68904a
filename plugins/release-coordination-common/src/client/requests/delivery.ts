import { ReleaseCoordinationApi } from '../api';
import { BackendHttp, query } from '../http';

/** Which versions go together and where they may be deployed. */
export function deliveryRequests(
  http: BackendHttp,
): Pick<
  ReleaseCoordinationApi,
  'getCompatibilityMatrix' | 'getEnvironmentMatrix' | 'getDeployReadiness'
> {
  return {
    getCompatibilityMatrix: request =>
      http.get(`/trains/${encodeURIComponent(request.trainId)}/compatibility`),

    getEnvironmentMatrix: request =>
      http.get(`/trains/${encodeURIComponent(request.trainId)}/environments`),

    getDeployReadiness: request =>
      http.get(`/deploy-readiness${query(request)}`),
  };
}
