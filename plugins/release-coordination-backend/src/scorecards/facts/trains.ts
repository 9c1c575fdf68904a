import {
  ReleaseTrainStatus,
  ScorecardPeriod,
} from '@release-coordination/plugin-release-coordination-common';
import { Knex } from 'knex';
import { toIsoString } from '../../database/columns';
import { inSlices } from '../../database/knexStore';
import { TrainFact } from '../engine';
import {
  readTrainHistories,
  selectTrainRows,
  TrainRow,
} from './trainHistories';

/**
 * The trains that were active in the period, and those named in `trainIds` whenever they ran,
 * each with its stage intervals and participants.
 */
export async function listTrainFacts(
  db: Knex,
  period: ScorecardPeriod,
  options?: { trainIds?: string[] },
): Promise<TrainFact[]> {
  const from = new Date(period.from);
  const to = new Date(period.to);
  const inPeriod: TrainRow[] = await selectTrainRows(db)
    .where('created_at', '<', to)
    .andWhere(q =>
      q.where('status', 'active').orWhere('updated_at', '>=', from),
    );
  const known = new Set(inPeriod.map(row => row.id));
  const extra = (options?.trainIds ?? []).filter(id => !known.has(id));
  const named = await inSlices(extra, slice =>
    selectTrainRows(db).whereIn('id', slice),
  );
  const histories = await readTrainHistories(db, [...inPeriod, ...named]);
  return [...histories.values()]
    .map(history => ({
      id: history.row.id,
      name: history.row.name,
      status: history.row.status as ReleaseTrainStatus,
      createdAt: toIsoString(history.row.created_at),
      stages: history.stages,
      participants: history.participants.map(p => {
        // The owner when the participant joined: before its first owner change, if any.
        const first = history.ownerChanges.get(p.entity_ref)?.[0];
        const ownerRef = first
          ? (first.before ?? first.after)
          : (p.owner_ref ?? undefined);
        return { entityRef: p.entity_ref, ...(ownerRef ? { ownerRef } : {}) };
      }),
    }))
    .sort(
      (a, b) =>
        a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
    );
}
