import {
  GateRule,
  TrainGateRuleContext,
} from '@release-coordination/plugin-release-coordination-node';
import { describeActionItem, refsConcerning } from './carryOver';
import { RetrospectiveStore } from './RetrospectiveStore';

/** The id gate templates use for {@link createPreviousActionItemsClosedRule}. */
export const PREVIOUS_ACTION_ITEMS_CLOSED_RULE = 'previous-action-items-closed';

/** A gate's reason names this many open items at most, and counts the rest. */
const ITEMS_NAMED = 10;

/**
 * Passes when no open action item from an earlier train concerns the participant: none is
 * owned by the participant or by its owner. Lessons of the last release are acted on before
 * the next one leaves planning. A train-wide gate asks the same for every participant.
 */
export function createPreviousActionItemsClosedRule(options: {
  actionItems: Pick<RetrospectiveStore, 'queryCarriedOver'>;
}): GateRule<TrainGateRuleContext> {
  return {
    id: PREVIOUS_ACTION_ITEMS_CLOSED_RULE,
    description: 'Action items of earlier trains that concern the participant are closed',
    async evaluate({ train, participant, participants, dependencies }) {
      const concerned = participant ? [participant] : participants;
      const open = await options.actionItems.queryCarriedOver(
        train.id,
        refsConcerning(concerned, dependencies),
        { limit: ITEMS_NAMED, offset: 0 },
      );
      const whom = participant ? participant.entityRef : 'the participants';
      if (open.totalCount === 0) {
        return {
          passed: true,
          reason: `No open action items from earlier trains concern ${whom}`,
        };
      }
      const unnamed = open.totalCount - open.items.length;
      return {
        passed: false,
        reason:
          `${open.totalCount} open action item(s) from earlier trains concern ${whom}: ` +
          `${open.items.map(describeActionItem).join('; ')}${
            unnamed > 0 ? `; and ${unnamed} more` : ''
          }`,
      };
    },
  };
}
