import { InputError } from '@backstage/errors';
import {
  BlastRadiusGroup,
  DependencyEdge,
  DependencyGroup,
  DependencyUser,
  DeploymentPlan,
  DeploymentWave,
  entityRefKind,
  normalizeEntityRef,
  OwnershipInfo,
  ReachedEntity,
  TeamMatrix,
  TeamMatrixCell,
  UNOWNED,
} from '@release-coordination/plugin-release-coordination-common';
import { DependencyGraphView } from '@release-coordination/plugin-release-coordination-node';
import { DependencyIndex } from './DependencyIndex';
import { compareStrings } from './refs';
import { compactGraph, stronglyConnectedComponents } from './scc';
import { DependencyScope } from './types';

function normalizedRefs(refs: string | Iterable<string>): string[] {
  const list = typeof refs === 'string' ? [refs] : refs;
  const unique = new Set<string>();
  for (const ref of list) {
    unique.add(normalizeEntityRef(ref));
  }
  return [...unique].sort();
}

/**
 * Parses the `scope` parameter of organisation-wide questions: `organization`, or the ref of a
 * Domain, System or Group (`system:default/checkout`; the namespace may be left out).
 *
 * @throws InputError for anything else.
 * @public
 */
export function parseDependencyScope(value: string): DependencyScope {
  const trimmed = value.trim();
  if (trimmed.toLowerCase() === 'organization') {
    return { type: 'organization' };
  }
  const invalid = () =>
    new InputError(
      `Invalid scope '${value}': use 'organization' or the ref of a Domain, System or Group`,
    );
  const colon = trimmed.indexOf(':');
  if (colon <= 0) {
    throw invalid();
  }
  const ref = normalizeEntityRef(trimmed);
  const kind = entityRefKind(ref);
  const slash = ref.indexOf('/');
  const namespace = ref.slice(kind.length + 1, slash);
  const name = ref.slice(slash + 1);
  if (!namespace || !name || /[:/\s]/.test(name) || /[:\s]/.test(namespace)) {
    throw invalid();
  }
  if (kind === 'domain' || kind === 'system' || kind === 'group') {
    return { type: kind, ref };
  }
  throw invalid();
}

/**
 * The refs of the nodes in a scope: all of them for `organization`; for a Domain, the nodes
 * in it; for a System, its nodes; for a Group, the nodes owned by it or any descendant group.
 * `undefined` when the Domain, System or Group is not in the graph.
 */
export function resolveScope(index: DependencyIndex, scope: DependencyScope): string[] | undefined {
  switch (scope.type) {
    case 'organization':
      return index.graph.nodes.map(node => node.ref);
    case 'domain':
      if (index.scopeEntity(scope.ref)?.kind !== 'Domain') {
        return undefined;
      }
      return [...index.nodesInDomain(scope.ref)];
    case 'system':
      if (index.scopeEntity(scope.ref)?.kind !== 'System') {
        return undefined;
      }
      return [...index.nodesInSystem(scope.ref)];
    case 'group': {
      if (!index.group(scope.ref)) {
        return undefined;
      }
      const refs: string[] = [];
      for (const group of index.groupAndDescendants(scope.ref)) {
        for (const ref of index.nodesOwnedBy(group)) {
          refs.push(ref);
        }
      }
      return refs.sort();
    }
    default:
      return undefined;
  }
}

/** Options of {@link upstreamOf} and {@link downstreamOf}. */
export interface DependencyWalkOptions {
  /** How many hops to walk; unlimited by default. */
  maxDepth?: number;
}

function walk(
  index: DependencyGraphView,
  start: string | string[],
  maxDepth: number,
  upstream: boolean,
): ReachedEntity[] {
  const starts = normalizedRefs(start);
  const startSet = new Set(starts);
  const reached = new Map<string, ReachedEntity>();
  let frontier = starts;
  let depth = 0;
  while (frontier.length > 0 && depth < maxDepth) {
    depth++;
    const next: string[] = [];
    for (const ref of frontier) {
      const parentPath = reached.get(ref)?.path;
      for (const edge of upstream ? index.outgoing(ref) : index.incoming(ref)) {
        const other = upstream ? edge.to : edge.from;
        if (startSet.has(other) || reached.has(other)) {
          continue;
        }
        const entity: ReachedEntity = {
          ref: other,
          depth,
          path: parentPath ? [...parentPath, other] : [other],
          via: edge,
        };
        const owner = index.node(other)?.owner;
        if (owner !== undefined) {
          entity.owner = owner;
        }
        reached.set(other, entity);
        next.push(other);
      }
    }
    frontier = next;
  }
  return [...reached.values()].sort((a, b) => a.depth - b.depth || compareStrings(a.ref, b.ref));
}

/**
 * What the start entities depend on, transitively: breadth-first over outgoing edges. Each
 * entity appears once, with a shortest path from the starts; the starts never appear. Sorted
 * by depth, then ref. Walks any {@link DependencyGraphView}, so gate rules can ask it of the
 * graph in their context.
 */
export function upstreamOf(
  index: DependencyGraphView,
  start: string | string[],
  options?: DependencyWalkOptions,
): ReachedEntity[] {
  return walk(index, start, options?.maxDepth ?? Infinity, true);
}

/**
 * What depends on the start entities, transitively: breadth-first over incoming edges. Same
 * shape as {@link upstreamOf}.
 */
export function downstreamOf(
  index: DependencyGraphView,
  start: string | string[],
  options?: DependencyWalkOptions,
): ReachedEntity[] {
  return walk(index, start, options?.maxDepth ?? Infinity, false);
}

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

