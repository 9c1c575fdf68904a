import type { StageWindow } from '../trains';

/**
 * Where a stage of every train of a cadence lies, in days from the start of its occurrence.
 *
 * @public
 */
export interface CadenceStageOffset {
  stage: string;
  /** Days from the occurrence's start to the stage's start. */
  startDay: number;
  /** Days from the occurrence's start to the stage's end; after `startDay`. */
  endDay: number;
}

/**
 * A release cadence: a recurring series of trains (e.g. every two weeks) whose planning
 * windows the participating teams share, and whose ambassadors rotate among a roster.
 *
 * @public
 */
export interface ReleaseCadence {
  id: string;
  name: string;
  description?: string;
  /** Days from one occurrence's start to the next. */
  intervalDays: number;
  /** When the first occurrence starts; occurrence n starts `(n - 1) * intervalDays` later. */
  firstStart: string;
  stageOffsets: CadenceStageOffset[];
  /** The Groups taking part; the roster's members belong to them. */
  teamRefs: string[];
  createdBy: string;
  createdAt: string;
}

/**
 * A new cadence.
 *
 * @public
 */
export interface CreateCadenceRequest {
  name: string;
  description?: string;
  intervalDays: number;
  firstStart: string;
  stageOffsets: CadenceStageOffset[];
  teamRefs: string[];
}

/**
 * A train's place in its cadence.
 *
 * @public
 */
export interface TrainCadenceLink {
  cadenceId: string;
  /** 1 for the first train of the series. */
  occurrence: number;
}

/**
 * A train of a cadence, as its history lists it.
 *
 * @public
 */
export interface CadenceTrain {
  trainId: string;
  name: string;
  occurrence: number;
  ambassadorRef: string;
  status: string;
  createdAt: string;
}

/**
 * A member of a cadence's ambassador roster, with how often they ran a train of it: what
 * shows the rotation is fair.
 *
 * @public
 */
export interface CadenceRosterMember {
  memberRef: string;
  position: number;
  runs: number;
  /** The latest train of the series they ran, if any. */
  lastRun?: CadenceTrain;
}

/**
 * A skip (the member sits an occurrence out) or a swap (the substitute runs it in the
 * member's place), always with a reason.
 *
 * @public
 */
export interface CadenceRotationChange {
  id: string;
  occurrence: number;
  kind: 'skip' | 'swap';
  memberRef: string;
  substituteRef?: string;
  reason: string;
  recordedBy: string;
  recordedAt: string;
}

/**
 * A skip or swap to record; for the next occurrence unless `occurrence` says otherwise.
 *
 * @public
 */
export interface RecordRotationChangeRequest {
  kind: 'skip' | 'swap';
  occurrence?: number;
  memberRef: string;
  /** Who runs the occurrence instead, for a swap. */
  substituteRef?: string;
  reason: string;
}

/**
 * An ambassador's notes for whoever runs the next train of the series.
 *
 * @public
 */
export interface CadenceHandover {
  id: string;
  trainId: string;
  authorRef: string;
  note: string;
  createdAt: string;
}

/**
 * A handover note of a train of the cadence.
 *
 * @public
 */
export interface AddCadenceHandoverRequest {
  trainId: string;
  note: string;
}

/**
 * The ambassador the roster suggests, and why.
 *
 * @public
 */
export interface AmbassadorSuggestion {
  memberRef: string;
  reason: string;
}

/**
 * The next train of a cadence, pre-filled: its occurrence, name, stage windows and the
 * ambassador the rotation suggests.
 *
 * @public
 */
export interface NextCadenceTrain {
  cadenceId: string;
  occurrence: number;
  name: string;
  stageWindows: Record<string, StageWindow>;
  suggestedAmbassador?: AmbassadorSuggestion;
  /** The newest handover note of the series. */
  latestHandover?: CadenceHandover;
}

/**
 * A cadence with its roster, the next train and the rotation's recent changes.
 *
 * @public
 */
export interface CadenceDetail extends ReleaseCadence {
  roster: CadenceRosterMember[];
  next: NextCadenceTrain;
  /** Skips and swaps of the next occurrences, and the latest before them (at most 50). */
  rotationChanges: CadenceRotationChange[];
}

/**
 * The roster of a cadence, in rotation order.
 *
 * @public
 */
export interface SetCadenceRosterRequest {
  memberRefs: string[];
}

/**
 * The next train of a cadence: as `CreateTrainRequest`, with what the cadence pre-fills left
 * optional (name, ambassador, stage windows).
 *
 * @public
 */
export interface CreateCadenceTrainRequest {
  name?: string;
  objective: string;
  ambassadorRef?: string;
  stageWindows?: Record<string, StageWindow>;
  participants: { entityRef: string; targetVersion: string }[];
}
