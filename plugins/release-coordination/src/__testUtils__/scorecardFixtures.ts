/**
 * Realistic answers of `GET /scorecards` for the frontend tests: the organisation over the
 * 90 days up to 20 November 2026, one of its departments, and a period without anything.
 */
import {
  METRIC_DEFINITIONS,
  MetricId,
  MetricValue,
  ScorecardChildRow,
  ScorecardPeriod,
  ScorecardResponse,
  ScorecardScope,
  ScorecardTrainPoint,
  StageTimeValue,
} from '@release-coordination/plugin-release-coordination-common';

/** The demo organisation's departments and teams, as the catalog names them. */
export const COMMERCE_DEPT = 'group:default/commerce-dept';
export const PAYMENTS_DEPT = 'group:default/payments-dept';
export const TEAM_CHECKOUT = 'group:default/team-checkout';
export const TEAM_SEARCH = 'group:default/team-search';
export const CHECKOUT_API = 'component:default/checkout-api';

export const AUTUMN_TRAIN_ID = '0c7d2f4e-8a6b-4e1d-b3c2-9d8e7f6a5b4c';
export const WINTER_TRAIN_ID = '5b0e6a8e-3c1f-4d57-9f0e-1f2a3b4c5d6e';

/** The clock of the tests: 20 November 2026, 10:00 UTC. */
export const NOW = new Date('2026-11-20T10:00:00.000Z');

/** The last 90 days as the page asks for them at {@link NOW}: whole UTC days up to today. */
export const LAST_90_DAYS: ScorecardPeriod = {
  from: '2026-08-23T00:00:00.000Z',
  to: '2026-11-21T00:00:00.000Z',
};

/** What a period without any production deployment says for every delivery metric. */
export const NO_DEPLOYMENTS = 'No production deployments finished in the period';

/** Every metric but stage time, in the order of the definitions; unlisted ones have no data. */
export function metricValues(values: Partial<Record<MetricId, Partial<MetricValue>>>): MetricValue[] {
  return METRIC_DEFINITIONS.filter(d => d.id !== 'stage-time').map(d => ({
    id: d.id,
    sampleSize: 0,
    missing: NO_DEPLOYMENTS,
    ...values[d.id],
  }));
}

/** An organisation shipping steadily: two trains, one rollback that has no finish time. */
const organisationMetrics = metricValues({
  'cycle-time': { value: 50.4, p90: 62, sampleSize: 2, missing: undefined },
  'deployment-frequency': {
    value: 3.5,
    numerator: 45,
    denominator: 90 / 7,
    sampleSize: 45,
    missing: undefined,
  },
  'deploy-days-per-week': {
    value: 1.4,
    numerator: 18,
    denominator: 90 / 7,
    sampleSize: 45,
    missing: undefined,
  },
  'deployment-success-rate': {
    value: 40 / 45,
    numerator: 40,
    denominator: 45,
    sampleSize: 45,
    missing: undefined,
  },
  'change-failure-rate': {
    value: 6 / 45,
    numerator: 6,
    denominator: 45,
    sampleSize: 45,
    missing: undefined,
    figures: [
      { key: 'failed', label: 'failed', value: 4 },
      { key: 'rolled-back', label: 'rolled back', value: 1 },
      { key: 'hotfix', label: 'followed by a hotfix within the window', value: 1 },
    ],
  },
  'rollback-frequency': {
    value: 1 / 45,
    numerator: 1,
    denominator: 45,
    sampleSize: 45,
    missing: undefined,
  },
  'rollback-duration': {
    sampleSize: 0,
    missing:
      'No rolled-back production deployment with a rollback start and finish; 1 rollback has no finish time and is left out',
    figures: [{ key: 'rollback-unfinished', label: 'rollbacks without a finish time', value: 1 }],
  },
  'failed-deployment-recovery-time': {
    value: 0.75,
    p90: 3.2,
    sampleSize: 5,
    missing: undefined,
    figures: [{ key: 'unrecovered', label: 'unrecovered', value: 0 }],
  },
  'gate-first-pass-rate': {
    value: 0.8,
    numerator: 24,
    denominator: 30,
    sampleSize: 30,
    missing: undefined,
  },
  'approval-latency': { value: 5.5, p90: 30, sampleSize: 12, missing: undefined },
  'waiver-rate': { value: 0.1, numerator: 3, denominator: 30, sampleSize: 30, missing: undefined },
  'action-item-follow-through': {
    value: 0.5,
    numerator: 2,
    denominator: 4,
    sampleSize: 4,
    missing: undefined,
  },
  'open-action-items-carried-over': { value: 3, sampleSize: 3, missing: undefined },
  // 3 of 45 deployments caused a confirmed incident.
  'incident-change-failure-rate': {
    value: 3 / 45,
    numerator: 3,
    denominator: 45,
    sampleSize: 45,
    missing: undefined,
  },
  // 7 incidents in 90 days.
  'incident-frequency': {
    value: 7 / (90 / 7),
    numerator: 7,
    denominator: 90 / 7,
    sampleSize: 7,
    missing: undefined,
  },
  'time-to-restore': {
    value: 1.5,
    p90: 4,
    sampleSize: 6,
    missing: '1 incident is not resolved yet and counted apart',
    figures: [{ key: 'unresolved', label: 'not resolved yet', value: 1 }],
  },
  'customer-impact': {
    value: 54_000,
    sampleSize: 5,
    missing: undefined,
    figures: [
      { key: 'users-affected', label: 'users affected', value: 2400 },
      { key: 'impact-minutes', label: 'minutes of impact', value: 190 },
    ],
  },
  'review-coverage': { value: 0.8, numerator: 20, denominator: 25, sampleSize: 25, missing: undefined },
  'test-pass-rate': {
    value: 0.96,
    numerator: 288,
    denominator: 300,
    sampleSize: 300,
    missing: undefined,
    figures: [{ key: 'flaky', label: 'flaky tests', value: 1 }],
  },
  'time-to-merge': { value: 4, p90: 30, sampleSize: 7, missing: undefined },
});

