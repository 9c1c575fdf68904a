import {
  MetricId,
  MetricValue,
  Scorecard,
  ScorecardScope,
} from '@release-coordination/plugin-release-coordination-common';
import { computeScorecard, SCORECARD_TREND_TRAINS, ScorecardOptions } from './compute';
import {
  ActionItemFact,
  DeploymentFact,
  GateDecisionFact,
  ScorecardFacts,
  TrainFact,
} from './facts';
import { hierarchyFromMaps } from './rollups';

/** Times in March 2026 (UTC) unless a month is given: `at('03T10:00')` or `at('02-20T00:00')`. */
function at(value: string): string {
  const full = value.includes('-') ? value : `03-${value}`;
  return new Date(`2026-${full}:00.000Z`).toISOString();
}

/** Two weeks: Monday 2 March 00:00 (inclusive) to Monday 16 March 00:00 (exclusive). */
const PERIOD = { from: at('02T00:00'), to: at('16T00:00') };

const CHECKOUT = 'component:default/checkout';
const PAYMENTS = 'component:default/payments';
const SEARCH = 'component:default/search';
const LEGACY = 'component:default/legacy';
const TEAM_WEB = 'group:default/team-web';
const TEAM_PAY = 'group:default/team-pay';
const ENGINEERING = 'group:default/engineering';
const ACME = 'group:default/acme';

const hierarchy = hierarchyFromMaps({
  parents: { [TEAM_WEB]: ENGINEERING, [TEAM_PAY]: ENGINEERING, [ENGINEERING]: ACME },
  systems: {
    [CHECKOUT]: 'system:default/shop',
    [SEARCH]: 'system:default/shop',
    [PAYMENTS]: 'system:default/billing',
  },
  domains: {
    'system:default/shop': 'domain:default/commerce',
    'system:default/billing': 'domain:default/commerce',
    [LEGACY]: 'domain:default/commerce',
  },
  userGroups: { 'user:default/alice': [TEAM_WEB] },
  owners: { [CHECKOUT]: TEAM_WEB, [PAYMENTS]: TEAM_PAY, [SEARCH]: 'user:default/alice' },
});

let sequence = 0;

function deployment(fields: Partial<DeploymentFact> & { finishedAt?: string }): DeploymentFact {
  sequence += 1;
  return {
    id: `d${sequence}`,
    trainId: 'train-1',
    participantRef: CHECKOUT,
    environment: 'production',
    ownerRef: TEAM_WEB,
    // Started an hour before it finished, unless the test says otherwise.
    startedAt: fields.finishedAt
      ? new Date(Date.parse(fields.finishedAt) - 3_600_000).toISOString()
      : at('02T00:00'),
    ...fields,
  };
}

function train(fields: Partial<TrainFact> & { id: string }): TrainFact {
  return {
    name: fields.id,
    status: 'released',
    createdAt: at('02-20T00:00'),
    stages: [],
    participants: [{ entityRef: CHECKOUT, ownerRef: TEAM_WEB }],
    ...fields,
  };
}

function facts(partial: Partial<ScorecardFacts>): ScorecardFacts {
  return {
    deployments: [],
    trains: [train({ id: 'train-1' })],
    gateDecisions: [],
    actionItems: [],
    incidents: [],
    indicators: [],
    ...partial,
  };
}

function scorecard(
  input: Partial<ScorecardFacts>,
  scope: ScorecardScope = { kind: 'organization' },
  options?: ScorecardOptions,
): Scorecard {
  return computeScorecard({ facts: facts(input), scope, period: PERIOD, hierarchy, options });
}

function metric(card: { metrics: MetricValue[] }, id: MetricId): MetricValue {
  const value = card.metrics.find(m => m.id === id);
  if (!value) throw new Error(`no metric ${id}`);
  return value;
}

function figureOf(value: MetricValue, key: string): number | undefined {
  return value.figures?.find(f => f.key === key)?.value;
}

