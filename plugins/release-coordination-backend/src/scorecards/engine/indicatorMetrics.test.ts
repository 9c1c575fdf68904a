import {
  MetricId,
  MetricValue,
  Scorecard,
  ScorecardScope,
} from '@release-coordination/plugin-release-coordination-common';
import { computeScorecard } from './compute';
import { IndicatorFact, ScorecardFacts, TrainFact } from './facts';
import { hierarchyFromMaps } from './rollups';

/** Times in March 2026 (UTC): `at('03T10:00')` is 3 March, 10:00. */
const at = (value: string) =>
  new Date(`2026-03-${value}:00.000Z`).toISOString();

/** Two weeks: 2 March 00:00 (inclusive) to 16 March 00:00 (exclusive). */
const PERIOD = { from: at('02T00:00'), to: at('16T00:00') };

const CHECKOUT = 'component:default/checkout';
const PAYMENTS = 'component:default/payments';
const SEARCH = 'component:default/search';
const TEAM_WEB = 'group:default/team-web';
const TEAM_PAY = 'group:default/team-pay';
const ENGINEERING = 'group:default/engineering';

const hierarchy = hierarchyFromMaps({
  parents: { [TEAM_WEB]: ENGINEERING, [TEAM_PAY]: ENGINEERING },
  owners: { [CHECKOUT]: TEAM_WEB, [PAYMENTS]: TEAM_PAY, [SEARCH]: TEAM_WEB },
});

const TRAIN: TrainFact = {
  id: 'train-1',
  name: 'Spring release',
  status: 'active',
  createdAt: at('01T00:00'),
  stages: [],
  participants: [
    { entityRef: CHECKOUT, ownerRef: TEAM_WEB },
    { entityRef: PAYMENTS, ownerRef: TEAM_PAY },
  ],
};

function report(
  id: string,
  entityRef: string,
  measuredAt: string,
  fields: Partial<IndicatorFact>,
) {
  const ownerRef = entityRef === PAYMENTS ? TEAM_PAY : TEAM_WEB;
  return { id, entityRef, ownerRef, measuredAt, ...fields };
}

/**
 * - r1 checkout, 3 March: 10 merged, 9 reviewed; tests 200 executed, 180 passed, 4 flaky;
 *   merges took 2, 4 and 30 hours.
 * - r2 checkout, 10 March (its latest run): 5 merged, 5 reviewed; tests 200/198, 1 flaky;
 *   merges 1 and 3 hours.
 * - r3 payments, 9 March: 10 merged, 6 reviewed; tests 100/90, 0 flaky; merges 8 hours.
 * - r4 search, 20 March: after the period, counted nowhere (50 merged, 0 reviewed).
 * - r5 payments, 12 March: only merge times, 5 hours.
 */
const FACTS: Partial<ScorecardFacts> = {
  indicators: [
    report('r1', CHECKOUT, at('03T10:00'), {
      review: { mergedChanges: 10, reviewedChanges: 9 },
      tests: { executed: 200, passed: 180, flaky: 4 },
      mergeHours: [2, 4, 30],
    }),
    report('r2', CHECKOUT, at('10T10:00'), {
      review: { mergedChanges: 5, reviewedChanges: 5 },
      tests: { executed: 200, passed: 198, flaky: 1 },
      mergeHours: [1, 3],
    }),
    report('r3', PAYMENTS, at('09T10:00'), {
      review: { mergedChanges: 10, reviewedChanges: 6 },
      tests: { executed: 100, passed: 90, flaky: 0 },
      mergeHours: [8],
    }),
    report('r4', SEARCH, at('20T10:00'), {
      review: { mergedChanges: 50, reviewedChanges: 0 },
    }),
    report('r5', PAYMENTS, at('12T10:00'), { mergeHours: [5] }),
  ],
};

function scorecard(
  input: Partial<ScorecardFacts>,
  scope: ScorecardScope = { kind: 'organization' },
) {
  return computeScorecard({
    facts: {
      deployments: [],
      trains: [TRAIN],
      gateDecisions: [],
      actionItems: [],
      incidents: [],
      indicators: [],
      ...input,
    },
    scope,
    period: PERIOD,
    hierarchy,
    options: { now: at('20T00:00') },
  });
}

