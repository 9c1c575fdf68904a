import { ConfigReader } from '@backstage/config';
import { RISK_FACTOR_IDS } from '@release-coordination/plugin-release-coordination-common';
import { readRiskWeights } from './config';
import { DEFAULT_RISK_WEIGHTS, RiskMeasures, scoreRisk } from './riskScore';

const AT = new Date('2027-03-01T12:00:00Z');

/** Every factor measured at 0, but those given. */
function measures(
  values: Partial<Record<keyof RiskMeasures, number>>,
): RiskMeasures {
  return Object.fromEntries(
    RISK_FACTOR_IDS.map(id => [
      id,
      { value: values[id] ?? 0, detail: `${id} measured` },
    ]),
  ) as RiskMeasures;
}

describe('scoreRisk', () => {
  it('is 0 and low when nothing was measured, every factor still listed', () => {
    const risk = scoreRisk('t-1', measures({}), DEFAULT_RISK_WEIGHTS, AT);
    expect(risk).toMatchObject({
      trainId: 't-1',
      score: 0,
      level: 'low',
      computedAt: AT.toISOString(),
    });
    expect(risk.factors.map(f => f.id)).toEqual(RISK_FACTOR_IDS);
  });

  it('adds each factor as its share of the full value times its weight, and explains it', () => {
    // Blast radius 5 of 10 teams: half of 20 points; one cross-team edge of 5: a fifth of 10.
    const risk = scoreRisk(
      't-1',
      measures({ 'blast-radius': 5, 'cross-team-edges': 1 }),
      DEFAULT_RISK_WEIGHTS,
      AT,
    );
    expect(risk.factors.find(f => f.id === 'blast-radius')).toEqual({
      id: 'blast-radius',
      value: 5,
      fullAt: 10,
      normalized: 0.5,
      weight: 20,
      contribution: 10,
      detail: 'blast-radius measured',
    });
    expect(
      risk.factors.find(f => f.id === 'cross-team-edges')?.contribution,
    ).toBe(2);
    expect(risk.score).toBe(12);
    expect(risk.level).toBe('low');
  });

  it('caps a factor at its full value and names the level from the score', () => {
    const medium = scoreRisk(
      't-1',
      measures({ 'blast-radius': 40, 'change-failure-rate': 0.3 }),
      DEFAULT_RISK_WEIGHTS,
      AT,
    );
    expect(medium.factors.find(f => f.id === 'blast-radius')?.normalized).toBe(
      1,
    );
    expect([medium.score, medium.level]).toEqual([35, 'medium']);
    const high = scoreRisk(
      't-1',
      measures({
        'blast-radius': 10,
        'change-failure-rate': 1,
        collisions: 3,
        cycles: 2,
        'failing-checks': 2,
      }),
      DEFAULT_RISK_WEIGHTS,
      AT,
    );
    expect([high.score, high.level]).toEqual([65, 'high']);
  });

  it('scores by the configured weights, over their sum', () => {
    const weights = Object.fromEntries(
      RISK_FACTOR_IDS.map(id => [id, 0]),
    ) as typeof DEFAULT_RISK_WEIGHTS;
    weights.collisions = 1;
    weights['failing-checks'] = 3;
    const risk = scoreRisk('t-1', measures({ collisions: 3 }), weights, AT);
    expect(risk.score).toBe(25);
    expect(risk.factors.find(f => f.id === 'blast-radius')).toMatchObject({
      weight: 0,
      contribution: 0,
    });
  });
});

describe('readRiskWeights', () => {
  const read = (weights: object) =>
    readRiskWeights(
      new ConfigReader({ releaseCoordination: { risk: { weights } } }),
    );

  it('takes the defaults for the factors left out', () => {
    expect(readRiskWeights(new ConfigReader({}))).toEqual(DEFAULT_RISK_WEIGHTS);
    expect(read({ collisions: 40 })).toEqual({
      ...DEFAULT_RISK_WEIGHTS,
      collisions: 40,
    });
  });

  it('fails the start naming every mistake', () => {
    expect(() => read({ velocity: 3, cycles: -1, collisions: 'high' })).toThrow(
      "Invalid releaseCoordination.risk.weights: 'velocity' is not a risk factor (blast-radius, cross-team-edges, cycles, dependency-drift, change-failure-rate, open-action-items, failing-checks, collisions, freeze-proximity); 'cycles' must be a number from 0 to 100; 'collisions' must be a number from 0 to 100",
    );
    expect(() =>
      read(Object.fromEntries(RISK_FACTOR_IDS.map(id => [id, 0]))),
    ).toThrow('at least one weight must be above 0');
  });
});
