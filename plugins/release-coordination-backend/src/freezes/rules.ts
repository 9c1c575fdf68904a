import {
  GateRule,
  TrainGateRuleContext,
} from '@release-coordination/plugin-release-coordination-node';
import { FreezeService } from './FreezeService';

/**
 * `change-freeze`: fails while a change freeze covering a participant is in effect (every
 * freeze of scope `all`, else the participant's System or Domain), so that a train does not
 * enter its deployment stage inside a freeze unless someone waives the gate with a reason. For
 * one participant when the gate is per participant, for every participant otherwise.
 */
export function createChangeFreezeRule(options: {
  freezes: Pick<FreezeService, 'inEffect'>;
}): GateRule<TrainGateRuleContext> {
  const { freezes } = options;
  return {
    id: 'change-freeze',
    description: 'No change freeze covering the participants is in effect',
    async evaluate({ participant, participants, now }) {
      const checked = (participant ? [participant] : participants).map(
        p => p.entityRef,
      );
      const frozen = await freezes.inEffect(checked, now);
      if (frozen.size === 0) {
        return {
          passed: true,
          reason: 'No change freeze covers the participants now',
        };
      }
      const windows = new Map([...frozen.values()].flat().map(f => [f.id, f]));
      const entities = [...frozen.keys()].join(', ');
      const why = [...windows.values()]
        .map(f => `${f.reason} (until ${f.endsAt})`)
        .join('; ');
      return {
        passed: false,
        reason: `Change freeze in effect for ${entities}: ${why}`,
      };
    },
  };
}
