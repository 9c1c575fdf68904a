import { ReleaseCoordinationApi } from '../api';
import { BackendHttp, query } from '../http';

/** A train's retrospective: its notes and the action items that outlive it. */
export function retrospectiveRequests(
  http: BackendHttp,
): Pick<
  ReleaseCoordinationApi,
  | 'getRetrospective'
  | 'listRetrospectiveNotes'
  | 'listCarriedOverActionItems'
  | 'addRetrospectiveNote'
  | 'deleteRetrospectiveNote'
  | 'createActionItem'
  | 'updateActionItem'
  | 'listActionItems'
> {
  return {
    getRetrospective: request => {
      const { trainId, ...paging } = request;
      return http.get(
        `/trains/${encodeURIComponent(trainId)}/retrospective${query(paging)}`,
      );
    },

    listRetrospectiveNotes: request => {
      const { trainId, ...params } = request;
      return http.get(
        `/trains/${encodeURIComponent(trainId)}/retrospective/notes${query({ ...params })}`,
      );
    },

    listCarriedOverActionItems: request => {
      const { trainId, ...paging } = request;
      return http.get(
        `/trains/${encodeURIComponent(trainId)}/retrospective/carried-over${query(paging)}`,
      );
    },

    addRetrospectiveNote: request => {
      const { trainId, ...body } = request;
      return http.send(
        'POST',
        `/trains/${encodeURIComponent(trainId)}/retrospective/notes`,
        body,
      );
    },

    deleteRetrospectiveNote: async request => {
      const { trainId, noteId } = request;
      // Answered with 204 and no body.
      await http.delete(
        `/trains/${encodeURIComponent(trainId)}/retrospective/notes/${encodeURIComponent(noteId)}`,
      );
    },

    createActionItem: request => {
      const { trainId, ...body } = request;
      return http.send(
        'POST',
        `/trains/${encodeURIComponent(trainId)}/action-items`,
        body,
      );
    },

    updateActionItem: request => {
      const { itemId, ...body } = request;
      return http.send(
        'PATCH',
        `/action-items/${encodeURIComponent(itemId)}`,
        body,
      );
    },

    listActionItems: (request = {}) =>
      http.get(`/action-items${query({ ...request })}`),
  };
}
