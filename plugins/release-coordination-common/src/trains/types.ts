import type { TrainCadenceLink } from '../cadences';
import type { HiddenEntityCounts } from '../types';

/**
 * The lifecycle of a release train.
 *
 * @public
 */
export type ReleaseTrainStatus = 'active' | 'released' | 'rolled-back' | 'cancelled';

/**
 * Every {@link ReleaseTrainStatus}, for validating and listing them.
 *
 * @public
 */
export const RELEASE_TRAIN_STATUSES: readonly ReleaseTrainStatus[] = [
  'active',
  'released',
  'rolled-back',
  'cancelled',
];

/**
 * A release that many teams ship together, as listed by the API.
 *
 * @public
 */
export interface ReleaseTrainSummary {
  id: string;
  name: string;
  /** The shared release goal, in one or two sentences. */
  objective: string;
  /** Entity ref of the User who runs this train. */
  ambassadorRef: string;
  status: ReleaseTrainStatus;
  /** Name of the stage the train is in, e.g. `planning`. */
  currentStage: string;
  /** Every stage of the train in order, with its planned window and lateness. */
  stages: TrainStage[];
  /** The cadence the train belongs to, and which of its trains it is. */
  cadence?: TrainCadenceLink;
  createdAt: string;
  updatedAt: string;
}

/**
 * How a gate is satisfied: by people (`approval`), by results CI reports (`check`) or by a rule
 * computed from the train's state (`rule`).
 *
 * @public
 */
export type GateKind = 'approval' | 'check' | 'rule';

/**
 * Every {@link GateKind}, for validating and listing them.
 *
 * @public
 */
export const GATE_KINDS: readonly GateKind[] = ['approval', 'check', 'rule'];

/**
 * Where a gate stands: `pending` until decided, then `passed` or `failed`; `waived` when
 * someone allowed the train past it, with a reason and until a time.
 *
 * @public
 */
export type GateState = 'pending' | 'passed' | 'failed' | 'waived';

/**
 * Whether a gate guards entering its stage or leaving it.
 *
 * @public
 */
export type GatePhase = 'entry' | 'exit';

/**
 * A gate as configured under `releaseCoordination.stages`; every train instantiates its gates
 * from these templates when it is created.
 *
 * @public
 */
export interface GateTemplate {
  /** Unique across all stages, e.g. `planning-owner-approval`. */
  id: string;
  title: string;
  kind: GateKind;
  /** One gate per participant instead of one for the whole train. */
  perParticipant: boolean;
  /** For approvals: the participant's owner, or a named Group ref. */
  approvers?: 'participant-owner' | string;
  /** For approvals: how many distinct approvals pass the gate. */
  quorum: number;
  /** For approvals: the train's ambassador may not approve. */
  separationOfDuties: boolean;
  /** For approvals: how long an approval counts, in milliseconds; forever when absent. */
  approvalValidForMs?: number;
  /** For checks: the check name CI reports, e.g. `contract-tests`. */
  checkName?: string;
  /** For rules: the id of a built-in or module-provided gate rule. */
  rule?: string;
}

/**
 * A stage of every train, in order, with the gates that guard entering and leaving it.
 *
 * @public
 */
export interface StageDefinition {
  name: string;
  title: string;
  entryGates: GateTemplate[];
  exitGates: GateTemplate[];
}

/**
 * The planned time of a stage: from `start` to `end`, ISO 8601.
 *
 * @public
 */
export interface StageWindow {
  start: string;
  end: string;
}

/**
 * A stage of one train: its planned window and where the train is relative to it.
 *
 * @public
 */
export interface TrainStage {
  name: string;
  title: string;
  window?: StageWindow;
  status: 'done' | 'current' | 'upcoming';
  /** The train is still in this stage after its window ended. */
  late: boolean;
}

/**
 * A catalog entity (usually a Component) in a train, with the version it ships.
 *
 * @public
 */
export interface TrainParticipant {
  entityRef: string;
  targetVersion: string;
  /** The owner taken from the catalog when the participant joined; absent when it has none. */
  ownerRef?: string;
}

/**
 * One person's decision on an approval gate, with an optional comment.
 *
 * @public
 */
