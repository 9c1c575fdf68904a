import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Page,
  RegisterReviewRiskRequest,
  ReviewRisk,
  ReviewSignOff,
  SignOffReviewRequest,
  UpdateReviewRiskRequest,
} from '@release-coordination/plugin-release-coordination-common';
import { PageRequest } from '../database/paging';
import { createReviewCore, ReviewServiceOptions } from './core';
import { createRiskRegister } from './riskRegister';
import { createReviewSignOffs } from './signOffs';

export type { ReviewServiceOptions } from './core';
export { REVIEW_TOPIC } from './core';
export { MAX_RISKS_PER_TRAIN } from './riskRegister';
export { isReviewHeld, reviewTeams } from './teams';

/** A train's joint release review: its risk register and the teams' sign-offs. */
export interface ReviewService {
  listRisks(trainId: string, page: PageRequest): Promise<Page<ReviewRisk>>;
  registerRisk(
    trainId: string,
    request: RegisterReviewRiskRequest,
    credentials: BackstageCredentials,
  ): Promise<ReviewRisk>;
  updateRisk(
    trainId: string,
    riskId: string,
    request: UpdateReviewRiskRequest,
    credentials: BackstageCredentials,
  ): Promise<ReviewRisk>;
  signOff(
    trainId: string,
    request: SignOffReviewRequest,
    credentials: BackstageCredentials,
  ): Promise<ReviewSignOff>;
}

/** Creates the {@link ReviewService} from its parts, which share one core. */
export function createReviewService(
  options: ReviewServiceOptions,
): ReviewService {
  const core = createReviewCore(options);
  return {
    ...createRiskRegister(core),
    ...createReviewSignOffs(core),
  };
}
