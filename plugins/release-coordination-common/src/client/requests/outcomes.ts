import { ReleaseCoordinationApi } from '../api';
import { BackendHttp, query } from '../http';

/** What happened when a train shipped: deployments, rollback plans and drills, feature flags. */
export function outcomeRequests(
  http: BackendHttp,
): Pick<
  ReleaseCoordinationApi,
  | 'reportDeployment'
  | 'listDeployments'
  | 'getRollbackReadiness'
  | 'saveRollbackPlan'
  | 'reportRollbackDrill'
  | 'listFeatureFlags'
  | 'createFeatureFlag'
  | 'updateFeatureFlag'
> {
  return {
    reportDeployment: request => {
      const { trainId, ...body } = request;
      return http.send(
        'POST',
        `/trains/${encodeURIComponent(trainId)}/deployments`,
        body,
      );
    },

    listDeployments: request => {
      const { trainId, ...params } = request;
      return http.get(
        `/trains/${encodeURIComponent(trainId)}/deployments${query({ ...params })}`,
      );
    },

    getRollbackReadiness: request =>
      http.get(
        `/trains/${encodeURIComponent(request.trainId)}/rollback-readiness`,
      ),

    saveRollbackPlan: request => {
      const { trainId, entityRef, ...body } = request;
      return http.send(
        'PUT',
        `/trains/${encodeURIComponent(trainId)}/participants/${encodeURIComponent(entityRef)}/rollback-plan`,
        body,
      );
    },

    reportRollbackDrill: request =>
      http.send('POST', '/rollback-drills', request),

    listFeatureFlags: request => {
      const { trainId, ...paging } = request;
      return http.get(
        `/trains/${encodeURIComponent(trainId)}/flags${query(paging)}`,
      );
    },

    createFeatureFlag: request => {
      const { trainId, ...body } = request;
      return http.send(
        'POST',
        `/trains/${encodeURIComponent(trainId)}/flags`,
        body,
      );
    },

    updateFeatureFlag: request => {
      const { flagId, ...body } = request;
      return http.send('PATCH', `/flags/${encodeURIComponent(flagId)}`, body);
    },
  };
}
