export {
  RISK_FACTOR_IDS,
  type RiskFactor,
  type RiskFactorId,
  type TrainRiskScore,
} from './types';
