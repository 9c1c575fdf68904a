import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  CadenceHandover,
  CadenceRotationChange,
  CadenceStageOffset,
  CadenceTrain,
  Page,
  ReleaseCadence,
} from '@release-coordination/plugin-release-coordination-common';
import {
  Clock,
  systemClock,
} from '@release-coordination/plugin-release-coordination-node';
import { Knex } from 'knex';
import { Time, toIsoString } from '../database/columns';
import { inSlices, retryingTransaction } from '../database/knexStore';
import { connectStoreDatabase } from '../database/migrations';
import { PageRequest, selectPage } from '../database/paging';
import { MemberRuns } from './rotation';

interface CadenceRow {
  id: string;
  name: string;
  description: string | null;
  interval_days: number;
  first_start: Time;
  stage_offsets: string;
  team_refs: string;
  created_by: string;
  created_at: Time;
}

interface CadenceTrainRow {
  id: string;
  name: string;
  cadence_occurrence: number;
  ambassador_ref: string;
  status: string;
  created_at: Time;
}

interface ChangeRow {
  id: number;
  occurrence: number;
  kind: string;
  member_ref: string;
  substitute_ref: string | null;
  reason: string;
  recorded_by: string;
  recorded_at: Time;
}

interface HandoverRow {
  id: number;
  train_id: string;
  author_ref: string;
  note: string;
  created_at: Time;
}

function toCadence(row: CadenceRow): ReleaseCadence {
  return {
    id: row.id,
    name: row.name,
    ...(row.description ? { description: row.description } : {}),
    intervalDays: Number(row.interval_days),
    firstStart: toIsoString(row.first_start),
    stageOffsets: JSON.parse(row.stage_offsets) as CadenceStageOffset[],
    teamRefs: JSON.parse(row.team_refs) as string[],
    createdBy: row.created_by,
    createdAt: toIsoString(row.created_at),
  };
}

function toCadenceTrain(row: CadenceTrainRow): CadenceTrain {
  return {
    trainId: row.id,
    name: row.name,
    occurrence: Number(row.cadence_occurrence),
    ambassadorRef: row.ambassador_ref,
    status: row.status,
    createdAt: toIsoString(row.created_at),
  };
}

function toChange(row: ChangeRow): CadenceRotationChange {
  return {
    id: String(row.id),
    occurrence: Number(row.occurrence),
    kind: row.kind as CadenceRotationChange['kind'],
    memberRef: row.member_ref,
    ...(row.substitute_ref ? { substituteRef: row.substitute_ref } : {}),
    reason: row.reason,
    recordedBy: row.recorded_by,
    recordedAt: toIsoString(row.recorded_at),
  };
}

function toHandover(row: HandoverRow): CadenceHandover {
  return {
    id: String(row.id),
    trainId: row.train_id,
    authorRef: row.author_ref,
    note: row.note,
    createdAt: toIsoString(row.created_at),
  };
}

const TRAIN_COLUMNS = [
  'id',
  'name',
  'cadence_occurrence',
  'ambassador_ref',
  'status',
  'created_at',
];

/** Rotation changes a cadence's page shows: the upcoming ones and the latest before them. */
const CHANGES_SHOWN = 50;

/** Cadences, their rosters, rotation changes and handovers; their trains live with the trains. */
export class DatabaseCadenceStore {
  static async create(options: { database: DatabaseService; clock?: Clock }) {
    return new DatabaseCadenceStore(
      await connectStoreDatabase(options.database),
      options.clock ?? systemClock,
    );
  }

  private constructor(
    private readonly knex: Knex,
    private readonly clock: Clock,
  ) {}

  async getCadence(id: string): Promise<ReleaseCadence | undefined> {
    const row = await this.knex<CadenceRow>('release_cadences')
      .where('id', id)
      .first();
    return row ? toCadence(row) : undefined;
  }

