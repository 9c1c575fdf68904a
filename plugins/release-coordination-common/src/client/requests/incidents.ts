import { ReleaseCoordinationApi } from '../api';
import { BackendHttp, query } from '../http';

/** Incidents and the deployments they are attributed to. */
export function incidentRequests(
  http: BackendHttp,
): Pick<
  ReleaseCoordinationApi,
  'reportIncident' | 'listIncidents' | 'getIncident' | 'attributeIncident'
> {
  return {
    reportIncident: request => http.send('POST', '/incidents', request),

    listIncidents: (request = {}) =>
      http.get(`/incidents${query({ ...request })}`),

    getIncident: request =>
      http.get(`/incidents/${encodeURIComponent(request.incidentId)}`),

    attributeIncident: request => {
      const { incidentId, ...body } = request;
      return http.send(
        'POST',
        `/incidents/${encodeURIComponent(incidentId)}/attribution`,
        body,
      );
    },
  };
}
