import {
  RollbackPlan,
  daysSince,
  featureFlagExpiry,
} from '@release-coordination/plugin-release-coordination-common';
import {
  GateRule,
  TrainGateRuleContext,
  rollbackReadiness,
} from '@release-coordination/plugin-release-coordination-node';
import { DrillSummary, OutcomeStore } from './OutcomeStore';

type RuleStore = Pick<OutcomeStore, 'getRollbackPlan' | 'summarizeDrills' | 'listFlags'>;

/** How rehearsals count: their maximum age, and whether one without evidence counts at all. */
export interface RehearsalPolicy {
  maxAgeDays: number;
  /** A passed rehearsal reported without an evidence URL counts too; by default it does not. */
  acceptWithoutEvidence?: boolean;
}

/**
 * A participant's rollback readiness as the `rollback-rehearsed` rule decides it, from its plan
 * and its drills summarised under `policy` (see `summarizeDrills`' `evidencedOnly`). When a
 * recent pass did not count for want of evidence, the reason says so: the team has rehearsed
 * and only has to report the evidence.
 */
export function participantRollbackReadiness(input: {
  entityRef: string;
  plan?: Pick<RollbackPlan, 'updatedAt'>;
  drills?: DrillSummary;
  policy: RehearsalPolicy;
  now: Date;
}): { ready: boolean; rehearsedWithinDays: boolean; reason: string } {
  const { entityRef, plan, drills, policy, now } = input;
  const readiness = rollbackReadiness({
    entityRef,
    plan,
    lastPassedDrillAt: drills?.lastPassedDrillAt,
    maxAgeDays: policy.maxAgeDays,
    now,
  });
  const unevidenced = drills?.unevidencedPassAt;
  if (readiness.rehearsedWithinDays || !unevidenced) return readiness;
  if (daysSince(unevidenced, now) > policy.maxAgeDays) return readiness;
  return {
    ...readiness,
    reason:
      `${readiness.reason}. The rehearsal passed on ${unevidenced.slice(0, 10)} was reported ` +
      'without an evidence URL and does not count ' +
      '(releaseCoordination.rehearsals.acceptWithoutEvidence); report it again with evidence',
  };
}

/** The `evidencedOnly` option of `summarizeDrills` that `policy` asks for. */
export const drillSummaryOptions = (policy: RehearsalPolicy) => ({
  evidencedOnly: !policy.acceptWithoutEvidence,
});

/**
 * Passes when the participant has a rollback plan in this train and passed a rollback
 * rehearsal within `maxAgeDays`, reported with evidence unless `acceptWithoutEvidence`.
 */
export function createRollbackRehearsedRule(
  options: { store: RuleStore } & RehearsalPolicy,
): GateRule<TrainGateRuleContext> {
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
      const drills = await store.summarizeDrills(
        [participant.entityRef],
        drillSummaryOptions(options),
      );
      const { ready, reason } = participantRollbackReadiness({
        entityRef: participant.entityRef,
        plan,
        drills: drills.get(participant.entityRef),
        policy: options,
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
  /** See {@link RehearsalPolicy}; false unless given. */
  acceptRehearsalsWithoutEvidence?: boolean;
}): GateRule<TrainGateRuleContext>[] {
  return [
    createRollbackRehearsedRule({
      store: options.store,
      maxAgeDays: options.maxRehearsalAgeDays,
      acceptWithoutEvidence: options.acceptRehearsalsWithoutEvidence ?? false,
    }),
    createNoExpiredFlagsRule(options),
  ];
}
