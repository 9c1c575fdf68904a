import {
  DependencyEdge,
  DependencyGroup,
  DependencyNode,
  DependencyUser,
  normalizeEntityRef,
  UNOWNED,
} from '@release-coordination/plugin-release-coordination-common';
import { DependencyGraphView } from '@release-coordination/plugin-release-coordination-node';
import { DependencyGraph, DependencyScopeEntity } from './types';

function push<T>(map: Map<string, T[]>, key: string, value: T) {
  const list = map.get(key);
  if (list) {
    list.push(value);
  } else {
    map.set(key, [value]);
  }
}

/**
 * Lookups over a {@link DependencyGraph}, built once in O(nodes + edges) so that queries do
 * not scan the graph. Every method accepts refs in any case and normalises them.
 *
 * The arrays it returns are shared with the index: read them, do not mutate them. Lists of
 * refs and edges follow the order of the graph, which derivation sorts.
 */
export class DependencyIndex implements DependencyGraphView {
  readonly graph: DependencyGraph;
  /** Every cycle of the graph (from its `cycle` problems), members sorted. */
  readonly cycles: string[][];

  private readonly nodes = new Map<string, DependencyNode>();
  private readonly groups = new Map<string, DependencyGroup>();
  private readonly users = new Map<string, DependencyUser>();
  private readonly scopes = new Map<string, DependencyScopeEntity>();
  private readonly outgoingEdges = new Map<string, DependencyEdge[]>();
  private readonly incomingEdges = new Map<string, DependencyEdge[]>();
  private readonly edgePositions = new Map<DependencyEdge, number>();
  private readonly children = new Map<string, string[]>();
  private readonly ownedNodes = new Map<string, string[]>();
  private readonly systemNodes = new Map<string, string[]>();
  private readonly domainNodes = new Map<string, string[]>();
  private readonly domainSystems = new Map<string, string[]>();
  private readonly cyclesByRef = new Map<string, string[][]>();

  constructor(graph: DependencyGraph) {
    this.graph = graph;
    for (const node of graph.nodes) {
      this.nodes.set(node.ref, node);
      if (node.owner !== undefined) {
        push(this.ownedNodes, node.owner, node.ref);
      }
      if (node.system !== undefined) {
        push(this.systemNodes, node.system, node.ref);
      }
      if (node.domain !== undefined) {
        push(this.domainNodes, node.domain, node.ref);
      }
    }
    graph.edges.forEach((edge, position) => {
      push(this.outgoingEdges, edge.from, edge);
      push(this.incomingEdges, edge.to, edge);
      this.edgePositions.set(edge, position);
    });
    for (const scope of graph.scopes) {
      this.scopes.set(scope.ref, scope);
      if (scope.kind === 'System' && scope.domain !== undefined) {
        push(this.domainSystems, scope.domain, scope.ref);
      }
    }
    for (const group of graph.groups) {
      this.groups.set(group.ref, group);
      if (group.parent !== undefined) {
        push(this.children, group.parent, group.ref);
      }
    }
    for (const user of graph.users) {
      this.users.set(user.ref, user);
    }
    const cycles: string[][] = [];
    for (const problem of graph.problems) {
      if (problem.type === 'cycle') {
        cycles.push(problem.members);
        for (const member of problem.members) {
          push(this.cyclesByRef, member, problem.members);
        }
      }
    }
    this.cycles = cycles;
  }

  /** The Component or Resource with this ref. */
  node(ref: string): DependencyNode | undefined {
    return this.nodes.get(normalizeEntityRef(ref));
  }

  /** The Group with this ref (`group:` is assumed when the ref has no kind). */
  group(ref: string): DependencyGroup | undefined {
    return this.groups.get(normalizeEntityRef(ref, 'group'));
  }

  /** The User with this ref (`user:` is assumed when the ref has no kind). */
  user(ref: string): DependencyUser | undefined {
    return this.users.get(normalizeEntityRef(ref, 'user'));
  }

  /** The System or Domain with this ref. */
  scopeEntity(ref: string): DependencyScopeEntity | undefined {
    return this.scopes.get(normalizeEntityRef(ref));
  }

  /** Edges from this node: what it depends on. */
  outgoing(ref: string): DependencyEdge[] {
    return this.outgoingEdges.get(normalizeEntityRef(ref)) ?? [];
  }

  /** Edges to this node: what depends on it. */
  incoming(ref: string): DependencyEdge[] {
    return this.incomingEdges.get(normalizeEntityRef(ref)) ?? [];
  }

  /** The position of an edge of this graph in `graph.edges`, or -1. */
  edgePosition(edge: DependencyEdge): number {
    return this.edgePositions.get(edge) ?? -1;
  }

  /**
   * The owner ref of a node, System or Domain as the catalog names it (even when that owner is
   * not in the catalog), or {@link UNOWNED}.
   */
  ownerOf(ref: string): string {
    const normalized = normalizeEntityRef(ref);
    return this.nodes.get(normalized)?.owner ?? this.scopes.get(normalized)?.owner ?? UNOWNED;
  }

  /** The cycles this node is part of. */
  cyclesOf(ref: string): string[][] {
    return this.cyclesByRef.get(normalizeEntityRef(ref)) ?? [];
  }

  /** Refs of the direct child Groups of a Group. */
  childGroups(groupRef: string): string[] {
    return this.children.get(normalizeEntityRef(groupRef, 'group')) ?? [];
  }

  /** Refs of a Group and all its descendant Groups, the group first, breadth-first. */
  groupAndDescendants(groupRef: string): string[] {
    const root = normalizeEntityRef(groupRef, 'group');
    const result = [root];
    const seen = new Set(result);
    for (let i = 0; i < result.length; i++) {
      for (const child of this.children.get(result[i]) ?? []) {
        // Guards against a `childOf` loop in the catalog.
        if (!seen.has(child)) {
          seen.add(child);
          result.push(child);
        }
      }
    }
    return result;
  }

  /**
   * The ancestors of a Group, nearest first: who to escalate to. Stops at the first parent
   * that is not in the catalog, and at a `childOf` loop.
   */
  ancestorGroups(groupRef: string): DependencyGroup[] {
    const result: DependencyGroup[] = [];
    const start = normalizeEntityRef(groupRef, 'group');
    const seen = new Set([start]);
    let parent = this.groups.get(start)?.parent;
    while (parent !== undefined && !seen.has(parent)) {
      const group = this.groups.get(parent);
      if (!group) {
        break;
      }
      seen.add(parent);
      result.push(group);
      parent = group.parent;
    }
    return result;
  }

  /** Refs of the nodes whose owner is this ref (directly). */
  nodesOwnedBy(ownerRef: string): string[] {
    return this.ownedNodes.get(normalizeEntityRef(ownerRef)) ?? [];
  }

  /** Refs of the nodes that are part of this System. */
  nodesInSystem(systemRef: string): string[] {
    return this.systemNodes.get(normalizeEntityRef(systemRef, 'system')) ?? [];
  }

  /** Refs of the nodes in this Domain (through their System or directly). */
  nodesInDomain(domainRef: string): string[] {
    return this.domainNodes.get(normalizeEntityRef(domainRef, 'domain')) ?? [];
  }

  /** Refs of the Systems that are part of this Domain. */
  systemsInDomain(domainRef: string): string[] {
    return this.domainSystems.get(normalizeEntityRef(domainRef, 'domain')) ?? [];
  }
}
