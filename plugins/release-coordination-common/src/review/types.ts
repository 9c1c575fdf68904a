import type { TrainCollision } from '../calendar';
import type { ActionItem } from '../retrospectives';
import type { FeatureFlag } from '../outcomes';
import type { TrainRiskScore } from '../risk';
import type { HiddenEntityCounts } from '../types';
import type { TrainDependencyDrift } from '../trains';

/**
 * How likely a registered risk is, and how much it would hurt.
 *
 * @public
 */
export const REVIEW_RISK_LEVELS = ['low', 'medium', 'high'] as const;

/**
 * A level of {@link REVIEW_RISK_LEVELS}.
 *
 * @public
 */
export type ReviewRiskLevel = (typeof REVIEW_RISK_LEVELS)[number];

/**
 * Where a registered risk stands: `open` until it is mitigated, accepted as it is, or closed
 * because it no longer applies.
 *
 * @public
 */
export const REVIEW_RISK_STATUSES = [
  'open',
  'mitigated',
  'accepted',
  'closed',
] as const;

/**
 * A status of {@link REVIEW_RISK_STATUSES}.
 *
 * @public
 */
export type ReviewRiskStatus = (typeof REVIEW_RISK_STATUSES)[number];

/**
 * One entry of a train's risk register, kept during its joint release review.
 *
 * @public
 */
export interface ReviewRisk {
  id: string;
  trainId: string;
  title: string;
  /** Who answers for the risk: a Group or User ref. */
  ownerRef: string;
  likelihood: ReviewRiskLevel;
  impact: ReviewRiskLevel;
  mitigation?: string;
  status: ReviewRiskStatus;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
  /** Grows with every change; a change may name the version it was made on. */
  version: number;
}

/**
 * A page of a train's risk register, oldest first.
 *
 * @public
 */
export interface ReviewRiskPage {
  items: ReviewRisk[];
  totalCount: number;
}

/**
 * A risk to add to a train's register.
 *
 * @public
 */
export interface RegisterReviewRiskRequest {
  title: string;
  ownerRef: string;
  likelihood: ReviewRiskLevel;
  impact: ReviewRiskLevel;
  mitigation?: string;
  /** `open` unless given. */
  status?: ReviewRiskStatus;
}

/**
 * A change of a registered risk; `mitigation: null` removes the mitigation.
 *
 * @public
 */
export interface UpdateReviewRiskRequest {
  title?: string;
  ownerRef?: string;
  likelihood?: ReviewRiskLevel;
  impact?: ReviewRiskLevel;
  mitigation?: string | null;
  status?: ReviewRiskStatus;
  /** Refuses the change with 409 when the risk moved on since this version. */
  expectedVersion?: number;
}

/**
 * A team's sign-off of a train's release review.
 *
 * @public
 */
export interface ReviewSignOff {
  teamRef: string;
  signedBy: string;
  signedAt: string;
  comment?: string;
}

/**
 * A sign-off by a member of the team, for the team.
 *
 * @public
 */
export interface SignOffReviewRequest {
  /** The owning Group of one or more participants, of which the caller is a member. */
  teamRef: string;
  comment?: string;
}

/**
 * A team that owns participants of the train, and its sign-off once given.
 *
 * @public
 */
export interface ReviewTeam {
  teamRef: string;
  participantRefs: string[];
  signOff?: ReviewSignOff;
  /** Whether the caller is a member of the team and it has not signed off yet. */
  canSignOff: boolean;
}

/**
 * A participant's rollback readiness as the review looks at it.
 *
 * @public
 */
export interface ReviewRollbackReadiness {
  entityRef: string;
  ownerRef?: string;
  /** Whether the team saved rollback criteria and a procedure for this train. */
  planned: boolean;
  criteria?: string;
  procedureUrl?: string;
  /** When its rollback last passed a drill, if ever. */
  lastRehearsedAt?: string;
}

/**
 * What a joint release review goes through, assembled from the train's data.
 *
 * @public
 */
export interface ReviewAgenda {
  /** The train's risk score with every factor. */
  risk: TrainRiskScore;
  /** The participants in deployment waves: each wave's dependencies deploy in earlier ones. */
  waves: string[][];
  /** Dependencies among participants that appeared or went away since planning. */
  drift: TrainDependencyDrift;
  rollbackReadiness: ReviewRollbackReadiness[];
  /** The first flags in use, those needing attention first; `totalCount` counts all of them. */
  openFlags: { items: FeatureFlag[]; totalCount: number };
  /** The first open action items of earlier trains that concern the participants. */
  openActionItems: { items: ActionItem[]; totalCount: number };
  collisions: TrainCollision[];
}

/**
 * A train's joint release review: the agenda, who signed off, and how the register stands.
 *
 * @public
 */
export interface TrainReleaseReview {
  trainId: string;
  /** Every owning team signed off and no open risk lacks a mitigation. */
  held: boolean;
  teams: ReviewTeam[];
  /** How many risks are registered, open, and open without a mitigation. */
  register: { totalCount: number; openCount: number; unmitigatedCount: number };
  /** Whether the caller may register and change risks. */
  canEditRegister: boolean;
  agenda: ReviewAgenda;
  hidden?: HiddenEntityCounts;
}
