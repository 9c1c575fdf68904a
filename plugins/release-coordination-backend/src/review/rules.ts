import {
  GateRule,
  TrainGateRuleContext,
} from '@release-coordination/plugin-release-coordination-node';
import { DatabaseReviewStore } from './DatabaseReviewStore';
import { isReviewHeld, reviewTeams } from './ReviewService';

/** The id of the rule, and of the default gate that asks it on leaving validation. */
export const RELEASE_REVIEW_HELD_RULE = 'release-review-held';

/**
 * `release-review-held`: passes once the joint release review is held - every team owning a
 * participant (as the newest graph says) signed it off and no open risk of the register lacks
 * a mitigation. A team that joins later has to sign off too.
 */
export function createReleaseReviewHeldRule(options: {
  store: Pick<DatabaseReviewStore, 'listSignOffs' | 'countRisks'>;
}): GateRule<TrainGateRuleContext> {
  const { store } = options;
  return {
    id: RELEASE_REVIEW_HELD_RULE,
    description:
      'Every owning team signed the release review off and every open risk has a mitigation',
    async evaluate({ train, participants, dependencies }) {
      const teams = reviewTeams(participants, dependencies);
      const [signOffs, register] = await Promise.all([
        store.listSignOffs(train.id),
        store.countRisks(train.id),
      ]);
      const { held, waitingOn } = isReviewHeld(
        teams.keys(),
        signOffs,
        register,
      );
      if (held) {
        return {
          passed: true,
          reason: `Release review held: ${teams.size} team(s) signed off`,
        };
      }
      const missing = [
        ...(waitingOn.length > 0
          ? [`waiting for the sign-off of ${waitingOn.join(', ')}`]
          : []),
        ...(register.unmitigatedCount > 0
          ? [`${register.unmitigatedCount} open risk(s) without a mitigation`]
          : []),
      ];
      return {
        passed: false,
        reason: `Release review not held: ${missing.join('; ')}`,
      };
    },
  };
}
