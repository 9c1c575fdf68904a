import {
  RISK_FACTOR_IDS,
  RiskFactor,
  RiskFactorId,
  TrainRiskScore,
} from '@release-coordination/plugin-release-coordination-common';

/** What was measured for each factor, and the measure in words. */
export type RiskMeasures = Record<
  RiskFactorId,
  { value: number; detail: string }
>;

/**
 * The value at which each factor counts in full; below it, in proportion. A change failure
 * rate is a share (0.3: three deployments in ten failed); freeze proximity is already a share
 * (1 inside a freeze, ½ within a few days of one).
 */
export const RISK_FULL_AT: Record<RiskFactorId, number> = {
  'blast-radius': 10,
  'cross-team-edges': 5,
  cycles: 1,
  'dependency-drift': 3,
  'change-failure-rate': 0.3,
  'open-action-items': 3,
  'failing-checks': 2,
  collisions: 3,
  'freeze-proximity': 1,
};

/** The default weights: they add up to 100, so a factor's weight is its most points. */
export const DEFAULT_RISK_WEIGHTS: Record<RiskFactorId, number> = {
  'blast-radius': 20,
  'cross-team-edges': 10,
  cycles: 10,
  'dependency-drift': 10,
  'change-failure-rate': 15,
  'open-action-items': 10,
  'failing-checks': 10,
  collisions: 10,
  'freeze-proximity': 5,
};

const round = (value: number) => Math.round(value * 10) / 10;

/** `low` below 30, `medium` below 60, `high` from 60. */
function levelOf(score: number): TrainRiskScore['level'] {
  if (score >= 60) return 'high';
  return score >= 30 ? 'medium' : 'low';
}

/**
 * The score of the measures under the weights: each factor's share of its full value (capped at
 * 1) times its weight, over the sum of the weights, as points of 100. Every factor is listed,
 * a zero weight included, so that the score hides nothing.
 */
export function scoreRisk(
  trainId: string,
  measures: RiskMeasures,
  weights: Record<RiskFactorId, number>,
  at: Date,
): TrainRiskScore {
  const total = RISK_FACTOR_IDS.reduce((sum, id) => sum + weights[id], 0);
  const factors: RiskFactor[] = RISK_FACTOR_IDS.map(id => {
    const { value, detail } = measures[id];
    const fullAt = RISK_FULL_AT[id];
    const normalized = Math.min(1, Math.max(0, value / fullAt));
    const weight = weights[id];
    return {
      id,
      value: round(value * 1000) / 1000,
      fullAt,
      normalized: Math.round(normalized * 1000) / 1000,
      weight,
      contribution: total > 0 ? round((normalized * weight * 100) / total) : 0,
      detail,
    };
  });
  const score =
    total > 0
      ? round(
          factors.reduce((sum, f) => sum + f.normalized * f.weight, 0) *
            (100 / total),
        )
      : 0;
  return {
    trainId,
    score,
    level: levelOf(score),
    factors,
    computedAt: at.toISOString(),
  };
}
