import {
  Clock,
  systemClock,
} from '@release-coordination/plugin-release-coordination-node';
import { OutcomeServiceOptions, ParticipantAccess } from './access';

export interface RollbackServiceOptions extends OutcomeServiceOptions {
  access: ParticipantAccess;
  /** A passed rehearsal older than this no longer makes a participant ready. */
  maxRehearsalAgeDays: number;
  /** A passed rehearsal without an evidence URL makes a participant ready; false unless given. */
  acceptRehearsalsWithoutEvidence?: boolean;
  /** Where "now" comes from; the system clock unless a replay of history sets it. */
  clock?: Clock;
}

/** What rollback plans, drills and readiness share: the options, the clock and the policy. */
export function createRollbackCore(options: RollbackServiceOptions) {
  const clock = options.clock ?? systemClock;
  return {
    ...options,
    // The same policy as the `rollback-rehearsed` rule's, so that readiness and gate agree.
    rehearsals: {
      maxAgeDays: options.maxRehearsalAgeDays,
      acceptWithoutEvidence: options.acceptRehearsalsWithoutEvidence ?? false,
    },
    now: () => clock.now(),
  };
}

/** The shared parts of the rollback service; see {@link createRollbackCore}. */
export type RollbackCore = ReturnType<typeof createRollbackCore>;
