export { IncidentsCard, describeImpact } from './IncidentsCard';
export { IncidentDialog } from './IncidentDialog';
export { useIncidents, type IncidentsOf } from './useIncidents';
