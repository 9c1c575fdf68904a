/**
 * Extension points of the release-coordination backend, for backend modules that add custom
 * gate rules or replay history through its services; the clock the backend reads time from;
 * and the domain rules those modules share with the backend: what a rule may read of the
 * dependency graph, how gates are decided, and when a participant is ready to be rolled back.
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
export {
  releaseCoordinationHistoryExtensionPoint,
  type HistoryCatalogExpectation,
  type ReleaseCoordinationActor,
  type ReleaseCoordinationHistoryContext,
  type ReleaseCoordinationHistoryExtensionPoint,
  type ReleaseCoordinationHistoryReplay,
} from './history';
export { approvalGateState, isGateSatisfied } from './gates';
export { DEFAULT_MAX_REHEARSAL_AGE_DAYS, rollbackReadiness } from './rollbackReadiness';
