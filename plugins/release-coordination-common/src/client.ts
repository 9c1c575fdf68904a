import { ResponseError } from '@backstage/errors';
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
 * The release-coordination API as seen by its callers.
 *
 * @public
 */
export interface ReleaseCoordinationApi {
  listTrains(request?: ListTrainsRequest): Promise<Page<ReleaseTrainSummary>>;
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
    const query = new URLSearchParams();
    if (request.status) query.set('status', request.status);
    if (request.limit !== undefined) query.set('limit', String(request.limit));
    if (request.offset !== undefined) query.set('offset', String(request.offset));
    return this.get(`/trains${query.size ? `?${query}` : ''}`);
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl(RELEASE_COORDINATION_PLUGIN_ID);
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
