import { GateRule } from '@release-coordination/plugin-release-coordination-node';

/**
 * The gate rules known to this backend: the built-in ones and those added by modules through
 * the extension point. Rule ids are referenced from gate templates, so they must be unique.
 */
export class GateRuleRegistry {
  private readonly rules = new Map<string, GateRule>();

  add(...rules: GateRule[]): void {
    for (const rule of rules) {
      if (!/^[a-z0-9][a-z0-9:._-]*$/i.test(rule.id)) {
        throw new Error(
          `Gate rule id '${rule.id}' is invalid: use letters, digits and : . _ - only`,
        );
      }
      if (this.rules.has(rule.id)) {
        throw new Error(`Gate rule '${rule.id}' is already registered`);
      }
      this.rules.set(rule.id, rule);
    }
  }

  get(id: string): GateRule | undefined {
    return this.rules.get(id);
  }

  get size(): number {
    return this.rules.size;
  }
}
