import {
  AttributedDeployment,
  Incident,
  IncidentAttributionState,
  IncidentSeverity,
} from '@release-coordination/plugin-release-coordination-common';
import { optionalIsoString, Time, toIsoString } from '../database/columns';

/** An `incidents` row joined with its attributed deployment and that deployment's train. */
export interface IncidentRow {
  id: number;
  source: string;
  external_id: string;
  title: string;
  entity_ref: string;
  owner_ref: string | null;
  severity: string;
  started_at: Time;
  resolved_at: Time | null;
  users_affected: number | null;
  impact_minutes: number | null;
  url: string | null;
  attribution_state: string;
  attributed_deployment_id: number | null;
  attributed_by: string | null;
  attributed_at: Time | null;
  attribution_comment: string | null;
  reporter: string;
  reported_at: Time;
  updated_at: Time;
  // Of the attributed deployment, through the join.
  d_train_id: string | null;
  d_train_name: string | null;
  d_participant_ref: string | null;
  d_environment: string | null;
  d_version: string | null;
  d_finished_at: Time | null;
}

/** The columns of {@link IncidentRow}, for a query from `incidents as i`. */
export const INCIDENT_COLUMNS = [
  'i.*',
  'd.train_id as d_train_id',
  't.name as d_train_name',
  'd.participant_ref as d_participant_ref',
  'd.environment as d_environment',
  'd.version as d_version',
  'd.finished_at as d_finished_at',
];

const present = <T>(key: string, value: T | null | undefined) =>
  value === null || value === undefined ? {} : { [key]: value };

function attributedDeployment(row: IncidentRow): AttributedDeployment | undefined {
  if (row.attributed_deployment_id === null || row.d_train_id === null) return undefined;
  return {
    id: String(row.attributed_deployment_id),
    trainId: row.d_train_id,
    trainName: row.d_train_name ?? row.d_train_id,
    participantRef: row.d_participant_ref ?? '',
    environment: row.d_environment ?? '',
    ...present('version', row.d_version),
    ...present('finishedAt', optionalIsoString(row.d_finished_at)),
  };
}

export function toIncident(row: IncidentRow): Incident {
  const deployment = attributedDeployment(row);
  // A confirmed attribution whose deployment was deleted with its train reads as unconfirmed.
  const state =
    row.attribution_state === 'confirmed' && !deployment
      ? 'unconfirmed'
      : (row.attribution_state as IncidentAttributionState);
  return {
    id: String(row.id),
    source: row.source,
    externalId: row.external_id,
    title: row.title,
    entityRef: row.entity_ref,
    ...present('ownerRef', row.owner_ref),
    severity: row.severity as IncidentSeverity,
    startedAt: toIsoString(row.started_at),
    ...present('resolvedAt', optionalIsoString(row.resolved_at)),
    ...present('usersAffected', row.users_affected),
    ...present('impactMinutes', row.impact_minutes),
    ...present('url', row.url),
    attribution: {
      state,
      ...(state === 'confirmed' ? { deployment } : {}),
      ...(state !== 'unconfirmed'
        ? {
            ...present('decidedBy', row.attributed_by),
            ...present('decidedAt', optionalIsoString(row.attributed_at)),
            ...present('comment', row.attribution_comment),
          }
        : {}),
    },
    reporter: row.reporter,
    reportedAt: toIsoString(row.reported_at),
    updatedAt: toIsoString(row.updated_at),
  };
}
