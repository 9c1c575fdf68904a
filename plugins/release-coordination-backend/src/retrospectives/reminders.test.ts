import { LoggerService } from '@backstage/backend-plugin-api';
import { DependencyIndex } from '../dependencies/graph';
import { Knex } from 'knex';
import { createTestDatabases, insertTrainRow, testDatabaseService } from '../__testUtils__/databases';
import { TrainNotification } from '../trains/announcements';
import { DatabaseRetrospectiveStore } from './DatabaseRetrospectiveStore';
import { REMINDER_LEASE_MS } from '../database/reminderLease';
import { ACTION_ITEM_OVERDUE_TOPIC, createActionItemReminders } from './reminders';

/** storefront is owned by team-web; ledger has no owner. */
const index = new DependencyIndex({
  nodes: [
    { ref: 'component:default/storefront', kind: 'Component', owner: 'group:default/team-web' },
    { ref: 'component:default/ledger', kind: 'Component' },
  ],
  edges: [],
  scopes: [],
  groups: [],
  users: [],
  problems: [],
});

const TRAIN_ID = '00000000-0000-4000-8000-000000000001';

describe('action item reminders', () => {
  const databases = createTestDatabases();

  async function setup(databaseId: Parameters<typeof databases.init>[0]) {
    const knex: Knex = await databases.init(databaseId);
    const store = await DatabaseRetrospectiveStore.create({ database: testDatabaseService(knex) });
    await insertTrainRow(knex, {
      id: TRAIN_ID,
      name: '2026.11',
      status: 'released',
      currentStage: 'deployment',
      createdAt: '2026-10-01T00:00:00Z',
    });
    const add = (n: number, ownerRef: string, dueAt?: string) =>
      store.insertActionItem({
        id: `00000000-0000-4000-9000-00000000000${n}`,
        trainId: TRAIN_ID,
        title: `Item ${n}`,
        ownerRef,
        ...(dueAt ? { dueAt } : {}),
        createdAt: '2026-10-20T00:00:00.000Z',
      });
    await add(1, 'group:default/team-pay', '2026-11-01T00:00:00Z');
    await add(2, 'user:default/bob', '2026-11-02T00:00:00Z');
    await add(3, 'component:default/storefront', '2026-11-03T00:00:00Z');
    await add(4, 'component:default/ledger', '2026-11-04T00:00:00Z');
    await add(5, 'group:default/team-pay', '2026-12-01T00:00:00Z');
    await add(6, 'group:default/team-pay');

    const sent: TrainNotification[] = [];
    const warnings: string[] = [];
    let failFor: string | undefined;
    const logger: LoggerService = {
      error: () => {},
      warn: message => void warnings.push(message),
      info: () => {},
      debug: () => {},
      child: () => logger,
    };
    const reminders = createActionItemReminders({
      store,
      snapshots: { current: async () => ({ meta: {} as any, index }) },
      notifications: {
        async send(notification) {
          const recipients = notification.recipients as { entityRef: string[] };
          if (recipients.entityRef.includes(failFor ?? '')) throw new Error('mail is down');
          sent.push(notification);
        },
      },
      logger,
      clock: { now: () => new Date('2026-11-20T00:00:00Z') },
    });
    return { knex, store, logger, reminders, sent, warnings, failOnce: (ref: string) => (failFor = ref), clearFailure: () => (failFor = undefined) };
  }

  it.each(databases.eachSupportedId())(
    'tells each overdue owner once, and tries again what could not be sent, on %s',
    async databaseId => {
      const { knex, reminders, sent, warnings, failOnce, clearFailure } = await setup(databaseId);
      failOnce('user:default/bob');
      expect(await reminders.sendOverdueReminders()).toEqual({ sent: 2, unsent: 2 });
      expect(sent.map(n => (n.recipients as { entityRef: string[] }).entityRef)).toEqual([
        ['group:default/team-pay'],
        // The Component's item goes to the team that owns it.
        ['group:default/team-web'],
      ]);
      expect(sent[1].payload).toMatchObject({
        title: 'Action item overdue: Item 3',
        link: `/release-coordination/trains/${TRAIN_ID}?tab=retrospective`,
        topic: ACTION_ITEM_OVERDUE_TOPIC,
      });
      expect(sent[1].payload.description).toMatch(
        /release train '2026.11' \(owned through component:default\/storefront\); it was due 2026-11-03/,
      );
      expect(warnings.join('\n')).toMatch(/component:default\/ledger has no owner/);
      expect(warnings.join('\n')).toMatch(/mail is down/);

      clearFailure();
      expect(await reminders.sendOverdueReminders()).toEqual({ sent: 1, unsent: 1 });
      expect((sent[2].recipients as { entityRef: string[] }).entityRef).toEqual(['user:default/bob']);
      const reminded = await knex('action_items').whereNotNull('reminded_at').orderBy('id');
      expect(reminded.map(row => row.title)).toEqual(['Item 1', 'Item 2', 'Item 3']);
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'sends a reminder again whose run stopped between claim and send, and a sent one never again, on %s',
    async databaseId => {
      const { knex, store, logger } = await setup(databaseId);
      const start = new Date('2026-11-20T00:00:00Z');
      const sent: string[] = [];
      const run = (at: Date, send: () => Promise<void> = async () => {}) =>
        createActionItemReminders({
          store,
          snapshots: { current: async () => ({ meta: {} as any, index }) },
          notifications: {
            async send(notification) {
              await send();
              sent.push(notification.payload.title);
            },
          },
          logger,
          clock: { now: () => at },
        }).sendOverdueReminders();

      // The backend dies while the first notification is on its way: the claim is made, the
      // send never finishes, nothing is given back.
      let dying = false;
      void run(start, () => {
        dying = true;
        return new Promise<void>(() => {});
      });
      await vi.waitFor(() => expect(dying).toBe(true));
      expect(sent).toEqual([]);

      // Another replica within the lease leaves the claimed item to the run that claimed it.
      const soon = new Date(start.getTime() + REMINDER_LEASE_MS / 2);
      expect(await run(soon)).toEqual({ sent: 2, unsent: 1 });
      expect(sent).toEqual(['Action item overdue: Item 2', 'Action item overdue: Item 3']);

      // Once the lease ran out, the next run sends it.
      const later = new Date(start.getTime() + REMINDER_LEASE_MS + 60_000);
      expect(await run(later)).toEqual({ sent: 1, unsent: 1 });
      expect(sent.slice(2)).toEqual(['Action item overdue: Item 1']);

      // Sent reminders are recorded: no run sends them again, however late.
      expect(await run(new Date(later.getTime() + 10 * REMINDER_LEASE_MS))).toEqual({
        sent: 0,
        unsent: 1,
      });
      expect(sent).toHaveLength(3);
      await knex.destroy();
    },
  );
});
