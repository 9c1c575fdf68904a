import {
  ActionItemStatus,
  DeploymentResult,
  GateKind,
  ReleaseTrainStatus,
} from '@release-coordination/plugin-release-coordination-common';

/**
 * The raw facts scorecards are computed from, and how the catalog rolls them up.
 *
 * The facts are plain data the backend gathers from its tables; the engine filters them by
 * each metric's time anchor and by the scope, so a fact source may return more than a period
 * strictly needs (e.g. deployments after its end, to see a hotfix or a recovery). All times are
 * ISO 8601 strings.
 */

/**
 * One reported rollout of one participant of a train to one environment.
 */
export interface DeploymentFact {
  id: string;
  trainId: string;
  /** The component (or resource) that was rolled out. */
  participantRef: string;
  /** E.g. `production`; only the scorecard's production environment counts for delivery. */
  environment: string;
  /**
   * The owner Group of the participant at the time of the deployment; a team's figures count
   * the deployments it owned then, not what it owns today. Absent when it had none.
   */
  ownerRef?: string;
  startedAt: string;
  /** Absent while the rollout runs: such a deployment is not a finished deployment yet. */
  finishedAt?: string;
  /** Absent while the rollout runs. */
  result?: DeploymentResult;
  /** For `rolled-back`: when restoring the previous version started. */
  rollbackStartedAt?: string;
  /** For `rolled-back`: when the previous version was restored; absent while it runs. */
  rollbackFinishedAt?: string;
  /** A deployment made to repair an earlier one (it marks that one as a change failure). */
  hotfix?: boolean;
}

/**
 * The time a train spent in one stage.
 */
export interface TrainStageInterval {
  stage: string;
  enteredAt: string;
  /** Absent while the train is in the stage. */
  leftAt?: string;
}

/**
 * A release train as scorecards see it.
 */
export interface TrainFact {
  id: string;
  name: string;
  status: ReleaseTrainStatus;
  /** Creation is the start of planning: the start of the train's cycle time. */
  createdAt: string;
  /** The stages the train entered, in order. */
  stages: TrainStageInterval[];
  /** The train's participants with their owner Group when they joined. */
  participants: { entityRef: string; ownerRef?: string }[];
}

export type GateOutcome = 'passed' | 'failed' | 'waived';

/**
 * One gate of a train with its latest decision. A gate is counted once, at its latest
 * decision; `failedBefore` remembers whether it needed more than one attempt.
 */
export interface GateDecisionFact {
  gateId: string;
  trainId: string;
  stage: string;
  kind: GateKind;
  /** For per-participant gates. */
  participantRef?: string;
  /** The team the gate belongs to: the participant's owner, or the approver Group. */
  ownerRef?: string;
  /** When the gate started to wait for a decision. */
  pendingAt: string;
  /** When it got its latest decision; absent while pending. */
  decidedAt?: string;
  /** Absent while pending. */
  outcome?: GateOutcome;
  /** The gate failed, or was waived, before its latest decision. */
  failedBefore: boolean;
}

/**
 * A retrospective action item.
 */
export interface ActionItemFact {
  id: string;
  /** The train whose retrospective created the item. */
  trainId: string;
  /** The entity (usually a Group, or a User) that owns the item. */
  ownerRef: string;
  createdAt: string;
  dueAt?: string;
  /** When it became `done` or `dropped`. */
  closedAt?: string;
  status: ActionItemStatus;
}

/**
 * An incident, as incident tools reported it and people attributed it.
 */
export interface IncidentFact {
  id: string;
  /** The entity the incident hit. */
  entityRef: string;
  /** The affected entity's owner when the incident started; a team counts what it owned then. */
  ownerRef?: string;
  startedAt: string;
  /** Absent while the incident is open. */
  resolvedAt?: string;
  usersAffected?: number;
  impactMinutes?: number;
  /** The deployment a person confirmed as the cause; suggestions never appear here. */
  attributedDeploymentId?: string;
  /** The train of that deployment. */
  attributedTrainId?: string;
}

/**
 * Leading indicators of one component, as one CI report measured them.
 */
export interface IndicatorFact {
  id: string;
  entityRef: string;
  /** The entity's owner when reported; a team counts what it owned then. */
  ownerRef?: string;
  measuredAt: string;
  review?: { mergedChanges: number; reviewedChanges: number };
  tests?: { executed: number; passed: number; flaky: number };
  mergeHours?: number[];
}

/**
 * Everything a scorecard is computed from.
 */
export interface ScorecardFacts {
  deployments: DeploymentFact[];
  trains: TrainFact[];
  gateDecisions: GateDecisionFact[];
  actionItems: ActionItemFact[];
  incidents: IncidentFact[];
  indicators: IndicatorFact[];
}

/**
 * How the catalog rolls things up: component → system → domain, and Group → parent Group.
 * The backend builds it from the dependency graph.
 */
export interface ScorecardHierarchy {
  /** The parent Group of a Group (`childOf`). */
  parentOf(groupRef: string): string | undefined;
  /** The System a component (or resource) is part of. */
  systemOf(componentRef: string): string | undefined;
  /** The Domain of a System, or of a component that is part of a Domain directly. */
  domainOf(ref: string): string | undefined;
  /** The Groups a User is a member of, for items owned by a person. */
  groupsOfUser?(userRef: string): string[];
  /**
   * The owner (a Group or User) of a Component or other owned entity, for items owned by a
   * component: they count for the team that owns it.
   */
  ownerOf?(entityRef: string): string | undefined;
}
