import { DependencyEdge } from '@release-coordination/plugin-release-coordination-common';
import { EntityRecord } from './records';

/**
 * Raw edges by node id, duplicates included, as parallel arrays (no object per edge); `api` is
 * an index into the API refs of {@link addApiEdges}, -1 for `dependsOn`. Merged per ordered
 * pair by {@link mergeEdges}.
 */
export interface RawEdges {
  from: number[];
  to: number[];
  api: number[];
}

/** The graph's edges, and their ends by node id (for the cycle search). */
export interface MergedEdges {
  edges: DependencyEdge[];
  fromIds: number[];
  toIds: number[];
}

/**
 * One edge per ordered pair: bucket the raw edges by `from` (counting sort), merge by `to`.
 * Node ids follow ref order, so the edges come out sorted by `from`, then `to`.
 */
export function mergeEdges(raw: RawEdges, apiRefs: string[], nodes: EntityRecord[]): MergedEdges {
  const { from: rawFrom, to: rawTo, api: rawApi } = raw;
  const nodeCount = nodes.length;
  const rawCount = rawFrom.length;
  const bucketStart = new Int32Array(nodeCount + 1);
  for (let i = 0; i < rawCount; i++) {
    bucketStart[rawFrom[i] + 1]++;
  }
  for (let v = 0; v < nodeCount; v++) {
    bucketStart[v + 1] += bucketStart[v];
  }
  const cursor = bucketStart.slice(0, nodeCount);
  const bucketed = new Int32Array(rawCount);
  for (let i = 0; i < rawCount; i++) {
    bucketed[cursor[rawFrom[i]]++] = i;
  }
  // Scratch space reused for every `from`: `slot[to]` is the position of `to` among the
  // current node's targets, -1 when not seen yet (reset after each node).
  const slot = new Int32Array(nodeCount).fill(-1);
  const targets: number[] = [];
  const targetDependsOn: boolean[] = [];
  const targetApis: Array<string[] | undefined> = [];
  const order: number[] = [];
  const edges: DependencyEdge[] = [];
  const fromIds: number[] = [];
  const toIds: number[] = [];
  for (let v = 0; v < nodeCount; v++) {
    const begin = bucketStart[v];
    const end = bucketStart[v + 1];
    if (begin === end) {
      continue;
    }
    targets.length = 0;
    targetDependsOn.length = 0;
    targetApis.length = 0;
    for (let p = begin; p < end; p++) {
      const edge = bucketed[p];
      const to = rawTo[edge];
      let s = slot[to];
      if (s === -1) {
        s = targets.length;
        slot[to] = s;
        targets.push(to);
        targetDependsOn.push(false);
        targetApis.push(undefined);
      }
      const api = rawApi[edge];
      if (api === -1) {
        targetDependsOn[s] = true;
      } else {
        const apis = (targetApis[s] ??= []);
        if (!apis.includes(apiRefs[api])) {
          apis.push(apiRefs[api]);
        }
      }
    }
    order.length = 0;
    for (let s = 0; s < targets.length; s++) {
      order.push(s);
      slot[targets[s]] = -1;
    }
    if (order.length > 1) {
      order.sort((a, b) => targets[a] - targets[b]);
    }
    for (const s of order) {
      fromIds.push(v);
      toIds.push(targets[s]);
      edges.push({
        from: nodes[v].ref,
        to: nodes[targets[s]].ref,
        dependsOn: targetDependsOn[s],
        apis: targetApis[s]?.sort() ?? [],
      });
    }
  }
  return { edges, fromIds, toIds };
}
