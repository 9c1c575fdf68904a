import {
  formatHours,
  formatMetricNumber,
  formatMetricValue,
  metricDetail,
  sampleSizeText,
} from './metricFormat';

describe('metric formatting', () => {
  it('writes durations in minutes, hours or days', () => {
    expect(formatHours(0.75)).toBe('45 min');
    expect(formatHours(0)).toBe('0 min');
    expect(formatHours(1)).toBe('1 h');
    expect(formatHours(3.46)).toBe('3.5 h');
    expect(formatHours(23.9)).toBe('23.9 h');
    expect(formatHours(24)).toBe('1 d');
    expect(formatHours(50.4)).toBe('2.1 d');
  });

  it('writes ratios as percentages, rates per week and counts as whole numbers', () => {
    expect(formatMetricNumber('ratio', 0.125)).toBe('12.5%');
    expect(formatMetricNumber('ratio', 6 / 45)).toBe('13.3%');
    expect(formatMetricNumber('ratio', 1)).toBe('100%');
    expect(formatMetricNumber('per-week', 3.5)).toBe('3.5 per week');
    expect(formatMetricNumber('count', 3)).toBe('3');
    expect(formatMetricNumber('count', 1200)).toBe('1,200');
  });

  it('says "no data" for a value that is missing, and 0 for a zero', () => {
    expect(formatMetricValue('ratio', { id: 'change-failure-rate', sampleSize: 0 })).toBe('no data');
    expect(formatMetricValue('ratio', undefined)).toBe('no data');
    expect(
      formatMetricValue('ratio', { id: 'change-failure-rate', value: 0, sampleSize: 12 }),
    ).toBe('0%');
  });

  it('shows what a value rests on', () => {
    expect(sampleSizeText('change-failure-rate', 1)).toBe('1 deployment');
    expect(sampleSizeText('change-failure-rate', 45)).toBe('45 deployments');
    expect(sampleSizeText('cycle-time', 2)).toBe('2 shipped trains');
    expect(
      metricDetail('ratio', {
        id: 'change-failure-rate',
        value: 0.1,
        numerator: 3,
        denominator: 30,
        sampleSize: 30,
      }),
    ).toBe('3 of 30');
    expect(
      metricDetail('per-week', {
        id: 'deployment-frequency',
        value: 2,
        numerator: 4,
        denominator: 2,
        sampleSize: 4,
      }),
    ).toBe('4 in 2 weeks');
    expect(metricDetail('hours', { id: 'approval-latency', value: 5, p90: 30, sampleSize: 9 })).toBe(
      'p90 1.3 d',
    );
    expect(metricDetail('ratio', { id: 'waiver-rate', sampleSize: 0 })).toBeUndefined();
  });
});
