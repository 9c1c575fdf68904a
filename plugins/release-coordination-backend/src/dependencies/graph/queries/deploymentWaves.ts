import {
  DeploymentPlan,
  DeploymentWave,
} from '@release-coordination/plugin-release-coordination-common';
import { DependencyIndex } from '../DependencyIndex';
import { compareStrings, normalizedRefs } from '../refs';
import { compactGraph, stronglyConnectedComponents } from '../scc';

/** Every node reachable from the starts (starts included) over outgoing or incoming edges. */
function reachable(index: DependencyIndex, starts: string[], upstream: boolean): Set<string> {
  const seen = new Set(starts);
  const queue = [...starts];
  for (let i = 0; i < queue.length; i++) {
    for (const edge of upstream ? index.outgoing(queue[i]) : index.incoming(queue[i])) {
      const other = upstream ? edge.to : edge.from;
      if (!seen.has(other)) {
        seen.add(other);
        queue.push(other);
      }
    }
  }
  return seen;
}

/**
 * Orders the requested entities into deployment waves, providers before consumers: wave 0
 * depends on no other requested entity, and each later wave only on earlier ones. Dependencies
 * through entities that were not requested count too (if A → X → B and only A and B are
 * requested, B ships before A).
 *
 * Requested entities that depend on each other in a circle (directly or through other
 * entities) must ship together: they form one wave with `cycle: true` and are listed in
 * `cycles`. Waves are the longest-path layers of the condensed graph; within a layer, the
 * entities outside cycles form one wave and each cycle its own, after it.
 *
 * Only the part of the graph between requested entities is walked, in O(nodes + edges).
 */
export function deploymentWaves(index: DependencyIndex, refs: string[]): DeploymentPlan {
  const requested: string[] = [];
  const unknown: string[] = [];
  for (const ref of normalizedRefs(refs)) {
    (index.node(ref) ? requested : unknown).push(ref);
  }

  // The entities on some path between requested ones: reachable from one and reaching one.
  const below = reachable(index, requested, true);
  const above = reachable(index, requested, false);
  const refsById: string[] = [];
  const ids = new Map<string, number>();
  for (const ref of below) {
    if (above.has(ref)) {
      ids.set(ref, refsById.length);
      refsById.push(ref);
    }
  }
  const n = refsById.length;
  const from: number[] = [];
  const to: number[] = [];
  for (let id = 0; id < n; id++) {
    for (const edge of index.outgoing(refsById[id])) {
      const target = ids.get(edge.to);
      if (target !== undefined) {
        from.push(id);
        to.push(target);
      }
    }
  }
  const graph = compactGraph(n, from, to, from.length);
  const { component, count } = stronglyConnectedComponents(graph);

  const requestedSet = new Set(requested);
  const members: string[][] = Array.from({ length: count }, () => []);
  for (let id = 0; id < n; id++) {
    if (requestedSet.has(refsById[id])) {
      members[component[id]].push(refsById[id]);
    }
  }

  // Components are numbered sinks first, so successors are settled before their dependents.
  // layer[c] = the most requested components on a path strictly below c.
  const byComponent = Array.from({ length: count }, (): number[] => []);
  for (let id = 0; id < n; id++) {
    byComponent[component[id]].push(id);
  }
  const layer = new Int32Array(count);
  for (let c = 0; c < count; c++) {
    let value = 0;
    for (const id of byComponent[c]) {
      for (let p = graph.start[id]; p < graph.start[id + 1]; p++) {
        const d = component[graph.targets[p]];
        if (d !== c) {
          const candidate = layer[d] + (members[d].length > 0 ? 1 : 0);
          if (candidate > value) {
            value = candidate;
          }
        }
      }
    }
    layer[c] = value;
  }

  const layers = new Map<number, { plain: string[]; cycles: string[][] }>();
  for (let c = 0; c < count; c++) {
    if (members[c].length === 0) {
      continue;
    }
    let entry = layers.get(layer[c]);
    if (!entry) {
      entry = { plain: [], cycles: [] };
      layers.set(layer[c], entry);
    }
    if (members[c].length >= 2) {
      entry.cycles.push(members[c].sort());
    } else {
      entry.plain.push(members[c][0]);
    }
  }

  const waves: DeploymentWave[] = [];
  const cycles: string[][] = [];
  const byFirstMember = (a: string[], b: string[]) => compareStrings(a[0], b[0]);
  for (const key of [...layers.keys()].sort((a, b) => a - b)) {
    const entry = layers.get(key)!;
    if (entry.plain.length > 0) {
      waves.push({ index: waves.length, members: entry.plain.sort(), cycle: false });
    }
    for (const cycle of entry.cycles.sort(byFirstMember)) {
      waves.push({ index: waves.length, members: cycle, cycle: true });
      cycles.push(cycle);
    }
  }
  return { waves, cycles: cycles.sort(byFirstMember), unknown };
}
