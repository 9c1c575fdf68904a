import { DatabaseService } from '@backstage/backend-plugin-api';
import { Clock } from '@release-coordination/plugin-release-coordination-node';
import { Page, TrainDecision } from '@release-coordination/plugin-release-coordination-common';
import { Knex } from 'knex';
import { fromJsonColumn, toIsoString } from '../database/columns';
import { retryingTransaction } from '../database/knexStore';
import { connectStoreDatabase } from '../database/migrations';
import {
  TrainListOptions,
  TrainRecord,
  TrainStore,
  TrainStoreSession,
} from './TrainStore';
import { selectPage } from '../database/paging';
import { pageBlockingApprovalGates } from './approvalQueue';
import {
  ParticipantRow,
  TrainRow,
  toParticipant,
  toTrainRecord,
} from './trainRows';
import { KnexTrainSession } from './KnexTrainSession';

/** The knex implementation of {@link TrainStore}. */
export class DatabaseTrainStore extends KnexTrainSession implements TrainStore {
  /** Connects to the plugin's database and runs migrations unless `migrations.skip` is set. */
  static async create(options: {
    database: DatabaseService;
    clock?: Clock;
  }): Promise<DatabaseTrainStore> {
    return new DatabaseTrainStore(await connectStoreDatabase(options.database), options.clock);
  }

  private readonly knex: Knex;

  constructor(db: Knex, clock?: Clock) {
    super(db, clock);
    this.knex = db;
  }

  async listTrains(options: TrainListOptions): Promise<Page<TrainRecord>> {
    const filtered = this.knex<TrainRow>('release_trains').modify(query => {
      if (options.status) query.where('status', options.status);
    });
    const { rows, totalCount } = await selectPage<TrainRow>(
      filtered
        .clone()
        .select('*')
        .orderBy([
          { column: 'created_at', order: 'desc' },
          { column: 'id', order: 'asc' },
        ]),
      filtered.clone(),
      options,
    );
    return { items: rows.map(toTrainRecord), totalCount };
  }

  async listDecisions(
    trainId: string,
    page: { limit: number; offset: number },
    filter: { since?: Date } = {},
  ): Promise<Page<TrainDecision>> {
    const selected = () => {
      const query = this.knex('train_decisions').where('train_id', trainId);
      if (filter.since) query.where('created_at', '>=', filter.since);
      return query;
    };
    const { rows, totalCount } = await selectPage<any>(selected().orderBy('id'), selected(), page);
    return {
      totalCount,
      items: rows.map(row => ({
        id: Number(row.id),
        trainId: row.train_id,
        ...(row.entity_ref ? { entityRef: row.entity_ref } : {}),
        actorRef: row.actor_ref,
        action: row.action,
        subject: row.subject,
        ...(row.before !== null ? { before: fromJsonColumn(row.before) } : {}),
        ...(row.after !== null ? { after: fromJsonColumn(row.after) } : {}),
        ...(row.reason ? { reason: row.reason } : {}),
        createdAt: toIsoString(row.created_at),
      })),
    };
  }

  async listParticipations(entityRefs: string[], page: { limit: number; offset: number }) {
    if (entityRefs.length === 0) return { items: [], totalCount: 0 };
    const participations = () =>
      this.knex('train_participants as p')
        .join('release_trains as t', 't.id', 'p.train_id')
        .whereIn('p.entity_ref', entityRefs)
        .whereNull('p.removed_at');
    const { rows, totalCount } = await selectPage<TrainRow & ParticipantRow>(
      participations()
        .select('t.*', 'p.entity_ref', 'p.target_version', 'p.owner_ref')
        .orderBy([
          { column: 't.created_at', order: 'desc' },
          { column: 't.id', order: 'asc' },
          { column: 'p.position', order: 'asc' },
        ]),
      participations(),
      page,
    );
    return {
      totalCount,
      items: rows.map(row => ({ train: toTrainRecord(row), participant: toParticipant(row) })),
    };
  }

  async listActiveParticipants() {
    const rows = await this.knex('train_participants as p')
      .join('release_trains as t', 't.id', 'p.train_id')
      .where('t.status', 'active')
      .whereNull('p.removed_at')
      .select('p.train_id', 'p.entity_ref', 'p.target_version', 'p.owner_ref')
      .orderBy([
        { column: 't.created_at', order: 'asc' },
        { column: 't.id', order: 'asc' },
        { column: 'p.position', order: 'asc' },
      ]);
    return rows.map(row => ({ trainId: row.train_id as string, participant: toParticipant(row) }));
  }

  listBlockingApprovalGatesOf(
    approverRefs: string[],
    options: { at: Date; limit: number; offset: number },
  ) {
    return pageBlockingApprovalGates(this.knex, approverRefs, options, ids =>
      this.listGatesByIds(ids),
    );
  }

  async listStageSnapshots(trainId: string) {
    const rows = await this.knex('train_stage_snapshots').where('train_id', trainId).orderBy('id');
    return rows.map(row => ({
      stage: row.stage,
      ...(row.to_stage ? { toStage: row.to_stage } : {}),
      dependencySnapshotVersion: Number(row.dependency_snapshot_version),
      upstreamEdges: JSON.parse(row.upstream_edges),
      takenAt: toIsoString(row.taken_at),
    }));
  }

  async transaction<T>(work: (session: TrainStoreSession) => Promise<T>): Promise<T> {
    return retryingTransaction(this.knex, tx => work(new KnexTrainSession(tx, this.clock)));
  }
}
