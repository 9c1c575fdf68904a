import {
  DeploymentOutcome,
  DeploymentResult,
  FeatureFlag,
  FeatureFlagState,
  RollbackDrill,
  RollbackDrillResult,
  RollbackPlan,
} from '@release-coordination/plugin-release-coordination-common';
import {
  Time,
  optionalIsoString,
  toIsoString,
} from '../database/columns';

/* Rows of the outcome tables as knex answers them, and the records the store makes of them. */

export interface DeploymentRow {
  id: number;
  train_id: string;
  participant_ref: string;
  owner_ref: string | null;
  environment: string;
  deployment_id: string;
  version: string | null;
  started_at: Time;
  finished_at: Time | null;
  result: string | null;
  rollback_started_at: Time | null;
  rollback_finished_at: Time | null;
  hotfix: boolean | number;
  evidence_url: string | null;
  reporter: string;
  reported_at: Time;
  updated_at: Time;
}

export interface PlanRow {
  train_id: string;
  participant_ref: string;
  criteria: string;
  procedure_url: string;
  updated_by: string;
  updated_at: Time;
}

export interface DrillRow {
  id: number;
  entity_ref: string;
  result: string;
  rehearsed_at: Time;
  evidence_url: string | null;
  idempotency_key: string;
  reporter: string;
  recorded_at: Time;
}

export interface FlagRow {
  id: string;
  train_id: string;
  participant_ref: string;
  flag_key: string;
  owner_ref: string;
  purpose: string;
  state: string;
  created_at: Time;
  created_by: string;
  expires_at: Time;
  updated_at: Time;
  expiring_reminded_at: Time | null;
  expired_reminded_at: Time | null;
}

export function toDeployment(row: DeploymentRow): DeploymentOutcome {
  const finishedAt = optionalIsoString(row.finished_at);
  const rollbackStartedAt = optionalIsoString(row.rollback_started_at);
  const rollbackFinishedAt = optionalIsoString(row.rollback_finished_at);
  return {
    id: String(row.id),
    trainId: row.train_id,
    participantRef: row.participant_ref,
    ...(row.owner_ref ? { ownerRef: row.owner_ref } : {}),
    environment: row.environment,
    deploymentId: row.deployment_id,
    ...(row.version ? { version: row.version } : {}),
    startedAt: toIsoString(row.started_at),
    ...(finishedAt ? { finishedAt } : {}),
    ...(row.result ? { result: row.result as DeploymentResult } : {}),
    ...(rollbackStartedAt ? { rollbackStartedAt } : {}),
    ...(rollbackFinishedAt ? { rollbackFinishedAt } : {}),
    // SQLite and MySQL store booleans as 0 and 1.
    hotfix: Boolean(row.hotfix),
    ...(row.evidence_url ? { evidenceUrl: row.evidence_url } : {}),
    reporter: row.reporter,
    reportedAt: toIsoString(row.reported_at),
    updatedAt: toIsoString(row.updated_at),
  };
}

export function toPlan(row: PlanRow): RollbackPlan {
  return {
    trainId: row.train_id,
    entityRef: row.participant_ref,
    criteria: row.criteria,
    procedureUrl: row.procedure_url,
    updatedBy: row.updated_by,
    updatedAt: toIsoString(row.updated_at),
  };
}

export function toDrill(row: DrillRow): RollbackDrill {
  return {
    id: String(row.id),
    entityRef: row.entity_ref,
    result: row.result as RollbackDrillResult,
    rehearsedAt: toIsoString(row.rehearsed_at),
    ...(row.evidence_url ? { evidenceUrl: row.evidence_url } : {}),
    idempotencyKey: row.idempotency_key,
    reporter: row.reporter,
    recordedAt: toIsoString(row.recorded_at),
  };
}

export function toFlag(row: FlagRow): FeatureFlag {
  return {
    id: row.id,
    trainId: row.train_id,
    participantRef: row.participant_ref,
    key: row.flag_key,
    ownerRef: row.owner_ref,
    purpose: row.purpose,
    state: row.state as FeatureFlagState,
    createdAt: toIsoString(row.created_at),
    createdBy: row.created_by,
    expiresAt: toIsoString(row.expires_at),
    updatedAt: toIsoString(row.updated_at),
  };
}
