/**
 * Benchmarks of the cross-team dependency engine. See bench/README.md.
 *
 *   npx tsx bench/run.ts [--sizes 1000,10000,50000] [--only derive,queries,catalog,trains]
 *                        [--catalog-sizes 1000,10000] [--queries 2000] [--runs 5]
 *                        [--train-sizes 1000,10000] [--train-entities 1000]
 *                        [--train-requests 300] [--train-seconds 20] [--train-connections 4]
 *
 * Prints a plain-text table per benchmark and writes a JSON copy to bench/results/.
 * Each measurement runs in a fresh child process (see lib.ts#runChild).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import type { CatalogComparison, CatalogResult } from './catalogOnce';
import type { DeriveResult } from './deriveOnce';
import type { QueriesResult } from './queriesOnce';
import { formatCount, formatMb, formatMs, formatTable, runChild } from './lib';
import { printTrains } from './trains/report';
import type { TrainsOptions, TrainsResult } from './trains/trainsOnce';

const SECTIONS = ['derive', 'queries', 'catalog', 'trains'] as const;
type Section = (typeof SECTIONS)[number];

/** The targets the engine is held to, printed next to the figures. */
const TARGETS = {
  deriveSize: 50_000,
  deriveMs: 1000,
  deriveBytes: 500 * 1024 * 1024,
  queriesSize: 50_000,
  queriesP95Ms: 50,
};

interface Options {
  sizes: number[];
  catalogSizes: number[];
  only: Section[];
  queries: number;
  runs: number;
  trainSizes: number[];
  trains: TrainsOptions;
}

