import { Config } from '@backstage/config';
import {
  RISK_FACTOR_IDS,
  RiskFactorId,
} from '@release-coordination/plugin-release-coordination-common';
import { DEFAULT_RISK_WEIGHTS } from './riskScore';

/**
 * Reads `releaseCoordination.risk.weights`: a weight (0 to 100) per factor id, the defaults for
 * those left out. A mistake fails the start with every problem listed.
 */
export function readRiskWeights(config: Config): Record<RiskFactorId, number> {
  const weights = { ...DEFAULT_RISK_WEIGHTS };
  const configured = config.getOptionalConfig(
    'releaseCoordination.risk.weights',
  );
  if (!configured) return weights;
  const problems: string[] = [];
  for (const key of configured.keys()) {
    if (!(RISK_FACTOR_IDS as readonly string[]).includes(key)) {
      problems.push(
        `'${key}' is not a risk factor (${RISK_FACTOR_IDS.join(', ')})`,
      );
      continue;
    }
    const value = configured.getOptional(key);
    if (
      typeof value !== 'number' ||
      !Number.isFinite(value) ||
      value < 0 ||
      value > 100
    ) {
      problems.push(`'${key}' must be a number from 0 to 100`);
      continue;
    }
    weights[key as RiskFactorId] = value;
  }
  if (problems.length === 0 && RISK_FACTOR_IDS.every(id => weights[id] === 0)) {
    problems.push('at least one weight must be above 0');
  }
  if (problems.length > 0) {
    throw new Error(
      `Invalid releaseCoordination.risk.weights: ${problems.join('; ')}`,
    );
  }
  return weights;
}
