import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { releaseCoordinationGateRulesExtensionPoint } from '@release-coordination/plugin-release-coordination-node';
import { releaseCoordinationPlugin } from '../plugin';
import { GateRuleRegistry } from './GateRuleRegistry';

const changeFreeze = {
  id: 'acme:change-freeze',
  description: 'No deployment during the year-end change freeze',
  evaluate: async () => ({ passed: true, reason: 'No freeze in effect' }),
};

describe('GateRuleRegistry', () => {
  it('keeps rules by id', () => {
    const registry = new GateRuleRegistry();
    registry.add(changeFreeze);
    expect(registry.size).toBe(1);
    expect(registry.get('acme:change-freeze')).toBe(changeFreeze);
    expect(registry.get('unknown')).toBeUndefined();
  });

  it('refuses a second rule with the same id', () => {
    const registry = new GateRuleRegistry();
    registry.add(changeFreeze);
    expect(() => registry.add({ ...changeFreeze })).toThrow(/already registered/);
    expect(registry.size).toBe(1);
  });

  it('refuses ids that gate templates could not reference', () => {
    expect(() => new GateRuleRegistry().add({ ...changeFreeze, id: 'has spaces' })).toThrow(/invalid/);
  });

  it('receives rules from backend modules through the extension point', async () => {
    const logger = mockServices.logger.mock();
    const ruleModule = createBackendModule({
      pluginId: 'release-coordination',
      moduleId: 'change-freeze',
      register(reg) {
        reg.registerInit({
          deps: { rules: releaseCoordinationGateRulesExtensionPoint },
          async init({ rules }) {
            rules.addGateRule(changeFreeze);
          },
        });
      },
    });
    await startTestBackend({
      features: [releaseCoordinationPlugin, ruleModule, logger.factory],
    });
    expect(logger.info).toHaveBeenCalledWith(expect.stringContaining('1 custom gate rule'));
  });
});
