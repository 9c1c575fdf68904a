/**
 * The scorecard engine: metrics computed from raw facts over a period and a scope, as
 * `METRIC_DEFINITIONS` of the common package defines them. Pure functions over plain data.
 */

export {
  computeScorecard,
  DEFAULT_SCORECARD_OPTIONS,
  SCORECARD_TREND_TRAINS,
  type ScorecardOptions,
} from './compute';
export type {
  ActionItemFact,
  DeploymentFact,
  GateDecisionFact,
  GateOutcome,
  IncidentFact,
  IndicatorFact,
  ScorecardFacts,
  ScorecardHierarchy,
  TrainFact,
  TrainStageInterval,
} from './facts';
