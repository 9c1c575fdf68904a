/**
 * The printed table of the `trains` benchmark, one per size, with the targets beside the
 * figures: a ✓ or ✗ says where a figure stands, nothing fails on it.
 */
import { formatCount, formatMs, formatTable } from '../lib';
import type { EndpointResult } from './measure';
import { TARGETS } from './measure';
import type { TrainsResult } from './trainsOnce';

const mark = (ok: boolean) => (ok ? '✓' : '✗');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '-';
  if (bytes < 10_000) return `${Math.round(bytes)} B`;
  if (bytes < 10_000_000) return `${Math.round(bytes / 1000)} kB`;
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

const TARGET_TEXT: Record<EndpointResult['kind'], string> = {
  read: `p95 < ${TARGETS.readP95Ms} ms`,
  approve: `≥ ${TARGETS.approvalsPerSecond}/s`,
  check: '',
  create: `p50 < ${TARGETS.createP50Ms} ms`,
};

function target(e: EndpointResult, trains: number): string {
  const text = TARGET_TEXT[e.kind];
  if (!text) return '';
  // Figures travel as JSON, where NaN becomes null: an endpoint without answers meets nothing.
  if (e.ok === 0) return `${text} ${mark(false)}`;
  switch (e.kind) {
    case 'read':
      // The read target is set at 10k trains; smaller sizes show where they stand against it.
      return trains === TARGETS.trains ? `${text} ${mark(e.p95Ms < TARGETS.readP95Ms)}` : text;
    case 'approve':
      return `${text} ${mark(e.okPerSecond >= TARGETS.approvalsPerSecond)}`;
    default:
      return `${text} ${mark(e.p50Ms < TARGETS.createP50Ms)}`;
  }
}

export function printTrains(result: TrainsResult) {
  const { seed, backend } = result;
  const rows = Object.entries(seed.rows)
    .filter(([, n]) => n > 0)
    .map(([table, n]) => `${table} ${formatCount(n)}`)
    .join(', ');
  console.log(
    `\ntrains: ${formatCount(result.trains)} release trains (${formatCount(seed.activeTrains)} ` +
      `active), seeded into PostgreSQL in ${seconds(seed.ms)}; a real backend with ` +
      `${formatCount(result.entities)} catalog entities\n`,
  );
  console.log(`rows: ${rows}`);
  console.log(
    `backend ready in ${seconds(backend.startMs)}; catalog ingested and dependency graph ` +
      `(${formatCount(backend.graphNodes)} nodes) derived ${seconds(backend.catalogMs)} later`,
  );
  console.log(
    `as ${result.benchUser.ref}, member of ${result.benchUser.groups.join(', ')}\n`,
  );
  console.log(
    formatTable(
      ['endpoint', 'as', 'conn', 'requests', 'req/s', 'p50', 'p95', 'p99', 'first', 'errors',
        'bytes', 'answer', 'target'],
      result.endpoints.map(e => [
        e.name,
        e.as,
        e.connections,
        formatCount(e.requests),
        // For writes, what counts is what succeeded.
        (e.kind === 'read' ? e.perSecond : e.okPerSecond).toFixed(1),
        formatMs(e.p50Ms),
        formatMs(e.p95Ms),
        formatMs(e.p99Ms),
        e.firstMs === undefined ? '' : formatMs(e.firstMs),
        formatCount(e.errors),
        formatBytes(e.meanBytes),
        e.answer ?? '',
        target(e, result.trains),
      ]),
    ),
  );
  console.log(
    '\nreq/s: answers per second (writes: 2xx per second); first: the first, untimed read ' +
      '(a scorecard is computed then, and handed out again until a fact changes); bytes: mean ' +
      'response body; answer: what the first answer held',
  );
  for (const e of result.endpoints) {
    if (e.firstError) console.log(`${e.name}: first error ${e.firstError}`);
  }
  for (const note of result.notes) console.log(`note: ${note}`);
}
