import {
  DependencyEdge,
  DependencyGroup,
  DependencyNode,
  DependencyProblem,
  DependencyUser,
} from '@release-coordination/plugin-release-coordination-common';

/**
 * The cross-team dependency graph, derived from catalog relations. Plain data: it is stored as
 * a snapshot in the database and indexed for queries; responses carry parts of it.
 */

/**
 * The minimal shape of a catalog entity that derivation reads: only these fields are fetched
 * from the catalog (`fields` in `queryEntities`).
 */
export interface CatalogEntityLike {
  kind: string;
  metadata: { name: string; namespace?: string; title?: string };
  spec?: {
    type?: unknown;
    lifecycle?: unknown;
    profile?: { displayName?: unknown; email?: unknown };
  };
  relations?: Array<{ type: string; targetRef: string }>;
}

/** The catalog fields derivation needs, for `queryEntities({ fields })`. */
export const DEPENDENCY_ENTITY_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'spec.type',
  'spec.lifecycle',
  'spec.profile.displayName',
  'spec.profile.email',
  'relations',
] as const;

/**
 * A System or Domain, for roll-ups; or an API, for its ownership (APIs are the `via` of edges,
 * not nodes).
 */
export interface DependencyScopeEntity {
  ref: string;
  kind: 'System' | 'Domain' | 'API';
  title?: string;
  owner?: string;
  /** For a System: its Domain. */
  domain?: string;
  /** For an API: its System. */
  system?: string;
}

/** The whole derived graph. */
export interface DependencyGraph {
  nodes: DependencyNode[];
  edges: DependencyEdge[];
  scopes: DependencyScopeEntity[];
  groups: DependencyGroup[];
  users: DependencyUser[];
  problems: DependencyProblem[];
}

/**
 * A scope for organisation-wide questions: everything, or what belongs to a domain, a system
 * or a group (owned by it or by its descendant groups).
 */
export type DependencyScope =
  | { type: 'organization' }
  | { type: 'domain'; ref: string }
  | { type: 'system'; ref: string }
  | { type: 'group'; ref: string };
