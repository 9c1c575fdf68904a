import { ReleaseCoordinationApi } from '../api';
import { BackendHttp, participantPath, query } from '../http';

/** Release trains: their plan, participants, stages and the decisions taken on them. */
export function trainRequests(
  http: BackendHttp,
): Pick<
  ReleaseCoordinationApi,
  | 'listTrains'
  | 'createTrain'
  | 'getTrain'
  | 'updateTrain'
  | 'addParticipant'
  | 'updateParticipant'
  | 'removeParticipant'
  | 'getDependencyDrift'
  | 'advanceStage'
  | 'cancelTrain'
  | 'rollBackTrain'
  | 'listDecisions'
  | 'listEntityTrains'
> {
  return {
    listTrains: async (request = {}) =>
      http.get(`/trains${query({ ...request })}`),

    createTrain: request => http.send('POST', '/trains', request),

    getTrain: request =>
      http.get(`/trains/${encodeURIComponent(request.trainId)}`),

    updateTrain: request => {
      const { trainId, ...body } = request;
      return http.send('PATCH', `/trains/${encodeURIComponent(trainId)}`, body);
    },

    addParticipant: request => {
      const { trainId, ...body } = request;
      return http.send(
        'POST',
        `/trains/${encodeURIComponent(trainId)}/participants`,
        body,
      );
    },

    updateParticipant: request => {
      const { trainId, entityRef, ...body } = request;
      return http.send('PATCH', participantPath(trainId, entityRef), body);
    },

    removeParticipant: request => {
      const { trainId, entityRef, ...body } = request;
      return http.send('DELETE', participantPath(trainId, entityRef), body);
    },

    getDependencyDrift: request =>
      http.get(
        `/trains/${encodeURIComponent(request.trainId)}/dependency-drift`,
      ),

    advanceStage: request =>
      http.send(
        'POST',
        `/trains/${encodeURIComponent(request.trainId)}/advance`,
        {
          expectedStage: request.expectedStage,
        },
      ),

    cancelTrain: request =>
      http.send(
        'POST',
        `/trains/${encodeURIComponent(request.trainId)}/cancel`,
        {
          reason: request.reason,
        },
      ),

    rollBackTrain: request =>
      http.send(
        'POST',
        `/trains/${encodeURIComponent(request.trainId)}/roll-back`,
        {
          reason: request.reason,
        },
      ),

    listDecisions: request => {
      const { trainId, ...paging } = request;
      return http.get(
        `/trains/${encodeURIComponent(trainId)}/decisions${query(paging)}`,
      );
    },

    listEntityTrains: request => {
      const { entityRef, limit, offset } = request;
      return http.get(
        `/entity-trains${query({ ref: entityRef, limit, offset })}`,
      );
    },
  };
}