export interface GateApproval {
  userRef: string;
  decision: 'approve' | 'reject';
  comment?: string;
  decidedAt: string;
  /** After this time the approval no longer counts toward the quorum. */
  expiresAt?: string;
}

/**
 * The result of a check CI reports.
 *
 * @public
 */
export type CheckStatus = 'passed' | 'failed';

/**
 * A check result CI reported for one participant; the latest one per check decides a check
 * gate.
 *
 * @public
 */
export interface CheckResult {
  id: string;
  trainId: string;
  participantRef: string;
  checkName: string;
  status: CheckStatus;
  evidenceUrl?: string;
  /** The counterpart the check ran against, e.g. the provider version of a contract test. */
  against?: CheckCounterpart;
  idempotencyKey: string;
  reportedAt: string;
  reporter: string;
}

/**
 * An entity and the version of it a check ran against.
 *
 * @public
 */
export interface CheckCounterpart {
  entityRef: string;
  version: string;
}

/**
 * Why a gate was waived, by whom and until when; after `until` the gate counts as not
 * satisfied again.
 *
 * @public
 */
export interface GateWaiver {
  waivedBy: string;
  reason: string;
  until: string;
  waivedAt: string;
}

/**
 * A gate of a train, with what decides it.
 *
 * @public
 */
export interface TrainGate {
  id: string;
  trainId: string;
  stage: string;
  phase: GatePhase;
  templateId: string;
  title: string;
  kind: GateKind;
  participantRef?: string;
  state: GateState;
  /** For approvals: the Group (or User) whose members decide; absent when nobody can. */
  approverRef?: string;
  quorum: number;
  separationOfDuties: boolean;
  checkName?: string;
  rule?: string;
  /** For rules: why the last evaluation passed or failed. */
  reason?: string;
  approvals: GateApproval[];
  latestCheck?: CheckResult;
  waiver?: GateWaiver;
  updatedAt: string;
}

/**
 * A train with its stages, participants and gates.
 *
 * @public
 */
export interface TrainDetail extends ReleaseTrainSummary {
  stages: TrainStage[];
  participants: TrainParticipant[];
  gates: TrainGate[];
  /** Participants and gates left out because the caller may not see them in the catalog. */
  hidden?: HiddenEntityCounts;
}

/**
 * A new train: its name, objective, ambassador, planned stage windows and first participants.
 *
 * @public
 */
export interface CreateTrainRequest {
  name: string;
  objective: string;
  ambassadorRef: string;
  stageWindows: Record<string, StageWindow>;
  participants: { entityRef: string; targetVersion: string }[];
}

/**
 * A change to a train's plan. Fields left out keep their value; stages left out of
 * `stageWindows` keep their window.
 *
 * @public
 */
export interface UpdateTrainRequest {
  name?: string;
  objective?: string;
  ambassadorRef?: string;
  stageWindows?: Record<string, StageWindow>;
}

/**
 * A catalog entity joining a train after it was created. It gets the per-participant gates of
 * the current and later stages; stages already left are not reopened.
 *
 * @public
 */
export interface AddParticipantRequest {
  entityRef: string;
  targetVersion: string;
}

/**
 * A check result as CI reports it; the same `idempotencyKey` reports it only once.
 *
 * @public
 */
export interface ReportCheckRequest {
  participantRef: string;
  checkName: string;
  status: CheckStatus;
  evidenceUrl?: string;
  /** The counterpart the check ran against, for the train's compatibility matrix. */
  against?: CheckCounterpart;
  idempotencyKey: string;
}

/**
 * How well one dependency edge among a train's participants is covered by checks run against
 * the counterpart: `tested` (the newest such report, against the provider's target version,
 * passed), `failed` (it failed), `other-version` (only reports against other versions of the
 * provider), `untested` (none).
 *
 * @public
 */
export type CompatibilityState = 'tested' | 'failed' | 'other-version' | 'untested';

/**
 * One dependency edge among a train's participants, consumer (`from`) to provider (`to`), with
 * the check reports of the consumer that named the provider as their counterpart, newest first.
 *
 * @public
 */
export interface CompatibilityPair {
  from: string;
  to: string;
  fromVersion: string;
  toVersion: string;
  /** How the edge came from the catalog: `dependsOn` or `consumesApi` (with the API). */
  via: string[];
  state: CompatibilityState;
  evidence: Array<{
    checkName: string;
    status: CheckStatus;
    againstVersion: string;
    reportedAt: string;
    evidenceUrl?: string;
  }>;
}

