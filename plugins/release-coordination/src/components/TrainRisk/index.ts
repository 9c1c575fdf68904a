export { RiskScoreCard } from './RiskScoreCard';
