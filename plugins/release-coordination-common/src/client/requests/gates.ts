import { ReleaseCoordinationApi } from '../api';
import { BackendHttp, query } from '../http';

/** The gates of a train's stages: approvals, waivers and the checks CI reports. */
export function gateRequests(
  http: BackendHttp,
): Pick<
  ReleaseCoordinationApi,
  'approveGate' | 'rejectGate' | 'waiveGate' | 'reportCheck' | 'listMyApprovals'
> {
  return {
    approveGate: request => {
      const { gateId, ...body } = request;
      return http.send(
        'POST',
        `/gates/${encodeURIComponent(gateId)}/approve`,
        body,
      );
    },

    rejectGate: request => {
      const { gateId, ...body } = request;
      return http.send(
        'POST',
        `/gates/${encodeURIComponent(gateId)}/reject`,
        body,
      );
    },

    waiveGate: request => {
      const { gateId, ...body } = request;
      return http.send(
        'POST',
        `/gates/${encodeURIComponent(gateId)}/waive`,
        body,
      );
    },

    reportCheck: request => {
      const { trainId, ...body } = request;
      return http.send(
        'POST',
        `/trains/${encodeURIComponent(trainId)}/checks`,
        body,
      );
    },

    listMyApprovals: (request = {}) =>
      http.get(
        `/approvals/mine${query({ limit: request.limit, offset: request.offset })}`,
      ),
  };
}
