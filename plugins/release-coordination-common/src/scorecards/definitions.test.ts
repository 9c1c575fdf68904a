import { DORA_2024_REFERENCE_BANDS } from './bands';
import { METRIC_DEFINITIONS, metricDefinition } from './definitions';
import { MetricId } from './types';

describe('METRIC_DEFINITIONS', () => {
  it('defines every metric once, with numerator, denominator, anchor and description', () => {
    const ids = METRIC_DEFINITIONS.map(d => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([
      'cycle-time',
      'stage-time',
      'deployment-frequency',
      'deploy-days-per-week',
      'deployment-success-rate',
      'change-failure-rate',
      'incident-change-failure-rate',
      'rollback-frequency',
      'rollback-duration',
      'failed-deployment-recovery-time',
      'gate-first-pass-rate',
      'approval-latency',
      'waiver-rate',
      'action-item-follow-through',
      'open-action-items-carried-over',
      'incident-frequency',
      'time-to-restore',
      'customer-impact',
      'review-coverage',
      'test-pass-rate',
      'time-to-merge',
    ] satisfies MetricId[]);
    for (const definition of METRIC_DEFINITIONS) {
      for (const field of ['title', 'numerator', 'denominator', 'anchor', 'description'] as const) {
        expect(definition[field].trim(), `${definition.id}.${field}`).not.toBe('');
      }
    }
  });

  it('words the definitions as the metric specification does', () => {
    expect(metricDefinition('change-failure-rate')).toMatchObject({
      denominator: 'all production deployments',
      unit: 'ratio',
      betterWhen: 'lower',
    });
    expect(metricDefinition('change-failure-rate').description).toContain(
      'Denominator is deployments, never incidents.',
    );
    expect(metricDefinition('gate-first-pass-rate')).toMatchObject({
      numerator: 'gates passed without a prior failure or waiver',
      denominator: 'gates decided',
    });
    expect(metricDefinition('action-item-follow-through')).toMatchObject({
      numerator: 'items closed by their due date',
      denominator: 'items due in the period',
    });
    expect(metricDefinition('cycle-time').numerator).toBe(
      "train's planning start → last production deployment finished",
    );
  });

  it('keeps the incident-based change failure rate apart from the deployment-based one', () => {
    expect(metricDefinition('incident-change-failure-rate')).toMatchObject({
      numerator: 'production deployments with at least one confirmed attributed incident',
      denominator: 'all production deployments',
    });
    expect(metricDefinition('incident-change-failure-rate').description).toMatch(/never replacing it/);
    expect(metricDefinition('time-to-restore').description).toMatch(/counted apart, never as zero/);
    expect(metricDefinition('incident-frequency').anchor).toMatch(/startedAt/);
  });

  it('states the time anchor of every metric', () => {
    expect(metricDefinition('deployment-frequency').anchor).toMatch(/finished in the period/);
    expect(metricDefinition('waiver-rate').anchor).toMatch(/decidedAt/);
    expect(metricDefinition('action-item-follow-through').anchor).toMatch(/dueAt/);
    expect(metricDefinition('cycle-time').anchor).toMatch(/last production deployment/);
  });

  it('refuses an unknown metric', () => {
    expect(() => metricDefinition('mean-time-to-blame' as MetricId)).toThrow(/Unknown/);
  });
});

describe('DORA_2024_REFERENCE_BANDS', () => {
  it('is labelled with its year and says it is no verdict', () => {
    expect(DORA_2024_REFERENCE_BANDS.label).toBe('DORA 2024');
    expect(DORA_2024_REFERENCE_BANDS.caveat).toMatch(/not a rating/);
  });

  it('holds the four tiers of the report', () => {
    expect(DORA_2024_REFERENCE_BANDS.rows.map(row => row.tier)).toEqual(['elite', 'high', 'medium', 'low']);
    expect(DORA_2024_REFERENCE_BANDS.rows[0].values).toEqual({
      deploymentFrequency: 'on demand',
      leadTime: '< 1 day',
      changeFailRate: '~5%',
      recoveryTime: '< 1 hour',
    });
    expect(DORA_2024_REFERENCE_BANDS.rows[3].values.recoveryTime).toBe('1 week – 1 month');
  });

  it('has a column for every metric that refers to it', () => {
    const columns = new Set(DORA_2024_REFERENCE_BANDS.columns.map(c => c.key));
    const referenced = METRIC_DEFINITIONS.flatMap(d => (d.doraReference ? [d.doraReference] : []));
    expect(referenced.length).toBeGreaterThan(0);
    for (const key of referenced) expect(columns.has(key)).toBe(true);
  });
});