function stageTime(stage: string, value: number, sampleSize: number): StageTimeValue {
  return { id: 'stage-time', stage, value, p90: value * 1.5, sampleSize };
}

const organisationStages: StageTimeValue[] = [
  stageTime('planning', 120, 2),
  stageTime('integration', 200, 2),
  stageTime('validation', 96, 2),
  {
    id: 'stage-time',
    stage: 'deployment',
    sampleSize: 0,
    missing: "No train left stage 'deployment' in the period",
    figures: [{ key: 'still-in-stage', label: 'trains still in the stage', value: 1 }],
  },
];

const autumnPoint: ScorecardTrainPoint = {
  trainId: AUTUMN_TRAIN_ID,
  trainName: '2026.10 autumn release',
  status: 'released',
  startedAt: '2026-09-01T09:00:00.000Z',
  metrics: metricValues({
    'cycle-time': { value: 40, sampleSize: 1, missing: undefined },
    'change-failure-rate': {
      value: 0.1,
      numerator: 2,
      denominator: 20,
      sampleSize: 20,
      missing: undefined,
    },
    'gate-first-pass-rate': {
      value: 0.75,
      numerator: 9,
      denominator: 12,
      sampleSize: 12,
      missing: undefined,
    },
    // What its participants' CI measured while it ran.
    'review-coverage': { value: 0.9, numerator: 18, denominator: 20, sampleSize: 20, missing: undefined },
  }),
  stageTimes: [stageTime('planning', 100, 1), stageTime('integration', 180, 1)],
};

const winterPoint: ScorecardTrainPoint = {
  trainId: WINTER_TRAIN_ID,
  trainName: '2026.12 winter release',
  status: 'active',
  startedAt: '2026-11-02T09:00:00.000Z',
  metrics: metricValues({
    'change-failure-rate': {
      value: 0.16,
      numerator: 4,
      denominator: 25,
      sampleSize: 25,
      missing: undefined,
    },
    'gate-first-pass-rate': {
      value: 5 / 6,
      numerator: 15,
      denominator: 18,
      sampleSize: 18,
      missing: undefined,
    },
  }),
  stageTimes: [stageTime('planning', 140, 1)],
};

function child(scope: ScorecardScope, frequency: number, cfr: number): ScorecardChildRow {
  return {
    scope,
    metrics: metricValues({
      'deployment-frequency': {
        value: frequency,
        numerator: Math.round(frequency * (90 / 7)),
        denominator: 90 / 7,
        sampleSize: Math.round(frequency * (90 / 7)),
        missing: undefined,
      },
      'change-failure-rate': { value: cfr, sampleSize: 10, missing: undefined },
    }),
  };
}

const settings = { productionEnvironment: 'production', hotfixWindowHours: 24, lookaheadHours: 720 };

/** The whole organisation: its two departments to drill into, two trains on the trend. */
export const organisationScorecard: ScorecardResponse = {
  scope: { kind: 'organization' },
  period: LAST_90_DAYS,
  metrics: organisationMetrics,
  stageTimes: organisationStages,
  perTrain: [autumnPoint, winterPoint],
  trainCount: 2,
  children: [
    child({ kind: 'team', ref: COMMERCE_DEPT }, 2.5, 0.12),
    child({ kind: 'team', ref: PAYMENTS_DEPT }, 1, 0.16),
  ],
  settings,
  generatedAt: NOW.toISOString(),
};

/** The commerce department: its teams and a component it deployed itself. */
export const commerceScorecard: ScorecardResponse = {
  ...organisationScorecard,
  scope: { kind: 'team', ref: COMMERCE_DEPT },
  perTrain: [autumnPoint],
  trainCount: 1,
  children: [
    child({ kind: 'team', ref: TEAM_CHECKOUT }, 1.5, 0.1),
    child({ kind: 'team', ref: TEAM_SEARCH }, 0.5, 0.2),
    child({ kind: 'component', ref: CHECKOUT_API }, 0.5, 0),
  ],
};

/** One train on its own: the teams of its participants. */
export const autumnTrainScorecard: ScorecardResponse = {
  ...organisationScorecard,
  scope: { kind: 'train', id: AUTUMN_TRAIN_ID },
  perTrain: [autumnPoint],
  trainCount: 1,
  children: [child({ kind: 'team', ref: TEAM_CHECKOUT }, 1.5, 0.1)],
};

/** A period in which nothing happened: no train, no deployment, no gate, no item. */
export const emptyScorecard: ScorecardResponse = {
  scope: { kind: 'organization' },
  period: LAST_90_DAYS,
  metrics: metricValues({
    'cycle-time': {
      missing: 'No train of this scope shipped with its last production deployment in the period',
    },
    'gate-first-pass-rate': { missing: 'No gate was decided in the period' },
    'approval-latency': { missing: 'No approval gate was decided by its approvers in the period' },
    'waiver-rate': { missing: 'No gate was decided in the period' },
    'action-item-follow-through': { missing: 'No action item fell due in the period' },
    'open-action-items-carried-over': {
      missing: 'No retrospective action items recorded for this scope',
    },
  }),
  stageTimes: [],
  perTrain: [],
  trainCount: 0,
  children: [],
  settings,
  generatedAt: NOW.toISOString(),
};
