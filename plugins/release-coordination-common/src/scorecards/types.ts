import type { ActionItemStatus } from '../retrospectives/types';
import type { GateKind } from '../trains/types';
import type { ReleaseTrainStatus } from '../types';

/**
 * Scorecards: what actually happened to releases, computed from raw facts over a period.
 *
 * The facts are plain data the backend gathers from its tables; the engine in this folder
 * filters them by each metric's time anchor and by the scope, so a fact source may return more
 * than a period strictly needs (e.g. deployments after its end, to see a hotfix or a recovery).
 * All times are ISO 8601 strings; all durations in results are hours.
 */

/** @public */
export type DeploymentResult = 'succeeded' | 'failed' | 'rolled-back';

/**
 * One reported rollout of one participant of a train to one environment.
 *
 * @public
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
 *
 * @public
 */
export interface TrainStageInterval {
  stage: string;
  enteredAt: string;
  /** Absent while the train is in the stage. */
  leftAt?: string;
}

/**
 * A release train as scorecards see it.
 *
 * @public
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

/** @public */
export type GateOutcome = 'passed' | 'failed' | 'waived';

/**
 * One gate of a train with its latest decision. A gate is counted once, at its latest
 * decision; `failedBefore` remembers whether it needed more than one attempt.
 *
 * @public
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
 *
 * @public
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
 * Everything a scorecard is computed from.
 *
 * @public
 */
export interface ScorecardFacts {
  deployments: DeploymentFact[];
  trains: TrainFact[];
  gateDecisions: GateDecisionFact[];
  actionItems: ActionItemFact[];
}

/**
 * A half-open period: `from` is inclusive, `to` is exclusive, so consecutive periods never
 * count a fact twice.
 *
 * @public
 */
export interface ScorecardPeriod {
  from: string;
  to: string;
}

/**
 * What a scorecard is about. Teams include their descendant Groups; systems and domains
 * include their components.
 *
 * @public
 */
export type ScorecardScope =
  | { kind: 'organization' }
  | { kind: 'team'; ref: string }
  | { kind: 'system'; ref: string }
  | { kind: 'domain'; ref: string }
  | { kind: 'train'; id: string }
  | { kind: 'component'; ref: string };

/** @public */
export type ScorecardScopeKind = ScorecardScope['kind'];

/**
 * How the catalog rolls things up: component → system → domain, and Group → parent Group.
 * The backend builds it from the dependency graph.
 *
 * @public
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

/** @public */
export type MetricId =
  | 'cycle-time'
  | 'stage-time'
  | 'deployment-frequency'
  | 'deploy-days-per-week'
  | 'deployment-success-rate'
  | 'change-failure-rate'
  | 'rollback-frequency'
  | 'rollback-duration'
  | 'failed-deployment-recovery-time'
  | 'gate-first-pass-rate'
  | 'approval-latency'
  | 'waiver-rate'
  | 'action-item-follow-through'
  | 'open-action-items-carried-over';

/**
 * `hours` are medians of durations (with a p90 where the definition says so); `ratio` is
 * between 0 and 1; `per-week` is a count divided by the period's length in weeks.
 *
 * @public
 */
export type MetricUnit = 'hours' | 'ratio' | 'per-week' | 'count';

/**
 * What a metric means, shown next to its number.
 *
 * @public
 */
export interface MetricDefinition {
  id: MetricId;
  title: string;
  unit: MetricUnit;
  /** How the value is formed from its samples. */
  aggregation: 'median' | 'ratio' | 'rate' | 'count';
  /** What is counted or measured. */
  numerator: string;
  /** What it is divided by (or the samples a median is taken over). */
  denominator: string;
  /** Which time decides whether a fact belongs to the period. */
  anchor: string;
  description: string;
  betterWhen: 'higher' | 'lower';
  /** The DORA 2024 reference column this metric can be read against, if any. */
  doraReference?: DoraReferenceColumnKey;
}

