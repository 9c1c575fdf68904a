import { createExtensionPoint } from '@backstage/backend-plugin-api';
import {
  ReleaseTrainSummary,
  TrainGate,
  TrainParticipant,
} from '@release-coordination/plugin-release-coordination-common';
import { DependencyGraphView } from './dependencies';

/**
 * What a rule gate computes: passed or failed, with a sentence a person can act on.
 *
 * @public
 */
export interface GateRuleOutcome {
  /** Whether the gate's requirement is met; a failed rule gate holds the stage. */
  passed: boolean;
  /** Why, in words shown next to the gate, e.g. "2 upstream services are still in integration". */
  reason: string;
}

/**
 * A computed gate: a rule evaluated from the state of a train, such as "every participant has an
 * owner". Rules are referenced from gate templates in app-config by their `id`.
 *
 * @public
 */
export interface GateRule<TContext = unknown> {
  /** Stable identifier used in gate templates, e.g. `acme:change-freeze`. */
  id: string;
  /** One line describing what the rule requires, shown in the portal. */
  description: string;
  /** Computes the gate's outcome; called again each time the gate is evaluated. */
  evaluate(context: TContext): Promise<GateRuleOutcome>;
}

/**
 * What a gate rule sees when a train's stage is about to be left: the train, its participants
 * and gates, the gate being evaluated and the current dependency graph.
 *
 * @public
 */
export interface TrainGateRuleContext {
  /** The train whose stage is about to be left. */
  train: ReleaseTrainSummary;
  /** The stage whose gates are evaluated. */
  stage: string;
  /** The gate being evaluated. */
  gate: TrainGate;
  /** The participant the gate belongs to, for per-participant gates. */
  participant?: TrainParticipant;
  /** Every participant of the train. */
  participants: TrainParticipant[];
  /** Every gate of the train, in every stage, as currently stored. */
  gates: TrainGate[];
  /** The newest dependency graph derived from the catalog, to read. */
  dependencies: DependencyGraphView;
  /**
   * When the rule is evaluated, from the backend's clock: compare expiries and ages against
   * it, not against the machine's clock, so that replayed history is judged at its own time.
   */
  now: Date;
}

/**
 * Lets backend modules add gate rules to the release-coordination backend.
 *
 * @public
 */
export interface ReleaseCoordinationGateRulesExtensionPoint {
  /** Registers rules that gate templates can then name by their `id`. */
  addGateRule(...rules: GateRule[]): void;
}

/**
 * Extension point for custom gate rules.
 *
 * @public
 */
export const releaseCoordinationGateRulesExtensionPoint =
  createExtensionPoint<ReleaseCoordinationGateRulesExtensionPoint>({
    id: 'release-coordination.gate-rules',
  });
