import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  AttributeIncidentRequest,
  AttributionCandidate,
  Incident,
  Page,
  ReportIncidentRequest,
} from '@release-coordination/plugin-release-coordination-common';
import { createCauseDecisions } from './causeDecisions';
import { createIncidentCore, IncidentServiceOptions } from './core';
import { IncidentQuery } from './IncidentStore';
import { createIncidentReports } from './reports';

export type { IncidentServiceOptions } from './core';

/** Incidents, and the deployments people confirm as their cause. */
export interface IncidentService {
  /** How far before an incident a deployment may have finished to be a candidate. */
  readonly attributionWindowHours: number;
  /**
   * Records a report: a new incident, or news about a known one (same `source` and
   * `externalId`). `created` tells which; a report that says nothing new changes nothing.
   */
  reportIncident(
    report: ReportIncidentRequest,
    credentials: BackstageCredentials,
  ): Promise<{ incident: Incident; created: boolean }>;
  listIncidents(query: IncidentQuery): Promise<Page<Incident>>;
  /** The incident and its candidate causes, most likely first; 404 for an unknown id. */
  getIncident(
    id: string,
  ): Promise<{ incident: Incident; candidates: AttributionCandidate[] }>;
  /** A person's decision about the cause; see {@link IncidentService.mayAttribute}. */
  attributeIncident(
    id: string,
    decision: AttributeIncidentRequest,
    credentials: BackstageCredentials,
  ): Promise<Incident>;
}

/** Creates the {@link IncidentService} from its parts, which share one core. */
export function createIncidentService(
  options: IncidentServiceOptions,
): IncidentService {
  const core = createIncidentCore(options);
  const { store, candidatesOf, requireIncident } = core;
  return {
    attributionWindowHours: options.attributionWindowHours,
    ...createIncidentReports(core),
    listIncidents: query => store.listIncidents(query),
    async getIncident(id) {
      const incident = await requireIncident(id);
      return { incident, candidates: await candidatesOf(incident) };
    },
    ...createCauseDecisions(core),
  };
}
