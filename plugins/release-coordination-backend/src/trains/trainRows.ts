import {
  CheckResult,
  GateApproval,
  GateKind,
  GatePhase,
  GateState,
  ReleaseTrainStatus,
  TrainParticipant,
} from '@release-coordination/plugin-release-coordination-common';
import { Time, toIsoString } from '../database/columns';
import { GateRecord, TrainRecord } from './TrainStore';

/* Rows of the train tables as knex answers them, and the records the store makes of them. */

export interface TrainRow {
  id: string;
  name: string;
  objective: string;
  ambassador_ref: string;
  status: string;
  current_stage: string;
  created_at: Time;
  updated_at: Time;
  version?: number;
  stage_plan?: string | null;
  next_stage?: string | null;
  cadence_id?: string | null;
  cadence_occurrence?: number | null;
}

export interface GateRow {
  id: string;
  train_id: string;
  stage: string;
  phase: string;
  template_id: string;
  kind: string;
  participant_ref: string | null;
  state: string;
  config: string;
  approver_ref?: string | null;
  reason: string | null;
  updated_at: Time;
  version: number;
  removed_at?: Time | null;
}

export interface ParticipantRow {
  entity_ref: string;
  target_version: string;
  owner_ref: string | null;
  removed_at?: Time | null;
}

export interface CheckRow {
  id: number;
  train_id: string;
  participant_ref: string;
  check_name: string;
  idempotency_key: string;
  status: string;
  evidence_url: string | null;
  reported_at: Time;
  reporter: string;
  against_ref: string | null;
  against_version: string | null;
}

export function toTrainRecord(row: TrainRow): TrainRecord {
  return {
    id: row.id,
    name: row.name,
    objective: row.objective,
    ambassadorRef: row.ambassador_ref,
    status: row.status as ReleaseTrainStatus,
    currentStage: row.current_stage,
    createdAt: toIsoString(row.created_at),
    updatedAt: toIsoString(row.updated_at),
    version: Number(row.version ?? 0),
    stagePlan: parseStagePlan(row.stage_plan),
    ...(row.cadence_id && row.cadence_occurrence
      ? {
          cadence: {
            cadenceId: row.cadence_id,
            occurrence: Number(row.cadence_occurrence),
          },
        }
      : {}),
  };
}

/** The stage plan as stored in `release_trains.stage_plan` (JSON). */
export function parseStagePlan(column: string | null | undefined): TrainRecord['stagePlan'] {
  return column ? JSON.parse(column) : [];
}

/**
 * The planned span of a train, as kept in `release_trains.planned_start` and `planned_end` for
 * the release calendar: the earliest window start and the latest window end; nulls when no
 * stage has a window.
 */
export function plannedSpanOf(plan: Pick<TrainRecord['stagePlan'][number], 'window'>[]): {
  planned_start: Date | null;
  planned_end: Date | null;
} {
  // Windows are validated on the way in; one that does not parse is left out, never a NaN date.
  const windows = plan
    .flatMap(stage => (stage.window ? [stage.window] : []))
    .map(window => ({ start: Date.parse(window.start), end: Date.parse(window.end) }))
    .filter(window => Number.isFinite(window.start) && Number.isFinite(window.end));
  if (windows.length === 0) return { planned_start: null, planned_end: null };
  return {
    planned_start: new Date(Math.min(...windows.map(w => w.start))),
    planned_end: new Date(Math.max(...windows.map(w => w.end))),
  };
}

/** The stage after `current` in the plan, as kept in `release_trains.next_stage`. */
export function nextStageOf(
  plan: Pick<TrainRecord['stagePlan'][number], 'name'>[],
  current: string,
): string | undefined {
  const index = plan.findIndex(stage => stage.name === current);
  return index < 0 ? undefined : plan[index + 1]?.name;
}

export function toParticipant(row: ParticipantRow): TrainParticipant {
  return {
    entityRef: row.entity_ref,
    targetVersion: row.target_version,
    ...(row.owner_ref ? { ownerRef: row.owner_ref } : {}),
  };
}

export function toGateRecord(row: GateRow): GateRecord {
  return {
    id: row.id,
    trainId: row.train_id,
    stage: row.stage,
    phase: row.phase as GatePhase,
    templateId: row.template_id,
    kind: row.kind as GateKind,
    ...(row.participant_ref ? { participantRef: row.participant_ref } : {}),
    state: row.state as GateState,
    config: JSON.parse(row.config),
    ...(row.reason ? { reason: row.reason } : {}),
    updatedAt: toIsoString(row.updated_at),
    version: Number(row.version),
    ...(row.removed_at ? { removedAt: toIsoString(row.removed_at) } : {}),
  };
}

export function toCheck(row: CheckRow): CheckResult {
  return {
    id: String(row.id),
    trainId: row.train_id,
    participantRef: row.participant_ref,
    checkName: row.check_name,
    status: row.status as CheckResult['status'],
    ...(row.evidence_url ? { evidenceUrl: row.evidence_url } : {}),
    ...(row.against_ref && row.against_version
      ? { against: { entityRef: row.against_ref, version: row.against_version } }
      : {}),
    idempotencyKey: row.idempotency_key,
    reportedAt: toIsoString(row.reported_at),
    reporter: row.reporter,
  };
}

export function toApproval(row: {
  user_ref: string;
  decision: string;
  comment: string | null;
  decided_at: Time;
  expires_at?: Time | null;
}): GateApproval {
  return {
    userRef: row.user_ref,
    decision: row.decision as GateApproval['decision'],
    ...(row.comment ? { comment: row.comment } : {}),
    decidedAt: toIsoString(row.decided_at),
    ...(row.expires_at ? { expiresAt: toIsoString(row.expires_at) } : {}),
  };
}