/**
 * A train's compatibility matrix: which pairs of versions along the dependency edges among its
 * participants were tested together, and which edge of the release has no evidence.
 *
 * @public
 */
export interface TrainCompatibilityMatrix {
  pairs: CompatibilityPair[];
  /** Edges without passing evidence for the target versions (`untested`, `other-version`, `failed`). */
  gapCount: number;
  hidden?: HiddenEntityCounts;
}

/**
 * Every action the decision log records, by the area it concerns. The log is append-only, so
 * an action, once written, keeps its name for good.
 *
 * @public
 */
export const DECISION_ACTIONS = [
  'train.created',
  'train.updated',
  'train.cancelled',
  'train.rolled-back',
  'participant.added',
  'participant.updated',
  'participant.removed',
  'participant.owner-changed',
  'stage.advanced',
  'gate.approved',
  'gate.rejected',
  'gate.waived',
  'gate.evaluated',
  'gate.expired',
  'gate.passed',
  'gate.failed',
  'check.reported',
  'deployment.reported',
  'incident.attributed',
  'rollback-plan.saved',
  'runbook.incident-declared',
  'review.risk-registered',
  'review.risk-updated',
  'review.signed-off',
  'review.held',
  'flag.created',
  'flag.updated',
  'retro.note-added',
  'retro.note-deleted',
  'action-item.created',
  'action-item.updated',
] as const;

/**
 * An action of the decision log; see {@link DECISION_ACTIONS}.
 *
 * @public
 */
export type DecisionAction = (typeof DECISION_ACTIONS)[number];

/**
 * One entry of a train's append-only decision log.
 *
 * @public
 */
export interface TrainDecision {
  id: number;
  trainId: string;
  entityRef?: string;
  actorRef: string;
  /** E.g. `train.created`, `gate.approved`, `stage.advanced`. */
  action: DecisionAction;
  /** What the decision is about, e.g. a gate id or a stage name. */
  subject: string;
  before?: unknown;
  after?: unknown;
  reason?: string;
  createdAt: string;
}

/**
 * A train an entity takes part in, with the entity's own gates.
 *
 * @public
 */
export interface EntityTrain {
  train: ReleaseTrainSummary;
  participant: TrainParticipant;
  gates: TrainGate[];
}

/**
 * An approval gate waiting for a team the caller belongs to: still pending, or rejected and
 * open to a changed decision.
 *
 * @public
 */
export type MyApproval = { train: ReleaseTrainSummary; gate: TrainGate };

/**
 * A dependency between two participants of a train: `from` depends on `to`, directly or through
 * entities outside the train.
 *
 * @public
 */
export interface DependencyDriftEdge {
  from: string;
  to: string;
}

/**
 * The dependency graph among a train's participants at one moment: when the train entered a
 * stage (recorded then), or now (from the newest graph derived from the catalog).
 *
 * @public
 */
export interface DependencyDriftPoint {
  kind: 'entered' | 'released' | 'now';
  /** The stage entered, or the stage the train is in now; absent for `released`. */
  stage?: string;
  at: string;
  /** Version of the derived dependency graph this point was read from. */
  dependencySnapshotVersion: number;
}

/**
 * How the dependencies among the participants changed between two consecutive points.
 *
 * @public
 */
export interface DependencyDriftStep {
  from: DependencyDriftPoint;
  to: DependencyDriftPoint;
  added: DependencyDriftEdge[];
  removed: DependencyDriftEdge[];
  /**
   * Participants that joined the train between the two points, when any did: their edges
   * count as added, though the catalog may not have changed.
   */
  joined?: string[];
  /** Participants that left the train between the two points, when any did. */
  left?: string[];
}

/**
 * The dependency drift of a train: what changed in the ordering constraints between its
 * participants from stage to stage, and since the last transition.
 *
 * @public
 */
export interface TrainDependencyDrift {
  trainId: string;
  /** Oldest first; empty when fewer than two points are known. */
  steps: DependencyDriftStep[];
  /** How many participants were left out because the caller may not see them. */
  hidden?: HiddenEntityCounts;
}
