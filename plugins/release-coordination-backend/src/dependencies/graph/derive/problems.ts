import { DependencyProblem } from '@release-coordination/plugin-release-coordination-common';
import { compactGraph, multiVertexComponents, stronglyConnectedComponents } from '../scc';
import { EntityRecord } from './records';

/**
 * The problems found so far, by a key that identifies each one: the same fact seen twice (from
 * both sides of a relation, say) is reported once, and sorting the keys gives an order that does
 * not depend on the order of the entities.
 */
export type ProblemLog = Map<string, DependencyProblem>;

export function reportUnknownRef(
  problems: ProblemLog,
  entityRef: string,
  relation: string,
  targetRef: string,
): void {
  const key = `unknown-ref\u0001${entityRef}\u0001${relation}\u0001${targetRef}`;
  if (!problems.has(key)) {
    problems.set(key, { type: 'unknown-ref', entityRef, relation, targetRef });
  }
}

export function reportSelfReference(problems: ProblemLog, entityRef: string, relation: string) {
  const key = `self-reference\u0001${entityRef}\u0001${relation}`;
  if (!problems.has(key)) {
    problems.set(key, { type: 'self-reference', entityRef, relation });
  }
}

/** A `cycle` problem for every strongly connected component of more than one node. */
export function reportCycles(
  problems: ProblemLog,
  nodes: EntityRecord[],
  fromIds: number[],
  toIds: number[],
): void {
  const { component, count } = stronglyConnectedComponents(
    compactGraph(nodes.length, fromIds, toIds, fromIds.length),
  );
  for (const ids of multiVertexComponents(component, count)) {
    // Ids are ascending within a component, hence so are the refs.
    const members = ids.map(id => nodes[id].ref);
    problems.set(`cycle\u0001${members.join('\u0001')}`, { type: 'cycle', members });
  }
}

/** The problems in key order. */
export function sortedProblems(problems: ProblemLog): DependencyProblem[] {
  const problemKeys = [...problems.keys()].sort();
  return problemKeys.map(key => problems.get(key)!);
}
