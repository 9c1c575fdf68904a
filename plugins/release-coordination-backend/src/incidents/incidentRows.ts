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
  suggested_deployment_id: number | null;
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
  // Of the suggested deployment.
  s_train_id: string | null;
  s_train_name: string | null;
  s_participant_ref: string | null;
  s_environment: string | null;
  s_version: string | null;
  s_finished_at: Time | null;
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
  's.train_id as s_train_id',
  'st.name as s_train_name',
  's.participant_ref as s_participant_ref',
  's.environment as s_environment',
  's.version as s_version',
  's.finished_at as s_finished_at',
];

const present = <T>(key: string, value: T | null | undefined) =>
  value === null || value === undefined ? {} : { [key]: value };

/** The attributed (`d`) or suggested (`s`) deployment of a row, when its train still exists. */
function deploymentOf(
  row: IncidentRow,
  prefix: 'd' | 's',
): AttributedDeployment | undefined {
  const id =
    prefix === 'd' ? row.attributed_deployment_id : row.suggested_deployment_id;
  const column = (name: string) =>
    (row as unknown as Record<string, any>)[`${prefix}_${name}`];
  const trainId: string | null = column('train_id');
  if (id === null || trainId === null) return undefined;
  return {
    id: String(id),
    trainId,
    trainName: column('train_name') ?? trainId,
    participantRef: column('participant_ref') ?? '',
    environment: column('environment') ?? '',
    ...present('version', column('version')),
    ...present('finishedAt', optionalIsoString(column('finished_at'))),
  };
}

export function toIncident(row: IncidentRow): Incident {
  const deployment = deploymentOf(row, 'd');
  const suggested = deploymentOf(row, 's');
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
      ...(state === 'unconfirmed' && suggested ? { suggested } : {}),
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
