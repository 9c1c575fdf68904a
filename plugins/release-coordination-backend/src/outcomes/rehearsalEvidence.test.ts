import { trainRuleContext } from '../__testUtils__/ruleContext';
import { createTestDatabases, insertTrainRow, testDatabaseService } from '../__testUtils__/databases';
import { DatabaseOutcomeStore } from './DatabaseOutcomeStore';
import { createOutcomeGateRules } from './rules';

const TRAIN_ID = '00000000-0000-4000-8000-000000000001';
const PAYMENTS = 'component:default/payments';
const NOW = new Date('2026-11-20T12:00:00Z');
const DAY_MS = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY_MS).toISOString();

const context = trainRuleContext({
  trainId: TRAIN_ID,
  participants: [{ entityRef: PAYMENTS, targetVersion: '5.1.0' }],
  participantRef: PAYMENTS,
  now: NOW,
});

/** The `rollback-rehearsed` gate rule on stored rehearsals, as the plugin makes it. */
describe('rollback rehearsals without evidence', () => {
  const databases = createTestDatabases();

  async function setUp(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    const store = await DatabaseOutcomeStore.create({ database: testDatabaseService(knex) });
    await insertTrainRow(knex, { id: TRAIN_ID, name: '2026.12', createdAt: '2026-11-01T00:00:00Z' });
    await store.saveRollbackPlan({
      trainId: TRAIN_ID,
      entityRef: PAYMENTS,
      criteria: 'Error rate above 2%',
      procedureUrl: 'https://runbooks.example.com/payments',
      updatedBy: 'user:default/bob',
      updatedAt: '2026-11-10T00:00:00.000Z',
    });
    const rehearsed = (key: string, days: number, evidenceUrl?: string) =>
      store.insertDrill({
        entityRef: PAYMENTS,
        result: 'passed',
        rehearsedAt: daysAgo(days),
        ...(evidenceUrl ? { evidenceUrl } : {}),
        idempotencyKey: key,
        reporter: 'demo-ci',
      });
    const evaluate = (options: { maxRehearsalAgeDays: number; accept?: boolean }) => {
      const [rule] = createOutcomeGateRules({
        store,
        maxRehearsalAgeDays: options.maxRehearsalAgeDays,
        ...(options.accept === undefined
          ? {}
          : { acceptRehearsalsWithoutEvidence: options.accept }),
      });
      return rule.evaluate(context);
    };
    return { knex, rehearsed, evaluate };
  }

  it.each(databases.eachSupportedId())(
    'does not let a rehearsal without an evidence URL pass the gate unless configured, on %s',
    async databaseId => {
      const { knex, rehearsed, evaluate } = await setUp(databaseId);
      await rehearsed('without-evidence', 2);

      const refused = await evaluate({ maxRehearsalAgeDays: 90 });
      expect(refused.passed).toBe(false);
      expect(refused.reason).toMatch(/has never passed a rollback rehearsal/);
      expect(refused.reason).toMatch(
        /passed on 2026-11-18 was reported without an evidence URL and does not count \(releaseCoordination\.rehearsals\.acceptWithoutEvidence\)/,
      );
      expect((await evaluate({ maxRehearsalAgeDays: 90, accept: false })).passed).toBe(false);
      expect(await evaluate({ maxRehearsalAgeDays: 90, accept: true })).toEqual({
        passed: true,
        reason: `${PAYMENTS} has a rollback plan and last passed a rollback rehearsal 2 day(s) ago, within 90 days`,
      });
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'counts the newest rehearsal with evidence, within the configured age, on %s',
    async databaseId => {
      const { knex, rehearsed, evaluate } = await setUp(databaseId);
      await rehearsed('with-evidence', 10, 'https://ci.example.com/runs/41');
      await rehearsed('without-evidence', 2);

      expect(await evaluate({ maxRehearsalAgeDays: 30 })).toEqual({
        passed: true,
        reason: `${PAYMENTS} has a rollback plan and last passed a rollback rehearsal 10 day(s) ago, within 30 days`,
      });
      // Too old for a shorter maximum age; the recent rehearsal without evidence does not help.
      const stale = await evaluate({ maxRehearsalAgeDays: 7 });
      expect(stale.passed).toBe(false);
      expect(stale.reason).toMatch(/10 day\(s\) ago, more than the 7 days allowed/);
      expect(stale.reason).toMatch(/without an evidence URL/);
      await knex.destroy();
    },
  );
});
