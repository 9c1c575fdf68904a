import { Knex } from 'knex';
import { VersionConflictError } from '../trains/TrainStore';
import { REMINDER_LEASE_MS, staleReminderClaimsBefore } from '../database/reminderLease';
import { createTestDatabases, insertTrainRow, testDatabaseService } from '../__testUtils__/databases';
import { DatabaseRetrospectiveStore } from './DatabaseRetrospectiveStore';

const trainId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const itemId = (n: number) => `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`;

async function insertTrain(knex: Knex, n: number, createdAt: string) {
  await insertTrainRow(knex, { id: trainId(n), name: `2026.${n}`, createdAt });
}

describe('DatabaseRetrospectiveStore', () => {
  const databases = createTestDatabases();

  /** Trains 1, 2 and 3, created a month apart. */
  async function setup(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    const store = await DatabaseRetrospectiveStore.create({ database: testDatabaseService(knex) });
    await insertTrain(knex, 1, '2026-09-01T10:00:00Z');
    await insertTrain(knex, 2, '2026-10-01T10:00:00Z');
    await insertTrain(knex, 3, '2026-11-01T10:00:00Z');
    return { knex, store };
  }

  async function addItem(
    store: DatabaseRetrospectiveStore,
    n: number,
    train: number,
    ownerRef: string,
    extra: { dueAt?: string; createdAt?: string } = {},
  ) {
    await store.insertActionItem({
      id: itemId(n),
      trainId: trainId(train),
      title: `Item ${n}`,
      ownerRef,
      ...(extra.dueAt ? { dueAt: extra.dueAt } : {}),
      // Mid-month of the train's own month.
      createdAt: extra.createdAt ?? `2026-${String(train + 8).padStart(2, '0')}-15T10:00:00.000Z`,
    });
  }

  /** Closes an item as done or dropped at `at`, as its first change (version 0). */
  async function closeItem(
    store: DatabaseRetrospectiveStore,
    n: number,
    status: 'done' | 'dropped',
    at: string,
  ) {
    await store.updateActionItem(itemId(n), 0, { status, closedAt: at, updatedAt: at });
  }

  it.each(databases.eachSupportedId())(
    'keeps notes and action items with their times, on %s',
    async databaseId => {
      const { knex, store } = await setup(databaseId);
      await store.insertNote({
        id: itemId(100),
        trainId: trainId(1),
        column: 'to-improve',
        text: 'Contract tests ran late',
        authorRef: 'user:default/bob',
        createdAt: '2026-09-20T10:00:00.123Z',
      });
      const page = { limit: 50, offset: 0 };
      expect(await store.queryNotes(trainId(1), page)).toEqual({
        items: [
          {
            id: itemId(100),
            trainId: trainId(1),
            column: 'to-improve',
            text: 'Contract tests ran late',
            authorRef: 'user:default/bob',
            createdAt: '2026-09-20T10:00:00.123Z',
          },
        ],
        totalCount: 1,
      });
      await store.deleteNote(itemId(100));
      expect(await store.queryNotes(trainId(1), page)).toEqual({ items: [], totalCount: 0 });

      await addItem(store, 1, 1, 'group:default/team-pay', { dueAt: '2026-10-15T00:00:00.000Z' });
      expect(await store.getActionItem(itemId(1))).toEqual({
        id: itemId(1),
        trainId: trainId(1),
        trainName: '2026.1',
        title: 'Item 1',
        ownerRef: 'group:default/team-pay',
        dueAt: '2026-10-15T00:00:00.000Z',
        status: 'open',
        createdAt: '2026-09-15T10:00:00.000Z',
        updatedAt: '2026-09-15T10:00:00.000Z',
        version: 0,
      });

      await store.updateActionItem(itemId(1), 0, {
        status: 'done',
        closedAt: '2026-10-01T12:00:00.000Z',
        dueAt: null,
        updatedAt: '2026-10-01T12:00:00.000Z',
      });
      await expect(
        store.updateActionItem(itemId(1), 0, { title: 'Lost', updatedAt: '2026-10-02T00:00:00Z' }),
      ).rejects.toBeInstanceOf(VersionConflictError);
      const closed = await store.getActionItem(itemId(1));
      expect(closed).toMatchObject({
        status: 'done',
        closedAt: '2026-10-01T12:00:00.000Z',
        title: 'Item 1',
        version: 1,
      });
      expect(closed).not.toHaveProperty('dueAt');
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'carries over the open items of earlier trains only, on %s',
    async databaseId => {
      const { knex, store } = await setup(databaseId);
      await addItem(store, 1, 1, 'group:default/team-pay');
      await addItem(store, 2, 1, 'component:default/payments');
      await addItem(store, 3, 1, 'group:default/team-web');
      await addItem(store, 4, 2, 'group:default/team-pay');
      await addItem(store, 5, 3, 'group:default/team-pay');
      await closeItem(store, 2, 'dropped', '2026-10-01T00:00:00Z');
      const refs = ['component:default/payments', 'group:default/team-pay'];
      const ids = (items: { id: string }[]) => items.map(item => item.id);

      const page = { limit: 50, offset: 0 };
      const none = { items: [], totalCount: 0 };
      const carriedOver = (train: number, ownerRefs: string[], paging = page) =>
        store.queryCarriedOver(trainId(train), ownerRefs, paging);

      // Train 3 sees the open items of trains 1 and 2, not its own nor the dropped one.
      expect(ids((await carriedOver(3, refs)).items)).toEqual([itemId(1), itemId(4)]);
      expect((await carriedOver(3, refs)).totalCount).toBe(2);
      expect(ids((await carriedOver(2, refs)).items)).toEqual([itemId(1)]);
      expect(await carriedOver(1, refs)).toEqual(none);
      expect(await carriedOver(3, [])).toEqual(none);
      expect((await carriedOver(3, refs)).items[0]).toMatchObject({
        trainName: '2026.1',
        status: 'open',
      });

      // A page at a time, oldest first, the count over all of them.
      expect(await carriedOver(3, refs, { limit: 1, offset: 0 })).toMatchObject({
        totalCount: 2,
        items: [{ id: itemId(1) }],
      });
      expect(await carriedOver(3, refs, { limit: 1, offset: 1 })).toMatchObject({
        totalCount: 2,
        items: [{ id: itemId(4), trainName: '2026.2' }],
      });
      expect(await carriedOver(3, refs, { limit: 1, offset: 2 })).toEqual({
        items: [],
        totalCount: 2,
      });

      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    "pages a train's notes oldest first, per column of the board, on %s",
    async databaseId => {
      const { knex, store } = await setup(databaseId);
      // Five notes on train 1 in two columns, two of them written at once; one on train 2.
      const notes: [number, number, 'went-well' | 'to-improve', string][] = [
        [1, 1, 'to-improve', '2026-09-20T10:00:00.000Z'],
        [2, 1, 'went-well', '2026-09-20T10:01:00.000Z'],
        [3, 1, 'to-improve', '2026-09-20T10:02:00.000Z'],
        [4, 1, 'to-improve', '2026-09-20T10:02:00.000Z'],
        [5, 1, 'went-well', '2026-09-20T10:03:00.000Z'],
        [6, 2, 'went-well', '2026-10-20T10:00:00.000Z'],
      ];
      // Inserted newest first: the order comes from the query, not from the table.
      for (const [n, train, column, createdAt] of [...notes].reverse()) {
        await store.insertNote({
          id: itemId(100 + n),
          trainId: trainId(train),
          column,
          text: `Note ${n}`,
          authorRef: 'user:default/bob',
          createdAt,
        });
      }
      const texts = (page: { items: { text: string }[] }) => page.items.map(note => note.text);

      const all = await Promise.all(
        [0, 2, 4].map(offset => store.queryNotes(trainId(1), { limit: 2, offset })),
      );
      expect(all.map(page => page.totalCount)).toEqual([5, 5, 5]);
      // Oldest first; of two written at once, by id.
      expect(all.map(texts)).toEqual([['Note 1', 'Note 2'], ['Note 3', 'Note 4'], ['Note 5']]);

      const toImprove = await store.queryNotes(trainId(1), {
        column: 'to-improve',
        limit: 2,
        offset: 1,
      });
      expect(toImprove.totalCount).toBe(3);
      expect(texts(toImprove)).toEqual(['Note 3', 'Note 4']);
      expect(
        await store.queryNotes(trainId(1), { column: 'went-well', limit: 2, offset: 2 }),
      ).toEqual({ items: [], totalCount: 2 });
      expect(
        texts(await store.queryNotes(trainId(2), { column: 'went-well', limit: 2, offset: 0 })),
      ).toEqual(['Note 6']);
      expect(await store.queryNotes(trainId(3), { limit: 2, offset: 0 })).toEqual({
        items: [],
        totalCount: 0,
      });
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'filters and pages action items, and lists facts for scorecards, on %s',
    async databaseId => {
      const { knex, store } = await setup(databaseId);
      await addItem(store, 1, 1, 'group:default/team-pay', { createdAt: '2026-09-10T00:00:00Z' });
      await addItem(store, 2, 1, 'group:default/team-web', { createdAt: '2026-09-11T00:00:00Z' });
      await addItem(store, 3, 2, 'group:default/team-pay', {
        createdAt: '2026-10-10T00:00:00Z',
        dueAt: '2026-10-20T00:00:00Z',
      });
      await closeItem(store, 3, 'done', '2026-10-18T00:00:00Z');

      const teamPay = await store.queryActionItems({
        ownerRef: 'group:default/team-pay',
        limit: 10,
        offset: 0,
      });
      expect(teamPay.totalCount).toBe(2);
      expect(teamPay.items.map(item => item.id)).toEqual([itemId(1), itemId(3)]);
      const openPage = await store.queryActionItems({ status: 'open', limit: 1, offset: 1 });
      expect(openPage).toMatchObject({ totalCount: 2, items: [{ id: itemId(2) }] });
      const ofTrain = await store.queryActionItems({ trainId: trainId(2), limit: 10, offset: 0 });
      expect(ofTrain.items.map(item => [item.id, item.trainName])).toEqual([[itemId(3), '2026.2']]);

      expect(
        await store.listActionItems({
          from: new Date('2026-09-11T00:00:00Z'),
          to: new Date('2026-11-01T00:00:00Z'),
        }),
      ).toEqual([
        {
          id: itemId(2),
          trainId: trainId(1),
          ownerRef: 'group:default/team-web',
          status: 'open',
          createdAt: '2026-09-11T00:00:00.000Z',
        },
        {
          id: itemId(3),
          trainId: trainId(2),
          ownerRef: 'group:default/team-pay',
          status: 'done',
          createdAt: '2026-10-10T00:00:00.000Z',
          dueAt: '2026-10-20T00:00:00.000Z',
          closedAt: '2026-10-18T00:00:00.000Z',
        },
      ]);
      expect(await store.listActionItems({})).toHaveLength(3);
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'claims each overdue reminder for one run, records it once sent, and takes over a claim left behind, on %s',
    async databaseId => {
      const { knex, store } = await setup(databaseId);
      await addItem(store, 1, 1, 'group:default/team-pay', { dueAt: '2026-10-01T00:00:00Z' });
      await addItem(store, 2, 1, 'group:default/team-web', { dueAt: '2026-12-01T00:00:00Z' });
      await addItem(store, 3, 1, 'group:default/team-web');
      const now = new Date('2026-11-01T00:00:00Z');
      const claim = (at: Date) => store.claimReminder(itemId(1), at, staleReminderClaimsBefore(at));

      expect((await store.listOverdueUnreminded(now)).map(item => item.id)).toEqual([itemId(1)]);
      expect(await claim(now)).toBe(true);
      // Another run, or another replica, within the lease.
      expect(await claim(new Date(now.getTime() + REMINDER_LEASE_MS - 1000))).toBe(false);
      // Claimed is not sent: the item stays due until the send is recorded.
      expect((await store.listOverdueUnreminded(now)).map(item => item.id)).toEqual([itemId(1)]);

      await store.releaseReminder(itemId(1), now);
      expect(await claim(now)).toBe(true);

      // The run stopped before it sent: once the lease ran out, a later run takes over, and the
      // first run's late completion records nothing.
      const later = new Date(now.getTime() + REMINDER_LEASE_MS + 1000);
      expect(await claim(later)).toBe(true);
      await store.completeReminder(itemId(1), now, now);
      expect((await store.listOverdueUnreminded(later)).map(item => item.id)).toEqual([itemId(1)]);
      await store.completeReminder(itemId(1), later, later);
      expect(await store.listOverdueUnreminded(later)).toEqual([]);
      expect(await claim(new Date(later.getTime() + 2 * REMINDER_LEASE_MS))).toBe(false);

      // A closed item is not claimed, even when it is past its due date.
      await closeItem(store, 1, 'done', now.toISOString());
      await knex('action_items').where('id', itemId(1)).update({ reminded_at: null });
      expect(await claim(later)).toBe(false);
      expect(await store.listOverdueUnreminded(later)).toEqual([]);
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'rolls back a transaction with its decision, and retries a lost compare-and-set, on %s',
    async databaseId => {
      const { knex, store } = await setup(databaseId);
      await addItem(store, 1, 1, 'group:default/team-pay');
      const decision = {
        trainId: trainId(1),
        actorRef: 'user:default/alice',
        action: 'action-item.updated' as const,
        subject: itemId(1),
      };
      let attempts = 0;
      await store.transaction(async tx => {
        attempts++;
        await tx.appendDecision(decision);
        // The first attempt read a stale version, as if another writer had been faster.
        await tx.updateActionItem(itemId(1), attempts === 1 ? 7 : 0, {
          title: 'Rehearse rollback',
          updatedAt: new Date().toISOString(),
        });
      });
      expect(attempts).toBe(2);
      await expect(
        store.transaction(async tx => {
          await tx.appendDecision(decision);
          throw new Error('bad input');
        }),
      ).rejects.toThrow('bad input');
      const rows = await knex('train_decisions').where('subject', itemId(1));
      expect(rows).toHaveLength(1);
      expect(await store.getActionItem(itemId(1))).toMatchObject({
        title: 'Rehearse rollback',
        version: 1,
      });
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'leaves the schema alone when migrations are skipped, on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const database = testDatabaseService(knex, { skipMigrations: true });
      await DatabaseRetrospectiveStore.create({ database });
      expect(await knex.schema.hasTable('action_items')).toBe(false);
      await knex.destroy();
    },
  );
});
