import { ResponseError } from '@backstage/errors';
import {
  BlastRadiusResponse,
  DependencyEdgesResponse,
  DependencySnapshotResponse,
  DeploymentWavesResponse,
  EntityDependenciesResponse,
  OwnershipResponse,
  TeamMatrixResponse,
} from './dependencies';
import {
  CreateTrainRequest,
  EntityTrain,
  MyApproval,
  ReportCheckRequest,
  CheckResult,
  TrainDecision,
  TrainDetail,
  TrainGate,
} from './trains';
import { Page, ReleaseTrainSummary, ReleaseTrainStatus } from './types';

/**
 * The id under which the backend plugin is mounted (`/api/release-coordination`).
 *
 * @public
 */
export const RELEASE_COORDINATION_PLUGIN_ID = 'release-coordination';

/**
 * The parts of Backstage's discovery and fetch APIs the client needs; both the frontend's
 * `discoveryApiRef`/`fetchApiRef` and the backend's `discovery` service (with a fetch that adds
 * a service token) fit.
 *
 * @public
 */
export interface ReleaseCoordinationClientOptions {
  discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  fetchApi?: { fetch: typeof fetch };
}

/** @public */
export interface ListTrainsRequest {
  status?: ReleaseTrainStatus;
  limit?: number;
  offset?: number;
}

/**
 * A scope of the dependency graph: `organization`, or the ref of a Domain, System or Group
 * (e.g. `system:default/checkout`).
 *
 * @public
 */
export type DependencyScopeParam = string;

/** @public */
export interface ListDependencyEdgesRequest {
  scope: DependencyScopeParam;
  fromTeam?: string;
  toTeam?: string;
  crossTeamOnly?: boolean;
  limit?: number;
  offset?: number;
}

/**
 * The release-coordination API as seen by its callers.
 *
 * @public
 */
export interface ReleaseCoordinationApi {
  listTrains(request?: ListTrainsRequest): Promise<Page<ReleaseTrainSummary>>;
  getDependencySnapshot(): Promise<DependencySnapshotResponse>;
  refreshDependencies(): Promise<DependencySnapshotResponse>;
  getEntityDependencies(request: { entityRef: string; depth?: number }): Promise<EntityDependenciesResponse>;
  getTeamMatrix(request: { scope: DependencyScopeParam }): Promise<TeamMatrixResponse>;
  listDependencyEdges(request: ListDependencyEdgesRequest): Promise<DependencyEdgesResponse>;
  getBlastRadius(request: { entityRef: string }): Promise<BlastRadiusResponse>;
  getDeploymentWaves(request: { entityRefs: string[] }): Promise<DeploymentWavesResponse>;
  getOwnership(request: { entityRef: string }): Promise<OwnershipResponse>;
  createTrain(request: CreateTrainRequest): Promise<TrainDetail>;
  getTrain(request: { trainId: string }): Promise<TrainDetail>;
  advanceStage(request: { trainId: string; expectedStage: string }): Promise<TrainDetail>;
  cancelTrain(request: { trainId: string; reason: string }): Promise<TrainDetail>;
  listDecisions(request: {
    trainId: string;
    limit?: number;
    offset?: number;
  }): Promise<Page<TrainDecision>>;
  approveGate(request: { gateId: string; comment?: string }): Promise<TrainGate>;
  rejectGate(request: { gateId: string; comment: string }): Promise<TrainGate>;
  waiveGate(request: { gateId: string; reason: string; until: string }): Promise<TrainGate>;
  reportCheck(request: ReportCheckRequest & { trainId: string }): Promise<CheckResult>;
  listEntityTrains(request: { entityRef: string }): Promise<{ items: EntityTrain[] }>;
  /** The approval gates of active trains waiting for a Group the signed-in user belongs to. */
  listMyApprovals(): Promise<{ items: MyApproval[] }>;
}

/** A query string from the defined values, `''` when there are none. */
function query(params: Record<string, string | number | boolean | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) search.set(key, String(value));
  }
  return search.size ? `?${search}` : '';
}

/**
 * HTTP client of the release-coordination backend.
 *
 * @public
 */
export class ReleaseCoordinationClient implements ReleaseCoordinationApi {
  private readonly discoveryApi: ReleaseCoordinationClientOptions['discoveryApi'];
  private readonly fetchApi: { fetch: typeof fetch };