const metric = (card: Scorecard, id: MetricId): MetricValue =>
  card.metrics.find(m => m.id === id)!;

describe('leading indicators', () => {
  it('counts review coverage over every merged change reported in the period', () => {
    // Reviewed 9 + 5 + 6 = 20 of merged 10 + 5 + 10 = 25 → 0.8 (r4 lies after the period).
    const value = metric(scorecard(FACTS), 'review-coverage');
    expect(value).toMatchObject({
      value: 0.8,
      numerator: 20,
      denominator: 25,
      sampleSize: 25,
    });
    expect(value.figures).toContainEqual({
      key: 'unreviewed',
      label: 'merged without an approving review',
      value: 5,
    });
    // team-web's checkout alone: 14 of 15.
    expect(
      metric(
        scorecard(FACTS, { kind: 'team', ref: TEAM_WEB }),
        'review-coverage',
      ),
    ).toMatchObject({
      numerator: 14,
      denominator: 15,
    });
  });

  it("takes test health from each component's latest run, flaky tests apart", () => {
    // checkout's latest run is r2 (198 of 200, 1 flaky), payments' is r3 (90 of 100):
    // 288 / 300 = 0.96; the older red r1 no longer counts.
    const value = metric(scorecard(FACTS), 'test-pass-rate');
    expect(value).toMatchObject({
      value: 0.96,
      numerator: 288,
      denominator: 300,
    });
    expect(value.figures).toEqual([
      { key: 'flaky', label: 'flaky tests', value: 1 },
      { key: 'components', label: 'components with a run', value: 2 },
    ]);
  });

  it('takes the median and p90 of time to merge over every merged change', () => {
    // Samples 2, 4, 30, 1, 3, 8, 5 hours → sorted 1 2 3 4 5 8 30: median 4 h; p90 by
    // nearest rank is the ceil(6.3) = 7th = 30 h.
    expect(metric(scorecard(FACTS), 'time-to-merge')).toMatchObject({
      value: 4,
      p90: 30,
      sampleSize: 7,
    });
  });

  it('gives a train scope the indicators of its participants', () => {
    // search is no participant: the train's review coverage is the organisation's here.
    const card = scorecard(FACTS, { kind: 'train', id: 'train-1' });
    expect(metric(card, 'review-coverage')).toMatchObject({
      numerator: 20,
      denominator: 25,
    });
  });

  it("puts on a train's trend what its participants measured while it ran", () => {
    // The train started 1 March and runs on: r1, r2 (checkout) and r3 (payments) count, 20 of
    // 25 reviewed; search is no participant. Once released after 5 March (its last stage left
    // then), only r1 (9 of 10) was measured while it ran.
    const running = scorecard(FACTS).perTrain.find(
      p => p.trainId === 'train-1',
    )!;
    expect(running.metrics.find(m => m.id === 'review-coverage')).toMatchObject(
      {
        numerator: 20,
        denominator: 25,
      },
    );
    const released = scorecard({
      ...FACTS,
      trains: [
        {
          ...TRAIN,
          status: 'released',
          stages: [
            {
              stage: 'deployment',
              enteredAt: at('04T00:00'),
              leftAt: at('05T00:00'),
            },
          ],
        },
      ],
    }).perTrain.find(p => p.trainId === 'train-1')!;
    expect(
      released.metrics.find(m => m.id === 'review-coverage'),
    ).toMatchObject({
      numerator: 9,
      denominator: 10,
    });
  });

  it('says what CI has not reported', () => {
    const card = scorecard({});
    expect(metric(card, 'review-coverage').missing).toBe(
      'CI reported no merged changes in the period',
    );
    expect(metric(card, 'test-pass-rate').missing).toBe(
      'CI reported no test runs in the period',
    );
    expect(metric(card, 'time-to-merge').missing).toBe(
      'CI reported no merge times in the period',
    );
  });
});
