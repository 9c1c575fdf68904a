export * from './types';
export { METRIC_DEFINITIONS, metricDefinition } from './definitions';
export { DORA_2024_REFERENCE_BANDS } from './bands';
export {
  computeScorecard,
  parseScorecardPeriod,
  DEFAULT_SCORECARD_OPTIONS,
  type ScorecardOptions,
} from './compute';
export {
  hierarchyFromMaps,
  scopeFilter,
  intersectFilters,
  childScopes,
  normalizeScorecardScope,
  type ScorecardFactFilter,
} from './rollups';
