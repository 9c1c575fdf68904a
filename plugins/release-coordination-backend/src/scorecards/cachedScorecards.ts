import {
  Clock,
  systemClock,
} from '@release-coordination/plugin-release-coordination-node';
import {
  ScorecardPeriod,
  ScorecardResponse,
  ScorecardScope,
} from '@release-coordination/plugin-release-coordination-common';
import { Config } from '@backstage/config';
import { ScorecardService } from './ScorecardService';

/** How long a computed scorecard is reused at most, when nothing it counts has changed. */
export const DEFAULT_SCORECARD_MAX_AGE_SECONDS = 300;
const MAX_AGE_LIMIT_SECONDS = 3600;

/** Reads `releaseCoordination.scorecards.maxAgeSeconds`; a wrong value stops the backend. */
export function readScorecardMaxAge(config: Config): number {
  const key = 'releaseCoordination.scorecards.maxAgeSeconds';
  const value =
    config.getOptionalNumber(key) ?? DEFAULT_SCORECARD_MAX_AGE_SECONDS;
  if (!Number.isInteger(value) || value < 0 || value > MAX_AGE_LIMIT_SECONDS) {
    throw new Error(
      `${key} must be a whole number from 0 to ${MAX_AGE_LIMIT_SECONDS}, not ${value}`,
    );
  }
  return value;
}

/** Scorecards kept per backend instance; the least recently read goes first. */
const MAX_ENTRIES = 64;

interface Entry {
  /** What the facts looked like when the computation started (see `changeMark`). */
  mark: string;
  startedAt: number;
  scorecard: Promise<ScorecardResponse>;
}

/**
 * Scorecards recomputed only when something they count changed. An organisation's year is
 * hundreds of thousands of facts and seconds of work, and everyone opening the scorecards page
 * asks for the same few scopes and periods; so a computed scorecard is kept and handed out again
 * while `changeMark` (the decision log's high-water mark and the dependency snapshot: every
 * change of a train, gate, deployment or action item is logged) says nothing changed, for at
 * most `maxAgeSeconds` — what waits now (pending approvals) grows older by itself. Requests that
 * arrive while a scorecard is being computed wait for that computation instead of starting
 * their own. The scorecard says when it was computed (`generatedAt`).
 *
 * What the caller may see is applied after this, per request: the cached scorecard is
 * everyone's.
 */
export function cachedScorecards(options: {
  scorecards: ScorecardService;
  changeMark: () => Promise<string>;
  /** 0 turns the cache off. */
  maxAgeSeconds?: number;
  clock?: Clock;
}): ScorecardService {
  const { scorecards, changeMark } = options;
  const maxAgeMs =
    (options.maxAgeSeconds ?? DEFAULT_SCORECARD_MAX_AGE_SECONDS) * 1000;
  const clock = options.clock ?? systemClock;
  if (maxAgeMs <= 0) return scorecards;
  // A Map iterates in insertion order: re-inserting on every read keeps it least recent first.
  const entries = new Map<string, Entry>();

  return {
    async getScorecard(scope: ScorecardScope, period: ScorecardPeriod) {
      const key = JSON.stringify([scope, period]);
      const mark = await changeMark();
      const now = clock.now().getTime();
      const cached = entries.get(key);
      entries.delete(key);
      if (cached && cached.mark === mark && now - cached.startedAt < maxAgeMs) {
        entries.set(key, cached);
        return cached.scorecard;
      }
      const entry: Entry = {
        mark,
        startedAt: now,
        scorecard: scorecards.getScorecard(scope, period),
      };
      entries.set(key, entry);
      while (entries.size > MAX_ENTRIES)
        entries.delete(entries.keys().next().value!);
      // A failed computation (a 404 scope, a lost connection) is not kept.
      entry.scorecard.catch(() => {
        if (entries.get(key) === entry) entries.delete(key);
      });
      return entry.scorecard;
    },
  };
}
