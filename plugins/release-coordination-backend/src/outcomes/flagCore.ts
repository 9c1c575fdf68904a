import { InputError } from '@backstage/errors';
import {
  Clock,
  systemClock,
} from '@release-coordination/plugin-release-coordination-node';
import { OutcomeServiceOptions, ParticipantAccess } from './access';

export interface FeatureFlagServiceOptions extends OutcomeServiceOptions {
  access: ParticipantAccess;
  /** Flags this close to their expiry count as expiring soon. */
  remindBeforeDays: number;
  /** How far ahead a flag's expiry may be set, in days. */
  maxLifetimeDays: number;
  /** Where "now" comes from; the system clock unless a replay of history sets it. */
  clock?: Clock;
}

export const DAY_MS = 24 * 60 * 60 * 1000;

/** What the reads and changes of flags share: the options, the clock and the expiry bound. */
export function createFlagCore(options: FeatureFlagServiceOptions) {
  const clock = options.clock ?? systemClock;
  const now = () => clock.now();

  /** Every flag is time-bound: it expires ahead, and not so far ahead that it never does. */
  function requireFuture(field: string, iso: string) {
    const at = now().getTime();
    const expiry = new Date(iso).getTime();
    if (expiry <= at) {
      throw new InputError(
        `${field}: every flag is time-bound; its expiry must be in the future`,
      );
    }
    const latest = at + options.maxLifetimeDays * DAY_MS;
    if (expiry > latest) {
      throw new InputError(
        `${field}: a flag expires within ${options.maxLifetimeDays} days ` +
          `(releaseCoordination.flags.maxLifetimeDays), by ${new Date(latest).toISOString()} at the latest`,
      );
    }
  }

  return { ...options, now, requireFuture };
}

/** The shared parts of the feature flag service; see {@link createFlagCore}. */
export type FlagCore = ReturnType<typeof createFlagCore>;
