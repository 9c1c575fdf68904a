import { DatabaseService } from '@backstage/backend-plugin-api';
import { Clock } from '@release-coordination/plugin-release-coordination-node';
import {
  ActionItem,
  ActionItemStatus,
  Page,
  RetrospectiveColumn,
  RetrospectiveNote,
} from '@release-coordination/plugin-release-coordination-common';
import { Knex } from 'knex';
import { Time, optionalIsoString, toIsoString } from '../database/columns';
import {
  KnexStoreSession,
  retryingTransaction,
} from '../database/knexStore';
import { connectStoreDatabase } from '../database/migrations';
import { PageRequest, selectPage } from '../database/paging';
import { VersionConflictError } from '../trains/TrainStore';
import {
  ActionItemFact,
  ActionItemFilter,
  ActionItemPatch,
  NewActionItem,
  NoteQuery,
  RetrospectiveStore,
  RetrospectiveStoreSession,
  RetrospectiveTrain,
} from './RetrospectiveStore';

interface NoteRow {
  id: string;
  train_id: string;
  board_column: string;
  text: string;
  author_ref: string;
  created_at: Time;
}

interface ActionItemRow {
  id: string;
  train_id: string;
  title: string;
  owner_ref: string;
  status: string;
  due_at: Time | null;
  created_at: Time;
  updated_at: Time;
  closed_at: Time | null;
  reminded_at: Time | null;
  version: number;
}

function toNote(row: NoteRow): RetrospectiveNote {
  return {
    id: row.id,
    trainId: row.train_id,
    column: row.board_column as RetrospectiveColumn,
    text: row.text,
    authorRef: row.author_ref,
    createdAt: toIsoString(row.created_at),
  };
}

function toActionItem(row: ActionItemRow, trainName: string): ActionItem {
  const dueAt = optionalIsoString(row.due_at);
  const closedAt = optionalIsoString(row.closed_at);
  return {
    id: row.id,
    trainId: row.train_id,
    trainName,
    title: row.title,
    ownerRef: row.owner_ref,
    ...(dueAt ? { dueAt } : {}),
    status: row.status as ActionItemStatus,
    createdAt: toIsoString(row.created_at),
    updatedAt: toIsoString(row.updated_at),
    ...(closedAt ? { closedAt } : {}),
    version: Number(row.version),
  };
}

const withTrainName = (row: ActionItemRow & { train_name: string }) =>
  toActionItem(row, row.train_name);

/** A time column's value from an ISO string, `null` to clear it. */
const timeValue = (value: string | null | undefined) => {
  if (value === undefined || value === null) return value;
  return new Date(value);
};

/** Queries against the database or an open transaction. */
class KnexRetrospectiveSession extends KnexStoreSession implements RetrospectiveStoreSession {
  // Not useless: it makes the base class's protected constructor public for the store.
  // eslint-disable-next-line @typescript-eslint/no-useless-constructor
  constructor(db: Knex | Knex.Transaction, clock?: Clock) {
    super(db, clock);
  }

  async getTrain(
    trainId: string,
    options?: { lock?: boolean },
  ): Promise<RetrospectiveTrain | undefined> {
    const query = this.db('release_trains').where('id', trainId);
    const row = await this.locked(query, options?.lock).first(
      'id',
      'name',
      'ambassador_ref',
      'created_at',
    );
    return row
      ? {
          id: row.id,
          name: row.name,
          ambassadorRef: row.ambassador_ref,
          createdAt: toIsoString(row.created_at),
        }
      : undefined;
  }

  async countNotes(trainId: string): Promise<number> {
    const [{ count }] = await this.db('retrospective_notes')
      .where('train_id', trainId)
      .count({ count: '*' });
    return Number(count);
  }

  async getNote(noteId: string) {
    const row = await this.db<NoteRow>('retrospective_notes').where('id', noteId).first();
    return row ? toNote(row) : undefined;
  }

