import { featureFlagExpiry } from '@release-coordination/plugin-release-coordination-common';
import {
  GateRule,
  TrainGateRuleContext,
  rollbackReadiness,
} from '@release-coordination/plugin-release-coordination-node';
import { OutcomeStore } from './OutcomeStore';

type RuleStore = Pick<OutcomeStore, 'getRollbackPlan' | 'summarizeDrills' | 'listFlags'>;

/**
 * Passes when the participant has a rollback plan in this train and passed a rollback
 * rehearsal within `maxAgeDays`.
 */
export function createRollbackRehearsedRule(options: {
  store: RuleStore;
  maxAgeDays: number;
}): GateRule<TrainGateRuleContext> {
  const { store, maxAgeDays } = options;
  return {
    id: 'rollback-rehearsed',
    description: `The participant has a rollback plan, rehearsed within ${maxAgeDays} days`,
    async evaluate({ train, participant, now }) {
      if (!participant) {
        return {
          passed: false,
          reason: 'This rule applies to one participant; set perParticipant',
        };
      }
      const plan = await store.getRollbackPlan(train.id, participant.entityRef);
      const drills = await store.summarizeDrills([participant.entityRef]);
      const { ready, reason } = rollbackReadiness({
        entityRef: participant.entityRef,
        plan,
        lastPassedDrillAt: drills.get(participant.entityRef)?.lastPassedDrillAt,
        maxAgeDays,
        now,
      });
      return { passed: ready, reason };
    },
  };
}

/**
 * Fails while a flag that is not removed is past its expiry: of the gate's participant, or of
 * any participant when the gate is train-wide.
 */
export function createNoExpiredFlagsRule(options: {
  store: RuleStore;
}): GateRule<TrainGateRuleContext> {
  const { store } = options;
  return {
    id: 'no-expired-flags',
    description: 'No feature flag is still in use past its expiry',
    async evaluate({ train, participant, now: at }) {
      const flags = await store.listFlags(
        train.id,
        participant ? { participantRef: participant.entityRef } : undefined,
      );
      const whose = participant ? participant.entityRef : 'any participant';
      const expired = flags.filter(flag => featureFlagExpiry(flag, at, 0) === 'expired');
      if (expired.length === 0) {
        const live = flags.filter(flag => flag.state !== 'removed').length;
        return {
          passed: true,
          reason:
            live === 0
              ? `No feature flags in use by ${whose}`
              : `None of the ${live} feature flag(s) of ${whose} is past its expiry`,
        };
      }
      const listed = expired
        .map(
          flag =>
            `${participant ? '' : `${flag.participantRef} `}'${flag.key}' (expired ` +
            `${flag.expiresAt.slice(0, 10)})`,
        )
        .join(', ');
      return {
        passed: false,
        reason:
          `Expired feature flag(s) still in use: ${listed}; remove them or give them a new ` +
          'expiry',
      };
    },
  };
}

/** The gate rules built on deployments, rollback readiness and flags. */
export function createOutcomeGateRules(options: {
  store: RuleStore;
  maxRehearsalAgeDays: number;
}): GateRule<TrainGateRuleContext>[] {
  return [
    createRollbackRehearsedRule({
      store: options.store,
      maxAgeDays: options.maxRehearsalAgeDays,
    }),
    createNoExpiredFlagsRule(options),
  ];
}
