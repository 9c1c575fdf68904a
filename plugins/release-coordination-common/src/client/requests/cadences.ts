import { ReleaseCoordinationApi } from '../api';
import { BackendHttp, query } from '../http';

/** Release cadences: recurring trains, their ambassador rotation and its handovers. */
export function cadenceRequests(
  http: BackendHttp,
): Pick<
  ReleaseCoordinationApi,
  | 'listCadences'
  | 'createCadence'
  | 'getCadence'
  | 'setCadenceRoster'
  | 'listCadenceTrains'
  | 'createCadenceTrain'
  | 'recordRotationChange'
  | 'addCadenceHandover'
> {
  return {
    listCadences: (request = {}) =>
      http.get(`/cadences${query({ ...request })}`),

    createCadence: request => http.send('POST', '/cadences', request),

    getCadence: request =>
      http.get(`/cadences/${encodeURIComponent(request.cadenceId)}`),

    setCadenceRoster: request => {
      const { cadenceId, ...body } = request;
      return http.send(
        'PUT',
        `/cadences/${encodeURIComponent(cadenceId)}/roster`,
        body,
      );
    },

    listCadenceTrains: request => {
      const { cadenceId, ...paging } = request;
      return http.get(
        `/cadences/${encodeURIComponent(cadenceId)}/trains${query(paging)}`,
      );
    },

    createCadenceTrain: request => {
      const { cadenceId, ...body } = request;
      return http.send(
        'POST',
        `/cadences/${encodeURIComponent(cadenceId)}/trains`,
        body,
      );
    },

    recordRotationChange: request => {
      const { cadenceId, ...body } = request;
      return http.send(
        'POST',
        `/cadences/${encodeURIComponent(cadenceId)}/rotation`,
        body,
      );
    },

    addCadenceHandover: request => {
      const { cadenceId, ...body } = request;
      return http.send(
        'POST',
        `/cadences/${encodeURIComponent(cadenceId)}/handovers`,
        body,
      );
    },
  };
}
