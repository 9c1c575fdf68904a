/**
 * Every row the `trains` benchmark writes into the plugin's tables, in one place: one function
 * per table turns a record of the generated history (history.ts) into that table's row.
 *
 * The schema changes while the plugin grows (new columns, such as an approver on gates): when
 * a migration adds or renames a column, this file is the only one of the benchmark to adapt.
 * The column names follow the plugin's stores (DatabaseTrainStore, DatabaseOutcomeStore,
 * DatabaseRetrospectiveStore) and migrations/*.js.
 */
import type {
  GateState,
  ReleaseTrainStatus,
  TrainParticipant,
} from '@release-coordination/plugin-release-coordination-common';
import type { Knex } from 'knex';
import { nextStageOf, plannedSpanOf } from '../../plugins/release-coordination-backend/src/trains/trainRows';
import type {
  NewGate,
  PlannedStage,
} from '../../plugins/release-coordination-backend/src/trains/TrainStore';

// --- What the history generator produces: the plugin's own shapes where it has them.

export interface SeedTrain {
  id: string;
  name: string;
  objective: string;
  ambassadorRef: string;
  status: ReleaseTrainStatus;
  currentStage: string;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  stagePlan: PlannedStage[];
}

export interface SeedParticipant extends TrainParticipant {
  trainId: string;
  position: number;
}

/** A gate as `instantiateGates` makes it, with what happened to it since. */
export interface SeedGate extends NewGate {
  state: GateState;
  reason?: string;
  updatedAt: Date;
  version: number;
}

export interface SeedApproval {
  gateId: string;
  userRef: string;
  decision: 'approve' | 'reject';
  comment?: string;
  decidedAt: Date;
}

export interface SeedCheck {
  trainId: string;
  participantRef: string;
  checkName: string;
  idempotencyKey: string;
  status: 'passed' | 'failed';
  evidenceUrl: string;
  reportedAt: Date;
  reporter: string;
}

export interface SeedWaiver {
  gateId: string;
  waivedBy: string;
  reason: string;
  until: Date;
  waivedAt: Date;
}

export interface SeedDecision {
  trainId: string;
  entityRef?: string;
  actorRef: string;
  action: string;
  subject: string;
  before?: unknown;
  after?: unknown;
  reason?: string;
  createdAt: Date;
}

export interface SeedStageSnapshot {
  trainId: string;
  stage: string;
  toStage?: string;
  upstreamEdges: Record<string, string[]>;
  takenAt: Date;
}

export interface SeedDeployment {
  trainId: string;
  participantRef: string;
  ownerRef?: string;
  environment: string;
  deploymentId: string;
  version: string;
  startedAt: Date;
  finishedAt?: Date;
  result?: 'succeeded' | 'failed' | 'rolled-back';
  rollbackStartedAt?: Date;
  rollbackFinishedAt?: Date;
  hotfix: boolean;
  reporter: string;
  reportedAt: Date;
}

export interface SeedRollbackPlan {
  trainId: string;
  participantRef: string;
  criteria: string;
  procedureUrl: string;
  updatedBy: string;
  updatedAt: Date;
}

export interface SeedNote {
  id: string;
  trainId: string;
  column: 'went-well' | 'to-improve';
  text: string;
  authorRef: string;
  createdAt: Date;
}

export interface SeedActionItem {
  id: string;
  trainId: string;
  title: string;
  ownerRef: string;
  status: 'open' | 'done' | 'dropped';
  dueAt: Date;
  createdAt: Date;
  closedAt?: Date;
}

/** The history of a batch of trains, table by table. */
export interface SeedChunk {
  trains: SeedTrain[];
  participants: SeedParticipant[];
  gates: SeedGate[];
  approvals: SeedApproval[];
  checks: SeedCheck[];
  waivers: SeedWaiver[];
  decisions: SeedDecision[];
  stageSnapshots: SeedStageSnapshot[];
  deployments: SeedDeployment[];
  rollbackPlans: SeedRollbackPlan[];
  notes: SeedNote[];
  actionItems: SeedActionItem[];
}