  async insertNote(note: RetrospectiveNote) {
    await this.db('retrospective_notes').insert({
      id: note.id,
      train_id: note.trainId,
      board_column: note.column,
      text: note.text,
      author_ref: note.authorRef,
      created_at: new Date(note.createdAt),
    });
  }

  async deleteNote(noteId: string) {
    await this.db('retrospective_notes').where('id', noteId).delete();
  }

  async getActionItem(itemId: string, options?: { lock?: boolean }) {
    // The item alone is locked: locking its train too would queue behind a stage advance.
    const query = this.db<ActionItemRow>('action_items').where('id', itemId);
    const row = await this.locked(query, options?.lock).first();
    if (!row) return undefined;
    const train = await this.db('release_trains').where('id', row.train_id).first('name');
    return toActionItem(row, train?.name ?? '');
  }

  async insertActionItem(item: NewActionItem) {
    await this.db('action_items').insert({
      id: item.id,
      train_id: item.trainId,
      title: item.title,
      owner_ref: item.ownerRef,
      status: 'open',
      due_at: item.dueAt ? new Date(item.dueAt) : null,
      created_at: new Date(item.createdAt),
      updated_at: new Date(item.createdAt),
      closed_at: null,
      reminded_at: null,
      version: 0,
    });
  }

  async updateActionItem(itemId: string, expectedVersion: number, patch: ActionItemPatch) {
    const values: Record<string, unknown> = {
      ...(patch.title !== undefined ? { title: patch.title } : {}),
      ...(patch.ownerRef !== undefined ? { owner_ref: patch.ownerRef } : {}),
      ...(patch.status !== undefined ? { status: patch.status } : {}),
      ...(patch.dueAt !== undefined ? { due_at: timeValue(patch.dueAt) } : {}),
      ...(patch.closedAt !== undefined ? { closed_at: timeValue(patch.closedAt) } : {}),
      // A claim under way was for the old due date: its send is no longer recorded as sent.
      ...(patch.remindedAt === null ? { reminded_at: null, reminder_claimed_at: null } : {}),
      updated_at: new Date(patch.updatedAt),
      version: expectedVersion + 1,
    };
    const updated = await this.db('action_items')
      .where({ id: itemId, version: expectedVersion })
      .update(values);
    if (updated !== 1) throw new VersionConflictError(`Action item ${itemId}`);
  }
}

