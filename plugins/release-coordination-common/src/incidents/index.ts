export {
  INCIDENT_SEVERITIES,
  type AttributeIncidentRequest,
  type AttributedDeployment,
  type AttributionCandidate,
  type Incident,
  type IncidentAttribution,
  type IncidentAttributionState,
  type IncidentDetail,
  type IncidentSeverity,
  type ListIncidentsRequest,
  type ReportIncidentRequest,
} from './types';