  async listCadences(page: PageRequest): Promise<Page<ReleaseCadence>> {
    const { rows, totalCount } = await selectPage<CadenceRow>(
      this.knex('release_cadences').orderBy([
        { column: 'name', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]),
      this.knex('release_cadences'),
      page,
    );
    return { items: rows.map(toCadence), totalCount };
  }

  /** Inserts a cadence; a unique name is the database's to keep (see `isUniqueViolation`). */
  async insertCadence(cadence: ReleaseCadence): Promise<void> {
    await this.knex('release_cadences').insert({
      id: cadence.id,
      name: cadence.name,
      description: cadence.description ?? null,
      interval_days: cadence.intervalDays,
      first_start: new Date(cadence.firstStart),
      stage_offsets: JSON.stringify(cadence.stageOffsets),
      team_refs: JSON.stringify(cadence.teamRefs),
      created_by: cadence.createdBy,
      created_at: new Date(cadence.createdAt),
    });
  }

  /** The roster in rotation order. */
  async listRoster(cadenceId: string): Promise<string[]> {
    const rows = await this.knex('cadence_roster')
      .where('cadence_id', cadenceId)
      .orderBy('position')
      .select('member_ref');
    return rows.map(row => row.member_ref as string);
  }

  /** Replaces the roster, in one transaction. */
  async replaceRoster(cadenceId: string, memberRefs: string[]): Promise<void> {
    await retryingTransaction(this.knex, async tx => {
      await tx('cadence_roster').where('cadence_id', cadenceId).delete();
      if (memberRefs.length > 0) {
        await tx('cadence_roster').insert(
          memberRefs.map((member_ref, position) => ({
            cadence_id: cadenceId,
            member_ref,
            position,
          })),
        );
      }
    });
  }

  /** The newest occurrence that has a train (`release_trains_cadence_key`). */
  async latestOccurrence(cadenceId: string): Promise<number | undefined> {
    const row = await this.knex('release_trains')
      .where('cadence_id', cadenceId)
      .max({ latest: 'cadence_occurrence' })
      .first();
    return row?.latest === null || row?.latest === undefined
      ? undefined
      : Number(row.latest);
  }

  /** A page of the cadence's trains, newest occurrence first. */
  async listTrains(
    cadenceId: string,
    page: PageRequest,
  ): Promise<Page<CadenceTrain>> {
    const { rows, totalCount } = await selectPage<CadenceTrainRow>(
      this.knex('release_trains')
        .where('cadence_id', cadenceId)
        .orderBy('cadence_occurrence', 'desc')
        .select(TRAIN_COLUMNS),
      this.knex('release_trains').where('cadence_id', cadenceId),
      page,
    );
    return { items: rows.map(toCadenceTrain), totalCount };
  }

  /**
   * How often each ambassador ran a train of the series (cancelled trains do not count), with
   * the latest train each ran.
   */
  async runsByAmbassador(
    cadenceId: string,
  ): Promise<Map<string, MemberRuns & { lastRun?: CadenceTrain }>> {
    const counted: {
      ambassador_ref: string;
      runs: number | string;
      latest: number | string;
    }[] = await this.knex('release_trains')
      .where('cadence_id', cadenceId)
      .whereNot('status', 'cancelled')
      .groupBy('ambassador_ref')
      .select('ambassador_ref')
      .count({ runs: '*' })
      .max({ latest: 'cadence_occurrence' });
    const latest = counted.map(row => Number(row.latest));
    const lastTrains = await inSlices<CadenceTrainRow>(
      latest.map(String),
      slice =>
        this.knex('release_trains')
          .where('cadence_id', cadenceId)
          .whereIn('cadence_occurrence', slice.map(Number))
          .select(TRAIN_COLUMNS),
    );
    const byOccurrence = new Map(
      lastTrains.map(row => [
        Number(row.cadence_occurrence),
        toCadenceTrain(row),
      ]),
    );
    return new Map(
      counted.map(row => {
        const lastOccurrence = Number(row.latest);
        const lastRun = byOccurrence.get(lastOccurrence);
        return [
          row.ambassador_ref,
          {
            runs: Number(row.runs),
            lastOccurrence,
            ...(lastRun ? { lastRun } : {}),
          },
        ];
      }),
    );
  }

  /** Changes of `fromOccurrence` on, and the latest before it: at most 50, oldest first. */
  async listRotationChanges(
    cadenceId: string,
    fromOccurrence: number,
  ): Promise<CadenceRotationChange[]> {
    const upcoming: ChangeRow[] = await this.knex('cadence_rotation_changes')
      .where('cadence_id', cadenceId)
      .where('occurrence', '>=', fromOccurrence)
      .orderBy([
        { column: 'occurrence', order: 'asc' },
        { column: 'id', order: 'asc' },
      ])
      .limit(CHANGES_SHOWN);
    const earlier: ChangeRow[] = await this.knex('cadence_rotation_changes')
      .where('cadence_id', cadenceId)
      .where('occurrence', '<', fromOccurrence)
      .orderBy([
        { column: 'occurrence', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(Math.max(0, CHANGES_SHOWN - upcoming.length));
    return [...earlier.reverse(), ...upcoming].map(toChange);
  }

  async insertRotationChange(
    cadenceId: string,
    change: Omit<CadenceRotationChange, 'id' | 'recordedAt'>,
  ): Promise<CadenceRotationChange> {
    const [inserted] = await this.knex('cadence_rotation_changes')
      .insert({
        cadence_id: cadenceId,
        occurrence: change.occurrence,
        kind: change.kind,
        member_ref: change.memberRef,
        substitute_ref: change.substituteRef ?? null,
        reason: change.reason,
        recorded_by: change.recordedBy,
        recorded_at: this.clock.now(),
      })
      .returning('id');
    const id = typeof inserted === 'object' ? inserted.id : inserted;
    return toChange(
      await this.knex('cadence_rotation_changes').where('id', id).first(),
    );
  }

  async latestHandover(
    cadenceId: string,
  ): Promise<CadenceHandover | undefined> {
    const row = await this.knex<HandoverRow>('cadence_handovers')
      .where('cadence_id', cadenceId)
      .orderBy('id', 'desc')
      .first();
    return row ? toHandover(row) : undefined;
  }

  async insertHandover(
    cadenceId: string,
    handover: Pick<CadenceHandover, 'trainId' | 'authorRef' | 'note'>,
  ): Promise<CadenceHandover> {
    const [inserted] = await this.knex('cadence_handovers')
      .insert({
        cadence_id: cadenceId,
        train_id: handover.trainId,
        author_ref: handover.authorRef,
        note: handover.note,
        created_at: this.clock.now(),
      })
      .returning('id');
    const id = typeof inserted === 'object' ? inserted.id : inserted;
    return toHandover(
      await this.knex('cadence_handovers').where('id', id).first(),
    );
  }
}