/**
 * A supporting figure of a metric, e.g. the deployments still running or the failures not
 * recovered yet.
 *
 * @public
 */
export interface MetricFigure {
  key: string;
  label: string;
  value: number;
}

/**
 * A metric's value over a period and scope.
 *
 * @public
 */
export interface MetricValue {
  id: MetricId;
  /**
   * The ratio, rate, count or median (for `hours`). Absent when there is no data to compute
   * it from; `missing` then says what is missing. Never `NaN`.
   */
  value?: number;
  /** For ratios and rates. */
  numerator?: number;
  /** For ratios; for rates, the period's length in weeks. */
  denominator?: number;
  /** For durations where the definition asks for it. */
  p90?: number;
  /** How many facts (deployments, trains, gates, items) the value is computed from. */
  sampleSize: number;
  /** What data is missing, in words, when the value is absent or leaves facts out. */
  missing?: string;
  figures?: MetricFigure[];
}

/**
 * The median time trains spent in one stage.
 *
 * @public
 */
export interface StageTimeValue extends MetricValue {
  id: 'stage-time';
  stage: string;
}

/**
 * One train's share of a scorecard: the same metrics over the same period, restricted to the
 * train. A series of these, ordered by train start, is the trend.
 *
 * @public
 */
export interface ScorecardTrainPoint {
  trainId: string;
  trainName: string;
  status: ReleaseTrainStatus;
  /** The train's planning start. */
  startedAt: string;
  metrics: MetricValue[];
  stageTimes: StageTimeValue[];
}

/**
 * A row to drill down into: a narrower scope, restricted to the scorecard's own scope (a
 * component under a team counts only the deployments that team owned).
 *
 * @public
 */
export interface ScorecardChildRow {
  scope: ScorecardScope;
  metrics: MetricValue[];
}

/**
 * The metrics of a scope over a period, with their split per train and per narrower scope.
 *
 * @public
 */
export interface Scorecard {
  scope: ScorecardScope;
  period: ScorecardPeriod;
  metrics: MetricValue[];
  stageTimes: StageTimeValue[];
  /** Trains of the scope with anything counted in the period, ordered by planning start. */
  perTrain: ScorecardTrainPoint[];
  /**
   * Organization: its top-level teams; team: its child Groups and the components it deployed
   * itself; system: its components; domain: its systems; train: the teams of its
   * participants; component: none.
   */
  children: ScorecardChildRow[];
}

/**
 * The settings a scorecard was computed with, shown with it.
 *
 * @public
 */
export interface ScorecardSettings {
  /** The environment whose deployments count for delivery metrics. */
  productionEnvironment: string;
  /** A hotfix starting this long after a deployment finished marks it as a change failure. */
  hotfixWindowHours: number;
  /** Recoveries and hotfixes are looked for up to this long after the period ends. */
  lookaheadHours: number;
}

/**
 * What `GET /scorecards` returns.
 *
 * @public
 */
export interface ScorecardResponse extends Scorecard {
  settings: ScorecardSettings;
  /** When the scorecard was computed; facts after it are unknown. */
  generatedAt: string;
}

/**
 * The columns of the DORA 2024 reference table.
 *
 * @public
 */
export type DoraReferenceColumnKey =
  | 'deploymentFrequency'
  | 'leadTime'
  | 'changeFailRate'
  | 'recoveryTime';

/** @public */
export type DoraTier = 'elite' | 'high' | 'medium' | 'low';

/**
 * A published reference table, shown beside the numbers and never turned into a verdict.
 *
 * @public
 */
export interface DoraReferenceBands {
  /** E.g. `DORA 2024`. */
  label: string;
  year: number;
  source: string;
  /** Why it is a reference and not a rating. */
  caveat: string;
  columns: { key: DoraReferenceColumnKey; title: string; note?: string }[];
  rows: { tier: DoraTier; values: Record<DoraReferenceColumnKey, string> }[];
}