export function emptyChunk(): SeedChunk {
  return {
    trains: [],
    participants: [],
    gates: [],
    approvals: [],
    checks: [],
    waivers: [],
    decisions: [],
    stageSnapshots: [],
    deployments: [],
    rollbackPlans: [],
    notes: [],
    actionItems: [],
  };
}

// --- One function per table: a record to its row.

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

export function trainRow(t: SeedTrain) {
  return {
    id: t.id,
    name: t.name,
    objective: t.objective,
    ambassador_ref: t.ambassadorRef,
    status: t.status,
    current_stage: t.currentStage,
    next_stage: nextStageOf(t.stagePlan, t.currentStage) ?? null,
    created_at: t.createdAt,
    updated_at: t.updatedAt,
    version: t.version,
    stage_plan: JSON.stringify(t.stagePlan),
    ...plannedSpanOf(t.stagePlan),
  };
}

export function participantRow(p: SeedParticipant) {
  return {
    train_id: p.trainId,
    entity_ref: p.entityRef,
    target_version: p.targetVersion,
    owner_ref: p.ownerRef ?? null,
    position: p.position,
    removed_at: null,
  };
}

export function gateRow(g: SeedGate) {
  return {
    id: g.id,
    train_id: g.trainId,
    stage: g.stage,
    phase: g.phase,
    template_id: g.templateId,
    kind: g.kind,
    participant_ref: g.participantRef ?? null,
    state: g.state,
    config: JSON.stringify(g.config),
    approver_ref: g.config.approverRef ?? null,
    reason: g.reason ?? null,
    updated_at: g.updatedAt,
    version: g.version,
    removed_at: null,
  };
}

export function approvalRow(a: SeedApproval) {
  return {
    gate_id: a.gateId,
    user_ref: a.userRef,
    decision: a.decision,
    comment: a.comment ?? null,
    decided_at: a.decidedAt,
    expires_at: null,
  };
}

export function checkRow(c: SeedCheck) {
  return {
    train_id: c.trainId,
    participant_ref: c.participantRef,
    check_name: c.checkName,
    idempotency_key: c.idempotencyKey,
    status: c.status,
    evidence_url: c.evidenceUrl,
    reported_at: c.reportedAt,
    reporter: c.reporter,
  };
}

export function waiverRow(w: SeedWaiver) {
  return {
    gate_id: w.gateId,
    waived_by: w.waivedBy,
    reason: w.reason,
    until: w.until,
    waived_at: w.waivedAt,
  };
}

export function decisionRow(d: SeedDecision) {
  return {
    train_id: d.trainId,
    entity_ref: d.entityRef ?? null,
    actor_ref: d.actorRef,
    action: d.action,
    subject: d.subject,
    before: json(d.before),
    after: json(d.after),
    reason: d.reason ?? null,
    created_at: d.createdAt,
  };
}

export function stageSnapshotRow(s: SeedStageSnapshot) {
  return {
    train_id: s.trainId,
    stage: s.stage,
    to_stage: s.toStage ?? null,
    // No graph of the past was stored: version 0, as the demo history records it too.
    dependency_snapshot_version: 0,
    upstream_edges: JSON.stringify(s.upstreamEdges),
    taken_at: s.takenAt,
  };
}

export function deploymentRow(d: SeedDeployment) {
  return {
    train_id: d.trainId,
    participant_ref: d.participantRef,
    owner_ref: d.ownerRef ?? null,
    environment: d.environment,
    deployment_id: d.deploymentId,
    version: d.version,
    started_at: d.startedAt,
    finished_at: d.finishedAt ?? null,
    result: d.result ?? null,
    rollback_started_at: d.rollbackStartedAt ?? null,
    rollback_finished_at: d.rollbackFinishedAt ?? null,
    hotfix: d.hotfix,
    evidence_url: null,
    reporter: d.reporter,
    reported_at: d.reportedAt,
    updated_at: d.finishedAt ?? d.reportedAt,
  };
}

export function rollbackPlanRow(p: SeedRollbackPlan) {
  return {
    train_id: p.trainId,
    participant_ref: p.participantRef,
    criteria: p.criteria,
    procedure_url: p.procedureUrl,
    updated_by: p.updatedBy,
    updated_at: p.updatedAt,
  };
}

