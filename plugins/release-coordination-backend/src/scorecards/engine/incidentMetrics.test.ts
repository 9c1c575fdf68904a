import {
  MetricId,
  MetricValue,
  Scorecard,
  ScorecardScope,
} from '@release-coordination/plugin-release-coordination-common';
import { computeScorecard } from './compute';
import {
  DeploymentFact,
  IncidentFact,
  ScorecardFacts,
  TrainFact,
} from './facts';
import { hierarchyFromMaps } from './rollups';

/** Times in March 2026 (UTC): `at('03T10:00')` is 3 March, 10:00. */
const at = (value: string) =>
  new Date(`2026-03-${value}:00.000Z`).toISOString();

/** Two weeks: 2 March 00:00 (inclusive) to 16 March 00:00 (exclusive). */
const PERIOD = { from: at('02T00:00'), to: at('16T00:00') };

const CHECKOUT = 'component:default/checkout';
const PAYMENTS = 'component:default/payments';
const TEAM_WEB = 'group:default/team-web';
const TEAM_PAY = 'group:default/team-pay';
const ENGINEERING = 'group:default/engineering';

const hierarchy = hierarchyFromMaps({
  parents: { [TEAM_WEB]: ENGINEERING, [TEAM_PAY]: ENGINEERING },
  systems: {
    [CHECKOUT]: 'system:default/shop',
    [PAYMENTS]: 'system:default/billing',
  },
  owners: { [CHECKOUT]: TEAM_WEB, [PAYMENTS]: TEAM_PAY },
});

const TRAIN: TrainFact = {
  id: 'train-1',
  name: 'Spring release',
  status: 'released',
  createdAt: at('01T00:00'),
  stages: [],
  participants: [
    { entityRef: CHECKOUT, ownerRef: TEAM_WEB },
    { entityRef: PAYMENTS, ownerRef: TEAM_PAY },
  ],
};

function deployment(
  id: string,
  participantRef: string,
  finishedAt: string,
): DeploymentFact {
  return {
    id,
    trainId: 'train-1',
    participantRef,
    environment: 'production',
    ownerRef: participantRef === CHECKOUT ? TEAM_WEB : TEAM_PAY,
    startedAt: new Date(Date.parse(finishedAt) - 3_600_000).toISOString(),
    finishedAt,
    result: 'succeeded',
  };
}

function incident(id: string, fields: Partial<IncidentFact>): IncidentFact {
  return {
    id,
    entityRef: CHECKOUT,
    ownerRef: TEAM_WEB,
    startedAt: at('05T10:00'),
    ...fields,
  };
}

