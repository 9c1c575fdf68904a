import {
  DependencyEdge,
  DependencyGroup,
  DependencyNode,
  DependencyUser,
} from '@release-coordination/plugin-release-coordination-common';

/**
 * What a gate rule may read of the newest dependency graph derived from the catalog: nodes,
 * the edges between them, owners, cycles, and the Groups and Users of the organisation.
 *
 * Every method accepts entity refs in any case and normalises them (see `normalizeEntityRef`).
 * The arrays returned are shared with the graph: read them, never mutate them. Lists follow the
 * order of the graph, which is sorted by ref.
 *
 * @public
 */
export interface DependencyGraphView {
  /** The Component or Resource with this ref, or `undefined` when the graph has none. */
  node(ref: string): DependencyNode | undefined;
  /** Edges from this node: what it depends on. */
  outgoing(ref: string): readonly DependencyEdge[];
  /** Edges to this node: what depends on it. */
  incoming(ref: string): readonly DependencyEdge[];
  /**
   * The owner ref of a node, System or Domain as the catalog names it (even when that owner is
   * not in the catalog), or `UNOWNED`.
   */
  ownerOf(ref: string): string;
  /** The dependency cycles this node is part of, each sorted by ref. */
  cyclesOf(ref: string): readonly (readonly string[])[];
  /** The Group with this ref (`group:` is assumed when the ref has no kind). */
  group(ref: string): DependencyGroup | undefined;
  /** The User with this ref (`user:` is assumed when the ref has no kind). */
  user(ref: string): DependencyUser | undefined;
}
