import { ResponseError } from '@backstage/errors';
import {
  RELEASE_COORDINATION_PLUGIN_ID,
  ReleaseCoordinationClientOptions,
} from './api';

/** A query string from the defined values, `''` when there are none. */
export function query(
  params: Record<string, string | number | boolean | undefined>,
): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) search.set(key, String(value));
  }
  return search.size ? `?${search}` : '';
}

/** Entity refs hold `:` and `/`; encoded, they stay one path segment. */
export function participantPath(trainId: string, entityRef: string): string {
  return `/trains/${encodeURIComponent(trainId)}/participants/${encodeURIComponent(entityRef)}`;
}

/** Requests to the backend plugin: JSON in and out, a `ResponseError` for a failed answer. */
export interface BackendHttp {
  get<T>(path: string): Promise<T>;
  send<T>(method: string, path: string, body?: unknown): Promise<T>;
  /** For answers without a body (204). */
  delete(path: string): Promise<void>;
}

export function createBackendHttp(
  options: ReleaseCoordinationClientOptions,
): BackendHttp {
  const { discoveryApi } = options;
  const fetchApi = options.fetchApi ?? {
    fetch: (...args: Parameters<typeof fetch>) => fetch(...args),
  };
  async function request(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<Response> {
    const baseUrl = await discoveryApi.getBaseUrl(
      RELEASE_COORDINATION_PLUGIN_ID,
    );
    const response = await fetchApi.fetch(`${baseUrl}${path}`, {
      method,
      ...(body !== undefined
        ? {
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
          }
        : {}),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
  async function send<T>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<T> {
    return (await (await request(method, path, body)).json()) as T;
  }
  return {
    get: path => send('GET', path),
    send,
    delete: async path => {
      await request('DELETE', path);
    },
  };
}
