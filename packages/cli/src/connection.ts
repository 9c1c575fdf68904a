/** Why the command could not do its work: bad usage, configuration or an answer it cannot use. */
export class CliError extends Error {}

/** Where the portal's backend is and how this pipeline proves who it is. */
export interface Connection {
  /** The plugin's API, e.g. `https://backstage.example.com/api/release-coordination`. */
  apiUrl: string;
  token: string;
  fetch: typeof fetch;
}

/**
 * Reads the connection from the environment, as pipelines pass secrets:
 * `RELEASE_COORDINATION_URL`, the backend's base URL (`backend.baseUrl` of the portal), and
 * `RELEASE_COORDINATION_TOKEN`, a static token the portal accepts for this pipeline.
 */
export function connectionFromEnv(
  env: Record<string, string | undefined>,
  fetchImpl: typeof fetch = fetch,
): Connection {
  const url = env.RELEASE_COORDINATION_URL?.trim();
  const token = env.RELEASE_COORDINATION_TOKEN?.trim();
  if (!url) {
    throw new CliError(
      "RELEASE_COORDINATION_URL is not set: give the portal backend's base URL, e.g. https://backstage.example.com",
    );
  }
  if (!token) {
    throw new CliError(
      'RELEASE_COORDINATION_TOKEN is not set: give the static token the portal accepts for this pipeline',
    );
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CliError(`RELEASE_COORDINATION_URL is not a URL: '${url}'`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new CliError(
      `RELEASE_COORDINATION_URL must be http(s), got '${url}'`,
    );
  }
  const base = parsed.toString().replace(/\/+$/, '');
  return {
    apiUrl: `${base}/api/release-coordination`,
    token,
    fetch: fetchImpl,
  };
}

/** The portal's answer to a request that did not succeed, with its own message. */
export class ApiError extends CliError {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Calls the plugin's API; a non-2xx answer becomes an {@link ApiError} with the portal's message. */
export async function callApi<T>(
  connection: Connection,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  let response: Response;
  try {
    response = await connection.fetch(`${connection.apiUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${connection.token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new CliError(
      `Could not reach ${connection.apiUrl}: ${(error as Error).message}`,
    );
  }
  const text = await response.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    const reason =
      json?.error?.message ?? (text.slice(0, 300) || response.statusText);
    const hints: Record<number, string> = {
      401: ' (is RELEASE_COORDINATION_TOKEN a token the portal accepts?)',
      403: ' (the token is not allowed to do this: see the portal\'s "Security model")',
    };
    const hint = hints[response.status] ?? '';
    throw new ApiError(
      response.status,
      `${method} ${path} answered ${response.status}: ${reason}${hint}`,
    );
  }
  return { status: response.status, body: json as T };
}
