/**
 * The shape of the demo history: past release trains written down as data, the way their
 * ambassadors, owners and pipelines lived them. Times are relative to the day the history is
 * seeded, so that the history always ends shortly before "now" and scorecards over the last
 * 90 or 180 days show it whatever the day of the first start.
 *
 * Names are short where the kind is always the same: people are Users of the demo
 * organisation (`alice` is `user:default/alice`), participants are Components (`checkout-api`
 * is `component:default/checkout-api`) and teams are Groups (`team-checkout`). Owners of action
 * items and flags can be of several kinds, so they are full entity refs.
 */

/** A moment of the history: a UTC time of day on a day before (negative) or after the seeding day. */
export interface HistoryTime {
  day: number;
  /** `HH:MM`, UTC. */
  time: string;
}

/** `at(-3, '14:30')`: three days before the seeding day, at 14:30 UTC. */
export function at(day: number, time: string): HistoryTime {
  return { day, time };
}

/** A person's decision on an approval gate; a later decision of the same person replaces it. */
export interface HistoryApproval {
  decision: 'approve' | 'reject';
  by: string;
  at: HistoryTime;
  /** A rejection always says why. */
  comment?: string;
}

export function approve(by: string, time: HistoryTime, comment?: string): HistoryApproval {
  return { decision: 'approve', by, at: time, ...(comment ? { comment } : {}) };
}

export function reject(by: string, time: HistoryTime, comment: string): HistoryApproval {
  return { decision: 'reject', by, at: time, comment };
}

/** A check result CI reported for a participant. */
export interface HistoryCheck {
  status: 'passed' | 'failed';
  at: HistoryTime;
}

export function passed(time: HistoryTime): HistoryCheck {
  return { status: 'passed', at: time };
}

export function failed(time: HistoryTime): HistoryCheck {
  return { status: 'failed', at: time };
}

/** A gate let through on purpose. */
export interface HistoryWaiver {
  /** The gate template, e.g. `validation-canary-analysis`. */
  gate: string;
  by: string;
  at: HistoryTime;
  reason: string;
  until: HistoryTime;
}

/** What happened in one stage of a train. */
export interface HistoryStage {
  /** The window the train planned for the stage. */
  window: [HistoryTime, HistoryTime];
  /** Decisions on the stage's approval gate, per participant, in order. */
  approvals?: Record<string, HistoryApproval[]>;
  /** Results CI reported for the stage's check, per participant, in order. */
  checks?: Record<string, HistoryCheck[]>;
  /**
   * Waivers per participant, of a gate of this stage. An entry gate guards leaving the stage
   * before, so its waiver may be given while that stage is current.
   */
  waivers?: Record<string, HistoryWaiver>;
  /**
   * Attempts to leave the stage that gates blocked. Rule gates are evaluated at each attempt,
   * and their outcomes stay on record, as they do in the portal.
   */
  blockedAdvances?: HistoryTime[];
  /** When the train left the stage; the last stage is left by the release. */
  leftAt?: HistoryTime;
}

/** A rollout of a participant, as CI reported it. */
export interface HistoryDeployment {
  environment: 'staging' | 'production';
  at: HistoryTime;
  /** How long the rollout ran. */
  minutes: number;
  /** Default `succeeded`. */
  result?: 'succeeded' | 'failed';
  /** Default: the participant's target version. */
  version?: string;
  /** A deployment made to repair an earlier one. */
  hotfix?: boolean;
  /** Rolled back later: when restoring the previous version started, and how long it took. */
  rollback?: { at: HistoryTime; minutes: number };
}

export function deploy(
  environment: HistoryDeployment['environment'],
  time: HistoryTime,
  minutes: number,
  outcome: Omit<HistoryDeployment, 'environment' | 'at' | 'minutes'> = {},
): HistoryDeployment {
  return { environment, at: time, minutes, ...outcome };
}

/** A Component taking part in a train. */
export interface HistoryParticipant {
  component: string;
  /** The owning team, as the demo catalog has it. */
  owner: string;
  version: string;
  /** Who of the team saved the participant's rollback plan, and when. */
  rollbackPlan: { by: string; at: HistoryTime };
}

/** A feature flag a participant shipped behind, and how its state changed. */
export interface HistoryFlag {
  component: string;
  key: string;
  ownerRef: string;
  purpose: string;
  createdBy: string;
  at: HistoryTime;
  expiresAt: HistoryTime;
  changes: { state: 'on' | 'off' | 'removed'; by: string; at: HistoryTime }[];
}

export interface HistoryNote {
  column: 'went-well' | 'to-improve';
  by: string;
  at: HistoryTime;
  text: string;
}

export interface HistoryActionItem {
  title: string;
  ownerRef: string;
  /** The ambassador creates the items of the retrospective. */
  at: HistoryTime;
  dueAt: HistoryTime;
  /** Absent while the item is open. */
  closed?: { status: 'done' | 'dropped'; by: string; at: HistoryTime; comment?: string };
}

/**
 * An incident an incident tool reported during a train, on a Component, and what a person
 * decided about its cause.
 */
export interface HistoryIncident {
  /** The incident tool's id. */
  id: string;
  title: string;
  component: string;
  severity: 'critical' | 'high' | 'medium' | 'low';
  at: HistoryTime;
  /** Absent while it is open. */
  minutesToRestore?: number;
  usersAffected?: number;
  impactMinutes?: number;
  /**
   * A person of an owning team confirmed the cause: the `n`-th production deployment (from 1)
   * of `component` in this train. Absent while nobody decided.
   */
  confirmed?: { by: string; at: HistoryTime; component: string; n: number; comment?: string };
}

/** A past release train, from its creation to its retrospective. */
export interface HistoryTrain {
  /** Stable and unique: deployment ids and idempotency keys of CI reports are derived from it. */
  key: string;
  name: string;
  objective: string;
  ambassador: string;
  createdAt: HistoryTime;
  participants: HistoryParticipant[];
  /** By stage name, for every stage of the default stage plan. */
  stages: Record<string, HistoryStage>;
  /** Per participant, in order. */
  deployments: Record<string, HistoryDeployment[]>;
  /** A production rollback ended the train: it is marked rolled back instead of released. */
  rolledBack?: { at: HistoryTime; reason: string };
  flags: HistoryFlag[];
  /** Incidents of the train's time, reported by the incident tool. */
  incidents?: HistoryIncident[];
  retrospective: { notes: HistoryNote[]; actionItems: HistoryActionItem[] };
}

/** A rehearsal of rolling back a Component; rehearsals belong to the entity, not to a train. */
export interface HistoryDrill {
  component: string;
  result: 'passed' | 'failed';
  at: HistoryTime;
}

/** How a Component is rolled back, as its team wrote it into every train's rollback plan. */
export interface RollbackProcedure {
  criteria: string;
  procedureUrl: string;
}

export interface DemoHistory {
  trains: HistoryTrain[];
  drills: HistoryDrill[];
  rollbackProcedures: Record<string, RollbackProcedure>;
}
