/**
 * What the history generators (history.ts, gateHistory.ts, outcomes.ts) share: a seeded
 * random source, the organisation, the chunk they write into, and the time it is now.
 */
import { seededRandom } from '../lib';
import type { BenchOrganization } from './organization';
import type { SeedChunk, SeedDecision } from './seed';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** The subject of the demo portal's CI token (app-config.yaml), as the plugin records it. */
export const CI = 'demo-ci';

export type Random = ReturnType<typeof createRandom>;

export function createRandom(seed: number) {
  const next = seededRandom(seed);
  return {
    next,
    int: (maxExclusive: number) => Math.floor(next() * maxExclusive),
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    /** A time between two others (epoch milliseconds). */
    between: (from: number, to: number) => new Date(from + next() * Math.max(0, to - from)),
    /** A version 4 UUID, reproducible. */
    uuid: () => {
      const hex = Array.from({ length: 4 }, () =>
        Math.floor(next() * 2 ** 32)
          .toString(16)
          .padStart(8, '0'),
      ).join('');
      return [
        hex.slice(0, 8),
        hex.slice(8, 12),
        `4${hex.slice(13, 16)}`,
        `a${hex.slice(17, 20)}`,
        hex.slice(20, 32),
      ].join('-');
    },
  };
}

/**
 * Ranks drawn with probability proportional to 1 / (rank + 4): a power law, flattened at the
 * top so that the most popular Component does not join every other train.
 */
export function zipf(n: number) {
  const cumulative: number[] = [];
  let total = 0;
  for (let rank = 0; rank < n; rank++) cumulative.push((total += 1 / (rank + 4)));
  return (random: Random) => {
    const target = random.next() * total;
    let low = 0;
    let high = n - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (cumulative[mid] < target) low = mid + 1;
      else high = mid;
    }
    return low;
  };
}

export interface HistoryContext {
  org: BenchOrganization;
  random: Random;
  /** Draws a popular Component's rank in `org.ranked`. */
  popular: (random: Random) => number;
  chunk: SeedChunk;
  /** Epoch milliseconds: nothing happens later. */
  now: number;
}

/** Appends to a train's decision log. */
export function logDecision(
  ctx: HistoryContext,
  trainId: string,
  at: Date | number,
  entry: Omit<SeedDecision, 'trainId' | 'createdAt'>,
) {
  ctx.chunk.decisions.push({ trainId, createdAt: new Date(at), ...entry });
}
