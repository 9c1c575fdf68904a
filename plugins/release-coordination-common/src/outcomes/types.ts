import type { HiddenEntityCounts, VisiblePage } from '../types';

/**
 * How a finished rollout ended: `rolled-back` when the previous version had to be restored.
 *
 * @public
 */
export type DeploymentResult = 'succeeded' | 'failed' | 'rolled-back';

/**
 * One rollout of one participant of a train to one environment, as CI reported it: when it
 * starts, and again when it ends. These are the raw facts behind the scorecards.
 *
 * @public
 */
export interface DeploymentOutcome {
  /** Our id of the deployment. */
  id: string;
  trainId: string;
  participantRef: string;
  /** The participant's owner when the deployment was first reported; absent when it had none. */
  ownerRef?: string;
  /** Lower case, e.g. `production`. */
  environment: string;
  /** The CI's id of the deployment: reporting it again updates this deployment. */
  deploymentId: string;
  /** The version rolled out, e.g. `4.2.0`. */
  version?: string;
  startedAt: string;
  /** Absent while the rollout runs. */
  finishedAt?: string;
  /** Absent while the rollout runs. */
  result?: DeploymentResult;
  /** For `rolled-back`: when restoring the previous version started. */
  rollbackStartedAt?: string;
  /** For `rolled-back`: when the previous version was restored; absent while it runs. */
  rollbackFinishedAt?: string;
  /** A deployment made to repair an earlier one. */
  hotfix: boolean;
  evidenceUrl?: string;
  /** Who reported it first: a user's entity ref or a service's subject. */
  reporter: string;
  /** When it was first reported. */
  reportedAt: string;
  /** When a report last changed it. */
  updatedAt: string;
}

/**
 * What CI reports about a deployment. `deploymentId` is the idempotency key: the same id
 * again updates that deployment (e.g. when it finishes) instead of adding one.
 *
 * @public
 */
export interface ReportDeploymentRequest {
  participantRef: string;
  environment: string;
  deploymentId: string;
  version?: string;
  startedAt: string;
  finishedAt?: string;
  /** Needs `finishedAt`. */
  result?: DeploymentResult;
  /** Only with `rolled-back`. */
  rollbackStartedAt?: string;
  /** Only with `rolled-back`, and after `rollbackStartedAt`. */
  rollbackFinishedAt?: string;
  hotfix?: boolean;
  evidenceUrl?: string;
}

/**
 * How a participant of a train is rolled back: when to decide it (criteria) and how to do it
 * (the procedure).
 *
 * @public
 */
export interface RollbackPlan {
  trainId: string;
  entityRef: string;
  /** When the team rolls back, e.g. "error rate above 2% for 5 minutes after the canary". */
  criteria: string;
  /** Where the procedure is written down. */
  procedureUrl: string;
  updatedBy: string;
  updatedAt: string;
}

/**
 * A participant's rollback plan for a train: when to roll back and how.
 *
 * @public
 */
export interface SaveRollbackPlanRequest {
  criteria: string;
  procedureUrl: string;
}

/**
 * How a rollback rehearsal went.
 *
 * @public
 */
export type RollbackDrillResult = 'passed' | 'failed';

/**
 * A rehearsal of an entity's rollback. Drills belong to the entity, not to a train: a
 * rehearsal last month counts for this month's train.
 *
 * @public
 */
export interface RollbackDrill {
  id: string;
  entityRef: string;
  result: RollbackDrillResult;
  rehearsedAt: string;
  evidenceUrl?: string;
  idempotencyKey: string;
  /** A user's entity ref or a service's subject. */
  reporter: string;
  recordedAt: string;
}

/**
 * A rollback rehearsal as CI reports it; the same `idempotencyKey` reports it only once.
 *
 * @public
 */
export interface ReportRollbackDrillRequest {
  entityRef: string;
  result: RollbackDrillResult;
  rehearsedAt: string;
  evidenceUrl?: string;
  idempotencyKey: string;
}

/**
 * Whether one participant can be rolled back with confidence: a plan, and a passed rehearsal
 * recent enough.
 *
 * @public
 */
export interface ParticipantRollbackReadiness {
  entityRef: string;
  ownerRef?: string;
  plan?: RollbackPlan;
  /** The newest drill, passed or failed. */
  lastDrill?: RollbackDrill;
  lastPassedDrillAt?: string;
  /** The last passed drill is at most `maxAgeDays` old. */
  rehearsedWithinDays: boolean;
  maxAgeDays: number;
  /** A plan exists and the rollback was rehearsed within `maxAgeDays`. */
  ready: boolean;
  /** Why the participant is ready or not, in one sentence. */
  reason: string;
  /** Whether the caller may save this participant's rollback plan. */
  canEditPlan: boolean;
}

/**
 * The rollback readiness of every participant of a train.
 *
 * @public
 */
export interface TrainRollbackReadiness {
  trainId: string;
  maxAgeDays: number;
  participants: ParticipantRollbackReadiness[];
  /** Participants left out because the caller may not see them in the catalog. */
  hidden?: HiddenEntityCounts;
}

/**
 * The life of a feature flag: `on` or `off` while the code behind it ships, `removed` once the
 * flag is gone from the code.
 *
 * @public
 */
export type FeatureFlagState = 'on' | 'off' | 'removed';

/**
 * A feature flag a participant ships behind in a train. Every flag is time-bound: past
 * `expiresAt` it must be removed or given a new expiry.
 *
 * @public
 */
export interface FeatureFlag {
  id: string;
  trainId: string;
  participantRef: string;
  key: string;
  /** Who answers for the flag: a Group or User ref. */
  ownerRef: string;
  purpose: string;
  state: FeatureFlagState;
  createdAt: string;
  createdBy: string;
  expiresAt: string;
  updatedAt: string;
}

/**
 * A feature flag a participant ships behind, with its owner, purpose and expiry.
 *
 * @public
 */
export interface CreateFeatureFlagRequest {
  participantRef: string;
  key: string;
  ownerRef: string;
  purpose: string;
  /** Must be in the future. */
  expiresAt: string;
  /** Default `on`. */
  state?: FeatureFlagState;
}

/**
 * A change to a flag; fields left out keep their value. A new `expiresAt` must be in the
 * future, and a removed flag stays removed.
 *
 * @public
 */
export interface UpdateFeatureFlagRequest {
  state?: FeatureFlagState;
  expiresAt?: string;
  purpose?: string;
  ownerRef?: string;
}

/**
 * A train's deployments as the API lists them: newest start first, of one environment or one
 * participant when asked, a page at a time.
 *
 * @public
 */
export interface ListDeploymentsRequest {
  environment?: string;
  participantRef?: string;
  /** At most this many, 1 to 500; default 50. */
  limit?: number;
  /** Skips this many; default 0. */
  offset?: number;
}

/**
 * How a train's feature flags stand, counted over all of them rather than over one page.
 *
 * @public
 */
export interface FeatureFlagCounts {
  /** Flags still in the code, `on` or `off`. */
  inUse: number;
  /** In use and past their expiry: these block the train. */
  expired: number;
  /** In use and expiring within `expiringWithinDays`. */
  expiringSoon: number;
  removed: number;
}

/**
 * A page of a train's feature flags, in the order they need attention: flags in use by expiry
 * (so expired ones first, then those expiring soon), removed ones last. `totalCount` and
 * `counts` are about every flag of the train.
 *
 * @public
 */
export interface TrainFeatureFlags extends VisiblePage<FeatureFlag> {
  /** Flags expiring within this many days count as expiring soon; their owners are reminded. */
  expiringWithinDays: number;
  counts: FeatureFlagCounts;
}
