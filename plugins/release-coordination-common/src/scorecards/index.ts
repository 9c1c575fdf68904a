export { DORA_2024_REFERENCE_BANDS } from './bands';
export { METRIC_DEFINITIONS, metricDefinition } from './definitions';
export type {
  DoraReferenceBands,
  DoraReferenceColumnKey,
  DoraTier,
  MetricDefinition,
  MetricFigure,
  MetricId,
  MetricUnit,
  MetricValue,
  Scorecard,
  ScorecardChildRow,
  ScorecardPeriod,
  ScorecardResponse,
  ScorecardScope,
  ScorecardScopeKind,
  ScorecardSettings,
  ScorecardTrainPoint,
  StageTimeValue,
} from './types';
