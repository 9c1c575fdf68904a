// The gate rules a stage plan may name: the plugin's own, then those modules added.

import { Config } from '@backstage/config';
import { GateRule } from '@release-coordination/plugin-release-coordination-node';
import { GateRuleRegistry } from '../gates/GateRuleRegistry';
import { BUILT_IN_GATE_RULES } from '../trains/rules';
import { createPreviousActionItemsClosedRule } from '../retrospectives/previousActionItemsClosed';
import { createOutcomeGateRules } from '../outcomes/rules';
import { OutcomeSettings } from '../outcomes/config';
import { createEnvironmentParityRule } from '../delivery/rules';
import { EnvironmentSource } from '../delivery/environments';
import { createChangeFreezeRule } from '../freezes/rules';
import { FreezeService } from '../freezes/FreezeService';
import { createNoCollisionsRule } from '../calendar/rules';
import { CalendarService } from '../calendar/CalendarService';
import { createReleaseReviewHeldRule } from '../review/rules';
import {
  createReviewCoverageRule,
  readIndicatorRuleSettings,
} from '../indicators/rules';
import { ReleaseCoordinationStores } from '../services';

/**
 * Looks up a gate rule by id: a built-in rule, else one a module added. A module cannot
 * replace a built-in rule: the start fails naming it, rather than gates silently changing
 * meaning.
 */
export function assembleGateRules(options: {
  config: Config;
  stores: ReleaseCoordinationStores;
  moduleRules: GateRuleRegistry;
  outcomeSettings: OutcomeSettings;
  environments: EnvironmentSource;
  freezes: FreezeService;
  calendar: CalendarService;
}): (id: string) => GateRule | undefined {
  const { config, stores, moduleRules, outcomeSettings } = options;
  const builtIn: GateRule[] = [
    ...BUILT_IN_GATE_RULES,
    createPreviousActionItemsClosedRule({ actionItems: stores.retrospectives }),
    ...createOutcomeGateRules({
      store: stores.outcomes,
      maxRehearsalAgeDays: outcomeSettings.maxRehearsalAgeDays,
      acceptRehearsalsWithoutEvidence:
        outcomeSettings.acceptRehearsalsWithoutEvidence,
    }),
    createEnvironmentParityRule({
      store: stores.outcomes,
      environments: options.environments,
    }),
    createChangeFreezeRule({ freezes: options.freezes }),
    createNoCollisionsRule({ calendar: options.calendar }),
    createReleaseReviewHeldRule({ store: stores.reviews }),
    createReviewCoverageRule({
      store: stores.indicators,
      settings: readIndicatorRuleSettings(config),
    }),
  ];
  // Built-in rules are looked up after module rules were added, so a clash is caught here.
  for (const rule of builtIn) {
    if (moduleRules.get(rule.id)) {
      throw new Error(
        `Gate rule '${rule.id}' is built in; a module cannot replace it`,
      );
    }
  }
  const byId = new Map(builtIn.map(rule => [rule.id, rule]));
  return id => byId.get(id) ?? moduleRules.get(id);
}
