import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { connectStoreDatabase } from '../database/migrations';
import { PageRequest, selectPage } from '../database/paging';
import { toParticipant, toTrainRecord, TrainRow } from '../trains/trainRows';
import { PlannedTrain } from './collisions';

/** Which trains of a period: all, or those with a participant among `entityRefs` or owned by one of `ownerRefs`. */
export interface CalendarFilter {
  from: Date;
  to: Date;
  entityRefs?: string[];
  ownerRefs?: string[];
}

/** Keeps each `IN (...)` well under every engine's limit of bound parameters. */
const IN_CHUNK = 500;

/** The trains of the release calendar and of collision detection, with their participants. */
export class DatabaseCalendarStore {
  static async create(options: { database: DatabaseService }) {
    return new DatabaseCalendarStore(
      await connectStoreDatabase(options.database),
    );
  }

  private constructor(private readonly knex: Knex) {}

  /**
   * A page of the trains (but cancelled ones) whose planned span overlaps the period, earliest
   * planned start first
   * (`release_trains_planned_idx`), each with its current participants. The team, System or
   * Domain filter is an EXISTS over the participants, so the page and the total stay in SQL.
   */
  async trainsPlannedIn(
    filter: CalendarFilter,
    page: PageRequest,
  ): Promise<{ trains: PlannedTrain[]; totalCount: number }> {
    const selected = () => {
      // A cancelled train no longer plans anything: it would only crowd the calendar.
      const query = this.knex('release_trains as t')
        .where('t.planned_end', '>', filter.from)
        .where('t.planned_start', '<', filter.to)
        .whereNot('t.status', 'cancelled');
      for (const [column, refs] of [
        ['p.entity_ref', filter.entityRefs],
        ['p.owner_ref', filter.ownerRefs],
      ] as const) {
        if (!refs) continue;
        query.whereExists(participants =>
          participants
            .select(this.knex.raw('1'))
            .from('train_participants as p')
            .whereRaw('p.train_id = t.id')
            .whereNull('p.removed_at')
            .where(anyOf => {
              anyOf.whereRaw('1 = 0');
              for (let i = 0; i < refs.length; i += IN_CHUNK) {
                anyOf.orWhereIn(column, refs.slice(i, i + IN_CHUNK));
              }
            }),
        );
      }
      return query;
    };
    const { rows, totalCount } = await selectPage<TrainRow>(
      selected()
        .select('t.*')
        .orderBy([
          { column: 't.planned_start', order: 'asc' },
          { column: 't.id', order: 'asc' },
        ]),
      selected(),
      page,
    );
    return { trains: await this.withParticipants(rows), totalCount };
  }

  /** Every active train (`release_trains_status_idx`) with its current participants. */
  async activeTrains(): Promise<PlannedTrain[]> {
    const rows: TrainRow[] = await this.knex('release_trains')
      .where('status', 'active')
      .orderBy([
        { column: 'created_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    return this.withParticipants(rows);
  }

  private async withParticipants(rows: TrainRow[]): Promise<PlannedTrain[]> {
    const byTrain = new Map<string, PlannedTrain>(
      rows.map(row => [
        row.id,
        { train: toTrainRecord(row), participants: [] },
      ]),
    );
    const ids = [...byTrain.keys()];
    for (let i = 0; i < ids.length; i += IN_CHUNK) {
      const participants = await this.knex('train_participants')
        .whereIn('train_id', ids.slice(i, i + IN_CHUNK))
        .whereNull('removed_at')
        .orderBy([
          { column: 'train_id', order: 'asc' },
          { column: 'position', order: 'asc' },
        ]);
      for (const row of participants) {
        byTrain.get(row.train_id)!.participants.push(toParticipant(row));
      }
    }
    return [...byTrain.values()];
  }
}