/** The knex implementation of {@link RetrospectiveStore}. */
export class DatabaseRetrospectiveStore
  extends KnexRetrospectiveSession
  implements RetrospectiveStore
{
  /** Connects to the plugin's database and runs migrations unless `migrations.skip` is set. */
  static async create(options: {
    database: DatabaseService;
    clock?: Clock;
  }): Promise<DatabaseRetrospectiveStore> {
    const knex = await connectStoreDatabase(options.database);
    return new DatabaseRetrospectiveStore(knex, options.clock);
  }

  private readonly knex: Knex;

  private constructor(knex: Knex, clock?: Clock) {
    super(knex, clock);
    this.knex = knex;
  }

  async queryNotes(trainId: string, query: NoteQuery): Promise<Page<RetrospectiveNote>> {
    const filtered = this.knex('retrospective_notes')
      .where('train_id', trainId)
      .modify(q => {
        if (query.column) q.where('board_column', query.column);
      });
    const { rows, totalCount } = await selectPage<NoteRow>(
      filtered.clone().orderBy([
        { column: 'created_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]),
      filtered.clone(),
      query,
    );
    return { items: rows.map(toNote), totalCount };
  }

  private itemsWithTrainName() {
    return this.knex('action_items as a')
      .join('release_trains as t', 't.id', 'a.train_id')
      .select('a.*', 't.name as train_name');
  }

  async queryActionItems(filter: ActionItemFilter): Promise<Page<ActionItem>> {
    const filtered = this.knex('action_items').modify(query => {
      if (filter.trainId) query.where('train_id', filter.trainId);
      if (filter.ownerRef) query.where('owner_ref', filter.ownerRef);
      if (filter.status) query.where('status', filter.status);
    });
    const [rows, [{ count }]] = await Promise.all([
      this.itemsWithTrainName()
        .modify(query => {
          if (filter.trainId) query.where('a.train_id', filter.trainId);
          if (filter.ownerRef) query.where('a.owner_ref', filter.ownerRef);
          if (filter.status) query.where('a.status', filter.status);
        })
        .orderBy([
          { column: 'a.created_at', order: 'asc' },
          { column: 'a.id', order: 'asc' },
        ])
        .limit(filter.limit)
        .offset(filter.offset),
      filtered.count({ count: '*' }),
    ]);
    return { items: rows.map(withTrainName), totalCount: Number(count) };
  }

  async queryCarriedOver(
    trainId: string,
    ownerRefs: string[],
    page: PageRequest,
  ): Promise<Page<ActionItem>> {
    if (ownerRefs.length === 0) return { items: [], totalCount: 0 };
    // Open items by owner: the owner and status index finds them.
    const filtered = this.knex('action_items as a')
      .join('release_trains as t', 't.id', 'a.train_id')
      .where('a.status', 'open')
      .whereIn('a.owner_ref', ownerRefs)
      // Trains created earlier than this one; the comparison stays inside the database, so
      // times are compared as each engine stores them.
      .where(
        't.created_at',
        '<',
        this.knex('release_trains').select('created_at').where('id', trainId),
      );
    const { rows, totalCount } = await selectPage<ActionItemRow & { train_name: string }>(
      filtered
        .clone()
        .select('a.*', 't.name as train_name')
        .orderBy([
          { column: 'a.created_at', order: 'asc' },
          { column: 'a.id', order: 'asc' },
        ]),
      filtered.clone(),
      page,
    );
    return { items: rows.map(withTrainName), totalCount };
  }

  async listActionItems(range: { from?: Date; to?: Date }): Promise<ActionItemFact[]> {
    const rows: ActionItemRow[] = await this.knex<ActionItemRow>('action_items')
      .modify(query => {
        if (range.from) query.where('created_at', '>=', range.from);
        if (range.to) query.where('created_at', '<', range.to);
      })
      .orderBy([
        { column: 'created_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    return rows.map(row => {
      const { trainName: _name, title: _title, updatedAt: _u, version: _v, ...fact } =
        toActionItem(row, '');
      return fact;
    });
  }

  async listOverdueUnreminded(now: Date) {
    const rows = await this.itemsWithTrainName()
      .where('a.status', 'open')
      .whereNotNull('a.due_at')
      .where('a.due_at', '<', now)
      .whereNull('a.reminded_at')
      .orderBy([
        { column: 'a.due_at', order: 'asc' },
        { column: 'a.id', order: 'asc' },
      ]);
    return rows.map(withTrainName);
  }

  async claimReminder(itemId: string, at: Date, staleBefore: Date) {
    const updated = await this.knex('action_items')
      .where({ id: itemId, status: 'open' })
      .whereNull('reminded_at')
      .andWhere(unclaimed =>
        unclaimed
          .whereNull('reminder_claimed_at')
          .orWhere('reminder_claimed_at', '<', staleBefore),
      )
      .update({ reminder_claimed_at: at });
    return updated === 1;
  }

  async completeReminder(itemId: string, claimedAt: Date, at: Date) {
    await this.knex('action_items')
      .where({ id: itemId, reminder_claimed_at: claimedAt })
      .update({ reminded_at: at, reminder_claimed_at: null });
  }

  async releaseReminder(itemId: string, claimedAt: Date) {
    await this.knex('action_items')
      .where({ id: itemId, reminder_claimed_at: claimedAt })
      .update({ reminder_claimed_at: null });
  }

  async transaction<T>(work: (session: RetrospectiveStoreSession) => Promise<T>): Promise<T> {
    return retryingTransaction(this.knex, tx => work(new KnexRetrospectiveSession(tx, this.clock)));
  }
}