describe('computeScorecard', () => {
  describe('without any deployment', () => {
    const card = scorecard({});

    it('leaves every delivery metric without a value and says what is missing', () => {
      for (const id of [
        'deployment-frequency',
        'deploy-days-per-week',
        'deployment-success-rate',
        'change-failure-rate',
        'rollback-frequency',
        'rollback-duration',
        'failed-deployment-recovery-time',
        'cycle-time',
      ] as MetricId[]) {
        const value = metric(card, id);
        expect(value.value, id).toBeUndefined();
        expect(value.sampleSize, id).toBe(0);
        expect(value.missing, id).toMatch(/No /);
      }
      expect(metric(card, 'deployment-success-rate').missing).toBe(
        'No production deployments finished in the period',
      );
    });

    it('never produces NaN or an infinite number anywhere', () => {
      const numbers = JSON.stringify(card, (_key, value) =>
        typeof value === 'number' && !Number.isFinite(value) ? 'NOT FINITE' : value,
      );
      expect(numbers).not.toContain('NOT FINITE');
      // The frequency still says "0 deployments in 2 weeks" for a reader who wants to know.
      expect(metric(card, 'deployment-frequency')).toMatchObject({ numerator: 0, denominator: 2 });
    });

    it('lists every metric but stage time once, in the order of the definitions', () => {
      expect(card.metrics.map(m => m.id)).toEqual([
        'cycle-time',
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
      ]);
    });
  });

  describe('deployment frequency, success rate and period boundaries', () => {
    // Finished in the period: d1 (exactly at `from`, included), d2, d3, d4 = 4 deployments on
    // 3 distinct days (2, 3 and 10 March). Not counted: staging, still running, finished
    // exactly at `to` (excluded) and one millisecond before `from`.
    const card = scorecard({
      deployments: [
        deployment({ finishedAt: at('02T00:00'), result: 'succeeded' }),
        deployment({ finishedAt: at('03T10:00'), result: 'succeeded' }),
        deployment({ participantRef: PAYMENTS, finishedAt: at('03T12:00'), result: 'failed' }),
        deployment({ participantRef: SEARCH, finishedAt: at('10T09:00'), result: 'succeeded' }),
        deployment({ environment: 'staging', finishedAt: at('04T00:00'), result: 'succeeded' }),
        deployment({ participantRef: PAYMENTS, startedAt: at('11T00:00') }),
        deployment({ participantRef: SEARCH, finishedAt: at('16T00:00'), result: 'succeeded' }),
        deployment({
          participantRef: SEARCH,
          finishedAt: new Date(Date.parse(PERIOD.from) - 1).toISOString(),
          result: 'succeeded',
        }),
      ],
    });

    it('counts production deployments finished in [from, to) per week', () => {
      // 4 deployments / 2 weeks = 2 per week.
      expect(metric(card, 'deployment-frequency')).toMatchObject({
        value: 2,
        numerator: 4,
        denominator: 2,
        sampleSize: 4,
      });
      // 3 deploy-days / 2 weeks = 1.5 per week.
      expect(metric(card, 'deploy-days-per-week')).toMatchObject({ value: 1.5, numerator: 3 });
    });

    it('divides successes by finished deployments and reports the running one apart', () => {
      // 3 succeeded of 4 finished.
      const success = metric(card, 'deployment-success-rate');
      expect(success).toMatchObject({ value: 0.75, numerator: 3, denominator: 4 });
      expect(figureOf(success, 'running')).toBe(1);
    });

    it('takes the production environment from the options', () => {
      const staging = scorecard(
        { deployments: [deployment({ environment: 'Staging', finishedAt: at('04T00:00'), result: 'succeeded' })] },
        { kind: 'organization' },
        { productionEnvironment: 'staging' },
      );
      expect(metric(staging, 'deployment-frequency').numerator).toBe(1);
    });
  });

  describe('change failure rate', () => {
    // a1 is followed by a hotfix of the same participant exactly 24 h after it finished (the
    // window includes its end); a2's hotfix starts 1 ms after its window; a3 rolled back, a4
    // failed. The hotfixes themselves succeeded and are deployments too: 6 in all.
    // Change failures: a1 (hotfix), a3, a4 = 3 of 6.
    const hotfixAfter = (finishedAt: string, ms: number) =>
      new Date(Date.parse(finishedAt) + ms).toISOString();
    const H24 = 24 * 3_600_000;
    const deployments = [
      deployment({ id: 'a1', finishedAt: at('03T10:00'), result: 'succeeded' }),
      deployment({
        id: 'h1',
        hotfix: true,
        startedAt: hotfixAfter(at('03T10:00'), H24),
        finishedAt: at('04T11:00'),
        result: 'succeeded',
      }),
      deployment({ id: 'a2', participantRef: PAYMENTS, finishedAt: at('05T10:00'), result: 'succeeded' }),
      deployment({
        id: 'h2',
        participantRef: PAYMENTS,
        hotfix: true,
        startedAt: hotfixAfter(at('05T10:00'), H24 + 1),
        finishedAt: at('06T11:00'),
        result: 'succeeded',
      }),
      deployment({ id: 'a3', participantRef: SEARCH, finishedAt: at('05T12:00'), result: 'rolled-back' }),
      deployment({ id: 'a4', participantRef: SEARCH, finishedAt: at('06T12:00'), result: 'failed' }),
      // A hotfix in staging marks nothing in production.
      deployment({
        id: 's1',
        participantRef: PAYMENTS,
        environment: 'staging',
        hotfix: true,
        startedAt: at('05T11:00'),
      }),
    ];

    it('counts failed, rolled-back and hotfixed deployments over all deployments', () => {
      const cfr = metric(scorecard({ deployments }), 'change-failure-rate');
      expect(cfr).toMatchObject({ value: 0.5, numerator: 3, denominator: 6 });
      expect(cfr.figures).toEqual([
        { key: 'failed', label: 'failed', value: 1 },
        { key: 'rolled-back', label: 'rolled back', value: 1 },
        { key: 'hotfix', label: 'followed by a hotfix within the window', value: 1 },
      ]);
      const card = scorecard({ deployments });
      // Rollback frequency: a3 of 6; success rate: a1, a2, h1, h2 of 6.
      expect(metric(card, 'rollback-frequency')).toMatchObject({ numerator: 1, denominator: 6 });
      expect(metric(card, 'deployment-success-rate')).toMatchObject({ numerator: 4, denominator: 6 });
    });

    it('widens the hotfix window from the options', () => {
      // With 48 h, a2's hotfix is inside the window too: 4 of 6.
      const cfr = metric(
        scorecard({ deployments }, { kind: 'organization' }, { hotfixWindowHours: 48 }),
        'change-failure-rate',
      );
      expect(cfr).toMatchObject({ numerator: 4, denominator: 6 });
    });

    it('sees a hotfix after the period, and flags windows that are not over yet', () => {
      // a5 finished one hour before the end; its hotfix starts after the period.
      const late = [
        deployment({ id: 'a5', finishedAt: at('15T23:00'), result: 'succeeded' }),
        deployment({ id: 'h5', hotfix: true, startedAt: at('16T02:00') }),
        deployment({ id: 'a6', participantRef: SEARCH, finishedAt: at('15T22:00'), result: 'succeeded' }),
      ];
      const cfr = metric(
        scorecard({ deployments: late }, { kind: 'organization' }, { now: at('16T03:00') }),
        'change-failure-rate',
      );
      // a5 is a change failure; h5 is still running and not a finished deployment; a6's
      // window runs until 16 March 22:00, after what is known (16 March 03:00).
      expect(cfr).toMatchObject({ numerator: 1, denominator: 2 });
      expect(figureOf(cfr, 'hotfix-window-open')).toBe(1);
    });
  });

  describe('all deployments rolled back, one rollback without a finish', () => {
    const card = scorecard({
      deployments: [
        deployment({
          finishedAt: at('03T10:00'),
          result: 'rolled-back',
          rollbackStartedAt: at('03T10:00'),
          rollbackFinishedAt: at('03T10:30'),
        }),
        deployment({
          finishedAt: at('04T10:00'),
          result: 'rolled-back',
          rollbackStartedAt: at('04T10:00'),
          rollbackFinishedAt: at('04T11:30'),
        }),
        deployment({ finishedAt: at('05T10:00'), result: 'rolled-back', rollbackStartedAt: at('05T10:05') }),
      ],
    });

    it('gives a success rate of 0 and change failure and rollback rates of 1', () => {
      expect(metric(card, 'deployment-success-rate')).toMatchObject({ value: 0, numerator: 0, denominator: 3 });
      expect(metric(card, 'change-failure-rate').value).toBe(1);
      // The rollback without a finish still counts as rolled back.
      expect(metric(card, 'rollback-frequency')).toMatchObject({ value: 1, numerator: 3 });
    });

    it('takes rollback durations only from finished rollbacks and says how many were left out', () => {
      // 0.5 h and 1.5 h: median 1 h; p90 by nearest rank is the 2nd of 2 = 1.5 h.
      const duration = metric(card, 'rollback-duration');
      expect(duration).toMatchObject({ value: 1, p90: 1.5, sampleSize: 2 });
      expect(duration.missing).toBe('1 rollback has no finish time and is left out');
      expect(figureOf(duration, 'rollback-unfinished')).toBe(1);
    });

    it('counts every failure as unrecovered when nothing succeeded since', () => {
      const recovery = metric(card, 'failed-deployment-recovery-time');
      expect(recovery.value).toBeUndefined();
      expect(figureOf(recovery, 'unrecovered')).toBe(3);
      expect(recovery.missing).toContain('3 failures have no successful deployment since');
    });
  });

  describe('failed deployment recovery time', () => {
    const deployments = [
      // A success before the failure does not recover it.
      deployment({ participantRef: PAYMENTS, finishedAt: at('03T09:00'), result: 'succeeded' }),
      deployment({ participantRef: PAYMENTS, finishedAt: at('03T12:00'), result: 'failed' }),
      // Another participant's success does not recover it either.
      deployment({ participantRef: SEARCH, finishedAt: at('03T13:00'), result: 'succeeded' }),
      deployment({ participantRef: PAYMENTS, finishedAt: at('03T14:00'), result: 'succeeded' }),
      deployment({ finishedAt: at('04T00:00'), result: 'rolled-back' }),
      // Checkout recovers after the period: 4 → 20 March = 16 days = 384 h.
      deployment({ finishedAt: at('20T00:00'), result: 'succeeded' }),
      deployment({ participantRef: SEARCH, finishedAt: at('10T00:00'), result: 'failed' }),
      // Search recovers only after what is known.
      deployment({ participantRef: SEARCH, finishedAt: at('28T00:00'), result: 'succeeded' }),
    ];

    it('measures failure finished → next success of the same participant finished', () => {
      const recovery = metric(
        scorecard({ deployments }, { kind: 'organization' }, { now: at('25T00:00') }),
        'failed-deployment-recovery-time',
      );
      // Samples 2 h and 384 h: median (2 + 384) / 2 = 193 h, p90 = 384 h; search unrecovered.
      expect(recovery).toMatchObject({ value: 193, p90: 384, sampleSize: 2 });
      expect(figureOf(recovery, 'unrecovered')).toBe(1);
      expect(recovery.missing).toBe('1 failure has no successful deployment since and is left out');
    });

    it('says there was nothing to recover from when nothing failed', () => {
      const recovery = metric(
        scorecard({ deployments: [deployment({ finishedAt: at('03T00:00'), result: 'succeeded' })] }),
        'failed-deployment-recovery-time',
      );
      expect(recovery.value).toBeUndefined();
      expect(recovery.missing).toMatch(/nothing to recover from/);
    });
  });

  describe('a team whose ownership changed in the period', () => {
    // Checkout moved from team-web to team-pay on 8 March: c1 counts for team-web, c2 and c3
    // for team-pay, all three for engineering (the parent of both) and for the organisation.
    const deployments = [
      deployment({ id: 'c1', ownerRef: TEAM_WEB, finishedAt: at('03T10:00'), result: 'succeeded' }),
      deployment({ id: 'c2', ownerRef: TEAM_PAY, finishedAt: at('09T10:00'), result: 'failed' }),
      deployment({ id: 'c3', ownerRef: TEAM_PAY, finishedAt: at('10T10:00'), result: 'succeeded' }),
    ];

    it('counts each deployment for its owner at the time', () => {
      const web = scorecard({ deployments }, { kind: 'team', ref: TEAM_WEB });
      const pay = scorecard({ deployments }, { kind: 'team', ref: 'Group:default/Team-Pay' });
      expect(metric(web, 'deployment-success-rate')).toMatchObject({ numerator: 1, denominator: 1 });
      expect(metric(pay, 'deployment-success-rate')).toMatchObject({ numerator: 1, denominator: 2 });
      // c2 recovered by c3 a day later, within team-pay.
      expect(metric(pay, 'failed-deployment-recovery-time').value).toBe(24);
    });

    it('rolls teams up into their parent Group', () => {
      const engineering = scorecard({ deployments }, { kind: 'team', ref: 'engineering' });
      expect(metric(engineering, 'deployment-frequency').numerator).toBe(3);
      expect(engineering.children.map(c => c.scope)).toEqual([
        { kind: 'team', ref: TEAM_PAY },
        { kind: 'team', ref: TEAM_WEB },
      ]);
      const [pay, web] = engineering.children;
      expect(metric(pay, 'deployment-frequency').numerator).toBe(2);
      expect(metric(web, 'deployment-frequency').numerator).toBe(1);
    });

    it("drills from a team into the components it deployed, with only that team's deployments", () => {
      const web = scorecard({ deployments }, { kind: 'team', ref: TEAM_WEB });
      expect(web.children.map(c => c.scope)).toEqual([{ kind: 'component', ref: CHECKOUT }]);
      expect(metric(web.children[0], 'deployment-frequency').numerator).toBe(1);
    });
  });

  describe('roll-ups through the catalog', () => {
    const deployments = [
      deployment({ participantRef: CHECKOUT, ownerRef: TEAM_WEB, finishedAt: at('03T00:00'), result: 'succeeded' }),
      deployment({ participantRef: SEARCH, ownerRef: TEAM_WEB, finishedAt: at('04T00:00'), result: 'failed' }),
      deployment({ participantRef: PAYMENTS, ownerRef: TEAM_PAY, finishedAt: at('05T00:00'), result: 'succeeded' }),
      deployment({ participantRef: LEGACY, ownerRef: ENGINEERING, finishedAt: at('06T00:00'), result: 'succeeded' }),
    ];

    it('rolls components up into their system and systems into their domain', () => {
      const shop = scorecard({ deployments }, { kind: 'system', ref: 'system:shop' });
      expect(metric(shop, 'deployment-success-rate')).toMatchObject({ numerator: 1, denominator: 2 });
      expect(shop.children.map(c => c.scope)).toEqual([
        { kind: 'component', ref: CHECKOUT },
        { kind: 'component', ref: SEARCH },
      ]);
      const commerce = scorecard({ deployments }, { kind: 'domain', ref: 'commerce' });
      expect(metric(commerce, 'deployment-frequency').numerator).toBe(4);
      expect(commerce.children.map(c => c.scope)).toEqual([
        { kind: 'component', ref: LEGACY },
        { kind: 'system', ref: 'system:default/billing' },
        { kind: 'system', ref: 'system:default/shop' },
      ]);
    });

    it('drills from the organisation past a single root Group to the teams', () => {
      const organization = scorecard({ deployments });
      // acme has only engineering, so the rows start one level lower; engineering owns legacy
      // itself, so it stays one row rather than splitting into its teams.
      expect(organization.children.map(c => c.scope)).toEqual([{ kind: 'team', ref: ENGINEERING }]);
      const engineering = scorecard({ deployments }, { kind: 'team', ref: ENGINEERING });
      expect(engineering.children.map(c => c.scope)).toEqual([
        { kind: 'team', ref: TEAM_PAY },
        { kind: 'team', ref: TEAM_WEB },
        { kind: 'component', ref: LEGACY },
      ]);
      const withoutLegacy = scorecard({ deployments: deployments.slice(0, 3) });
      expect(withoutLegacy.children.map(c => c.scope)).toEqual([
        { kind: 'team', ref: TEAM_PAY },
        { kind: 'team', ref: TEAM_WEB },
      ]);
    });

    it('splits a train into the teams of its participants', () => {
      const card = scorecard(
        {
          deployments,
          trains: [
            train({
              id: 'train-1',
              participants: [
                { entityRef: CHECKOUT, ownerRef: TEAM_WEB },
                { entityRef: PAYMENTS, ownerRef: TEAM_PAY },
              ],
            }),
          ],
        },
        { kind: 'train', id: 'train-1' },
      );
      expect(card.children.map(c => c.scope)).toEqual([
        { kind: 'team', ref: ENGINEERING },
        { kind: 'team', ref: TEAM_PAY },
        { kind: 'team', ref: TEAM_WEB },
      ]);
      expect(metric(card.children[2], 'deployment-frequency').numerator).toBe(2);
    });
  });

  describe('cycle time, stage time and the trend per train', () => {
    const trains = [
      // Released; last production deployment 6 March: 20 Feb → 6 March = 14 days = 336 h.
      train({
        id: 'train-1',
        createdAt: at('02-20T00:00'),
        stages: [
          { stage: 'planning', enteredAt: at('02-20T00:00'), leftAt: at('02-25T00:00') },
          { stage: 'integration', enteredAt: at('02-25T00:00'), leftAt: at('03-01T00:00') },
          { stage: 'validation', enteredAt: at('03-01T00:00'), leftAt: at('03-04T00:00') },
          { stage: 'deployment', enteredAt: at('03-04T00:00'), leftAt: at('03-06T00:00') },
        ],
      }),
      // Still running: deployed on 11 March, not counted for cycle time.
      train({
        id: 'train-2',
        status: 'active',
        createdAt: at('03-01T00:00'),
        stages: [
          { stage: 'planning', enteredAt: at('03-01T00:00'), leftAt: at('03-03T00:00') },
          { stage: 'integration', enteredAt: at('03-03T00:00'), leftAt: at('03-05T00:00') },
          { stage: 'validation', enteredAt: at('03-05T00:00'), leftAt: at('03-10T00:00') },
          { stage: 'deployment', enteredAt: at('03-10T00:00') },
        ],
      }),
      // Released before the period.
      train({
        id: 'train-3',
        createdAt: at('01-01T00:00'),
        stages: [
          { stage: 'planning', enteredAt: at('01-01T00:00'), leftAt: at('01-05T00:00') },
          { stage: 'integration', enteredAt: at('01-05T00:00'), leftAt: at('01-10T00:00') },
          { stage: 'validation', enteredAt: at('01-10T00:00'), leftAt: at('01-20T00:00') },
          { stage: 'deployment', enteredAt: at('01-20T00:00'), leftAt: at('02-10T00:00') },
        ],
      }),
      // Cancelled in planning: that stay has no end and is not waiting either.
      train({
        id: 'train-4',
        status: 'cancelled',
        createdAt: at('03-02T00:00'),
        stages: [{ stage: 'planning', enteredAt: at('03-02T00:00') }],
      }),
    ];
    const deployments = [
      deployment({ trainId: 'train-1', finishedAt: at('05T00:00'), result: 'succeeded' }),
      deployment({ trainId: 'train-1', participantRef: PAYMENTS, finishedAt: at('06T00:00'), result: 'failed' }),
      // Not production: not the last production deployment.
      deployment({ trainId: 'train-1', environment: 'staging', finishedAt: at('07T00:00'), result: 'succeeded' }),
      deployment({ trainId: 'train-2', finishedAt: at('11T00:00'), result: 'succeeded' }),
      deployment({ trainId: 'train-3', finishedAt: at('02-10T00:00'), result: 'succeeded' }),
    ];
    const card = scorecard({ trains, deployments });

    it('runs from planning start to the last production deployment of shipped trains', () => {
      const cycle = metric(card, 'cycle-time');
      expect(cycle).toMatchObject({ value: 336, sampleSize: 1 });
      expect(figureOf(cycle, 'still-delivering')).toBe(1);
    });

    it('takes the median time per stage over the trains that left it in the period', () => {
      expect(card.stageTimes.map(s => [s.stage, s.value, s.p90, s.sampleSize])).toEqual([
        // train-2: 1 → 3 March.
        ['planning', 48, 48, 1],
        // train-2: 3 → 5 March (train-1 left on 1 March, before the period).
        ['integration', 48, 48, 1],
        // train-1 72 h, train-2 120 h: median 96 h, p90 120 h.
        ['validation', 96, 120, 2],
        // train-1 48 h; train-2 is still in the stage.
        ['deployment', 48, 48, 1],
      ]);
      expect(figureOf(card.stageTimes[3], 'still-in-stage')).toBe(1);
      expect(figureOf(card.stageTimes[0], 'still-in-stage')).toBeUndefined();
    });

    it('orders the trend by train start and leaves out trains with nothing in the period', () => {
      expect(card.perTrain.map(p => p.trainId)).toEqual(['train-1', 'train-2', 'train-4']);
      const [first] = card.perTrain;
      expect(metric(first, 'cycle-time').value).toBe(336);
      expect(metric(first, 'deployment-success-rate')).toMatchObject({ numerator: 1, denominator: 2 });
      expect(first.stageTimes.find(s => s.stage === 'validation')?.value).toBe(72);
    });

    it('keeps the latest trains for the trend and counts them all', () => {
      const many = Array.from({ length: SCORECARD_TREND_TRAINS + 5 }, (_, i) =>
        train({ id: `many-${String(i).padStart(3, '0')}`, createdAt: new Date(Date.parse(at('03T00:00')) + i * 60_000).toISOString() }),
      );
      const big = scorecard({ trains: many, deployments: [] });
      expect(big.trainCount).toBe(SCORECARD_TREND_TRAINS + 5);
      expect(big.perTrain).toHaveLength(SCORECARD_TREND_TRAINS);
      // The five earliest are left out of the trend, not of the count.
      expect(big.perTrain[0].trainId).toBe('many-005');
      expect(big.perTrain.at(-1)!.trainId).toBe(`many-${SCORECARD_TREND_TRAINS + 4}`);
    });

    it('measures a team from its own last deployment of the train', () => {
      // team-pay's last deployment of train-1 was also on 6 March.
      const pay = scorecard({ trains, deployments: deployments.map(d => ({ ...d, ownerRef: TEAM_PAY })) }, {
        kind: 'team',
        ref: TEAM_PAY,
      });
      expect(metric(pay, 'cycle-time').value).toBe(336);
      const web = scorecard({ trains, deployments: deployments.slice(0, 1) }, { kind: 'team', ref: TEAM_WEB });
      // Only checkout's deployment of 5 March: 13 days = 312 h.
      expect(metric(web, 'cycle-time').value).toBe(312);
    });
  });

  describe('gates', () => {
    let id = 0;
    const gate = (fields: Partial<GateDecisionFact>): GateDecisionFact => ({
      gateId: `g${++id}`,
      trainId: 'train-1',
      stage: 'validation',
      kind: 'approval',
      ownerRef: TEAM_WEB,
      pendingAt: at('02T00:00'),
      failedBefore: false,
      ...fields,
    });
    const gates = [
      gate({ pendingAt: at('02T00:00'), decidedAt: at('02T04:00'), outcome: 'passed' }),
      gate({ pendingAt: at('03T00:00'), decidedAt: at('03T10:00'), outcome: 'failed' }),
      gate({ kind: 'check', decidedAt: at('04T00:00'), outcome: 'passed', failedBefore: true }),
      gate({ kind: 'rule', decidedAt: at('04T00:00'), outcome: 'waived' }),
      gate({ pendingAt: at('04T00:00'), decidedAt: at('05T00:00'), outcome: 'waived' }),
      // Decided before the period.
      gate({ pendingAt: at('02-20T00:00'), decidedAt: at('02-21T00:00'), outcome: 'passed' }),
      // Still pending.
      gate({ pendingAt: at('10T00:00') }),
      gate({ pendingAt: at('05T22:00'), decidedAt: at('06T00:00'), outcome: 'passed' }),
    ];
    const card = scorecard({ gateDecisions: gates });

    it('counts gates passed at the first attempt over gates decided in the period', () => {
      // Decided: 6 (gates 1–5 and 8); passed first time: gates 1 and 8.
      const firstPass = metric(card, 'gate-first-pass-rate');
      expect(firstPass).toMatchObject({ numerator: 2, denominator: 6 });
      expect(figureOf(firstPass, 'passed-after-failure')).toBe(1);
    });

    it('counts waived gates over gates decided', () => {
      expect(metric(card, 'waiver-rate')).toMatchObject({ numerator: 2, denominator: 6 });
    });

    it('measures approval latency over approval gates decided by their approvers', () => {
      // 4 h, 10 h and 2 h: median 4 h, p90 = 3rd of 3 = 10 h. The waived approval is left out.
      const latency = metric(card, 'approval-latency');
      expect(latency).toMatchObject({ value: 4, p90: 10, sampleSize: 3 });
      expect(figureOf(latency, 'waived')).toBe(1);
      expect(figureOf(latency, 'still-pending')).toBe(1);
    });

    it('has no rates without decided gates', () => {
      const none = scorecard({ gateDecisions: [gate({})] });
      expect(metric(none, 'gate-first-pass-rate')).toMatchObject({
        missing: 'No gate was decided in the period',
        sampleSize: 0,
      });
      expect(metric(none, 'gate-first-pass-rate').value).toBeUndefined();
      expect(metric(none, 'waiver-rate').value).toBeUndefined();
    });
  });

  describe('action items', () => {
    let id = 0;
    const item = (fields: Partial<ActionItemFact>): ActionItemFact => ({
      id: `i${++id}`,
      trainId: 'train-1',
      ownerRef: TEAM_WEB,
      createdAt: at('02-25T00:00'),
      status: 'open',
      ...fields,
    });
    const items = [
      item({ dueAt: at('05T00:00'), status: 'done', closedAt: at('04T00:00') }), // on time
      item({ dueAt: at('06T00:00'), status: 'done', closedAt: at('07T00:00') }), // late
      item({ dueAt: at('07T00:00') }), // open past due: missed
      item({ dueAt: at('08T00:00'), status: 'dropped', closedAt: at('08T00:00') }), // dropped in time
      item({ dueAt: at('09T00:00'), status: 'dropped', closedAt: at('10T00:00') }), // dropped late: missed
      item({ dueAt: at('14T00:00') }), // due after now: not due yet
      item({}), // no due date, open
      item({ status: 'done', closedAt: at('02-20T00:00') }), // no due date, closed before the period
      item({ dueAt: at('20T00:00') }), // due after the period
      item({ dueAt: at('05T00:00'), status: 'done', closedAt: at('05T00:00') }), // on time, to the ms
    ];
    const card = scorecard({ actionItems: items }, { kind: 'organization' }, { now: at('12T00:00') });

    it('divides items closed by their due date by the items due in the period', () => {
      // Due in the period and by now, not dropped in time: items 1, 2, 3, 5, 10. On time: 1, 10.
      const followThrough = metric(card, 'action-item-follow-through');
      expect(followThrough).toMatchObject({ value: 0.4, numerator: 2, denominator: 5 });
      expect(figureOf(followThrough, 'no-due-date')).toBe(1);
      expect(figureOf(followThrough, 'dropped')).toBe(1);
      expect(figureOf(followThrough, 'not-due-yet')).toBe(1);
    });

    it('counts the items still open at the end of the period (or now)', () => {
      // Open on 12 March: items 3, 6, 7 and 9; item 3 is past its due date.
      const open = metric(card, 'open-action-items-carried-over');
      expect(open).toMatchObject({ value: 4, sampleSize: 4 });
      expect(figureOf(open, 'overdue')).toBe(1);
    });

    it('keeps items without a due date out of the ratio', () => {
      const onlyUndated = scorecard({ actionItems: [item({}), item({ status: 'done', closedAt: at('03T00:00') })] });
      const followThrough = metric(onlyUndated, 'action-item-follow-through');
      expect(followThrough.value).toBeUndefined();
      expect(followThrough.missing).toBe('No action item fell due in the period (2 items have no due date)');
      expect(figureOf(followThrough, 'no-due-date')).toBe(2);
    });

    it("counts a person's items for their team", () => {
      const team = scorecard(
        { actionItems: [item({ ownerRef: 'user:default/alice', dueAt: at('05T00:00'), status: 'done', closedAt: at('04T00:00') })] },
        { kind: 'team', ref: ENGINEERING },
      );
      expect(metric(team, 'action-item-follow-through')).toMatchObject({ numerator: 1, denominator: 1 });
      const other = scorecard(
        { actionItems: [item({ ownerRef: 'user:default/alice', dueAt: at('05T00:00') })] },
        { kind: 'team', ref: TEAM_PAY },
      );
      expect(metric(other, 'action-item-follow-through').denominator).toBe(0);
    });

    it("counts a Component's items for the team that owns it, never as a team of its own", () => {
      const componentItems = [
        item({ ownerRef: PAYMENTS, dueAt: at('05T00:00'), status: 'done', closedAt: at('04T00:00') }),
        // Owned by a person: the item goes to their team.
        item({ ownerRef: SEARCH, dueAt: at('06T00:00') }),
        // The catalog does not know its owner: it counts for the organisation only.
        item({ ownerRef: LEGACY, dueAt: at('07T00:00') }),
      ];
      const organization = scorecard({ actionItems: componentItems, trains: [] });
      expect(organization.children.map(c => c.scope)).toEqual([
        { kind: 'team', ref: TEAM_PAY },
        { kind: 'team', ref: TEAM_WEB },
      ]);
      expect(metric(organization, 'action-item-follow-through').denominator).toBe(3);
      const [pay, web] = organization.children;
      expect(metric(pay, 'action-item-follow-through')).toMatchObject({ numerator: 1, denominator: 1 });
      expect(metric(web, 'action-item-follow-through')).toMatchObject({ numerator: 0, denominator: 1 });
      const engineering = scorecard({ actionItems: componentItems }, { kind: 'team', ref: ENGINEERING });
      expect(metric(engineering, 'action-item-follow-through').denominator).toBe(2);
      expect(engineering.children.map(c => c.scope)).toEqual([
        { kind: 'team', ref: TEAM_PAY },
        { kind: 'team', ref: TEAM_WEB },
      ]);
    });

    it('has no value without any action item', () => {
      const none = scorecard({});
      expect(metric(none, 'open-action-items-carried-over')).toEqual({
        id: 'open-action-items-carried-over',
        sampleSize: 0,
        missing: 'No retrospective action items recorded for this scope',
      });
    });
  });

  it('refuses a period that does not end after it starts', () => {
    expect(() =>
      computeScorecard({
        facts: facts({}),
        scope: { kind: 'organization' },
        period: { from: PERIOD.to, to: PERIOD.to },
        hierarchy,
      }),
    ).toThrow(/must end after it starts/);
  });
});
