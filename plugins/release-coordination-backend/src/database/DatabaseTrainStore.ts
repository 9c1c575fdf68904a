import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  Page,
  ReleaseTrainStatus,
  ReleaseTrainSummary,
} from '@release-coordination/plugin-release-coordination-common';
import { Knex } from 'knex';
import { applyDatabaseMigrations } from './migrations';
import { TrainListOptions, TrainStore } from './TrainStore';

interface TrainRow {
  id: string;
  name: string;
  objective: string;
  ambassador_ref: string;
  status: string;
  current_stage: string;
  created_at: Date | string;
  updated_at: Date | string;
}

/** SQLite returns timestamps as strings or epoch numbers, PostgreSQL as Date objects. */
function toIsoString(value: Date | string | number): string {
  return new Date(value).toISOString();
}

function toSummary(row: TrainRow): ReleaseTrainSummary {
  return {
    id: row.id,
    name: row.name,
    objective: row.objective,
    ambassadorRef: row.ambassador_ref,
    status: row.status as ReleaseTrainStatus,
    currentStage: row.current_stage,
    createdAt: toIsoString(row.created_at),
    updatedAt: toIsoString(row.updated_at),
  };
}

/** The knex implementation of {@link TrainStore}. */
export class DatabaseTrainStore implements TrainStore {
  /** Connects to the plugin's database and runs migrations unless `migrations.skip` is set. */
  static async create(options: { database: DatabaseService }): Promise<DatabaseTrainStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await applyDatabaseMigrations(client);
    }
    return new DatabaseTrainStore(client);
  }

  constructor(private readonly db: Knex) {}

  async listTrains(options: TrainListOptions): Promise<Page<ReleaseTrainSummary>> {
    const filtered = this.db<TrainRow>('release_trains').modify(query => {
      if (options.status) query.where('status', options.status);
    });
    const [rows, [{ count }]] = await Promise.all([
      filtered
        .clone()
        .select('*')
        .orderBy([
          { column: 'created_at', order: 'desc' },
          { column: 'id', order: 'asc' },
        ])
        .limit(options.limit)
        .offset(options.offset),
      filtered.clone().count({ count: '*' }),
    ]);
    return { items: rows.map(toSummary), totalCount: Number(count) };
  }
}
