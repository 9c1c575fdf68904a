/**
 * Child process of the `queries` benchmark for one size: `tsx bench/queriesOnce.ts <size>
 * [queries]`. Derives the graph and builds the index once, then times entity-scoped queries
 * against that in-memory snapshot, as the backend answers them.
 */
import {
  DependencyIndex,
  blastRadius,
  deploymentWaves,
  deriveDependencyGraph,
  downstreamOf,
  ownershipOf,
  upstreamOf,
} from '../plugins/release-coordination-backend/src/dependencies/graph';
import { generateOrganization, hubRef } from './generateOrganization';
import { median, percentile, reportResult, sample, seededRandom } from './lib';

export interface QueryKindResult {
  kind: string;
  count: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** Mean number of entities in the answers (reached entities, plan members...). */
  meanResultSize: number;
  /** The same query for the hub, 10 times: the worst case. */
  hubMedianMs: number;
  hubResultSize: number;
}

export interface QueriesResult {
  size: number;
  hub: string;
  indexBuildMs: number;
  totalQueries: number;
  overall: { p50Ms: number; p95Ms: number; maxMs: number };
  kinds: QueryKindResult[];
}

type Query = (ref: string) => number;

function main() {
  const size = Number(process.argv[2]);
  const total = Number(process.argv[3] ?? 2000);
  const hub = hubRef(size);
  const graph = deriveDependencyGraph(generateOrganization(size));

  const started = performance.now();
  const index = new DependencyIndex(graph);
  const indexBuildMs = performance.now() - started;

  const random = seededRandom(size);
  const components = graph.nodes.filter(n => n.kind === 'Component').map(n => n.ref);
  const teams = graph.groups.filter(g => g.type === 'team').map(g => g.ref);
  const teamOf = (ref: string) => index.node(ref)?.owner ?? teams[0];

  // Each query returns the size of its answer, which also keeps the work from being optimised
  // away. Team ownership is asked for the owner of the drawn component (the hub's team for the
  // hub), so that its cost scales with a real team's portfolio.
  const queries: Array<[string, Query]> = [
    ['upstream depth 3', ref => upstreamOf(index, ref, { maxDepth: 3 }).length],
    ['upstream unlimited', ref => upstreamOf(index, ref).length],
    ['downstream depth 3', ref => downstreamOf(index, ref, { maxDepth: 3 }).length],
    ['downstream unlimited', ref => downstreamOf(index, ref).length],
    [
      'blast radius',
      ref => blastRadius(index, ref).reduce((sum, group) => sum + group.entities.length, 0),
    ],
    ['ownership (component)', ref => (ownershipOf(index, ref) ? 1 : 0)],
    ['ownership (team)', ref => ownershipOf(index, teamOf(ref))?.owns.length ?? 0],
    [
      'deployment waves (20)',
      ref => {
        const refs = [ref, ...sample(components, 19, random)];
        return deploymentWaves(index, refs).waves.reduce((n, w) => n + w.members.length, 0);
      },
    ],
  ];

  // Warm-up so that the figures describe a running backend, not the JIT compiling.
  for (let i = 0; i < 200; i++) {
    queries[i % queries.length][1](components[Math.floor(random() * components.length)]);
  }

  const timings = queries.map(() => [] as number[]);
  const sizes = queries.map(() => [] as number[]);
  for (let i = 0; i < total; i++) {
    const q = i % queries.length;
    // One query in 50 is about the hub: rare, as in real use, but present in the tail.
    const ref = i % 50 === 0 ? hub : components[Math.floor(random() * components.length)];
    const t = performance.now();
    const resultSize = queries[q][1](ref);
    timings[q].push(performance.now() - t);
    sizes[q].push(resultSize);
  }

  const kinds = queries.map(([kind, query], q): QueryKindResult => {
    const hubTimings: number[] = [];
    let hubResultSize = 0;
    for (let i = 0; i < 10; i++) {
      const t = performance.now();
      hubResultSize = query(hub);
      hubTimings.push(performance.now() - t);
    }
    return {
      kind,
      count: timings[q].length,
      p50Ms: percentile(timings[q], 50),
      p95Ms: percentile(timings[q], 95),
      maxMs: Math.max(...timings[q]),
      meanResultSize: sizes[q].reduce((a, b) => a + b, 0) / sizes[q].length,
      hubMedianMs: median(hubTimings),
      hubResultSize,
    };
  });
  const all = timings.flat();
  const result: QueriesResult = {
    size,
    hub,
    indexBuildMs,
    totalQueries: all.length,
    overall: { p50Ms: percentile(all, 50), p95Ms: percentile(all, 95), maxMs: Math.max(...all) },
    kinds,
  };
  reportResult(result);
}

main();