function parseArgs(argv: string[]): Options {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`unexpected argument '${arg}'`);
    const [key, inline] = arg.slice(2).split('=', 2);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`--${key} needs a value`);
    values.set(key, value);
  }
  const known = [
    'sizes',
    'catalog-sizes',
    'only',
    'queries',
    'runs',
    'train-sizes',
    'train-entities',
    'train-requests',
    'train-seconds',
    'train-connections',
  ];
  for (const key of values.keys()) {
    if (!known.includes(key)) throw new Error(`unknown option --${key}; known: ${known}`);
  }
  const numbers = (value: string) =>
    value.split(',').map(part => {
      const n = Number(part.trim().replace(/k$/i, '000'));
      if (!Number.isInteger(n) || n < 200) throw new Error(`invalid size '${part}'`);
      return n;
    });
  const sizes = values.has('sizes') ? numbers(values.get('sizes')!) : [1000, 10_000, 50_000];
  // The catalog takes minutes to ingest 10k entities and much longer for 50k, so by default it
  // runs at the given sizes up to 10k only.
  const catalogSizes = values.has('catalog-sizes')
    ? numbers(values.get('catalog-sizes')!)
    : values.has('sizes')
      ? sizes.filter(size => size <= 10_000)
      : [1000, 10_000];
  const only = (values.get('only')?.split(',') ?? [...SECTIONS]).map(section => {
    if (!SECTIONS.includes(section.trim() as Section)) {
      throw new Error(`unknown section '${section}'; known: ${SECTIONS.join(', ')}`);
    }
    return section.trim() as Section;
  });
  const positive = (key: string, fallback: number) => {
    const n = Number(values.get(key) ?? fallback);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${key} must be a positive integer`);
    return n;
  };
  return {
    sizes,
    catalogSizes,
    only,
    queries: Number(values.get('queries') ?? 2000),
    runs: Number(values.get('runs') ?? 5),
    trainSizes: values.has('train-sizes') ? numbers(values.get('train-sizes')!) : [1000, 10_000],
    trains: {
      entities: numbers(values.get('train-entities') ?? '1000')[0],
      requests: positive('train-requests', 300),
      seconds: positive('train-seconds', 20),
      connections: positive('train-connections', 4),
    },
  };
}

const check = (ok: boolean) => (ok ? '✓' : '✗');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function printDerive(results: DeriveResult[], runs: number) {
  console.log(
    `\nderive: deriveDependencyGraph over the generated catalog (median of ${runs} runs after ` +
      '1 warm-up, a fresh process per size)\n',
  );
  console.log(
    formatTable(
      ['entities', 'relations', 'nodes', 'edges', 'cross-team', 'problems', 'cold', 'median',
        'min', 'max'],
      results.map(r => [
        formatCount(r.size),
        `${formatCount(r.relationEntries)} (${formatCount(r.relationEntries / 2)} pairs)`,
        formatCount(r.nodes),
        formatCount(r.edges),
        `${((100 * r.crossTeamEdges) / Math.max(1, r.edges)).toFixed(0)}%`,
        formatCount(r.problems),
        formatMs(r.coldMs),
        formatMs(r.medianMs),
        formatMs(Math.min(...r.runsMs)),
        formatMs(Math.max(...r.runsMs)),
      ]),
    ),
  );
  console.log('');
  console.log(
    formatTable(
      ['entities', 'heap: graph retained', 'heap: growth before GC', 'RSS before', 'peak RSS',
        'target'],
      results.map(r => [
        formatCount(r.size),
        formatMb(r.heapRetainedBytes),
        formatMb(r.heapDeltaBeforeGcBytes),
        formatMb(r.baselineRssBytes),
        formatMb(r.peakRssBytes),
        r.size === TARGETS.deriveSize
          ? `< 1 s ${check(r.medianMs < TARGETS.deriveMs)}, ` +
            `< 500 MB ${check(r.peakRssBytes < TARGETS.deriveBytes)}`
          : '',
      ]),
    ),
  );
  const problems = results.map(
    r =>
      `${formatCount(r.size)}: ` +
      Object.entries(r.problemsByType)
        .map(([type, n]) => `${n} ${type}`)
        .join(', '),
  );
  console.log(`\nproblems by type: ${problems.join('; ')}`);
}

function printQueries(result: QueriesResult) {
  console.log(
    `\nqueries: ${formatCount(result.size)} entities, index built in ` +
      `${formatMs(result.indexBuildMs)}; ${formatCount(result.totalQueries)} queries on the ` +
      `in-memory snapshot, 1 in 50 about the hub ${result.hub}\n`,
  );
  console.log(
    formatTable(
      ['query', 'n', 'p50', 'p95', 'max', 'mean answer', 'hub: median', 'hub: answer'],
      [
        ...result.kinds.map(k => [
          k.kind,
          k.count,
          formatMs(k.p50Ms),
          formatMs(k.p95Ms),
          formatMs(k.maxMs),
          formatCount(k.meanResultSize),
          formatMs(k.hubMedianMs),
          formatCount(k.hubResultSize),
        ]),
        [
          'all',
          result.totalQueries,
          formatMs(result.overall.p50Ms),
          formatMs(result.overall.p95Ms),
          formatMs(result.overall.maxMs),
          '',
          '',
          '',
        ],
      ],
    ),
  );
  if (result.size === TARGETS.queriesSize) {
    console.log(`\ntarget: p95 < 50 ms ${check(result.overall.p95Ms < TARGETS.queriesP95Ms)}`);
  }
}

function printCatalog(result: CatalogResult) {
  console.log(
    `\ncatalog: ${formatCount(result.size)} entities in a real catalog backend ` +
      '(startTestBackend, in-memory SQLite)\n',
  );
  const relationsNote =
    result.catalogRelationEntries === result.expectedRelationEntries
      ? `${formatCount(result.catalogRelationEntries)} relations, as generated`
      : `${formatCount(result.catalogRelationEntries)} relations in the catalog vs ` +
        `${formatCount(result.expectedRelationEntries)} generated (count stable for 20 s)`;
  console.log(
    `ingestion (context, not a target): all entities visible after ` +
      `${seconds(result.ingestion.visibleMs)}, all stitched after ` +
      `${seconds(result.ingestion.stitchedMs)}; ${relationsNote}`,
  );
  if (result.refresh) {
    const r = result.refresh;
    console.log(
      `POST /dependencies/refresh: median ${formatMs(r.medianMs)} ` +
        `(runs ${r.runsMs.map(formatMs).join(', ')}; durationMs reported by the server ` +
        `${r.serverDurationMs ?? '-'}); ${formatCount(r.nodeCount ?? NaN)} nodes, ` +
        `${formatCount(r.edgeCount ?? NaN)} edges, problems ${formatCount(r.problemCount ?? NaN)}`,
    );
  }
  console.log(
    `\n"everything within 3 hops": our GET /dependencies/entity (median of 5) vs walking the ` +
      'catalog (median of 3), each after 1 untimed\n',
  );
  const ratio = (walk: number, ours?: number) =>
    ours !== undefined ? `${(walk / ours).toFixed(1)}x` : '-';
  const row = (c: CatalogComparison) => [
    `${c.label} ${c.direction}`,
    formatCount(c.perEntity.reached),
    c.ours ? formatMs(c.ours.medianMs) : 'n/a',
    c.oursAsService ? formatMs(c.oursAsService.medianMs) : 'n/a',
    formatMs(c.perEntity.medianMs),
    formatCount(c.perEntity.requests),
    ratio(c.perEntity.medianMs, c.ours?.medianMs),
    formatMs(c.perHop.medianMs),
    formatCount(c.perHop.requests),
    ratio(c.perHop.medianMs, c.ours?.medianMs),
    c.sameAnswer === undefined ? '-' : c.sameAnswer ? 'yes' : 'NO',
  ];
  console.log(
    formatTable(
      ['question', 'found', 'ours (user)', 'ours (service)', 'by-name walk', 'requests',
        'ratio', 'by-refs walk', 'requests', 'ratio', 'same'],
      result.comparisons.map(row),
    ),
  );
  console.log(
    '\nours: 1 request answering both directions (as a user the server also runs 2 catalog ' +
      'count queries for the visibility check); by-name: one GET per entity and API, 6 in ' +
      'parallel; by-refs: one POST per hop (catalog-graph 0.6); ratio = walk / ours (user)',
  );
  for (const error of result.errors) console.log(`could not run: ${error}`);
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const cpu = cpus();
  const context = {
    date: new Date().toISOString(),
    node: process.version,
    cpu: `${cpu[0]?.model ?? 'unknown'} x ${cpu.length}`,
    memory: formatMb(totalmem()),
    loadAverage: loadavg().map(n => n.toFixed(2)).join(' '),
  };
  console.log(
    `Node ${context.node} on ${context.cpu}, ${context.memory} RAM, load average ` +
      `${context.loadAverage} (a busy machine spreads the timings)`,
  );
  const results: Record<string, unknown> = { context, options };

  if (options.only.includes('derive')) {
    const derive: DeriveResult[] = [];
    for (const size of options.sizes) {
      process.stderr.write(`derive: ${formatCount(size)} entities...\n`);
      derive.push(await runChild<DeriveResult>('deriveOnce.ts', [String(size), `${options.runs}`]));
    }
    results.derive = derive;
    printDerive(derive, options.runs);
  }

  if (options.only.includes('queries')) {
    const queries: QueriesResult[] = [];
    for (const size of options.sizes) {
      process.stderr.write(`queries: ${formatCount(size)} entities...\n`);
      const result = await runChild<QueriesResult>('queriesOnce.ts', [
        String(size),
        String(options.queries),
      ]);
      queries.push(result);
      printQueries(result);
    }
    results.queries = queries;
  }

  if (options.only.includes('catalog')) {
    const catalog: Array<CatalogResult | { size: number; error: string }> = [];
    for (const size of options.catalogSizes) {
      process.stderr.write(`catalog: ${formatCount(size)} entities...\n`);
      try {
        const result = await runChild<CatalogResult>('catalogOnce.ts', [String(size)]);
        catalog.push(result);
        printCatalog(result);
      } catch (error) {
        // One size failing (e.g. the backend plugin cannot start yet) should not hide the rest.
        const message = error instanceof Error ? error.message : String(error);
        catalog.push({ size, error: message });
        console.log(`\ncatalog: ${formatCount(size)} entities could not run: ${message}`);
      }
    }
    results.catalog = catalog;
  }

  if (options.only.includes('trains')) {
    const trains: Array<TrainsResult | { trains: number; error: string }> = [];
    for (const size of options.trainSizes) {
      process.stderr.write(`trains: ${formatCount(size)} release trains...\n`);
      try {
        const result = await runChild<TrainsResult>('trains/trainsOnce.ts', [
          String(size),
          JSON.stringify(options.trains),
        ]);
        trains.push(result);
        printTrains(result);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        trains.push({ trains: size, error: message });
        console.log(`\ntrains: ${formatCount(size)} release trains could not run: ${message}`);
      }
    }
    results.trains = trains;
  }

  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const json = `${JSON.stringify(results, null, 2)}\n`;
  const file = join(dir, `bench-${context.date.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, json);
  writeFileSync(join(dir, 'latest.json'), json);
  console.log(`\nJSON: ${file}`);
}

main().catch(error => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
