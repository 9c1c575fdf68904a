/** The arithmetic of metrics: medians, percentiles, ratios and their figures. */
import {
  MetricFigure,
  MetricId,
  MetricValue,
} from '@release-coordination/plugin-release-coordination-common';
import { HOUR_MS } from './context';

/** The median of sorted numbers; the mean of the two middle ones for an even count. */
export function median(sorted: number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[mid]
    : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The 90th percentile by nearest rank: the smallest sample with at least 90% at or below it. */
export function percentile90(sorted: number[]): number {
  return sorted[Math.ceil(0.9 * sorted.length) - 1];
}

export function figure(
  key: string,
  label: string,
  value: number,
): MetricFigure {
  return { key, label, value };
}

export function withFigures(
  value: MetricValue,
  figures: MetricFigure[],
): MetricValue {
  return figures.length ? { ...value, figures } : value;
}

export function ratio(
  id: MetricId,
  numerator: number,
  denominator: number,
  whenEmpty: string,
  figures: MetricFigure[] = [],
): MetricValue {
  if (denominator === 0) {
    return withFigures(
      { id, numerator, denominator, sampleSize: 0, missing: whenEmpty },
      figures,
    );
  }
  return withFigures(
    {
      id,
      value: numerator / denominator,
      numerator,
      denominator,
      sampleSize: denominator,
    },
    figures,
  );
}

export function durations(
  id: MetricId,
  samplesMs: number[],
  options: {
    p90: boolean;
    whenEmpty: string;
    leftOut?: string;
    figures?: MetricFigure[];
  },
): MetricValue {
  const figures = options.figures ?? [];
  if (samplesMs.length === 0) {
    const missing = options.leftOut
      ? `${options.whenEmpty}; ${options.leftOut}`
      : options.whenEmpty;
    return withFigures({ id, sampleSize: 0, missing }, figures);
  }
  const hours = samplesMs.map(ms => ms / HOUR_MS).sort((a, b) => a - b);
  return withFigures(
    {
      id,
      value: median(hours),
      ...(options.p90 ? { p90: percentile90(hours) } : {}),
      sampleSize: hours.length,
      ...(options.leftOut ? { missing: options.leftOut } : {}),
    },
    figures,
  );
}

export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}
