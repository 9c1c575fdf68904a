import { ScorecardPeriod } from '@release-coordination/plugin-release-coordination-common';
import { Knex } from 'knex';
import { toIsoString } from '../../database/columns';
import { ActionItemFact } from '../engine';

/** Action items due in the period, and those created before its end and open in it. */
export async function listActionItemFacts(
  db: Knex,
  period: ScorecardPeriod,
): Promise<ActionItemFact[]> {
  const from = new Date(period.from);
  const to = new Date(period.to);
  const rows = await db('action_items')
    .select(
      'id',
      'train_id',
      'owner_ref',
      'created_at',
      'due_at',
      'closed_at',
      'status',
    )
    .where(q => q.where('due_at', '>=', from).andWhere('due_at', '<', to))
    .orWhere(q =>
      q
        .where('created_at', '<', to)
        .andWhere(open =>
          open.where('status', 'open').orWhere('closed_at', '>=', from),
        ),
    )
    .orderBy('id');
  return rows.map(row => ({
    id: row.id,
    trainId: row.train_id,
    ownerRef: row.owner_ref,
    createdAt: toIsoString(row.created_at),
    ...(row.due_at ? { dueAt: toIsoString(row.due_at) } : {}),
    ...(row.closed_at ? { closedAt: toIsoString(row.closed_at) } : {}),
    status: row.status,
  }));
}
