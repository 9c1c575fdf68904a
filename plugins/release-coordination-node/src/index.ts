/**
 * Extension points of the release-coordination backend, for backend modules that add custom
 * gate rules, and the domain rules those modules share with the backend: what a rule may read
 * of the dependency graph, how gates are decided, and when a participant is ready to be rolled
 * back.
 *
 * @packageDocumentation
 */

export { systemClock, type Clock } from './clock';
export type { DependencyGraphView } from './dependencies';
export {
  releaseCoordinationGateRulesExtensionPoint,
  type GateRule,
  type GateRuleOutcome,
  type ReleaseCoordinationGateRulesExtensionPoint,
  type TrainGateRuleContext,
} from './extensions';
export { approvalGateState, isGateSatisfied } from './gates';
export { DEFAULT_MAX_REHEARSAL_AGE_DAYS, rollbackReadiness } from './rollbackReadiness';
