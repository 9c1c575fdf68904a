import type { ReleaseTrainStatus } from '../trains/types';
import type { HiddenEntityCounts } from '../types';

/**
 * Scorecards: what actually happened to releases, computed by the backend from raw facts over
 * a period, and what the portal shows of them. All times are ISO 8601 strings; all durations
 * in results are hours.
 */

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

/**
 * The kinds of {@link ScorecardScope}.
 *
 * @public
 */
export type ScorecardScopeKind = ScorecardScope['kind'];

/**
 * The id of a scorecard metric; `METRIC_DEFINITIONS` defines each.
 *
 * @public
 */
export type MetricId =
  | 'cycle-time'
  | 'stage-time'
  | 'deployment-frequency'
  | 'deploy-days-per-week'
  | 'deployment-success-rate'
  | 'change-failure-rate'
  | 'incident-change-failure-rate'
  | 'rollback-frequency'
  | 'rollback-duration'
  | 'failed-deployment-recovery-time'
  | 'gate-first-pass-rate'
  | 'approval-latency'
  | 'waiver-rate'
  | 'action-item-follow-through'
  | 'open-action-items-carried-over'
  | 'incident-frequency'
  | 'time-to-restore'
  | 'customer-impact'
  | 'review-coverage'
  | 'test-pass-rate'
  | 'time-to-merge';

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
  /**
   * The latest trains of the scope with anything counted in the period (at most 100), ordered
   * by planning start: the trend.
   */
  perTrain: ScorecardTrainPoint[];
  /** How many trains of the scope have anything counted in the period, trend or not. */
  trainCount: number;
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
  /** Children left out because the caller may not see their entity in the catalog. */
  hidden?: HiddenEntityCounts;
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

/**
 * A row of the DORA reference table.
 *
 * @public
 */
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
