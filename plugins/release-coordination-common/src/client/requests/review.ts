import { ReleaseCoordinationApi } from '../api';
import { BackendHttp, query } from '../http';

/** A train's joint release review: its risk register and the teams' sign-offs. */
export function reviewRequests(
  http: BackendHttp,
): Pick<
  ReleaseCoordinationApi,
  | 'getTrainReview'
  | 'listReviewRisks'
  | 'registerReviewRisk'
  | 'updateReviewRisk'
  | 'signOffReview'
> {
  return {
    getTrainReview: request =>
      http.get(`/trains/${encodeURIComponent(request.trainId)}/review`),

    listReviewRisks: request => {
      const { trainId, ...paging } = request;
      return http.get(
        `/trains/${encodeURIComponent(trainId)}/review/risks${query(paging)}`,
      );
    },

    registerReviewRisk: request => {
      const { trainId, ...body } = request;
      return http.send(
        'POST',
        `/trains/${encodeURIComponent(trainId)}/review/risks`,
        body,
      );
    },

    updateReviewRisk: request => {
      const { trainId, riskId, ...body } = request;
      return http.send(
        'PATCH',
        `/trains/${encodeURIComponent(trainId)}/review/risks/${encodeURIComponent(riskId)}`,
        body,
      );
    },

    signOffReview: request => {
      const { trainId, ...body } = request;
      return http.send(
        'POST',
        `/trains/${encodeURIComponent(trainId)}/review/sign-offs`,
        body,
      );
    },
  };
}