  constructor(options: ReleaseCoordinationClientOptions) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi ?? { fetch: (...args) => fetch(...args) };
  }

  async listTrains(request: ListTrainsRequest = {}): Promise<Page<ReleaseTrainSummary>> {
    return this.get(`/trains${query({ ...request })}`);
  }

  getDependencySnapshot(): Promise<DependencySnapshotResponse> {
    return this.get('/dependencies/snapshot');
  }

  refreshDependencies(): Promise<DependencySnapshotResponse> {
    return this.send('POST', '/dependencies/refresh', {});
  }

  getEntityDependencies(request: {
    entityRef: string;
    depth?: number;
  }): Promise<EntityDependenciesResponse> {
    return this.get(`/dependencies/entity${query({ ref: request.entityRef, depth: request.depth })}`);
  }

  getTeamMatrix(request: { scope: DependencyScopeParam }): Promise<TeamMatrixResponse> {
    return this.get(`/dependencies/matrix${query({ scope: request.scope })}`);
  }

  listDependencyEdges(request: ListDependencyEdgesRequest): Promise<DependencyEdgesResponse> {
    return this.get(`/dependencies/edges${query({ ...request })}`);
  }

  getBlastRadius(request: { entityRef: string }): Promise<BlastRadiusResponse> {
    return this.get(`/dependencies/blast-radius${query({ ref: request.entityRef })}`);
  }

  getDeploymentWaves(request: { entityRefs: string[] }): Promise<DeploymentWavesResponse> {
    return this.send('POST', '/dependencies/waves', { entityRefs: request.entityRefs });
  }

  getOwnership(request: { entityRef: string }): Promise<OwnershipResponse> {
    return this.get(`/ownership${query({ ref: request.entityRef })}`);
  }

  createTrain(request: CreateTrainRequest): Promise<TrainDetail> {
    return this.send('POST', '/trains', request);
  }

  getTrain(request: { trainId: string }): Promise<TrainDetail> {
    return this.get(`/trains/${encodeURIComponent(request.trainId)}`);
  }

  advanceStage(request: { trainId: string; expectedStage: string }): Promise<TrainDetail> {
    return this.send('POST', `/trains/${encodeURIComponent(request.trainId)}/advance`, {
      expectedStage: request.expectedStage,
    });
  }

  cancelTrain(request: { trainId: string; reason: string }): Promise<TrainDetail> {
    return this.send('POST', `/trains/${encodeURIComponent(request.trainId)}/cancel`, {
      reason: request.reason,
    });
  }

  listDecisions(request: {
    trainId: string;
    limit?: number;
    offset?: number;
  }): Promise<Page<TrainDecision>> {
    const { trainId, ...paging } = request;
    return this.get(`/trains/${encodeURIComponent(trainId)}/decisions${query(paging)}`);
  }

  approveGate(request: { gateId: string; comment?: string }): Promise<TrainGate> {
    const { gateId, ...body } = request;
    return this.send('POST', `/gates/${encodeURIComponent(gateId)}/approve`, body);
  }

  rejectGate(request: { gateId: string; comment: string }): Promise<TrainGate> {
    const { gateId, ...body } = request;
    return this.send('POST', `/gates/${encodeURIComponent(gateId)}/reject`, body);
  }

  waiveGate(request: { gateId: string; reason: string; until: string }): Promise<TrainGate> {
    const { gateId, ...body } = request;
    return this.send('POST', `/gates/${encodeURIComponent(gateId)}/waive`, body);
  }

  reportCheck(request: ReportCheckRequest & { trainId: string }): Promise<CheckResult> {
    const { trainId, ...body } = request;
    return this.send('POST', `/trains/${encodeURIComponent(trainId)}/checks`, body);
  }

  listEntityTrains(request: { entityRef: string }): Promise<{ items: EntityTrain[] }> {
    return this.get(`/entity-trains${query({ ref: request.entityRef })}`);
  }

  listMyApprovals(): Promise<{ items: MyApproval[] }> {
    return this.get('/approvals/mine');
  }

  private async get<T>(path: string): Promise<T> {
    return this.send('GET', path);
  }

  private async send<T>(method: string, path: string, body?: unknown): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl(RELEASE_COORDINATION_PLUGIN_ID);
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, {
      method,
      ...(body !== undefined
        ? { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }
        : {}),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
