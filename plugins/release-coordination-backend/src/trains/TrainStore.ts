import {
  CheckResult,
  GateApproval,
  GateKind,
  GatePhase,
  GateState,
  GateWaiver,
  Page,
  ReleaseTrainStatus,
  ReleaseTrainSummary,
  StageWindow,
  TrainDecision,
  TrainGate,
  TrainParticipant,
} from '@release-coordination/plugin-release-coordination-common';

/** Filters and paging of a train listing, already validated. */
export interface TrainListOptions {
  status?: ReleaseTrainStatus;
  limit: number;
  offset: number;
}

/** A stage as planned for one train: copied from the stage definitions when it was created. */
export interface PlannedStage {
  name: string;
  title: string;
  window?: StageWindow;
}

/**
 * A train as stored, with the version writers compare-and-set. Its `stages` are not stored:
 * whether a stage is late depends on when it is read, so the service derives them from
 * `stagePlan`.
 */
export interface TrainRecord extends Omit<ReleaseTrainSummary, 'stages'> {
  version: number;
  stagePlan: PlannedStage[];
}

/** What a gate was instantiated with from its template, resolved for this train. */
export interface GateConfig {
  title: string;
  approverRef?: string;
  /**
   * For per-participant approvals: the approver is the participant's owner, and follows it
   * when the catalog names another owner.
   */
  approversFromOwner?: boolean;
  quorum: number;
  separationOfDuties: boolean;
  approvalValidForMs?: number;
  checkName?: string;
  rule?: string;
}

/** A gate row, without what decides it. */
export interface GateRecord {
  id: string;
  trainId: string;
  stage: string;
  phase: GatePhase;
  templateId: string;
  kind: GateKind;
  participantRef?: string;
  state: GateState;
  config: GateConfig;
  reason?: string;
  updatedAt: string;
  version: number;
  /** Set when the gate left the train with its participant; such a gate no longer counts. */
  removedAt?: string;
}

export type NewGate = Omit<GateRecord, 'updatedAt' | 'version' | 'reason' | 'state' | 'removedAt'>;

/** A participant as stored: also one that left the train, which keeps its row for the record. */
export interface ParticipantRecord extends TrainParticipant {
  removedAt?: string;
}

/** A new entry of the decision log. */
export type NewDecision = Omit<TrainDecision, 'id' | 'createdAt'>;

/** What a change may set of a train; the rest stays. */
export type TrainPatch = Partial<
  Pick<
    TrainRecord,
    'status' | 'currentStage' | 'name' | 'objective' | 'ambassadorRef' | 'stagePlan'
  >
>;

/**
 * The version a writer read is no longer the stored one: another writer changed the row first.
 * The store's `transaction` retries on it.
 */
export class VersionConflictError extends Error {
  constructor(what: string) {
    super(`${what} was changed concurrently`);
    this.name = 'VersionConflictError';
  }
}

/** Reads and writes of trains, gates and their decisions; inside a transaction or not. */
export interface TrainStoreSession {
  /** `lock` takes a row lock until the transaction ends, where the engine has them. */
  getTrain(trainId: string, options?: { lock?: boolean }): Promise<TrainRecord | undefined>;
  /** Also a gate that was removed with its participant: see `removedAt`. */
  getGate(gateId: string, options?: { lock?: boolean }): Promise<GateRecord | undefined>;
  /** The participants taking part now, in the order they joined; removed ones are left out. */
  listParticipants(trainId: string): Promise<TrainParticipant[]>;
  /** One participant of a train, also one that was removed. */
  getParticipant(trainId: string, entityRef: string): Promise<ParticipantRecord | undefined>;
  /**
   * The current decision of each approver of a gate, oldest first. `lock` makes it a locking
   * read: it sees what was committed up to now even where plain reads keep to the snapshot the
   * transaction started with (MySQL's repeatable read), so a decision taken under the gate's
   * lock is taken on the approvals as they are.
   */
  listApprovals(gateId: string, options?: { lock?: boolean }): Promise<GateApproval[]>;
  /**
   * Every gate of the train that still counts, with its approvals, latest check result and
   * latest waiver; gates removed with their participant are left out.
   */
  listGates(trainId: string, options?: { participantRef?: string }): Promise<TrainGate[]>;
  /** The gates with these ids that still count, with what decides them, as `listGates`. */
  listGatesByIds(gateIds: string[]): Promise<TrainGate[]>;
  /** The gates of each participant in its train, with what decides them, as `listGates`. */
  listParticipantGates(
    participations: { trainId: string; participantRef: string }[],
  ): Promise<TrainGate[]>;
  findCheckByKey(trainId: string, idempotencyKey: string): Promise<CheckResult | undefined>;
  /**
   * The train's check reports that named a counterpart (`against`), newest first: the
   * evidence of its compatibility matrix.
   */
  listCounterpartChecks(trainId: string): Promise<CheckResult[]>;

