/**
 * Load through HTTP, bounded in requests and in time: reads with autocannon, writes (each on
 * another gate, or a new train) with a loop of workers that take one item each. Every
 * request's latency is kept, so that percentiles are exact rather than histogram buckets.
 */
import autocannon from 'autocannon';
import { percentile } from '../lib';

export interface LoadResult {
  /** Requests answered (any status), and those answered 2xx. */
  requests: number;
  ok: number;
  /** Non-2xx answers plus transport errors and timeouts. */
  errors: number;
  durationMs: number;
  /** Answers per second, and 2xx answers per second. */
  perSecond: number;
  okPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Mean size of the response bodies. */
  meanBytes: number;
  statusCodes: Record<string, number>;
  /** The first error answer, to tell what went wrong. */
  firstError?: string;
}

export interface Limits {
  requests: number;
  seconds: number;
  connections: number;
}

function summarize(
  latencies: number[],
  bytes: number[],
  statusCodes: Record<string, number>,
  transportErrors: number,
  durationMs: number,
  firstError: string | undefined,
): LoadResult {
  const ok = Object.entries(statusCodes)
    .filter(([code]) => code.startsWith('2'))
    .reduce((sum, [, n]) => sum + n, 0);
  const requests = latencies.length;
  return {
    requests,
    ok,
    errors: requests - ok + transportErrors,
    durationMs,
    perSecond: (1000 * requests) / durationMs,
    okPerSecond: (1000 * ok) / durationMs,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies.length > 0 ? Math.max(...latencies) : NaN,
    meanBytes: bytes.reduce((sum, n) => sum + n, 0) / Math.max(1, bytes.length),
    statusCodes,
    ...(firstError ? { firstError } : {}),
  };
}

/**
 * GETs `nextPath()` (a new path per request, e.g. random train ids) with `headers` until
 * `limits.requests` are answered or `limits.seconds` have passed.
 */
export async function readLoad(
  baseUrl: string,
  nextPath: () => string,
  headers: Record<string, string>,
  limits: Limits,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const bytes: number[] = [];
  const statusCodes: Record<string, number> = {};
  let firstError: string | undefined;
  const started = performance.now();
  const instance = autocannon({
    url: baseUrl,
    connections: Math.min(limits.connections, limits.requests),
    amount: limits.requests,
    // Slow answers are measured, not cut off: the time limit below bounds the run.
    timeout: 300,
    requests: [
      {
        method: 'GET',
        headers,
        setupRequest: request => ({ ...request, path: nextPath() }),
        onResponse: (status, body) => {
          bytes.push(Buffer.byteLength(body));
          if (status >= 300 && !firstError) firstError = `${status} ${body.slice(0, 300)}`;
        },
      },
    ],
  });
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    latencies.push(ms);
    statusCodes[status] = (statusCodes[status] ?? 0) + 1;
  });
  const timer = setTimeout(() => instance.stop(), limits.seconds * 1000);
  const result = await instance;
  clearTimeout(timer);
  const durationMs = performance.now() - started;
  return summarize(latencies, bytes, statusCodes, result.errors, durationMs, firstError);
}

/** An endpoint that gave no answer to measure. */
export function failedLoad(firstError: string): LoadResult {
  return {
    ...summarize([], [], {}, 1, NaN, firstError),
    perSecond: 0,
    okPerSecond: 0,
  };
}

export interface WriteRequest {
  method: 'POST';
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

/**
 * Sends each of `items` once (up to `limits.requests`, for at most `limits.seconds`), with
 * `limits.connections` requests in flight: for writes that must not repeat, such as
 * approving a gate.
 */
export async function writeLoad(
  baseUrl: string,
  items: WriteRequest[],
  limits: Limits,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const bytes: number[] = [];
  const statusCodes: Record<string, number> = {};
  let transportErrors = 0;
  let firstError: string | undefined;
  const queue = items.slice(0, limits.requests);
  const started = performance.now();
  const deadline = started + limits.seconds * 1000;
  const worker = async () => {
    for (let item = queue.shift(); item && performance.now() < deadline; item = queue.shift()) {
      const t = performance.now();
      try {
        const response = await fetch(`${baseUrl}${item.path}`, {
          method: item.method,
          headers: { ...item.headers, 'Content-Type': 'application/json' },
          body: JSON.stringify(item.body),
        });
        const text = await response.text();
        latencies.push(performance.now() - t);
        bytes.push(Buffer.byteLength(text));
        statusCodes[response.status] = (statusCodes[response.status] ?? 0) + 1;
        if (!response.ok && !firstError) firstError = `${response.status} ${text.slice(0, 300)}`;
      } catch (error) {
        transportErrors++;
        firstError ??= String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: limits.connections }, worker));
  const durationMs = performance.now() - started;
  return summarize(latencies, bytes, statusCodes, transportErrors, durationMs, firstError);
}
