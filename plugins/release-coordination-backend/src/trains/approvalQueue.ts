import { Page, TrainGate } from '@release-coordination/plugin-release-coordination-common';
import { Knex } from 'knex';
import { PageRequest, selectPage } from '../database/paging';
import { withExpiry } from './model';
import { TrainRecord } from './TrainStore';
import { TrainRow, toTrainRecord } from './trainRows';

/**
 * "My approvals" as SQL: the approval gates of active trains whose approver is one of the
 * caller's refs and that block their train now — a gate of its current stage, or an entry gate
 * of the next one (later stages come up when the train gets there) — stored pending or failed,
 * or stored passed or waived but open again by `at` (approvals expired, the waiver ran out). Ordered by train name (then id) and, in
 * a train, in the order of its stage plan; only the page asked for is read in full.
 *
 * The query starts from the few active trains and looks up each one's gates of those approvers
 * (index `train_gates_train_approver_idx`), so it does not grow with the trains of past years.
 */
export async function pageBlockingApprovalGates(
  db: Knex | Knex.Transaction,
  approverRefs: string[],
  options: PageRequest & { at: Date },
  readGates: (gateIds: string[]) => Promise<TrainGate[]>,
): Promise<Page<{ train: TrainRecord; gate: TrainGate }>> {
  if (approverRefs.length === 0) return { items: [], totalCount: 0 };
  const blocking = () =>
    db('release_trains as t')
      .join('train_gates as g', 'g.train_id', 't.id')
      .where({ 't.status': 'active', 'g.kind': 'approval' })
      .whereIn('g.approver_ref', approverRefs)
      .whereNull('g.removed_at')
      .where(now =>
        now
          .whereRaw('g.stage = t.current_stage')
          .orWhere(next => next.whereRaw('g.stage = t.next_stage').where('g.phase', 'entry')),
      );
  // Stored as decided, but maybe open again by now: a passed gate once one of its approvals
  // expired, a waived gate once its latest waiver ran out.
  const maybeReopened = (query: Knex.QueryBuilder) =>
    query
      .where(passed =>
        passed
          .where('g.state', 'passed')
          .whereExists(
            db('gate_approvals as a')
              .select(db.raw('1'))
              .whereRaw('a.gate_id = g.id')
              .where('a.expires_at', '<=', options.at),
          ),
      )
      .orWhere(waived =>
        waived.where('g.state', 'waived').whereNotExists(
          db('gate_waivers as w')
            .select(db.raw('1'))
            .whereRaw('w.gate_id = g.id')
            .where('w.until', '>', options.at)
            .whereNotExists(
              db('gate_waivers as newer')
                .select(db.raw('1'))
                .whereRaw('newer.gate_id = w.gate_id')
                .whereRaw('newer.id > w.id'),
            ),
        ),
      );

  // Such gates are few (an approval or waiver runs out only when a train stalls), so what they
  // read as now is decided here, by the same rule as every read.
  const candidates: string[] = (
    await blocking().where(maybeReopened).select('g.id')
  ).map(row => row.id);
  const stillClosed = (await readGates(candidates))
    .filter(gate => ['passed', 'waived'].includes(withExpiry(gate, options.at).state))
    .map(gate => gate.id);

  const waiting = () =>
    blocking()
      .where(open => open.whereIn('g.state', ['pending', 'failed']).orWhere(maybeReopened))
      .modify(query => {
        if (stillClosed.length > 0) query.whereNotIn('g.id', stillClosed);
      });
  const { rows, totalCount } = await selectPage<TrainRow & { gate_id: string }>(
    waiting()
      .select('t.*', 'g.id as gate_id')
      .orderBy([
        { column: 't.name', order: 'asc' },
        { column: 't.id', order: 'asc' },
      ])
      // The stage plan's order: the current stage before the next, entry before exit.
      .orderByRaw('CASE WHEN g.stage = t.current_stage THEN 0 ELSE 1 END')
      .orderByRaw("CASE WHEN g.phase = 'entry' THEN 0 ELSE 1 END")
      .orderBy('g.template_id')
      .orderByRaw("COALESCE(g.participant_ref, '')"),
    waiting(),
    options,
  );
  const gates = new Map((await readGates(rows.map(row => row.gate_id))).map(g => [g.id, g]));
  return {
    totalCount,
    items: rows.flatMap(row => {
      const gate = gates.get(row.gate_id);
      // A gate removed between the two reads is simply left out of this page.
      return gate ? [{ train: toTrainRecord(row), gate }] : [];
    }),
  };
}