  insertTrain(train: TrainRecord): Promise<void>;
  insertParticipants(trainId: string, participants: TrainParticipant[]): Promise<void>;
  /**
   * Adds a participant after the others; one that was removed before takes part again in the
   * same row. The caller holds the train's lock.
   */
  addParticipant(trainId: string, participant: TrainParticipant): Promise<void>;
  /** Changes a participant that takes part now; `ownerRef: null` clears the owner. */
  updateParticipant(
    trainId: string,
    entityRef: string,
    patch: { targetVersion?: string; ownerRef?: string | null },
  ): Promise<void>;
  /** Marks a participant and its gates removed; the rows stay for the record. */
  removeParticipant(trainId: string, entityRef: string): Promise<void>;
  insertGates(gates: NewGate[]): Promise<void>;
  /**
   * Compare-and-set on `version`; throws {@link VersionConflictError} when it moved. An empty
   * patch only bumps the version.
   */
  updateTrain(trainId: string, expectedVersion: number, patch: TrainPatch): Promise<void>;
  /** Compare-and-set on `version`; throws {@link VersionConflictError} when it moved. */
  updateGate(
    gateId: string,
    expectedVersion: number,
    patch: { state?: GateState; reason?: string; config?: GateConfig },
  ): Promise<void>;
  /** Records or replaces one approver's decision on a gate. */
  saveApproval(
    gateId: string,
    approval: {
      userRef: string;
      decision: 'approve' | 'reject';
      comment?: string;
      expiresAt?: Date;
    },
  ): Promise<void>;
  insertCheck(check: Omit<CheckResult, 'id' | 'reportedAt'>): Promise<CheckResult>;
  insertWaiver(
    gateId: string,
    waiver: { waivedBy: string; reason: string; until: Date },
  ): Promise<void>;
  /**
   * The gate's latest waiver, if it was ever waived. `lock` makes it a locking read, as for
   * `listApprovals`: under the gate's lock it sees a waiver committed since the transaction
   * began, so a waiver that replaced an expired one is not taken for expired.
   */
  getWaiver(gateId: string, options?: { lock?: boolean }): Promise<GateWaiver | undefined>;
  appendDecision(decision: NewDecision): Promise<void>;
  /**
   * Records the dependencies among the participants at a stage transition: `stage` is the
   * stage left and `toStage` the one entered; without `toStage` the train was released. The
   * recording taken when a train is created has `stage` = `toStage` = the first stage, so that
   * drift has a starting point.
   */
  insertStageSnapshot(snapshot: {
    trainId: string;
    stage: string;
    toStage?: string;
    dependencySnapshotVersion: number;
    upstreamEdges: Record<string, string[]>;
  }): Promise<void>;
}

/** Persistence of release trains. */
export interface TrainStore extends TrainStoreSession {
  listTrains(options: TrainListOptions): Promise<Page<TrainRecord>>;
  listDecisions(
    trainId: string,
    page: { limit: number; offset: number },
    /** Only those logged at or after `since`. */
    filter?: { since?: Date },
  ): Promise<Page<TrainDecision>>;
  /**
   * A page of the participations of `entityRefs` in trains, newest train first, each train's
   * participants in the order they joined; removed participants are left out.
   */
  listParticipations(
    entityRefs: string[],
    page: { limit: number; offset: number },
  ): Promise<Page<{ train: TrainRecord; participant: TrainParticipant }>>;
  /** Every participant of every active train, trains oldest first. */
  listActiveParticipants(): Promise<{ trainId: string; participant: TrainParticipant }[]>;
  /**
   * A page of the approval gates that wait for one of `approverRefs` at `at`: of active
   * trains, blocking them now (the current stage's gates and the next stage's entry gates),
   * stored pending or failed, passed with approvals expired by then so that the quorum is no
   * longer met, or waived with the latest waiver run out by then; with their train. Trains by
   * name, gates in the order of the stage plan.
   */
  listBlockingApprovalGatesOf(
    approverRefs: string[],
    options: { at: Date; limit: number; offset: number },
  ): Promise<Page<{ train: TrainRecord; gate: TrainGate }>>;
  /** The recordings of {@link TrainStoreSession.insertStageSnapshot}, oldest first. */
  listStageSnapshots(trainId: string): Promise<
    {
      stage: string;
      toStage?: string;
      dependencySnapshotVersion: number;
      upstreamEdges: Record<string, string[]>;
      takenAt: string;
    }[]
  >;
  /**
   * Runs `work` in one transaction. When it throws {@link VersionConflictError} or the engine
   * reports a deadlock or serialization failure, it is rolled back and run again, a few times.
   */
  transaction<T>(work: (session: TrainStoreSession) => Promise<T>): Promise<T>;
}
