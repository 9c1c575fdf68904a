import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { createTestDatabases, insertTrainRow, testDatabaseService } from '../__testUtils__/databases';
import { TrainNotification } from '../trains/announcements';
import { DatabaseOutcomeStore } from './DatabaseOutcomeStore';
import { sendFlagReminders } from './flagReminders';

const TRAIN_ID = '00000000-0000-4000-8000-000000000001';

describe('sendFlagReminders', () => {
  const databases = createTestDatabases();

  async function setUp(databaseId: Parameters<typeof databases.init>[0]) {
    const knex: Knex = await databases.init(databaseId);
    const store = await DatabaseOutcomeStore.create({ database: testDatabaseService(knex) });
    await insertTrainRow(knex, {
      id: TRAIN_ID,
      name: '2026.12',
      status: 'released',
      currentStage: 'deployment',
      createdAt: '2026-11-01T00:00:00Z',
    });
    const flag = (id: string, key: string, expiresAt: string, state: 'on' | 'removed' = 'on') =>
      store.insertFlag({
        id: `00000000-0000-4000-8000-00000000000${id}`,
        trainId: TRAIN_ID,
        participantRef: 'component:default/payments',
        key,
        ownerRef: 'group:default/team-pay',
        purpose: 'Dark launch',
        state,
        createdAt: '2026-11-01T00:00:00Z',
        createdBy: 'user:default/bob',
        expiresAt,
      });
    await flag('1', 'one-click', '2026-11-24T00:00:00Z');
    await flag('2', 'far-away', '2027-03-01T00:00:00Z');
    await flag('3', 'forgotten', '2026-11-10T00:00:00Z');
    await flag('4', 'gone', '2026-11-10T00:00:00Z', 'removed');
    const sent: TrainNotification[] = [];
    const run = (now: string, send = async (n: TrainNotification) => void sent.push(n)) =>
      sendFlagReminders({
        store,
        trains: { getTrain: async () => ({ name: '2026.12' }) as any },
        notifications: { send },
        logger: mockServices.logger.mock(),
        remindBeforeDays: 7,
        clock: { now: () => new Date(now) },
      });
    return { knex, store, sent, run };
  }

  it.each(databases.eachSupportedId())(
    'reminds each owner once before the expiry and once after it, on %s',
    async databaseId => {
      const { knex, sent, run } = await setUp(databaseId);

      expect(await run('2026-11-20T00:00:00Z')).toBe(2);
      expect(sent.map(n => n.payload.title)).toEqual([
        "Feature flag 'forgotten' of component:default/payments has expired",
        "Feature flag 'one-click' of component:default/payments expires in 4 day(s)",
      ]);
      expect(sent[1]).toMatchObject({
        recipients: { type: 'entity', entityRef: 'group:default/team-pay' },
        payload: { topic: 'release-coordination.flag-expiry', severity: 'normal' },
      });
      // Opens the train page on its Rollback & flags tab.
      expect(sent[0].payload.link).toMatch(/^\/release-coordination\/trains\/[^?]+\?tab=rollback$/);
      expect(sent[0].payload.description).toMatch(/release train '2026.12'/);

      // A rerun (or another replica) sends nothing again.
      expect(await run('2026-11-20T01:00:00Z')).toBe(0);
      // Past the expiry, one more reminder; the flag seen expired at once got only one.
      expect(await run('2026-11-25T00:00:00Z')).toBe(1);
      expect(sent.map(n => n.payload.title).slice(2)).toEqual([
        "Feature flag 'one-click' of component:default/payments has expired",
      ]);
      expect(await run('2026-11-26T00:00:00Z')).toBe(0);
      expect(sent).toHaveLength(3);
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'tries again on the next run when sending failed, on %s',
    async databaseId => {
      const { knex, sent, run } = await setUp(databaseId);
      const failing = async () => {
        throw new Error('notifications are down');
      };
      expect(await run('2026-11-20T00:00:00Z', failing)).toBe(0);
      expect(await run('2026-11-20T01:00:00Z')).toBe(2);
      expect(sent).toHaveLength(2);
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'sends a reminder again whose run stopped between claim and send, and a sent one never again, on %s',
    async databaseId => {
      const { knex, sent, run } = await setUp(databaseId);
      // The backend dies while the first reminder ('forgotten', expired) is on its way: the
      // claim is made, the send never finishes, nothing is given back.
      let dying = false;
      void run('2026-11-20T00:00:00Z', () => {
        dying = true;
        return new Promise<undefined>(() => {});
      });
      await vi.waitFor(() => expect(dying).toBe(true));

      // Another replica within the lease leaves it to the run that claimed it.
      expect(await run('2026-11-20T00:05:00Z')).toBe(1);
      expect(sent.map(n => n.payload.title)).toEqual([
        "Feature flag 'one-click' of component:default/payments expires in 4 day(s)",
      ]);
      // Once the lease ran out, the next run sends it; then no run sends it again.
      expect(await run('2026-11-20T00:20:00Z')).toBe(1);
      expect(sent[1].payload.title).toBe(
        "Feature flag 'forgotten' of component:default/payments has expired",
      );
      expect(await run('2026-11-21T00:00:00Z')).toBe(0);
      expect(sent).toHaveLength(2);
      await knex.destroy();
    },
  );
});
