import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  GateRule,
  releaseCoordinationGateRulesExtensionPoint,
} from '@release-coordination/plugin-release-coordination-node';

/** The config key of the demo's change freezes. */
export const CHANGE_FREEZES_CONFIG_KEY = 'releaseCoordinationDemo.changeFreezes';

/** A period in which nothing ships, e.g. the year-end holidays; `end` is exclusive. */
export interface ChangeFreeze {
  start: Date;
  end: Date;
  reason: string;
}

/** ISO 8601: a date (midnight UTC) or a date-time with an offset, as `new Date` reads both. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * Reads `releaseCoordinationDemo.changeFreezes: [{ start, end, reason }]`; none configured is
 * an empty list. A mistake fails the start with every problem listed, rather than a gate that
 * quietly never blocks.
 */
export function readChangeFreezes(config: Config): ChangeFreeze[] {
  const entries = config.getOptionalConfigArray(CHANGE_FREEZES_CONFIG_KEY) ?? [];
  const problems: string[] = [];
  const freezes: ChangeFreeze[] = [];
  entries.forEach((entry, index) => {
    const where = `${CHANGE_FREEZES_CONFIG_KEY}[${index}]`;
    const time = (key: 'start' | 'end') => {
      const value = entry.getOptionalString(key);
      if (value === undefined) {
        problems.push(`${where}.${key} is missing`);
      } else if (!ISO_TIME.test(value) || Number.isNaN(Date.parse(value))) {
        problems.push(`${where}.${key}: '${value}' is not an ISO 8601 date or date-time`);
      } else {
        return new Date(value);
      }
      return undefined;
    };
    const start = time('start');
    const end = time('end');
    const reason = entry.getOptionalString('reason')?.trim();
    if (!reason) problems.push(`${where}.reason is missing: say why nothing may ship`);
    if (start && end && start.getTime() >= end.getTime()) {
      problems.push(`${where}: start must be before end`);
    }
    if (start && end && reason) freezes.push({ start, end, reason });
  });
  if (problems.length > 0) {
    throw new Error(`Invalid change freezes: ${problems.join('; ')}`);
  }
  return freezes;
}

/**
 * The `demo:change-freeze` gate rule: fails while now is inside one of the freezes, so a train
 * cannot leave a stage guarded by it until the freeze ends (or someone waives the gate with a
 * reason). It looks at the clock only, not at the train.
 */
export function createChangeFreezeGateRule(options: {
  freezes: ChangeFreeze[];
  now?: () => Date;
}): GateRule {
  const { freezes } = options;
  const now = options.now ?? (() => new Date());
  return {
    id: 'demo:change-freeze',
    description: 'No change freeze is in effect',
    async evaluate() {
      if (freezes.length === 0) {
        return { passed: true, reason: 'No change freeze is configured' };
      }
      const at = now().getTime();
      const inEffect = freezes.filter(f => f.start.getTime() <= at && at < f.end.getTime());
      if (inEffect.length > 0) {
        return {
          passed: false,
          reason: `Change freeze in effect: ${inEffect
            .map(f => `${f.reason} (until ${f.end.toISOString()})`)
            .join('; ')}`,
        };
      }
      const next = freezes
        .filter(f => f.start.getTime() > at)
        .sort((a, b) => a.start.getTime() - b.start.getTime())[0];
      return {
        passed: true,
        reason: next
          ? `No change freeze in effect; the next one starts ${next.start.toISOString()}: ${next.reason}`
          : 'No change freeze in effect',
      };
    },
  };
}

/**
 * An example of a gate rule from a backend module: the demo backend's change freeze, for gate
 * templates with `kind: rule` and `rule: demo:change-freeze`.
 */
export default createBackendModule({
  pluginId: 'release-coordination',
  moduleId: 'demo-change-freeze',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        gateRules: releaseCoordinationGateRulesExtensionPoint,
      },
      async init({ config, gateRules }) {
        gateRules.addGateRule(createChangeFreezeGateRule({ freezes: readChangeFreezes(config) }));
      },
    });
  },
});
