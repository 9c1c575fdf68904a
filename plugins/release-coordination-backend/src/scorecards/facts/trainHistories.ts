import { DecisionAction } from '@release-coordination/plugin-release-coordination-common';
import { Knex } from 'knex';
import { Time, toIsoString } from '../../database/columns';
import { inSlices } from '../../database/knexStore';
import { TrainStageInterval } from '../engine';
import { ms, parseJson } from './rows';

/** The decisions of the log that tell when a train moved and who owned its participants. */
const TRAIN_HISTORY_ACTIONS: DecisionAction[] = [
  'stage.advanced',
  'participant.added',
  'participant.owner-changed',
];

interface LogEntry {
  action: DecisionAction;
  subject: string;
  before: any;
  after: any;
  at: number;
}

export interface TrainRow {
  id: string;
  name: string;
  status: string;
  current_stage: string;
  stage_plan: string | null;
  created_at: Time;
}

interface ParticipantRow {
  train_id: string;
  entity_ref: string;
  owner_ref: string | null;
}

/**
 * A train's past, read from its decision log: when it entered and left each stage, and who
 * owned each participant when.
 */
export interface TrainHistory {
  row: TrainRow;
  /** The train's stages in order, read once per train rather than once per gate. */
  plan: { name: string }[];
  stages: TrainStageInterval[];
  participants: ParticipantRow[];
  /** Per participant, the owner changes in time order. */
  ownerChanges: Map<string, { at: number; before?: string; after?: string }[]>;
  /** Per participant, when it joined after the train was created. */
  joinedAt: Map<string, number>;
}

/** The columns of `release_trains` a history starts from. */
export function selectTrainRows(db: Knex) {
  return db<TrainRow>('release_trains').select(
    'id',
    'name',
    'status',
    'current_stage',
    'stage_plan',
    'created_at',
  );
}

/** When the train entered and left each stage: created in the first, moved on by each advance. */
function stageIntervals(
  row: TrainRow,
  plan: { name: string }[],
  log: LogEntry[],
): TrainStageInterval[] {
  const first = plan[0]?.name ?? row.current_stage;
  const intervals: TrainStageInterval[] = [
    { stage: first, enteredAt: toIsoString(row.created_at) },
  ];
  for (const entry of log) {
    if (entry.action !== 'stage.advanced') continue;
    const open = intervals[intervals.length - 1];
    const at = new Date(entry.at).toISOString();
    if (open && open.leftAt === undefined) open.leftAt = at;
    // The last stage is left by a release, which enters no stage.
    const next =
      entry.after?.status === 'released' ? undefined : entry.after?.stage;
    if (typeof next === 'string')
      intervals.push({ stage: next, enteredAt: at });
  }
  return intervals;
}

/**
 * The owner of a participant at a time: the last change before it, or the owner before the
 * first change after it.
 */
export function ownerAt(
  history: TrainHistory,
  entityRef: string,
  at: number,
): string | undefined {
  const changes = history.ownerChanges.get(entityRef) ?? [];
  let owner: string | undefined | null = null;
  for (const change of changes) {
    if (change.at <= at) owner = change.after;
    else {
      if (owner === null) owner = change.before;
      break;
    }
  }
  if (owner !== null) return owner;
  return (
    history.participants.find(p => p.entity_ref === entityRef)?.owner_ref ??
    undefined
  );
}

/** Who owned each participant when, and when each joined, from a train's log. */
function participantChanges(log: LogEntry[]) {
  const ownerChanges = new Map<
    string,
    { at: number; before?: string; after?: string }[]
  >();
  const joinedAt = new Map<string, number>();
  for (const entry of log) {
    if (entry.action === 'participant.added') {
      joinedAt.set(entry.subject, entry.at);
      const list = ownerChanges.get(entry.subject) ?? [];
      // Joining sets the owner: nobody owned it in this train before.
      list.push({ at: entry.at, after: entry.after?.ownerRef ?? undefined });
      ownerChanges.set(entry.subject, list);
    } else if (entry.action === 'participant.owner-changed') {
      const list = ownerChanges.get(entry.subject) ?? [];
      list.push({
        at: entry.at,
        before: entry.before?.ownerRef ?? undefined,
        after: entry.after?.ownerRef ?? undefined,
      });
      ownerChanges.set(entry.subject, list);
    }
  }
  return { ownerChanges, joinedAt };
}

/** The stage intervals, participants and owner history of trains, by train id. */
export async function readTrainHistories(
  db: Knex,
  rows: TrainRow[],
): Promise<Map<string, TrainHistory>> {
  const ids = rows.map(row => row.id);
  const logRows = await inSlices(ids, slice =>
    db('train_decisions')
      .select(
        'train_id',
        'action',
        'subject',
        'before',
        'after',
        'created_at',
        'id',
      )
      .whereIn('train_id', slice)
      .whereIn('action', TRAIN_HISTORY_ACTIONS)
      .orderBy('id'),
  );
  const participantRows: ParticipantRow[] = await inSlices(ids, slice =>
    db('train_participants')
      .select('train_id', 'entity_ref', 'owner_ref')
      .whereIn('train_id', slice)
      // A participant removed from a train never shipped with it.
      .whereNull('removed_at')
      .orderBy(['train_id', 'position']),
  );
  const participantsByTrain = new Map<string, ParticipantRow[]>();
  for (const row of participantRows) {
    const list = participantsByTrain.get(row.train_id) ?? [];
    list.push(row);
    participantsByTrain.set(row.train_id, list);
  }
  const logs = new Map<string, LogEntry[]>();
  for (const row of logRows) {
    const list = logs.get(row.train_id) ?? [];
    list.push({
      action: row.action,
      subject: row.subject,
      before: parseJson(row.before),
      after: parseJson(row.after),
      at: ms(row.created_at),
    });
    logs.set(row.train_id, list);
  }
  const histories = new Map<string, TrainHistory>();
  for (const row of rows) {
    const log = logs.get(row.id) ?? [];
    const plan = (parseJson(row.stage_plan) ?? []) as { name: string }[];
    histories.set(row.id, {
      row,
      plan,
      stages: stageIntervals(row, plan, log),
      participants: participantsByTrain.get(row.id) ?? [],
      ...participantChanges(log),
    });
  }
  return histories;
}
