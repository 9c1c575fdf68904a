/**
 * Extension points of the release-coordination backend, for backend modules that add custom
 * gate rules, and what those rules may read.
 *
 * @packageDocumentation
 */

export type { DependencyGraphView } from './dependencies';
export {
  releaseCoordinationGateRulesExtensionPoint,
  type GateRule,
  type GateRuleOutcome,
  type ReleaseCoordinationGateRulesExtensionPoint,
  type TrainGateRuleContext,
} from './extensions';
