import { ConfigReader } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import {
  ScorecardPeriod,
  ScorecardResponse,
  ScorecardScope,
} from '@release-coordination/plugin-release-coordination-common';
import { cachedScorecards, readScorecardMaxAge } from './cachedScorecards';

const PERIOD: ScorecardPeriod = {
  from: '2026-09-01T00:00:00.000Z',
  to: '2026-12-01T00:00:00.000Z',
};
const ORG: ScorecardScope = { kind: 'organization' };
const TEAM: ScorecardScope = { kind: 'team', ref: 'group:default/team-pay' };

/** A scorecard service that counts its computations and can be made to wait or fail. */
function counting() {
  let computed = 0;
  let release: (() => void) | undefined;
  let failNext = false;
  let holding = false;
  const service = {
    async getScorecard(scope: ScorecardScope, period: ScorecardPeriod) {
      computed++;
      const n = computed;
      if (release === undefined && holding)
        await new Promise<void>(r => (release = r));
      if (failNext) {
        failNext = false;
        throw new NotFoundError('No Group');
      }
      return {
        scope,
        period,
        generatedAt: `computation ${n}`,
      } as unknown as ScorecardResponse;
    },
  };
  return {
    service,
    computed: () => computed,
    hold: () => {
      holding = true;
      release = undefined;
    },
    release: () => {
      holding = false;
      release?.();
    },
    failNext: () => {
      failNext = true;
    },
  };
}

describe('cachedScorecards', () => {
  let mark = 'a';
  let now = Date.parse('2026-12-01T12:00:00Z');
  const clock = { now: () => new Date(now) };
  beforeEach(() => {
    mark = 'a';
    now = Date.parse('2026-12-01T12:00:00Z');
  });
  const cached = (inner: ReturnType<typeof counting>, maxAgeSeconds = 300) =>
    cachedScorecards({
      scorecards: inner.service,
      changeMark: async () => mark,
      maxAgeSeconds,
      clock,
    });

  it('computes a scope and period once while nothing changes', async () => {
    const inner = counting();
    const scorecards = cached(inner);
    const first = await scorecards.getScorecard(ORG, PERIOD);
    expect(await scorecards.getScorecard(ORG, { ...PERIOD })).toBe(first);
    expect(inner.computed()).toBe(1);
    // Another scope, another period: computed on their own.
    await scorecards.getScorecard(TEAM, PERIOD);
    await scorecards.getScorecard(ORG, {
      ...PERIOD,
      from: '2026-10-01T00:00:00.000Z',
    });
    expect(inner.computed()).toBe(3);
  });

  it('computes again once the facts changed', async () => {
    const inner = counting();
    const scorecards = cached(inner);
    await scorecards.getScorecard(ORG, PERIOD);
    mark = 'b';
    expect((await scorecards.getScorecard(ORG, PERIOD)).generatedAt).toBe(
      'computation 2',
    );
    expect((await scorecards.getScorecard(ORG, PERIOD)).generatedAt).toBe(
      'computation 2',
    );
  });

  it('computes again after the maximum age, changed or not', async () => {
    const inner = counting();
    const scorecards = cached(inner, 60);
    await scorecards.getScorecard(ORG, PERIOD);
    now += 59_000;
    await scorecards.getScorecard(ORG, PERIOD);
    expect(inner.computed()).toBe(1);
    now += 1_000;
    await scorecards.getScorecard(ORG, PERIOD);
    expect(inner.computed()).toBe(2);
  });

  it('lets requests that arrive during a computation wait for it', async () => {
    const inner = counting();
    const scorecards = cached(inner);
    inner.hold();
    const answers = [1, 2, 3].map(() => scorecards.getScorecard(ORG, PERIOD));
    await new Promise(r => setTimeout(r, 10));
    inner.release();
    const [a, b, c] = await Promise.all(answers);
    expect(inner.computed()).toBe(1);
    expect(b).toBe(a);
    expect(c).toBe(a);
  });

  it('keeps no failure', async () => {
    const inner = counting();
    const scorecards = cached(inner);
    inner.failNext();
    await expect(scorecards.getScorecard(TEAM, PERIOD)).rejects.toThrow(
      'No Group',
    );
    expect((await scorecards.getScorecard(TEAM, PERIOD)).generatedAt).toBe(
      'computation 2',
    );
  });

  it('computes every time with a maximum age of 0', async () => {
    const inner = counting();
    const scorecards = cached(inner, 0);
    await scorecards.getScorecard(ORG, PERIOD);
    await scorecards.getScorecard(ORG, PERIOD);
    expect(inner.computed()).toBe(2);
  });

  it('reads its maximum age from config and refuses a wrong one', () => {
    expect(readScorecardMaxAge(new ConfigReader({}))).toBe(300);
    const of = (maxAgeSeconds: number) =>
      readScorecardMaxAge(
        new ConfigReader({
          releaseCoordination: { scorecards: { maxAgeSeconds } },
        }),
      );
    expect(of(0)).toBe(0);
    expect(() => of(-1)).toThrow(/from 0 to 3600/);
    expect(() => of(1.5)).toThrow(/whole number/);
  });
});