/**
 * Everything that transitively depends on the given entities, grouped by owner
 * ({@link UNOWNED} for none); the largest groups first, then by owner.
 */
export function blastRadius(index: DependencyIndex, ref: string | string[]): BlastRadiusGroup[] {
  const groups = new Map<string, BlastRadiusGroup>();
  for (const entity of downstreamOf(index, ref)) {
    const owner = entity.owner ?? UNOWNED;
    let group = groups.get(owner);
    if (!group) {
      group = { owner, entities: [] };
      groups.set(owner, group);
    }
    group.entities.push(entity);
  }
  return [...groups.values()].sort(
    (a, b) => b.entities.length - a.entities.length || compareStrings(a.owner, b.owner),
  );
}

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

function countByTeam(teams: string[]): Array<{ team: string; count: number }> {
  const counts = new Map<string, number>();
  for (const team of teams) {
    counts.set(team, (counts.get(team) ?? 0) + 1);
  }
  return [...counts]
    .map(([team, count]) => ({ team, count }))
    .sort((a, b) => b.count - a.count || compareStrings(a.team, b.team));
}

function membersOf(index: DependencyIndex, group: DependencyGroup): DependencyUser[] {
  return group.members.map(ref => index.user(ref) ?? { ref });
}

/**
 * Who owns an entity and whom to escalate to: for a Component, Resource, System or Domain its
 * owner, the owner's members and the owner group's ancestors; for a Group (or a User) the
 * group (user) itself and the nodes it owns directly. With the teams the entity's nodes depend
 * on and that depend on them (edge counts, its own owner excluded), and warnings for gaps in
 * the catalog. `undefined` when the ref is none of these.
 */
export function ownershipOf(index: DependencyIndex, ref: string): OwnershipInfo | undefined {
  const entityRef = normalizeEntityRef(ref);
  const kind = entityRefKind(entityRef);
  const node = index.node(entityRef);
  const scope = index.scopeEntity(entityRef);
  const ownGroup = kind === 'group' ? index.group(entityRef) : undefined;
  const ownUser = kind === 'user' ? index.user(entityRef) : undefined;
  if (!node && !scope && !ownGroup && !ownUser) {
    return undefined;
  }

  const warnings: string[] = [];
  let owner: string | undefined;
  let nodeRefs: readonly string[];
  let owns: string[] = [];
  if (ownGroup || ownUser) {
    owner = (ownGroup ?? ownUser)!.ref;
    owns = [...index.nodesOwnedBy(owner)];
    nodeRefs = owns;
  } else {
    owner = node ? node.owner : scope!.owner;
    if (node) {
      nodeRefs = [node.ref];
    } else if (scope!.kind === 'API') {
      // An API's teams are those of the components that provide it; consumers are counted
      // below through their edges to the providers via this API.
      nodeRefs = [];
    } else {
      nodeRefs =
        scope!.kind === 'System' ? index.nodesInSystem(entityRef) : index.nodesInDomain(entityRef);
    }
  }

  const ownerGroup = owner === undefined ? undefined : index.group(owner);
  const ownerUser = owner === undefined || ownerGroup ? undefined : index.user(owner);
  let members: DependencyUser[] = [];
  let escalationPath: DependencyGroup[] = [];
  if (owner === undefined) {
    warnings.push('No owner is set in the catalog');
  } else if (ownerGroup) {
    members = membersOf(index, ownerGroup);
    if (members.length === 0) {
      warnings.push(`Group ${ownerGroup.ref} has no members`);
    }
    escalationPath = index.ancestorGroups(ownerGroup.ref);
    const last = escalationPath.length > 0 ? escalationPath[escalationPath.length - 1] : ownerGroup;
    if (last.parent !== undefined && !index.group(last.parent)) {
      warnings.push(`Parent group ${last.parent} of ${last.ref} is not in the catalog`);
    }
  } else if (ownerUser) {
    members = [ownerUser];
  } else if (entityRefKind(owner) === 'group' || entityRefKind(owner) === 'user') {
    warnings.push(`Owner ${owner} is not in the catalog`);
  } else {
    warnings.push(`Owner ${owner} is not a Group or User`);
  }

  const ownTeam = owner ?? UNOWNED;
  const dependsOnTeams: string[] = [];
  const dependedOnByTeams: string[] = [];
  if (scope?.kind === 'API') {
    // The API depends on its providers' teams; its consumers' teams depend on it.
    for (const edge of index.graph.edges) {
      if (!edge.apis.includes(entityRef)) continue;
      const consumerTeam = index.ownerOf(edge.from);
      if (consumerTeam !== ownTeam) dependedOnByTeams.push(consumerTeam);
      const providerTeam = index.ownerOf(edge.to);
      if (providerTeam !== ownTeam) dependsOnTeams.push(providerTeam);
    }
  }
  for (const nodeRef of nodeRefs) {
    for (const edge of index.outgoing(nodeRef)) {
      const team = index.ownerOf(edge.to);
      if (team !== ownTeam) {
        dependsOnTeams.push(team);
      }
    }
    for (const edge of index.incoming(nodeRef)) {
      const team = index.ownerOf(edge.from);
      if (team !== ownTeam) {
        dependedOnByTeams.push(team);
      }
    }
  }

  const info: OwnershipInfo = {
    entityRef,
    members,
    escalationPath,
    owns,
    dependsOnTeams: countByTeam(dependsOnTeams),
    dependedOnByTeams: countByTeam(dependedOnByTeams),
    warnings,
  };
  if (owner !== undefined) {
    info.owner = owner;
  }
  if (ownerGroup) {
    info.ownerGroup = ownerGroup;
  }
  return info;
}
