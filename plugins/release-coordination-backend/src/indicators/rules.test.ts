import { ConfigReader } from '@backstage/config';
import {
  createTestDatabases,
  testDatabaseService,
} from '../__testUtils__/databases';
import { trainRuleContext } from '../__testUtils__/ruleContext';
import { DatabaseIndicatorStore } from './DatabaseIndicatorStore';
import { createReviewCoverageRule, readIndicatorRuleSettings } from './rules';

const PAYMENTS = 'component:default/payments';
const STOREFRONT = 'component:default/storefront';
const NOW = new Date('2026-11-20T12:00:00Z');
const daysAgo = (days: number) =>
  new Date(NOW.getTime() - days * 86_400_000).toISOString();

const context = (participantRef?: string) =>
  trainRuleContext({
    participants: [
      { entityRef: PAYMENTS, targetVersion: '5.1.0' },
      { entityRef: STOREFRONT, targetVersion: '2.0.0' },
    ],
    participantRef,
    now: NOW,
  });

describe('review-coverage', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    "sums each participant's recent merged changes against the threshold, on %s",
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseIndicatorStore.create({
        database: testDatabaseService(knex),
      });
      const report = (
        entityRef: string,
        key: string,
        days: number,
        merged: number,
        reviewed: number,
      ) =>
        store.insertReport({
          entityRef,
          key,
          measuredAt: daysAgo(days),
          review: { mergedChanges: merged, reviewedChanges: reviewed },
          reporter: 'ci',
        });
      // payments: 9 of 10 and 7 of 10 in the last 14 days = 16 of 20 (80%); the old run of
      // 0 of 50 is older than 14 days and does not count.
      await report(PAYMENTS, 'r1', 2, 10, 9);
      await report(PAYMENTS, 'r2', 5, 10, 7);
      await report(PAYMENTS, 'r0', 30, 50, 0);
      // storefront: 5 of 10, below the threshold. A test-only report counts for nothing here.
      await report(STOREFRONT, 's1', 1, 10, 5);
      await store.insertReport({
        entityRef: STOREFRONT,
        key: 's2',
        measuredAt: daysAgo(1),
        tests: { executed: 10, passed: 10, flaky: 0 },
        reporter: 'ci',
      });

      const rule = createReviewCoverageRule({
        store,
        settings: { reviewCoverageThreshold: 0.8, maxAgeDays: 14 },
      });
      expect(await rule.evaluate(context(PAYMENTS))).toEqual({
        passed: true,
        reason: `Review coverage: ${PAYMENTS} 80%`,
      });
      expect(await rule.evaluate(context())).toEqual({
        passed: false,
        reason: `Below 80%: ${STOREFRONT} 50% (5 of 10)`,
      });

      // Without figures the gate waits for evidence.
      const strict = createReviewCoverageRule({
        store,
        settings: { reviewCoverageThreshold: 0.8, maxAgeDays: 1 },
      });
      const none = await strict.evaluate(context(PAYMENTS));
      expect(none.passed).toBe(false);
      expect(none.reason).toMatch(
        /No merged changes reported in the last 1 days: component:default\/payments/,
      );
    },
  );
});

describe('readIndicatorRuleSettings', () => {
  it('has defaults, and stops the start on a wrong value', () => {
    expect(readIndicatorRuleSettings(new ConfigReader({}))).toEqual({
      reviewCoverageThreshold: 0.8,
      maxAgeDays: 14,
    });
    const config = (indicators: object) =>
      new ConfigReader({ releaseCoordination: { indicators } });
    expect(
      readIndicatorRuleSettings(
        config({ reviewCoverageThreshold: 0.95, maxAgeDays: 30 }),
      ),
    ).toEqual({
      reviewCoverageThreshold: 0.95,
      maxAgeDays: 30,
    });
    expect(() =>
      readIndicatorRuleSettings(config({ reviewCoverageThreshold: 80 })),
    ).toThrow(/from 0 to 1, not 80/);
    expect(() => readIndicatorRuleSettings(config({ maxAgeDays: 0 }))).toThrow(
      /maxAgeDays/,
    );
  });
});
