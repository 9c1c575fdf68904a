import { approvalGateState } from '@release-coordination/plugin-release-coordination-node';
import { Page, TrainGate } from '@release-coordination/plugin-release-coordination-common';
import { Knex } from 'knex';
import { PageRequest, selectPage } from '../database/paging';
import { TrainRecord } from './TrainStore';
import { TrainRow, toTrainRecord } from './trainRows';

/**
 * "My approvals" as SQL: the approval gates of active trains whose approver is one of the
 * caller's refs and that block their train now — a gate of its current stage, or an entry gate
 * of the next one (later stages come up when the train gets there) — stored pending or failed,
 * or passed with an approval that has expired by `at`. Ordered by train name (then id) and, in
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
  const expiredApproval = () =>
    db('gate_approvals as a')
      .select(db.raw('1'))
      .whereRaw('a.gate_id = g.id')
      .where('a.expires_at', '<=', options.at);

  // A passed gate waits again once enough of its approvals have expired. Such gates are few
  // (an approval expires only when a train stalls), so the quorum is checked on them here.
  const maybeLapsed: string[] = (
    await blocking().where('g.state', 'passed').whereExists(expiredApproval()).select('g.id')
  ).map(row => row.id);
  const stillPassed = (await readGates(maybeLapsed))
    .filter(gate => approvalGateState(gate.approvals, gate.quorum, options.at) === 'passed')
    .map(gate => gate.id);

  const waiting = () =>
    blocking()
      .where(open =>
        open
          .whereIn('g.state', ['pending', 'failed'])
          .orWhere(lapsed => lapsed.where('g.state', 'passed').whereExists(expiredApproval())),
      )
      .modify(query => {
        if (stillPassed.length > 0) query.whereNotIn('g.id', stillPassed);
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
