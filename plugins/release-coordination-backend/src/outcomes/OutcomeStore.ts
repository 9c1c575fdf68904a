import {
  DeploymentOutcome,
  FeatureFlag,
  FeatureFlagCounts,
  FeatureFlagState,
  Page,
  RollbackDrill,
  RollbackPlan,
} from '@release-coordination/plugin-release-coordination-common';
import { PageRequest } from '../database/paging';
import { NewDecision } from '../trains/TrainStore';

/** A deployment as first reported; `id`, `reportedAt` and `updatedAt` are the store's. */
export type NewDeployment = Omit<DeploymentOutcome, 'id' | 'reportedAt' | 'updatedAt'>;

/** What a later report may add to a deployment. */
export type DeploymentPatch = Partial<
  Pick<
    DeploymentOutcome,
    | 'version'
    | 'finishedAt'
    | 'result'
    | 'rollbackStartedAt'
    | 'rollbackFinishedAt'
    | 'hotfix'
    | 'evidenceUrl'
  >
>;

export type NewRollbackDrill = Omit<RollbackDrill, 'id' | 'recordedAt'>;

export type NewFeatureFlag = Omit<FeatureFlag, 'updatedAt'>;

export interface FeatureFlagPatch {
  state?: FeatureFlagState;
  expiresAt?: string;
  purpose?: string;
  ownerRef?: string;
}

/** The two reminders a flag's owner gets: before the expiry, and once it has passed. */
export type FlagReminderKind = 'expiring' | 'expired';

/** A flag with the reminders already sent for its current expiry. */
export interface FlagReminderCandidate extends FeatureFlag {
  expiringRemindedAt?: string;
  expiredRemindedAt?: string;
}

/** Filters and paging of a train's deployments. */
export interface TrainDeploymentQuery extends PageRequest {
  environment?: string;
  participantRef?: string;
}

/** The last rehearsals of an entity. */
export interface DrillSummary {
  lastDrill?: RollbackDrill;
  lastPassedDrillAt?: string;
  /**
   * With `evidencedOnly`: when the newest passed drill without an evidence URL was rehearsed,
   * if it is newer than `lastPassedDrillAt` (which then leaves it out).
   */
  unevidencedPassAt?: string;
}

/** Reads and writes of deployments, rollback plans, drills and flags; in a transaction or not. */
export interface OutcomeStoreSession {
  /** `lock` takes a row lock until the transaction ends, where the engine has them. */
  getDeployment(
    trainId: string,
    deploymentId: string,
    options?: { lock?: boolean },
  ): Promise<DeploymentOutcome | undefined>;
  insertDeployment(deployment: NewDeployment): Promise<DeploymentOutcome>;
  updateDeployment(id: string, patch: DeploymentPatch): Promise<DeploymentOutcome>;

  getRollbackPlan(trainId: string, entityRef: string): Promise<RollbackPlan | undefined>;
  /** Inserts or replaces the plan of one participant. */
  saveRollbackPlan(plan: RollbackPlan): Promise<void>;

  findDrillByKey(entityRef: string, idempotencyKey: string): Promise<RollbackDrill | undefined>;
  insertDrill(drill: NewRollbackDrill): Promise<RollbackDrill>;

  getFlag(flagId: string, options?: { lock?: boolean }): Promise<FeatureFlag | undefined>;
  findFlag(trainId: string, participantRef: string, key: string): Promise<FeatureFlag | undefined>;
  insertFlag(flag: NewFeatureFlag): Promise<FeatureFlag>;
  /** A new `expiresAt` clears the reminders sent for the old one. */
  updateFlag(flagId: string, patch: FeatureFlagPatch): Promise<FeatureFlag>;

  /** Appends to the train's decision log, in the same transaction as the change it records. */
  appendDecision(decision: NewDecision): Promise<void>;
}

/** Persistence of what happens around a train's rollouts. */
export interface OutcomeStore extends OutcomeStoreSession {
  /** Runs `work` in one transaction; everything it wrote is rolled back when it throws. */
  transaction<T>(work: (session: OutcomeStoreSession) => Promise<T>): Promise<T>;

  /** A page of a train's deployments, newest start first, with the count of all that match. */
  listTrainDeployments(
    trainId: string,
    query: TrainDeploymentQuery,
  ): Promise<Page<DeploymentOutcome>>;
  /**
   * Deployments of every train that started in `[from, to)`, oldest first: the raw facts of
   * the scorecards.
   */
  listDeployments(options: {
    from: Date;
    to: Date;
    environment?: string;
  }): Promise<DeploymentOutcome[]>;

  listRollbackPlans(trainId: string): Promise<RollbackPlan[]>;
  /**
   * The newest drill and the newest passed drill of each entity; entities without are left out.
   * With `evidencedOnly` a passed drill counts only with an evidence URL.
   */
  summarizeDrills(
    entityRefs: string[],
    options?: { evidencedOnly?: boolean },
  ): Promise<Map<string, DrillSummary>>;

  /** A train's flags, oldest first; of one participant when given. For gate rules. */
  listFlags(trainId: string, filter?: { participantRef?: string }): Promise<FeatureFlag[]>;
  /**
   * A page of a train's flags in the order they need attention: those in use by expiry (expired
   * first, then expiring soon), removed ones last.
   */
  queryTrainFlags(trainId: string, page: PageRequest): Promise<Page<FeatureFlag>>;
  /**
   * How all of a train's flags stand at `now`: expired when their expiry is at or before `now`,
   * expiring soon when it is at or before `expiringBy`. Counted in the database.
   */
  countTrainFlags(
    trainId: string,
    at: { now: Date; expiringBy: Date },
  ): Promise<FeatureFlagCounts>;
  /**
   * Flags not removed whose expiry is before `remindFrom` and whose reminder for it (the
   * expiring one, or the expired one once `now` passed the expiry) was not sent yet.
   */
  listFlagsDueForReminder(now: Date, remindFrom: Date): Promise<FlagReminderCandidate[]>;
  /**
   * Claims a reminder for one run, unless it was sent already, the expiry changed since it was
   * read, or another run holds a claim made at or after `staleBefore` (older claims were left
   * behind by a run that stopped before it sent). True when this caller claimed it and should
   * send it, then {@link OutcomeStore.completeFlagReminder} it.
   */
  claimFlagReminder(
    flagId: string,
    kind: FlagReminderKind,
    expiresAt: string,
    at: Date,
    staleBefore: Date,
  ): Promise<boolean>;
  /**
   * Records a claimed reminder as sent; nothing is recorded when the claim is no longer the
   * caller's (a new expiry, or the lease ran out and another run took over).
   */
  completeFlagReminder(
    flagId: string,
    kind: FlagReminderKind,
    claimedAt: Date,
    at: Date,
  ): Promise<void>;
  /** Gives a claimed reminder back when sending it failed, so that the next run tries again. */
  releaseFlagReminder(flagId: string, kind: FlagReminderKind, claimedAt: Date): Promise<void>;

  /**
   * Per participant and environment of a train, the newest deployment reported and the newest
   * that succeeded (newest: reported first most recently).
   */
  listNewestDeployments(
    trainId: string,
  ): Promise<{ latest: DeploymentOutcome[]; succeeded: DeploymentOutcome[] }>;

  /** Ids of the active trains an entity takes part in. */
  listActiveTrainIdsOf(entityRef: string): Promise<string[]>;
}
