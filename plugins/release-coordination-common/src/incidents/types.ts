import { HiddenEntityCounts } from '../types';

/**
 * How bad an incident is, in the words most incident tools share; `critical` is the worst.
 *
 * @public
 */
export type IncidentSeverity = 'critical' | 'high' | 'medium' | 'low';

/**
 * The severities, worst first.
 *
 * @public
 */
export const INCIDENT_SEVERITIES: readonly IncidentSeverity[] = [
  'critical',
  'high',
  'medium',
  'low',
];

/**
 * An incident as an incident tool or a pipeline reports it (`POST /incidents`). Reporting the
 * same `source` and `externalId` again updates the incident, so a tool may report it when it
 * opens and again when it is resolved.
 *
 * @public
 */
export interface ReportIncidentRequest {
  /** The tool that raised it, e.g. `pagerduty`; `api` when not given. */
  source?: string;
  /** The tool's id of the incident: reports of one incident share it. */
  externalId: string;
  title: string;
  /** The catalog entity the incident hit, e.g. `component:default/checkout-api`. */
  entityRef: string;
  severity: IncidentSeverity;
  startedAt: string;
  /** Absent while the incident is open. */
  resolvedAt?: string;
  /** How many users were affected. */
  usersAffected?: number;
  /** For how many minutes users were affected. */
  impactMinutes?: number;
  /** Where people read about it, in the incident tool. */
  url?: string;
}

/**
 * The deployment an incident is attributed to, as a person confirmed it.
 *
 * @public
 */
export interface AttributedDeployment {
  /** Our id of the deployment. */
  id: string;
  trainId: string;
  trainName: string;
  participantRef: string;
  environment: string;
  version?: string;
  finishedAt?: string;
}

/**
 * Whether a person has said which deployment caused an incident:
 *
 * - `unconfirmed`: nobody has yet; the candidates are suggestions;
 * - `confirmed`: a person named the deployment (a candidate, or another one);
 * - `no-deployment`: a person said no deployment caused it.
 *
 * @public
 */
export type IncidentAttributionState =
  'unconfirmed' | 'confirmed' | 'no-deployment';

/**
 * What a person decided about an incident's cause.
 *
 * @public
 */
export interface IncidentAttribution {
  state: IncidentAttributionState;
  /** For `confirmed`. */
  deployment?: AttributedDeployment;
  /**
   * For `unconfirmed`: the likeliest cause when the incident was reported (the first
   * candidate), for a person to confirm or reassign.
   */
  suggested?: AttributedDeployment;
  /** Who decided, and when; absent while `unconfirmed`. */
  decidedBy?: string;
  decidedAt?: string;
  /** Why, in the words of whoever decided. */
  comment?: string;
}

/**
 * One reported incident.
 *
 * @public
 */
export interface Incident {
  id: string;
  source: string;
  externalId: string;
  title: string;
  entityRef: string;
  /** The owner of the affected entity when the incident started; absent when it had none. */
  ownerRef?: string;
  severity: IncidentSeverity;
  startedAt: string;
  resolvedAt?: string;
  usersAffected?: number;
  impactMinutes?: number;
  url?: string;
  attribution: IncidentAttribution;
  /** Who reported it first: a user's entity ref or a service's subject. */
  reporter: string;
  reportedAt: string;
  updatedAt: string;
}

/**
 * A production deployment that may have caused an incident, with the reasoning.
 *
 * @public
 */
export interface AttributionCandidate {
  deployment: AttributedDeployment;
  /** 1 is the most likely. */
  rank: number;
  /** Hops from the affected entity to the deployed one; 0 when it is the affected entity. */
  distance: number;
  /** The affected entity, then each entity it depends on up to the deployed one. */
  path: string[];
  /** How long before the incident started the deployment finished. */
  minutesBeforeStart: number;
  /** Why it is a candidate, as a sentence. */
  reasoning: string;
}

/**
 * An incident with the deployments that may have caused it (`GET /incidents/{incidentId}`).
 *
 * @public
 */
export interface IncidentDetail {
  incident: Incident;
  /** Ranked by graph distance, then by recency: the most likely first. */
  candidates: AttributionCandidate[];
  /** How far before the start deployments are looked at. */
  windowHours: number;
  /** Candidates naming an entity the caller may not see, left out and counted. */
  hidden?: HiddenEntityCounts;
}

/**
 * A person's decision about an incident's cause (`POST /incidents/{incidentId}/attribution`):
 * the deployment that caused it (`confirmed`, a candidate or another production deployment)
 * or that none did (`no-deployment`).
 *
 * @public
 */
export type AttributeIncidentRequest =
  | { state: 'confirmed'; deploymentId: string; comment?: string }
  | { state: 'no-deployment'; comment: string };

/**
 * Filters and paging of `GET /incidents`.
 *
 * @public
 */
export interface ListIncidentsRequest {
  /** Incidents of this entity. */
  entityRef?: string;
  /**
   * Incidents confirmed as caused by a deployment of this train, and those still unconfirmed
   * whose likeliest cause is one.
   */
  trainId?: string;
  limit?: number;
  offset?: number;
}
