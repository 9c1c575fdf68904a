import {
  GateKind,
  ScorecardPeriod,
} from '@release-coordination/plugin-release-coordination-common';
import { Clock } from '@release-coordination/plugin-release-coordination-node';
import { Knex } from 'knex';
import { Time } from '../../database/columns';
import { inSlices } from '../../database/knexStore';
import { GateDecisionFact, GateOutcome } from '../engine';
import { ms, parseJson } from './rows';
import {
  ownerAt,
  readTrainHistories,
  selectTrainRows,
  TrainHistory,
} from './trainHistories';

/** The columns of `train_gates` a gate's fact is made of. */
interface GateRow {
  id: string;
  train_id: string;
  stage: string;
  phase: string;
  kind: string;
  participant_ref: string | null;
  approver_ref: string | null;
  removed_at: Time | null;
}

/** A gate's change into a state, as its decision-log entry tells. */
interface GateStateChange {
  state: string;
  at: number;
}

/**
 * The gates decided in the period, and, while the period lasts, the approval gates that wait
 * now; each with when it began to wait, who owned it and how it ended.
 */
export async function listGateDecisionFacts(
  db: Knex,
  clock: Clock,
  period: ScorecardPeriod,
): Promise<GateDecisionFact[]> {
  const from = new Date(period.from);
  const to = new Date(period.to);
  const now = clock.now();
  const decidedIds: string[] = (
    await db('train_decisions')
      .distinct('subject')
      .where('action', 'like', 'gate.%')
      .andWhere('created_at', '>=', from)
      .andWhere('created_at', '<', to)
  ).map(row => row.subject);
  // What waits now is only known now: past periods have no pending gates.
  const waiting =
    to.getTime() > now.getTime() ? await waitingApprovalGateIds(db) : [];
  const gateIds = [...new Set([...decidedIds, ...waiting])];
  if (gateIds.length === 0) return [];

  const gates: GateRow[] = await inSlices(gateIds, slice =>
    db('train_gates')
      .select(
        'id',
        'train_id',
        'stage',
        'phase',
        'kind',
        'participant_ref',
        'approver_ref',
        'removed_at',
      )
      .whereIn('id', slice),
  );
  const entries = await inSlices(gateIds, slice =>
    db('train_decisions')
      .select('subject', 'after', 'created_at', 'id')
      .where('action', 'like', 'gate.%')
      .whereIn('subject', slice)
      .andWhere('created_at', '<', to)
      .orderBy('id'),
  );
  const entriesByGate = new Map<string, GateStateChange[]>();
  for (const entry of entries) {
    const state = parseJson(entry.after)?.state;
    if (typeof state !== 'string') continue;
    const list = entriesByGate.get(entry.subject) ?? [];
    list.push({ state, at: ms(entry.created_at) });
    entriesByGate.set(entry.subject, list);
  }
  const trainRows = await inSlices(
    [...new Set(gates.map(g => g.train_id))],
    slice => selectTrainRows(db).whereIn('id', slice),
  );
  const histories = await readTrainHistories(db, trainRows);
  const waitingNow = new Set(waiting);

  const facts: GateDecisionFact[] = [];
  for (const gate of gates) {
    const history = histories.get(gate.train_id);
    if (!history) continue;
    const fact = gateDecisionFact(
      gate,
      history,
      entriesByGate.get(gate.id) ?? [],
      {
        waitingNow: waitingNow.has(gate.id),
        now,
      },
    );
    if (fact) facts.push(fact);
  }
  return facts.sort((a, b) => a.gateId.localeCompare(b.gateId));
}

/**
 * One gate's fact, from its state changes in time order; undefined for a gate neither decided
 * nor waiting now.
 */
function gateDecisionFact(
  gate: GateRow,
  history: TrainHistory,
  changes: GateStateChange[],
  { waitingNow, now }: { waitingNow: boolean; now: Date },
): GateDecisionFact | undefined {
  const removedAt = gate.removed_at ? ms(gate.removed_at) : Infinity;
  // Walk the gate's state changes; a decision is a change into a state other than pending.
  let state = 'pending';
  let repending: number | undefined;
  const outcomes: { outcome: GateOutcome; at: number }[] = [];
  for (const entry of changes) {
    if (entry.at >= removedAt) break;
    if (entry.state === state) continue;
    state = entry.state;
    if (state === 'pending') repending = entry.at;
    else outcomes.push({ outcome: state as GateOutcome, at: entry.at });
  }
  const latest = outcomes[outcomes.length - 1];
  const decided = state !== 'pending' && latest !== undefined;
  if (!decided && !waitingNow) return undefined;

  const { plan } = history;
  const position = plan.findIndex(stage => stage.name === gate.stage);
  // Exit gates wait from when the train enters their stage, entry gates from when it
  // enters the stage before (they guard leaving it).
  const guardedStage =
    gate.phase === 'entry' ? plan[position - 1]?.name : gate.stage;
  const entered = history.stages.find(
    s => s.stage === (guardedStage ?? gate.stage),
  );
  const joined = gate.participant_ref
    ? history.joinedAt.get(gate.participant_ref)
    : undefined;
  const starts = [
    entered ? ms(entered.enteredAt) : undefined,
    joined,
    repending !== undefined && (!decided || repending < latest.at)
      ? repending
      : undefined,
  ].filter((t): t is number => t !== undefined);
  // A gate decided before the train reached it was never waited on: no latency.
  let pendingAt = starts.length
    ? Math.max(...starts)
    : ms(history.row.created_at);
  if (decided) pendingAt = Math.min(pendingAt, latest.at);

  const decisionTime = decided ? latest.at : now.getTime();
  const ownerRef =
    (gate.kind === 'approval' ? (gate.approver_ref ?? undefined) : undefined) ??
    (gate.participant_ref
      ? ownerAt(history, gate.participant_ref, decisionTime)
      : undefined);
  return {
    gateId: gate.id,
    trainId: gate.train_id,
    stage: gate.stage,
    kind: gate.kind as GateKind,
    ...(gate.participant_ref ? { participantRef: gate.participant_ref } : {}),
    ...(ownerRef ? { ownerRef } : {}),
    pendingAt: new Date(pendingAt).toISOString(),
    ...(decided
      ? {
          decidedAt: new Date(latest.at).toISOString(),
          outcome: latest.outcome,
        }
      : {}),
    failedBefore: outcomes
      .slice(0, decided ? -1 : undefined)
      .some(o => o.outcome === 'failed' || o.outcome === 'waived'),
  };
}

/** Pending approval gates of active trains that guard leaving the stage the train is in. */
async function waitingApprovalGateIds(db: Knex): Promise<string[]> {
  const rows = await db('train_gates as g')
    .join('release_trains as t', 't.id', 'g.train_id')
    .where({ 't.status': 'active', 'g.kind': 'approval', 'g.state': 'pending' })
    .whereNull('g.removed_at')
    .select('g.id', 'g.stage', 'g.phase', 't.current_stage', 't.stage_plan');
  return rows
    .filter(row => {
      if (row.stage === row.current_stage) return true;
      const plan = (parseJson(row.stage_plan) ?? []) as { name: string }[];
      const next =
        plan[plan.findIndex(stage => stage.name === row.current_stage) + 1];
      return row.phase === 'entry' && next?.name === row.stage;
    })
    .map(row => row.id as string);
}
