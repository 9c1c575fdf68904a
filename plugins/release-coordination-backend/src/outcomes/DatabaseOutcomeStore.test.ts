import { Knex } from 'knex';
import { createTestDatabases, insertTrainRow, testDatabaseService } from '../__testUtils__/databases';
import { REMINDER_LEASE_MS, staleReminderClaimsBefore } from '../database/reminderLease';
import { DatabaseOutcomeStore } from './DatabaseOutcomeStore';

const TRAIN_ID = '00000000-0000-4000-8000-000000000001';
const OTHER_TRAIN_ID = '00000000-0000-4000-8000-000000000002';
const PAYMENTS = 'component:default/payments';
const STOREFRONT = 'component:default/storefront';

async function insertTrain(knex: Knex, id: string, status = 'active') {
  await insertTrainRow(knex, {
    id,
    name: `train ${id.slice(-1)}`,
    objective: 'Ship one-click checkout',
    status,
    currentStage: 'deployment',
    createdAt: '2026-11-01T10:00:00Z',
  });
}

describe('DatabaseOutcomeStore', () => {
  const databases = createTestDatabases();

  async function setUp(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    const store = await DatabaseOutcomeStore.create({ database: testDatabaseService(knex) });
    await insertTrain(knex, TRAIN_ID);
    await insertTrain(knex, OTHER_TRAIN_ID, 'released');
    return { knex, store };
  }

  it.each(databases.eachSupportedId())(
    'stores deployments, updates them and lists the facts by period, on %s',
    async databaseId => {
      const { knex, store } = await setUp(databaseId);
      const reported = {
        trainId: TRAIN_ID,
        participantRef: PAYMENTS,
        ownerRef: 'group:default/team-pay',
        environment: 'production',
        deploymentId: 'deploy-1',
        version: '5.1.0',
        startedAt: '2026-11-20T10:00:00.123Z',
        hotfix: false,
        reporter: 'demo-ci',
      };
      const started = await store.transaction(async tx => {
        const deployment = await tx.insertDeployment(reported);
        await tx.appendDecision({
          trainId: TRAIN_ID,
          entityRef: PAYMENTS,
          actorRef: 'demo-ci',
          action: 'deployment.reported',
          subject: 'production#deploy-1',
          after: { startedAt: deployment.startedAt },
        });
        return deployment;
      });
      // Read back as reported, to the millisecond.
      expect(started).toMatchObject(reported);
      expect(started).not.toHaveProperty('finishedAt');
      expect(started).not.toHaveProperty('result');

      const finished = await store.updateDeployment(started.id, {
        finishedAt: '2026-11-20T10:12:00.000Z',
        result: 'rolled-back',
        rollbackStartedAt: '2026-11-20T10:15:00.000Z',
        rollbackFinishedAt: '2026-11-20T10:21:30.500Z',
      });
      expect(finished).toMatchObject({
        id: started.id,
        finishedAt: '2026-11-20T10:12:00.000Z',
        result: 'rolled-back',
        rollbackStartedAt: '2026-11-20T10:15:00.000Z',
        rollbackFinishedAt: '2026-11-20T10:21:30.500Z',
      });
      expect(await store.getDeployment(TRAIN_ID, 'deploy-1')).toEqual(finished);
      expect(await store.getDeployment(OTHER_TRAIN_ID, 'deploy-1')).toBeUndefined();

      await store.insertDeployment({
        trainId: TRAIN_ID,
        participantRef: STOREFRONT,
        environment: 'staging',
        deploymentId: 'deploy-2',
        startedAt: '2026-11-19T09:00:00.000Z',
        hotfix: false,
        reporter: 'demo-ci',
      });
      await store.insertDeployment({
        trainId: OTHER_TRAIN_ID,
        participantRef: PAYMENTS,
        environment: 'production',
        deploymentId: 'deploy-1',
        startedAt: '2026-11-21T09:00:00.000Z',
        finishedAt: '2026-11-21T09:05:00.000Z',
        result: 'succeeded',
        hotfix: true,
        reporter: 'demo-ci',
      });

      const page = { limit: 50, offset: 0 };
      const ofTrain = await store.listTrainDeployments(TRAIN_ID, page);
      expect(ofTrain.items.map(d => d.deploymentId)).toEqual(['deploy-1', 'deploy-2']);
      expect(ofTrain.totalCount).toBe(2);
      expect(
        (await store.listTrainDeployments(TRAIN_ID, { ...page, environment: 'staging' })).items.map(
          d => d.participantRef,
        ),
      ).toEqual([STOREFRONT]);
      expect(
        await store.listTrainDeployments(TRAIN_ID, { ...page, participantRef: 'component:x/y' }),
      ).toEqual({ items: [], totalCount: 0 });

      // Half-open periods, oldest first, across trains.
      const facts = await store.listDeployments({
        from: new Date('2026-11-19T09:00:00.000Z'),
        to: new Date('2026-11-21T09:00:00.000Z'),
      });
      expect(facts.map(d => [d.trainId, d.deploymentId])).toEqual([
        [TRAIN_ID, 'deploy-2'],
        [TRAIN_ID, 'deploy-1'],
      ]);
      const production = await store.listDeployments({
        from: new Date('2026-11-01T00:00:00Z'),
        to: new Date('2026-12-01T00:00:00Z'),
        environment: 'production',
      });
      expect(production.map(d => [d.trainId, d.hotfix])).toEqual([
        [TRAIN_ID, false],
        [OTHER_TRAIN_ID, true],
      ]);

      // The decision log got its entry; a throwing transaction writes nothing.
      await expect(
        store.transaction(async tx => {
          await tx.appendDecision({
            trainId: TRAIN_ID,
            actorRef: 'demo-ci',
            action: 'deployment.reported',
            subject: 'x',
          });
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      const decisions = await knex('train_decisions').where('train_id', TRAIN_ID);
      expect(decisions).toHaveLength(1);
      expect(JSON.parse(decisions[0].after)).toEqual({ startedAt: '2026-11-20T10:00:00.123Z' });

      // One CI id names one deployment per train.
      await expect(
        store.insertDeployment({
          trainId: TRAIN_ID,
          participantRef: STOREFRONT,
          environment: 'production',
          deploymentId: 'deploy-1',
          startedAt: '2026-11-22T09:00:00.000Z',
          hotfix: false,
          reporter: 'demo-ci',
        }),
      ).rejects.toThrow();
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    "pages a train's deployments newest first, filtered, with the count of all that match, on %s",
    async databaseId => {
      const { knex, store } = await setUp(databaseId);
      // Seven of this train, on two environments and two participants; two start at once.
      const starts: [string, string, string, string][] = [
        ['d1', PAYMENTS, 'staging', '2026-11-18T10:00:00.000Z'],
        ['d2', PAYMENTS, 'production', '2026-11-19T10:00:00.000Z'],
        ['d3', STOREFRONT, 'staging', '2026-11-19T10:00:00.000Z'],
        ['d4', STOREFRONT, 'production', '2026-11-20T10:00:00.000Z'],
        ['d5', PAYMENTS, 'production', '2026-11-21T10:00:00.000Z'],
        ['d6', STOREFRONT, 'production', '2026-11-22T10:00:00.000Z'],
        ['d7', PAYMENTS, 'staging', '2026-11-23T10:00:00.000Z'],
      ];
      for (const [deploymentId, participantRef, environment, startedAt] of starts) {
        await store.insertDeployment({
          trainId: TRAIN_ID,
          participantRef,
          environment,
          deploymentId,
          startedAt,
          hotfix: false,
          reporter: 'demo-ci',
        });
      }
      // Another train's deployments are not counted.
      await store.insertDeployment({
        trainId: OTHER_TRAIN_ID,
        participantRef: PAYMENTS,
        environment: 'production',
        deploymentId: 'd1',
        startedAt: '2026-11-24T10:00:00.000Z',
        hotfix: false,
        reporter: 'demo-ci',
      });
      const ids = (page: { items: { deploymentId: string }[] }) =>
        page.items.map(d => d.deploymentId);

      const pages = await Promise.all(
        [0, 3, 6].map(offset => store.listTrainDeployments(TRAIN_ID, { limit: 3, offset })),
      );
      expect(pages.map(page => page.totalCount)).toEqual([7, 7, 7]);
      // Newest first; of two that started at once, the one reported later first.
      expect(pages.map(ids)).toEqual([['d7', 'd6', 'd5'], ['d4', 'd3', 'd2'], ['d1']]);
      expect(await store.listTrainDeployments(TRAIN_ID, { limit: 3, offset: 7 })).toEqual({
        items: [],
        totalCount: 7,
      });

      const production = await store.listTrainDeployments(TRAIN_ID, {
        environment: 'production',
        limit: 2,
        offset: 2,
      });
      expect(production.totalCount).toBe(4);
      expect(ids(production)).toEqual(['d4', 'd2']);
      const storefront = await store.listTrainDeployments(TRAIN_ID, {
        participantRef: STOREFRONT,
        limit: 2,
        offset: 0,
      });
      expect(storefront.totalCount).toBe(3);
      expect(ids(storefront)).toEqual(['d6', 'd4']);
      const both = await store.listTrainDeployments(TRAIN_ID, {
        environment: 'staging',
        participantRef: PAYMENTS,
        limit: 1,
        offset: 1,
      });
      expect(both).toMatchObject({ totalCount: 2, items: [{ deploymentId: 'd1' }] });
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps one rollback plan per participant and summarises drills, on %s',
    async databaseId => {
      const { knex, store } = await setUp(databaseId);
      await store.saveRollbackPlan({
        trainId: TRAIN_ID,
        entityRef: PAYMENTS,
        criteria: 'Error rate above 2%',
        procedureUrl: 'https://runbooks.example.com/payments',
        updatedBy: 'user:default/bob',
        updatedAt: '2026-11-20T10:00:00.000Z',
      });
      const revised = {
        trainId: TRAIN_ID,
        entityRef: PAYMENTS,
        criteria: 'Error rate above 1%',
        procedureUrl: 'https://runbooks.example.com/payments-v2',
        updatedBy: 'user:default/alice',
        updatedAt: '2026-11-21T10:00:00.000Z',
      };
      await store.saveRollbackPlan(revised);
      // The revision replaced the first plan rather than adding a second one.
      expect(await store.listRollbackPlans(TRAIN_ID)).toEqual([revised]);
      expect(await store.getRollbackPlan(TRAIN_ID, STOREFRONT)).toBeUndefined();

      const drill = (key: string, result: 'passed' | 'failed', rehearsedAt: string) =>
        store.insertDrill({
          entityRef: PAYMENTS,
          result,
          rehearsedAt,
          idempotencyKey: key,
          reporter: 'demo-ci',
        });
      await drill('d1', 'passed', '2026-09-01T10:00:00.000Z');
      await drill('d2', 'passed', '2026-10-01T10:00:00.000Z');
      const failed = await drill('d3', 'failed', '2026-11-01T10:00:00.000Z');
      expect(failed).toMatchObject({ result: 'failed', idempotencyKey: 'd3', reporter: 'demo-ci' });
      await expect(drill('d3', 'passed', '2026-11-02T10:00:00.000Z')).rejects.toThrow();

      const summaries = await store.summarizeDrills([PAYMENTS, STOREFRONT]);
      expect(summaries.get(PAYMENTS)).toEqual({
        lastDrill: failed,
        lastPassedDrillAt: '2026-10-01T10:00:00.000Z',
      });
      expect(summaries.has(STOREFRONT)).toBe(false);
      expect(await store.findDrillByKey(PAYMENTS, 'd1')).toMatchObject({
        rehearsedAt: '2026-09-01T10:00:00.000Z',
      });
      expect(await store.findDrillByKey(STOREFRONT, 'd1')).toBeUndefined();
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'stores flags and claims each reminder once per expiry, on %s',
    async databaseId => {
      const { knex, store } = await setUp(databaseId);
      const flag = (id: number, key: string, expiresAt: string, state: 'on' | 'removed' = 'on') =>
        store.insertFlag({
          id: `00000000-0000-4000-8000-0000000000f${id}`,
          trainId: TRAIN_ID,
          participantRef: PAYMENTS,
          key,
          ownerRef: 'group:default/team-pay',
          purpose: 'Dark launch of one-click checkout',
          state,
          createdAt: '2026-11-01T10:00:00.000Z',
          createdBy: 'user:default/bob',
          expiresAt,
        });
      const soon = await flag(1, 'one-click', '2026-11-25T00:00:00.000Z');
      await flag(2, 'late', '2026-12-31T00:00:00.000Z');
      await flag(3, 'gone', '2026-11-02T00:00:00.000Z', 'removed');
      expect(soon).toMatchObject({
        key: 'one-click',
        state: 'on',
        updatedAt: '2026-11-01T10:00:00.000Z',
      });
      expect(await store.findFlag(TRAIN_ID, PAYMENTS, 'one-click')).toEqual(soon);
      const keys = (await store.listFlags(TRAIN_ID)).map(f => f.key);
      expect(keys).toEqual(['gone', 'late', 'one-click']);
      expect(await store.listFlags(TRAIN_ID, { participantRef: STOREFRONT })).toEqual([]);

      const now = new Date('2026-11-20T00:00:00.000Z');
      const remindFrom = new Date('2026-11-27T00:00:00.000Z');
      const due = await store.listFlagsDueForReminder(now, remindFrom);
      expect(due.map(f => f.key)).toEqual(['one-click']);

      const claim = (kind: 'expiring' | 'expired', at: Date, expiresAt = soon.expiresAt) =>
        store.claimFlagReminder(soon.id, kind, expiresAt, at, staleReminderClaimsBefore(at));
      expect(await claim('expiring', now)).toBe(true);
      // Another run, or another replica, finds it claimed.
      expect(await claim('expiring', now)).toBe(false);
      // Claimed is not sent: the flag stays due until the send is recorded.
      expect((await store.listFlagsDueForReminder(now, remindFrom)).map(f => f.key)).toEqual([
        'one-click',
      ]);
      await store.completeFlagReminder(soon.id, 'expiring', now, now);
      expect(await store.listFlagsDueForReminder(now, remindFrom)).toEqual([]);

      // Past the expiry the second reminder is due.
      const later = new Date('2026-11-26T00:00:00.000Z');
      const expired = await store.listFlagsDueForReminder(later, new Date('2026-12-03T00:00:00Z'));
      expect(
        expired.map(f => [f.key, Boolean(f.expiringRemindedAt), Boolean(f.expiredRemindedAt)]),
      ).toEqual([['one-click', true, false]]);
      expect(await claim('expired', later)).toBe(true);
      // A failed send gives the claim back.
      await store.releaseFlagReminder(soon.id, 'expired', later);
      expect(await claim('expired', later)).toBe(true);
      // A claim left behind by a run that stopped is taken over once the lease ran out.
      expect(await claim('expired', new Date(later.getTime() + REMINDER_LEASE_MS - 1000))).toBe(
        false,
      );
      expect(await claim('expired', new Date(later.getTime() + REMINDER_LEASE_MS + 1000))).toBe(
        true,
      );

      // A new expiry brings new reminders, clears the claim under way (its send is not
      // recorded), and a claim for the old expiry is refused.
      const extended = await store.updateFlag(soon.id, {
        expiresAt: '2027-01-15T00:00:00.000Z',
        state: 'off',
      });
      expect(extended).toMatchObject({ state: 'off', expiresAt: '2027-01-15T00:00:00.000Z' });
      expect(await claim('expiring', later)).toBe(false);
      const inFlight = new Date(later.getTime() + REMINDER_LEASE_MS + 1000);
      await store.completeFlagReminder(soon.id, 'expired', inFlight, inFlight);
      const row = await knex('feature_flags').where('id', soon.id).first();
      expect([row.expired_reminded_at, row.expired_reminder_claimed_at]).toEqual([null, null]);
      const january = await store.listFlagsDueForReminder(
        new Date('2027-01-10T00:00:00Z'),
        new Date('2027-01-17T00:00:00Z'),
      );
      expect(january.map(f => [f.key, f.expiringRemindedAt ?? null])).toEqual([
        ['late', null],
        ['one-click', null],
      ]);
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    "pages a train's flags expired first, removed last, and counts them in the database, on %s",
    async databaseId => {
      const { knex, store } = await setUp(databaseId);
      const now = new Date('2026-11-20T00:00:00.000Z');
      const expiringBy = new Date('2026-11-27T00:00:00.000Z');
      let n = 0;
      const flag = (
        key: string,
        expiresAt: string,
        state: 'on' | 'off' | 'removed' = 'on',
        trainId = TRAIN_ID,
      ) =>
        store.insertFlag({
          id: `00000000-0000-4000-8000-0000000001${String(++n).padStart(2, '0')}`,
          trainId,
          participantRef: n % 2 ? PAYMENTS : STOREFRONT,
          key,
          ownerRef: 'group:default/team-pay',
          purpose: 'Dark launch',
          state,
          createdAt: `2026-11-01T10:00:0${n % 10}.000Z`,
          createdBy: 'user:default/bob',
          expiresAt,
        });
      // Created in another order than the one they need attention in.
      await flag('later', '2027-01-01T00:00:00.000Z');
      await flag('gone', '2026-10-01T00:00:00.000Z', 'removed');
      await flag('soon', '2026-11-25T00:00:00.000Z', 'off');
      await flag('expired', '2026-11-10T00:00:00.000Z', 'off');
      // Right at the limits: expired at `now`, expiring soon at `expiringBy`.
      await flag('just-expired', now.toISOString());
      await flag('just-soon', expiringBy.toISOString());
      await flag('gone-later', '2027-02-01T00:00:00.000Z', 'removed');
      await flag('elsewhere', '2026-11-01T00:00:00.000Z', 'on', OTHER_TRAIN_ID);

      const keys = (page: { items: { key: string }[] }) => page.items.map(f => f.key);
      const pages = await Promise.all(
        [0, 3, 6].map(offset => store.queryTrainFlags(TRAIN_ID, { limit: 3, offset })),
      );
      expect(pages.map(page => page.totalCount)).toEqual([7, 7, 7]);
      expect(pages.map(keys)).toEqual([
        ['expired', 'just-expired', 'soon'],
        ['just-soon', 'later', 'gone'],
        ['gone-later'],
      ]);
      expect(await store.queryTrainFlags(OTHER_TRAIN_ID, { limit: 3, offset: 0 })).toMatchObject({
        totalCount: 1,
        items: [{ key: 'elsewhere' }],
      });

      expect(await store.countTrainFlags(TRAIN_ID, { now, expiringBy })).toEqual({
        inUse: 5,
        expired: 2,
        expiringSoon: 2,
        removed: 2,
      });
      // A train without flags counts none.
      await insertTrain(knex, '00000000-0000-4000-8000-000000000003');
      expect(
        await store.countTrainFlags('00000000-0000-4000-8000-000000000003', { now, expiringBy }),
      ).toEqual({ inUse: 0, expired: 0, expiringSoon: 0, removed: 0 });
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'leaves the schema alone when migrations are skipped, on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const database = testDatabaseService(knex, { skipMigrations: true });
      await DatabaseOutcomeStore.create({ database });
      expect(await knex.schema.hasTable('deployments')).toBe(false);
      await knex.destroy();
    },
  );
});
