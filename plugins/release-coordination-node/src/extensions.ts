import { createExtensionPoint } from '@backstage/backend-plugin-api';

/**
 * What a rule gate computes: passed or failed, with a sentence a person can act on.
 *
 * @public
 */
export interface GateRuleOutcome {
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
  evaluate(context: TContext): Promise<GateRuleOutcome>;
}

/**
 * Lets backend modules add gate rules to the release-coordination backend.
 *
 * @public
 */
export interface ReleaseCoordinationGateRulesExtensionPoint {
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