export function noteRow(n: SeedNote) {
  return {
    id: n.id,
    train_id: n.trainId,
    board_column: n.column,
    text: n.text,
    author_ref: n.authorRef,
    created_at: n.createdAt,
  };
}

export function actionItemRow(a: SeedActionItem) {
  return {
    id: a.id,
    train_id: a.trainId,
    title: a.title,
    owner_ref: a.ownerRef,
    status: a.status,
    due_at: a.dueAt,
    created_at: a.createdAt,
    updated_at: a.closedAt ?? a.createdAt,
    closed_at: a.closedAt ?? null,
    reminded_at: null,
    version: a.closedAt ? 1 : 0,
  };
}

// --- Writing.

type Table<K extends keyof SeedChunk> = {
  table: string;
  key: K;
  row: (record: SeedChunk[K][number]) => Record<string, unknown>;
  /**
   * For tables with autoincrement ids: the record's time. Rows are inserted in time order, so
   * that ids follow time as in a live database; the plugin relies on it (the newest check
   * result per check is the one with the highest id, the decision log reads in id order).
   */
  time?: (record: SeedChunk[K][number]) => Date;
};

const table = <K extends keyof SeedChunk>(t: Table<K>) => t as unknown as Table<keyof SeedChunk>;

/** The tables in the order they are written: parents before the rows that reference them. */
export const SEED_TABLES = [
  table({ table: 'release_trains', key: 'trains', row: trainRow }),
  table({ table: 'train_participants', key: 'participants', row: participantRow }),
  table({ table: 'train_gates', key: 'gates', row: gateRow }),
  table({ table: 'gate_approvals', key: 'approvals', row: approvalRow, time: a => a.decidedAt }),
  table({ table: 'check_results', key: 'checks', row: checkRow, time: c => c.reportedAt }),
  table({ table: 'gate_waivers', key: 'waivers', row: waiverRow, time: w => w.waivedAt }),
  table({ table: 'train_decisions', key: 'decisions', row: decisionRow, time: d => d.createdAt }),
  table({
    table: 'train_stage_snapshots',
    key: 'stageSnapshots',
    row: stageSnapshotRow,
    time: s => s.takenAt,
  }),
  table({ table: 'deployments', key: 'deployments', row: deploymentRow, time: d => d.startedAt }),
  table({ table: 'rollback_plans', key: 'rollbackPlans', row: rollbackPlanRow }),
  table({ table: 'retrospective_notes', key: 'notes', row: noteRow }),
  table({ table: 'action_items', key: 'actionItems', row: actionItemRow }),
];

/** Rows per statement: a few MB of JSON at most. */
const ROWS_PER_STATEMENT = 5000;

/**
 * Inserts a chunk of history, table by table, inside one transaction. Each statement hands
 * PostgreSQL its rows as one JSON parameter (`INSERT ... SELECT FROM json_populate_recordset`):
 * about four times faster than a multi-row VALUES list, whose thousands of parameters
 * PostgreSQL parses one by one. The columns are the keys of the rows above; those left out
 * (autoincrement ids) take their defaults. Returns the rows written per table.
 */
export async function writeChunk(knex: Knex, chunk: SeedChunk): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  await knex.transaction(async tx => {
    for (const { table: name, key, row, time } of SEED_TABLES) {
      const records = [...(chunk[key] as Array<SeedChunk[typeof key][number]>)];
      if (time) records.sort((a, b) => time(a).getTime() - time(b).getTime());
      const rows = records.map(row);
      counts[name] = rows.length;
      if (rows.length === 0) continue;
      const columns = Object.keys(rows[0]);
      const list = columns.map(() => '??').join(', ');
      for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
        const json = JSON.stringify(rows.slice(i, i + ROWS_PER_STATEMENT));
        await tx.raw(
          `INSERT INTO ?? (${list}) SELECT ${list} FROM json_populate_recordset(NULL::??, ?)`,
          [name, ...columns, ...columns, name, json],
        );
      }
    }
  });
  return counts;
}
