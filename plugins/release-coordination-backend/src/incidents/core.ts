import {
  AuditorService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  AttributionCandidate,
  Incident,
} from '@release-coordination/plugin-release-coordination-common';
import { DependencySnapshotService } from '../dependencies/DependencySnapshotService';
import { upstreamOf } from '../dependencies/graph';
import { TrainAnnouncer } from '../trains/announcements';
import { rankAttributionCandidates } from './attribution';
import { IncidentStore } from './IncidentStore';

const HOUR_MS = 3_600_000;

export interface IncidentServiceOptions {
  store: IncidentStore;
  snapshots: Pick<DependencySnapshotService, 'current'>;
  permissions: Pick<PermissionsService, 'authorize'>;
  userInfo: Pick<UserInfoService, 'getUserInfo'>;
  auditor: AuditorService;
  announcer: TrainAnnouncer;
  productionEnvironment: string;
  attributionWindowHours: number;
}

/**
 * What reports and attributions of incidents share: the options, the look-up that turns a
 * missing incident into a 404, and the candidate causes of an incident.
 */
export function createIncidentCore(options: IncidentServiceOptions) {
  const { store, snapshots, productionEnvironment, attributionWindowHours } =
    options;

  /** The production deployments that may have caused an incident, most likely first. */
  async function candidatesOf(
    incident: Pick<Incident, 'entityRef' | 'startedAt'>,
  ): Promise<AttributionCandidate[]> {
    const { index } = await snapshots.current();
    const upstream = upstreamOf(index, incident.entityRef);
    const start = new Date(incident.startedAt);
    const deployments = await store.listFinishedDeployments({
      entityRefs: [incident.entityRef, ...upstream.map(reached => reached.ref)],
      environment: productionEnvironment,
      from: new Date(start.getTime() - attributionWindowHours * HOUR_MS),
      to: start,
    });
    return rankAttributionCandidates({
      affectedRef: incident.entityRef,
      startedAt: incident.startedAt,
      upstream,
      deployments,
    });
  }

  async function requireIncident(id: string): Promise<Incident> {
    const incident = await store.getIncident(id);
    if (!incident) throw new NotFoundError(`No incident with id '${id}'`);
    return incident;
  }

  return { ...options, candidatesOf, requireIncident };
}

/** The shared parts of the incident service; see {@link createIncidentCore}. */
export type IncidentCore = ReturnType<typeof createIncidentCore>;
