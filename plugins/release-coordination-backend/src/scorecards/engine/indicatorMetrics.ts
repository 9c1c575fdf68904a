/**
 * The leading indicators as METRIC_DEFINITIONS defines them: review coverage, test health and
 * time-to-merge, from what CI measured in the period.
 */
import {
  MetricValue,
  normalizeEntityRef,
} from '@release-coordination/plugin-release-coordination-common';
import { HOUR_MS, ScorecardContext, time } from './context';
import { IndicatorFact } from './facts';
import { durations, figure, ratio } from './statistics';

const NOT_REPORTED = 'CI reported no';

export function indicatorMetrics(
  ctx: ScorecardContext,
  indicators: IndicatorFact[],
): MetricValue[] {
  const measured = indicators.filter(f => {
    const at = time(f.measuredAt);
    return at >= ctx.from && at < ctx.to;
  });

  // Review coverage: every report of the period counts its merged changes once.
  let merged = 0;
  let reviewed = 0;
  for (const f of measured) {
    if (!f.review) continue;
    merged += f.review.mergedChanges;
    reviewed += f.review.reviewedChanges;
  }
  const reviewCoverage = ratio(
    'review-coverage',
    reviewed,
    merged,
    `${NOT_REPORTED} merged changes in the period`,
    merged
      ? [
          figure(
            'unreviewed',
            'merged without an approving review',
            merged - reviewed,
          ),
        ]
      : [],
  );

  // Test health: each component's latest run of the period.
  const latest = new Map<
    string,
    IndicatorFact & { tests: NonNullable<IndicatorFact['tests']> }
  >();
  for (const f of measured) {
    if (!f.tests) continue;
    const ref = normalizeEntityRef(f.entityRef);
    const known = latest.get(ref);
    if (
      !known ||
      time(f.measuredAt) > time(known.measuredAt) ||
      (time(f.measuredAt) === time(known.measuredAt) &&
        Number(f.id) > Number(known.id))
    ) {
      latest.set(ref, { ...f, tests: f.tests });
    }
  }
  let executed = 0;
  let passed = 0;
  let flaky = 0;
  for (const run of latest.values()) {
    executed += run.tests.executed;
    passed += run.tests.passed;
    flaky += run.tests.flaky;
  }
  const testHealth = ratio(
    'test-pass-rate',
    passed,
    executed,
    `${NOT_REPORTED} test runs in the period`,
    latest.size
      ? [
          figure('flaky', 'flaky tests', flaky),
          figure('components', 'components with a run', latest.size),
        ]
      : [],
  );

  const mergeSamples = measured.flatMap(f =>
    (f.mergeHours ?? []).map(hours => hours * HOUR_MS),
  );
  const timeToMerge = durations('time-to-merge', mergeSamples, {
    p90: true,
    whenEmpty: `${NOT_REPORTED} merge times in the period`,
  });

  return [reviewCoverage, testHealth, timeToMerge];
}
