import {
  CheckResult,
  GateApproval,
  GateKind,
  GatePhase,
  GateState,
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

/** A train as stored, with the version writers compare-and-set. */
export interface TrainRecord extends ReleaseTrainSummary {
  version: number;
  stagePlan: PlannedStage[];
}

/** What a gate was instantiated with from its template, resolved for this train. */
export interface GateConfig {
  title: string;
  approverRef?: string;
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
}

export type NewGate = Omit<GateRecord, 'updatedAt' | 'version' | 'reason' | 'state'>;

/** A new entry of the decision log. */
export type NewDecision = Omit<TrainDecision, 'id' | 'createdAt'>;

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
  getGate(gateId: string, options?: { lock?: boolean }): Promise<GateRecord | undefined>;
  listParticipants(trainId: string): Promise<TrainParticipant[]>;
  /** The current decision of each approver of a gate, oldest first. */
  listApprovals(gateId: string): Promise<GateApproval[]>;
  /** Every gate of the train, with its approvals, latest check result and latest waiver. */
  listGates(trainId: string, options?: { participantRef?: string }): Promise<TrainGate[]>;
  findCheckByKey(trainId: string, idempotencyKey: string): Promise<CheckResult | undefined>;

  insertTrain(train: TrainRecord): Promise<void>;
  insertParticipants(trainId: string, participants: TrainParticipant[]): Promise<void>;
  insertGates(gates: NewGate[]): Promise<void>;
  /** Compare-and-set on `version`; throws {@link VersionConflictError} when it moved. */
  updateTrain(
    trainId: string,
    expectedVersion: number,
    patch: { status?: ReleaseTrainStatus; currentStage?: string },
  ): Promise<void>;
  /** Compare-and-set on `version`; throws {@link VersionConflictError} when it moved. */
  updateGate(
    gateId: string,
    expectedVersion: number,
    patch: { state: GateState; reason?: string },
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
  appendDecision(decision: NewDecision): Promise<void>;
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
  listTrains(options: TrainListOptions): Promise<Page<ReleaseTrainSummary>>;
  listDecisions(
    trainId: string,
    page: { limit: number; offset: number },
  ): Promise<Page<TrainDecision>>;
  /** The trains an entity takes part in, newest first, with its participation. */
  listParticipations(
    entityRef: string,
  ): Promise<{ train: ReleaseTrainSummary; participant: TrainParticipant }[]>;
  /**
   * The approval gates of active trains in one of `states`, with their train; approvers are
   * matched by the caller, since they live in the gate's configuration.
   */
  listActiveApprovalGates(
    states: GateState[],
  ): Promise<{ train: TrainRecord; gateId: string; approverRef?: string }[]>;
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
