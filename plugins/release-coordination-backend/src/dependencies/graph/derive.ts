import { addApiEdges, ApiUses } from './derive/apiEdges';
import { mergeEdges, RawEdges } from './derive/mergeEdges';
import { nodesOf, scopesGroupsAndUsers } from './derive/output';
import { ProblemLog, reportCycles, sortedProblems } from './derive/problems';
import { collectRecords } from './derive/records';
import { readRelations } from './derive/relations';
import { CatalogEntityLike, DependencyGraph } from './types';

/**
 * Derives the cross-team dependency graph from catalog entities whose `relations` the catalog
 * has already computed.
 *
 * Nodes are Components and Resources; `from` depends on `to` when `from` declares `dependsOn`
 * `to` (or `to` declares `dependencyOf` `from`), or when `from` consumes an API that `to`
 * provides. Every relation is read from both sides, so an entity set where the catalog wrote
 * only one side of a relation gives the same graph. Inconsistencies in the catalog are
 * reported as `problems`, never thrown.
 *
 * A node, System or Domain whose `ownedBy` names an entity that is not a known Group or User
 * keeps that ref as its `owner` (with a `missing-owner` problem carrying `ownerRef`), so
 * people can still see who was meant.
 *
 * Linear in entities, relations and edges (plus sorting), without recursion. The passes live
 * in `derive/`, one file each; they share plain records and parallel arrays of numbers rather
 * than objects per relation or edge, because a catalog can hold hundreds of thousands of
 * entities.
 */
export function deriveDependencyGraph(entities: Iterable<CatalogEntityLike>): DependencyGraph {
  const records = collectRecords(entities);
  const problems: ProblemLog = new Map();
  const raw: RawEdges = { from: [], to: [], api: [] };
  const apiUses: ApiUses = new Map();

  readRelations(records, problems, raw, apiUses);
  const apiRefs = addApiEdges(apiUses, records.nodes, problems, raw);
  const { edges, fromIds, toIds } = mergeEdges(raw, apiRefs, records.nodes);
  reportCycles(problems, records.nodes, fromIds, toIds);

  const { scopes, groups, users } = scopesGroupsAndUsers(records.byRef, problems);
  const nodes = nodesOf(records.byRef, problems, records.nodes);
  return { nodes, edges, scopes, groups, users, problems: sortedProblems(problems) };
}
