import {
  MetricId,
  MetricUnit,
  MetricValue,
} from '@release-coordination/plugin-release-coordination-common';
import { englishT, ReleaseCoordinationT } from '../shared';

function oneDecimal(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 1 });
}

/**
 * A duration for people: minutes under an hour, hours under a day, days beyond ("45 min",
 * "3.5 h", "2.1 d"). Release durations range from a rollback of minutes to trains of weeks.
 */
export function formatHours(hours: number, t: ReleaseCoordinationT = englishT): string {
  if (hours < 1) {
    return t('scorecards.units.minutes', { value: String(Math.round(hours * 60)) });
  }
  if (hours < 24) return t('scorecards.units.hours', { value: oneDecimal(hours) });
  return t('scorecards.units.days', { value: oneDecimal(hours / 24) });
}

/** A ratio between 0 and 1 as a percentage, e.g. `0.125` → "12.5%". */
export function formatPercent(ratio: number, t: ReleaseCoordinationT = englishT): string {
  return t('scorecards.units.percent', { value: oneDecimal(ratio * 100) });
}

/** A metric's number in its unit. */
export function formatMetricNumber(
  unit: MetricUnit,
  value: number,
  t: ReleaseCoordinationT = englishT,
): string {
  switch (unit) {
    case 'hours':
      return formatHours(value, t);
    case 'ratio':
      return formatPercent(value, t);
    case 'per-week':
      return t('scorecards.units.perWeek', { value: oneDecimal(value) });
    default:
      return Math.round(value).toLocaleString('en-US');
  }
}

/** A metric's value in its unit, or "no data" when there was nothing to compute it from. */
export function formatMetricValue(
  unit: MetricUnit,
  metric: MetricValue | undefined,
  t: ReleaseCoordinationT = englishT,
): string {
  return metric?.value === undefined
    ? t('scorecards.units.noData')
    : formatMetricNumber(unit, metric.value, t);
}

/** What the samples of a metric are, as messages under `scorecards.samples`. */
type SampleNoun =
  | 'shippedTrains'
  | 'trains'
  | 'deployments'
  | 'rollbacks'
  | 'recoveredFailures'
  | 'gatesDecided'
  | 'approvalGates'
  | 'itemsDue'
  | 'openItems'
  | 'incidents'
  | 'resolvedIncidents'
  | 'mergedChanges'
  | 'tests'
  | 'samples';

/** What the samples of each metric are. */
const SAMPLE_NOUNS: Partial<Record<MetricId, SampleNoun>> = {
  'cycle-time': 'shippedTrains',
  'stage-time': 'trains',
  'deployment-frequency': 'deployments',
  'deploy-days-per-week': 'deployments',
  'deployment-success-rate': 'deployments',
  'change-failure-rate': 'deployments',
  'rollback-frequency': 'deployments',
  'rollback-duration': 'rollbacks',
  'failed-deployment-recovery-time': 'recoveredFailures',
  'gate-first-pass-rate': 'gatesDecided',
  'approval-latency': 'approvalGates',
  'waiver-rate': 'gatesDecided',
  'action-item-follow-through': 'itemsDue',
  'open-action-items-carried-over': 'openItems',
  'incident-change-failure-rate': 'deployments',
  'incident-frequency': 'incidents',
  'time-to-restore': 'resolvedIncidents',
  'customer-impact': 'incidents',
  'review-coverage': 'mergedChanges',
  'test-pass-rate': 'tests',
  'time-to-merge': 'mergedChanges',
};

/** How many facts a value rests on, e.g. "45 deployments". */
export function sampleSizeText(
  id: MetricId,
  sampleSize: number,
  t: ReleaseCoordinationT = englishT,
): string {
  const noun = SAMPLE_NOUNS[id] ?? 'samples';
  return t(`scorecards.samples.${noun}`, {
    count: sampleSize,
    amount: sampleSize.toLocaleString('en-US'),
  });
}

/**
 * The parts of a value a reader may want to check: "6 of 45" for ratios, the count and weeks
 * for rates, the p90 for durations.
 */
export function metricDetail(
  unit: MetricUnit,
  metric: MetricValue,
  t: ReleaseCoordinationT = englishT,
): string | undefined {
  if (metric.value === undefined) return undefined;
  if (unit === 'ratio' && metric.numerator !== undefined && metric.denominator !== undefined) {
    return t('scorecards.units.ratioDetail', {
      numerator: metric.numerator.toLocaleString('en-US'),
      denominator: metric.denominator.toLocaleString('en-US'),
    });
  }
  if (unit === 'per-week' && metric.numerator !== undefined && metric.denominator !== undefined) {
    return t('scorecards.units.rateDetail', {
      numerator: metric.numerator.toLocaleString('en-US'),
      weeks: oneDecimal(metric.denominator),
    });
  }
  if (unit === 'hours' && metric.p90 !== undefined) {
    return t('scorecards.units.p90', { value: formatHours(metric.p90, t) });
  }
  return undefined;
}
