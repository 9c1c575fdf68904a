import { ReleaseCoordinationApi } from '../api';
import { BackendHttp, query } from '../http';

/** When trains may ship: change freezes, the release calendar and where plans collide. */
export function calendarRequests(
  http: BackendHttp,
): Pick<
  ReleaseCoordinationApi,
  | 'listFreezes'
  | 'declareFreeze'
  | 'liftFreeze'
  | 'getReleaseCalendar'
  | 'getTrainCollisions'
> {
  return {
    listFreezes: (request = {}) => http.get(`/freezes${query({ ...request })}`),

    declareFreeze: request => http.send('POST', '/freezes', request),

    liftFreeze: async request => {
      await http.send(
        'DELETE',
        `/freezes/${encodeURIComponent(request.freezeId)}`,
      );
    },

    getReleaseCalendar: (request = {}) =>
      http.get(`/calendar${query({ ...request })}`),

    getTrainCollisions: request =>
      http.get(`/trains/${encodeURIComponent(request.trainId)}/collisions`),
  };
}
