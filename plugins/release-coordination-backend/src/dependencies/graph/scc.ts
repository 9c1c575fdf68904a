/**
 * Graph algorithms over integer vertex ids in compressed sparse row form, shared by derivation
 * and queries. Internal: not exported from the package.
 */

/** Adjacency of `n` vertices: the successors of `v` are `targets[start[v]..start[v + 1])`. */
export interface CompactGraph {
  n: number;
  start: Int32Array;
  targets: Int32Array;
}

/** Builds a {@link CompactGraph} from parallel arrays of edge ends (in any order). */
export function compactGraph(
  n: number,
  from: ArrayLike<number>,
  to: ArrayLike<number>,
  edgeCount: number,
): CompactGraph {
  const start = new Int32Array(n + 1);
  for (let i = 0; i < edgeCount; i++) {
    start[from[i] + 1]++;
  }
  for (let v = 0; v < n; v++) {
    start[v + 1] += start[v];
  }
  const fill = start.slice(0, n);
  const targets = new Int32Array(edgeCount);
  for (let i = 0; i < edgeCount; i++) {
    targets[fill[from[i]]++] = to[i];
  }
  return { n, start, targets };
}

/**
 * Strongly connected components by Tarjan's algorithm, iterative so that a long dependency
 * chain cannot overflow the call stack.
 *
 * Components are numbered in the order Tarjan completes them, which is a reverse topological
 * order of the condensation: for every edge `u → v`, `component[v] <= component[u]`.
 */
export function stronglyConnectedComponents(graph: CompactGraph): {
  component: Int32Array;
  count: number;
} {
  const { n, start, targets } = graph;
  const order = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const component = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
  const callStack = new Int32Array(n);
  const nextEdge = new Int32Array(n);
  let sp = 0;
  let csp = 0;
  let counter = 0;
  let count = 0;

  for (let root = 0; root < n; root++) {
    if (order[root] !== -1) {
      continue;
    }
    order[root] = low[root] = counter++;
    stack[sp++] = root;
    onStack[root] = 1;
    callStack[csp] = root;
    nextEdge[csp] = start[root];
    csp++;

    while (csp > 0) {
      const v = callStack[csp - 1];
      const p = nextEdge[csp - 1];
      if (p < start[v + 1]) {
        nextEdge[csp - 1] = p + 1;
        const w = targets[p];
        if (order[w] === -1) {
          order[w] = low[w] = counter++;
          stack[sp++] = w;
          onStack[w] = 1;
          callStack[csp] = w;
          nextEdge[csp] = start[w];
          csp++;
        } else if (onStack[w] && order[w] < low[v]) {
          low[v] = order[w];
        }
        continue;
      }
      csp--;
      if (low[v] === order[v]) {
        let w: number;
        do {
          w = stack[--sp];
          onStack[w] = 0;
          component[w] = count;
        } while (w !== v);
        count++;
      }
      if (csp > 0) {
        const u = callStack[csp - 1];
        if (low[v] < low[u]) {
          low[u] = low[v];
        }
      }
    }
  }
  return { component, count };
}

/** The components with at least two vertices, as lists of vertex ids. */
export function multiVertexComponents(component: Int32Array, count: number): number[][] {
  const sizes = new Int32Array(count);
  for (let v = 0; v < component.length; v++) {
    sizes[component[v]]++;
  }
  const members = new Map<number, number[]>();
  for (let v = 0; v < component.length; v++) {
    const c = component[v];
    if (sizes[c] >= 2) {
      let list = members.get(c);
      if (!list) {
        list = [];
        members.set(c, list);
      }
      list.push(v);
    }
  }
  return [...members.values()];
}
