import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  DeclareFreezeRequest,
  FreezeScope,
  FreezeWindow,
} from '@release-coordination/plugin-release-coordination-common';
import {
  Clock,
  systemClock,
} from '@release-coordination/plugin-release-coordination-node';
import { Knex } from 'knex';
import { Time, toIsoString } from '../database/columns';
import { connectStoreDatabase } from '../database/migrations';

interface FreezeRow {
  id: number;
  starts_at: Time;
  ends_at: Time;
  reason: string;
  scope_kind: string;
  scope_ref: string | null;
  declared_by: string;
  declared_at: Time;
}

function toFreeze(row: FreezeRow): FreezeWindow {
  const scope: FreezeScope =
    row.scope_kind === 'system' || row.scope_kind === 'domain'
      ? { kind: row.scope_kind, ref: row.scope_ref ?? '' }
      : { kind: 'all' };
  return {
    id: String(row.id),
    startsAt: toIsoString(row.starts_at),
    endsAt: toIsoString(row.ends_at),
    reason: row.reason,
    scope,
    source: 'api',
    declaredBy: row.declared_by,
    declaredAt: toIsoString(row.declared_at),
  };
}

/** Freezes declared through the API; lifted ones stay on record but are never answered. */
export class DatabaseFreezeStore {
  static async create(options: { database: DatabaseService; clock?: Clock }) {
    return new DatabaseFreezeStore(
      await connectStoreDatabase(options.database),
      options.clock ?? systemClock,
    );
  }

  private constructor(
    private readonly knex: Knex,
    private readonly clock: Clock,
  ) {}

  /** Standing freezes that overlap `[from, to)`, earliest start first (`freeze_windows_period_idx`). */
  async listOverlapping(from: Date, to: Date): Promise<FreezeWindow[]> {
    const rows: FreezeRow[] = await this.knex('freeze_windows')
      .where('ends_at', '>', from)
      .where('starts_at', '<', to)
      .whereNull('lifted_at')
      .orderBy([
        { column: 'starts_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    return rows.map(toFreeze);
  }

  async declare(
    freeze: Required<DeclareFreezeRequest>,
    declaredBy: string,
  ): Promise<FreezeWindow> {
    const [inserted] = await this.knex('freeze_windows')
      .insert({
        starts_at: new Date(freeze.startsAt),
        ends_at: new Date(freeze.endsAt),
        reason: freeze.reason,
        scope_kind: freeze.scope.kind,
        scope_ref: freeze.scope.kind === 'all' ? null : freeze.scope.ref,
        declared_by: declaredBy,
        declared_at: this.clock.now(),
      })
      .returning('id');
    const id = typeof inserted === 'object' ? inserted.id : inserted;
    return toFreeze(await this.knex('freeze_windows').where('id', id).first());
  }

  /** Lifts a standing freeze; false when there is none with this id. */
  async lift(id: string, liftedBy: string): Promise<boolean> {
    if (!/^[1-9][0-9]{0,9}$/.test(id)) return false;
    const changed = await this.knex('freeze_windows')
      .where('id', Number(id))
      .whereNull('lifted_at')
      .update({ lifted_by: liftedBy, lifted_at: this.clock.now() });
    return changed > 0;
  }
}
