/**
 * Child process of the `derive` benchmark for one size: `tsx bench/deriveOnce.ts <size> [runs]`
 * (run by bench/run.ts with --expose-gc). Generates the organisation first, so that its memory
 * is part of the baseline and not of the derivation.
 */
import {
  DependencyGraph,
  deriveDependencyGraph,
} from '../plugins/release-coordination-backend/src/dependencies/graph';
import { generateOrganization, organizationStats } from './generateOrganization';
import { gc, median, reportResult } from './lib';

export interface DeriveResult {
  size: number;
  relationEntries: number;
  nodes: number;
  edges: number;
  crossTeamEdges: number;
  problems: number;
  problemsByType: Record<string, number>;
  /** The first derivation, before the JIT has warmed up. */
  coldMs: number;
  runsMs: number[];
  medianMs: number;
  /** Heap growth right after the first derivation, garbage included (no GC in between). */
  heapDeltaBeforeGcBytes: number;
  /** Heap the derived graph keeps alive (after a full GC). */
  heapRetainedBytes: number;
  /** RSS after generating the input, before deriving. */
  baselineRssBytes: number;
  /** Peak RSS of the whole process (input entities included). */
  peakRssBytes: number;
}

/** Several collections: one may leave garbage that only the next finds (weak references). */
function fullGc() {
  for (let i = 0; i < 3; i++) gc();
}

function main() {
  const size = Number(process.argv[2]);
  const runs = Number(process.argv[3] ?? 5);
  const entities = generateOrganization(size);
  const stats = organizationStats(entities);

  fullGc();
  const before = process.memoryUsage();
  const started = performance.now();
  let graph: DependencyGraph | undefined = deriveDependencyGraph(entities);
  const coldMs = performance.now() - started;
  const afterNoGc = process.memoryUsage();

  const owners = new Map(graph.nodes.map(node => [node.ref, node.owner]));
  const crossTeamEdges = graph.edges.filter(e => owners.get(e.from) !== owners.get(e.to)).length;
  owners.clear();
  const problemsByType: Record<string, number> = {};
  for (const problem of graph.problems) {
    problemsByType[problem.type] = (problemsByType[problem.type] ?? 0) + 1;
  }
  const counts = {
    nodes: graph.nodes.length,
    edges: graph.edges.length,
    problems: graph.problems.length,
  };
  // What the graph keeps alive: the heap with it minus the heap without it, both measured
  // now. Comparing with the baseline instead would mix in garbage of the start-up and the
  // generator that only later collections free (it even came out negative).
  fullGc();
  const withGraph = process.memoryUsage().heapUsed;
  graph = undefined;
  fullGc();
  const withoutGraph = process.memoryUsage().heapUsed;

  // The first derivation above is the warm-up; these are the timed runs. A GC before each
  // keeps the previous run's garbage from being collected on the clock of the next.
  const runsMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    gc();
    const t = performance.now();
    const result = deriveDependencyGraph(entities);
    runsMs.push(performance.now() - t);
    if (result.nodes.length !== counts.nodes) throw new Error('derivation is not deterministic');
  }

  const result: DeriveResult = {
    size,
    relationEntries: stats.relationEntries,
    ...counts,
    crossTeamEdges,
    problemsByType,
    coldMs,
    runsMs,
    medianMs: median(runsMs),
    heapDeltaBeforeGcBytes: afterNoGc.heapUsed - before.heapUsed,
    heapRetainedBytes: withGraph - withoutGraph,
    baselineRssBytes: before.rss,
    // maxRSS is in kilobytes.
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  };
  reportResult(result);
}

main();