function scorecard(
  input: Partial<ScorecardFacts>,
  scope: ScorecardScope = { kind: 'organization' },
): Scorecard {
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

/**
 * The fact set most tests read:
 *
 * - d1 payments, finished 4 March 12:00; d2 payments, 9 March 12:00; d3 checkout, 10 March
 *   12:00; d4 checkout, 15 March 23:00 (all in the period, all production and succeeded).
 * - i1 on checkout, 5 March 10:00 → 5 March 12:00 (2 h), 1,000 users × 30 min; confirmed as
 *   caused by d1 (payments).
 * - i2 on checkout, 10 March 13:00 → 10 March 19:00 (6 h), 200 users, minutes unknown; its
 *   attribution is only suggested (no confirmed deployment).
 * - i3 on payments (owned by team-pay), 12 March 08:00, still open, 50 users × 10 min.
 * - i4 on checkout, 16 March 01:00: after the period, so it counts in no figure of the
 *   period except the incident-based change failure rate of d4, to which it is confirmed.
 * - i5 on checkout, 1 March 23:00: before the period, resolved 2 March 01:00; counted nowhere.
 */
const FACTS: Partial<ScorecardFacts> = {
  deployments: [
    deployment('d1', PAYMENTS, at('04T12:00')),
    deployment('d2', PAYMENTS, at('09T12:00')),
    deployment('d3', CHECKOUT, at('10T12:00')),
    deployment('d4', CHECKOUT, at('15T23:00')),
  ],
  incidents: [
    incident('i1', {
      resolvedAt: at('05T12:00'),
      usersAffected: 1000,
      impactMinutes: 30,
      attributedDeploymentId: 'd1',
      attributedTrainId: 'train-1',
    }),
    incident('i2', {
      startedAt: at('10T13:00'),
      resolvedAt: at('10T19:00'),
      usersAffected: 200,
    }),
    incident('i3', {
      entityRef: PAYMENTS,
      ownerRef: TEAM_PAY,
      startedAt: at('12T08:00'),
      usersAffected: 50,
      impactMinutes: 10,
    }),
    incident('i4', {
      startedAt: at('16T01:00'),
      attributedDeploymentId: 'd4',
      attributedTrainId: 'train-1',
    }),
    incident('i5', { startedAt: at('01T23:00'), resolvedAt: at('02T01:00') }),
  ],
};

describe('incident metrics', () => {
  it('counts incident frequency per week by start, per owner at the start', () => {
    // Organisation: i1, i2, i3 started in the period (i4 after it, i5 before) = 3 over 2 weeks.
    expect(metric(scorecard(FACTS), 'incident-frequency')).toMatchObject({
      value: 1.5,
      numerator: 3,
      denominator: 2,
    });
    // team-web owned checkout at i1 and i2: 2 / 2 weeks = 1 a week.
    expect(
      metric(
        scorecard(FACTS, { kind: 'team', ref: TEAM_WEB }),
        'incident-frequency',
      ),
    ).toMatchObject({ value: 1, numerator: 2 });
    // The parent Group counts its teams' incidents: 3 / 2 = 1.5.
    expect(
      metric(
        scorecard(FACTS, { kind: 'team', ref: ENGINEERING }),
        'incident-frequency',
      ).value,
    ).toBe(1.5);
    // The payments component: i3 alone, 1 / 2 = 0.5.
    expect(
      metric(
        scorecard(FACTS, { kind: 'component', ref: PAYMENTS }),
        'incident-frequency',
      ).value,
    ).toBe(0.5);
  });

  it('reports no incident as zero a week, not as missing', () => {
    expect(metric(scorecard({}), 'incident-frequency')).toMatchObject({
      value: 0,
      sampleSize: 0,
    });
  });

  it('takes the median and p90 of time to restore, counting unresolved incidents apart', () => {
    // Resolved in the period's incidents: i1 2 h, i2 6 h → median 4 h; p90 by nearest rank
    // is the 2nd of 2 = 6 h. i3 is unresolved: counted apart, never as zero.
    const value = metric(scorecard(FACTS), 'time-to-restore');
    expect(value).toMatchObject({ value: 4, p90: 6, sampleSize: 2 });
    expect(value.figures).toContainEqual({
      key: 'unresolved',
      label: 'not resolved yet',
      value: 1,
    });
    expect(value.missing).toMatch(/1 incident is not resolved yet/);
  });

  it('says why there is no time to restore', () => {
    expect(metric(scorecard({}), 'time-to-restore').missing).toBe(
      'No incident started in the period',
    );
    const open = scorecard({ incidents: [incident('i9', {})] });
    expect(metric(open, 'time-to-restore')).toMatchObject({ sampleSize: 0 });
    expect(metric(open, 'time-to-restore').missing).toMatch(/not resolved yet/);
  });

  it('sums customer impact as users × minutes, and each part apart', () => {
    // i1: 1,000 × 30 = 30,000; i3: 50 × 10 = 500; i2 has no minutes, so it is only in the
    // users figure. Product 30,500 over 2 incidents; users 1,000 + 200 + 50 = 1,250;
    // minutes 30 + 10 = 40; 1 incident without both parts.
    const value = metric(scorecard(FACTS), 'customer-impact');
    expect(value).toMatchObject({ value: 30_500, sampleSize: 2 });
    expect(value.figures).toEqual([
      { key: 'users-affected', label: 'users affected', value: 1250 },
      { key: 'impact-minutes', label: 'minutes of impact', value: 40 },
      {
        key: 'impact-incomplete',
        label: 'incidents without both users and minutes',
        value: 1,
      },
    ]);
  });

  it('rates confirmed incidents per production deployment, beside the deployment-based rate', () => {
    // 4 production deployments finished in the period; d1 (i1) and d4 (i4, which starts after
    // the period) have a confirmed incident; i2's suggestion does not count: 2 / 4 = 0.5.
    const card = scorecard(FACTS);
    expect(metric(card, 'incident-change-failure-rate')).toMatchObject({
      value: 0.5,
      numerator: 2,
      denominator: 4,
    });
    // The deployment-based rate is still its own: no deployment failed.
    expect(metric(card, 'change-failure-rate')).toMatchObject({
      value: 0,
      denominator: 4,
    });
    const ids = card.metrics.map(m => m.id);
    expect(ids.indexOf('incident-change-failure-rate')).toBe(
      ids.indexOf('change-failure-rate') + 1,
    );
  });

  it('counts a cause for the team that deployed it, whoever the incident hit', () => {
    // team-pay deployed d1 and d2; d1 caused i1 on team-web's checkout: 1 / 2 = 0.5.
    const pay = scorecard(FACTS, { kind: 'team', ref: TEAM_PAY });
    expect(metric(pay, 'incident-change-failure-rate')).toMatchObject({
      value: 0.5,
      numerator: 1,
      denominator: 2,
    });
    // team-web deployed d3 and d4; d4 caused i4: 1 / 2.
    const web = scorecard(FACTS, { kind: 'team', ref: TEAM_WEB });
    expect(metric(web, 'incident-change-failure-rate')).toMatchObject({
      numerator: 1,
      denominator: 2,
    });
  });

  it('puts confirmed incidents on the train they are attributed to', () => {
    // The train's scope holds i1 and i4 (confirmed to its deployments), not i2 or i3: i1 is
    // the only one started in the period → 1 / 2 weeks.
    const card = scorecard(FACTS, { kind: 'train', id: 'train-1' });
    expect(metric(card, 'incident-frequency')).toMatchObject({
      value: 0.5,
      numerator: 1,
    });
    const point = card.perTrain.find(p => p.trainId === 'train-1')!;
    expect(
      point.metrics.find(m => m.id === 'incident-change-failure-rate'),
    ).toMatchObject({
      numerator: 2,
      denominator: 4,
    });
  });

  it('has no incident-based rate without production deployments', () => {
    expect(
      metric(
        scorecard({ incidents: FACTS.incidents }),
        'incident-change-failure-rate',
      ),
    ).toMatchObject({
      sampleSize: 0,
      missing: 'No production deployments finished in the period',
    });
  });
});
