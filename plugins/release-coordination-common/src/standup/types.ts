import type { TrainCollision } from '../calendar/types';
import type {
  CheckResult,
  TrainDecision,
  TrainGate,
  TrainStage,
} from '../trains/types';
import type { HiddenEntityCounts } from '../types';

/**
 * A gate that holds the train now (in its current stage, or at the entry of the next one),
 * and whether it began to since the standup's time: it changed (a rejection, a failed check,
 * a waiver that ran out), or the train entered its stage since.
 *
 * @public
 */
export interface StandupGate {
  gate: TrainGate;
  becameBlocking: boolean;
}

/**
 * What one team has to talk about at the standup: its participants, the gates that wait on it
 * (its approvals, and its participants' checks and rules), the checks of its participants that
 * failed since, and how many decisions about them were logged since.
 *
 * @public
 */
export interface StandupTeam {
  teamRef: string;
  participantRefs: string[];
  blockingGates: StandupGate[];
  failingChecks: CheckResult[];
  decisionCount: number;
}

/**
 * A train's standup: what changed since a time, one section per team, for a multi-team standup.
 *
 * @public
 */
export interface TrainStandup {
  trainId: string;
  since: string;
  until: string;
  /** The stage the active train is in, late when its window has ended; absent once it ended. */
  currentStage?: TrainStage;
  /** Gates of the whole train (not of one participant) that hold it now, but approvals. */
  trainGates: StandupGate[];
  teams: StandupTeam[];
  /** The decisions logged since, oldest first: at most 200, `decisionCount` counts them all. */
  decisions: TrainDecision[];
  decisionCount: number;
  /** Collisions that appeared since: with a train created, or a freeze declared, since then. */
  newCollisions: TrainCollision[];
  hidden?: HiddenEntityCounts;
}
