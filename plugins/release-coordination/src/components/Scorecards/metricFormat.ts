import {
  MetricId,
  MetricUnit,
  MetricValue,
} from '@release-coordination/plugin-release-coordination-common';

function oneDecimal(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 1 });
}

/**
 * A duration for people: minutes under an hour, hours under a day, days beyond ("45 min",
 * "3.5 h", "2.1 d"). Release durations range from a rollback of minutes to trains of weeks.
 */
export function formatHours(hours: number): string {
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  if (hours < 24) return `${oneDecimal(hours)} h`;
  return `${oneDecimal(hours / 24)} d`;
}

/** A ratio between 0 and 1 as a percentage, e.g. `0.125` → "12.5%". */
export function formatPercent(ratio: number): string {
  return `${oneDecimal(ratio * 100)}%`;
}

/** A metric's number in its unit. */
export function formatMetricNumber(unit: MetricUnit, value: number): string {
  switch (unit) {
    case 'hours':
      return formatHours(value);
    case 'ratio':
      return formatPercent(value);
    case 'per-week':
      return `${oneDecimal(value)} per week`;
    default:
      return Math.round(value).toLocaleString('en-US');
  }
}

/** A metric's value in its unit, or "no data" when there was nothing to compute it from. */
export function formatMetricValue(unit: MetricUnit, metric: MetricValue | undefined): string {
  return metric?.value === undefined ? 'no data' : formatMetricNumber(unit, metric.value);
}

/** What the samples of each metric are, singular and plural. */
const SAMPLE_NOUNS: Partial<Record<MetricId, [string, string]>> = {
  'cycle-time': ['shipped train', 'shipped trains'],
  'stage-time': ['train', 'trains'],
  'deployment-frequency': ['deployment', 'deployments'],
  'deploy-days-per-week': ['deployment', 'deployments'],
  'deployment-success-rate': ['deployment', 'deployments'],
  'change-failure-rate': ['deployment', 'deployments'],
  'rollback-frequency': ['deployment', 'deployments'],
  'rollback-duration': ['rollback', 'rollbacks'],
  'failed-deployment-recovery-time': ['recovered failure', 'recovered failures'],
  'gate-first-pass-rate': ['gate decided', 'gates decided'],
  'approval-latency': ['approval gate', 'approval gates'],
  'waiver-rate': ['gate decided', 'gates decided'],
  'action-item-follow-through': ['item due', 'items due'],
  'open-action-items-carried-over': ['open item', 'open items'],
};

/** How many facts a value rests on, e.g. "45 deployments". */
export function sampleSizeText(id: MetricId, sampleSize: number): string {
  const [one, many] = SAMPLE_NOUNS[id] ?? ['sample', 'samples'];
  return `${sampleSize.toLocaleString('en-US')} ${sampleSize === 1 ? one : many}`;
}

/**
 * The parts of a value a reader may want to check: "6 of 45" for ratios, the count and weeks
 * for rates, the p90 for durations.
 */
export function metricDetail(unit: MetricUnit, metric: MetricValue): string | undefined {
  if (metric.value === undefined) return undefined;
  if (unit === 'ratio' && metric.numerator !== undefined && metric.denominator !== undefined) {
    return `${metric.numerator.toLocaleString('en-US')} of ${metric.denominator.toLocaleString('en-US')}`;
  }
  if (unit === 'per-week' && metric.numerator !== undefined && metric.denominator !== undefined) {
    return `${metric.numerator.toLocaleString('en-US')} in ${oneDecimal(metric.denominator)} weeks`;
  }
  if (unit === 'hours' && metric.p90 !== undefined) {
    return `p90 ${formatHours(metric.p90)}`;
  }
  return undefined;
}
