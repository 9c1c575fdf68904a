import {
  DependencyEdge,
  normalizeEntityRef,
  TeamMatrix,
  TeamMatrixCell,
} from '@release-coordination/plugin-release-coordination-common';
import { DependencyIndex } from '../DependencyIndex';
import { compareStrings } from '../refs';

/**
 * The edges with at least one end among the given nodes, in graph order (by `from`, then
 * `to`). For all nodes, that is every edge.
 */
export function edgesTouching(
  index: DependencyIndex,
  nodeRefs: Iterable<string>,
): DependencyEdge[] {
  const all = index.graph.edges;
  const marked = new Uint8Array(all.length);
  const positions: number[] = [];
  const mark = (edge: DependencyEdge) => {
    const position = index.edgePosition(edge);
    if (position >= 0 && !marked[position]) {
      marked[position] = 1;
      positions.push(position);
    }
  };
  for (const ref of new Set(Array.from(nodeRefs, r => normalizeEntityRef(r)))) {
    index.outgoing(ref).forEach(mark);
    index.incoming(ref).forEach(mark);
  }
  if (positions.length === all.length) {
    return [...all];
  }
  return Array.from(Int32Array.from(positions).sort(), position => all[position]);
}

/**
 * The team × team matrix of some edges: how many go from the nodes of one owner to the nodes
 * of another ({@link UNOWNED} for nodes without an owner). Teams and cells sorted; only
 * non-empty cells.
 */
export function teamMatrix(index: DependencyIndex, edges: DependencyEdge[]): TeamMatrix {
  const counts = new Map<string, Map<string, number>>();
  const teams = new Set<string>();
  for (const edge of edges) {
    const fromTeam = index.ownerOf(edge.from);
    const toTeam = index.ownerOf(edge.to);
    teams.add(fromTeam);
    teams.add(toTeam);
    let row = counts.get(fromTeam);
    if (!row) {
      row = new Map();
      counts.set(fromTeam, row);
    }
    row.set(toTeam, (row.get(toTeam) ?? 0) + 1);
  }
  const cells: TeamMatrixCell[] = [];
  for (const [fromTeam, row] of counts) {
    for (const [toTeam, count] of row) {
      cells.push({ fromTeam, toTeam, count });
    }
  }
  cells.sort(
    (a, b) => compareStrings(a.fromTeam, b.fromTeam) || compareStrings(a.toTeam, b.toTeam),
  );
  return { teams: [...teams].sort(), cells };
}

/**
 * Whether the two ends of an edge have different owners. Two nodes without an owner are not
 * known to belong to different teams, so that edge is not cross-team.
 */
export function isCrossTeam(index: DependencyIndex, edge: DependencyEdge): boolean {
  return index.ownerOf(edge.from) !== index.ownerOf(edge.to);
}
