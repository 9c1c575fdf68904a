/**
 * The parts of the cross-team dependency graph that the API answers with: nodes, edges,
 * Groups and Users, problems, and what queries make of them. The graph itself is derived,
 * stored and queried by the backend.
 */

/**
 * A deployable or depended-upon thing: a Component or a Resource.
 *
 * @public
 */
export interface DependencyNode {
  /** Normalised entity ref, e.g. `component:default/checkout-api`. */
  ref: string;
  /** Catalog kind as written in the catalog, e.g. `Component`. */
  kind: string;
  title?: string;
  /** `spec.type`, e.g. `service`. */
  type?: string;
  lifecycle?: string;
  /** Owner entity ref (from `ownedBy`); absent when the catalog names none. */
  owner?: string;
  /** System ref (from `partOf` a System). */
  system?: string;
  /** Domain ref (the system's domain, or `partOf` a Domain directly). */
  domain?: string;
}

/**
 * "`from` depends on `to`": `to` must be deployed (ready) before `from`. One edge per ordered
 * pair; the reasons are merged.
 *
 * @public
 */
export interface DependencyEdge {
  from: string;
  to: string;
  /** True when `from` declares `dependsOn` `to` (or `to` declares `dependencyOf` `from`). */
  dependsOn: boolean;
  /** APIs that `from` consumes and `to` provides, sorted; empty when none. */
  apis: string[];
}

/** A Group of the organisation, for ownership and escalation. @public */
export interface DependencyGroup {
  ref: string;
  title?: string;
  /** `spec.type`, e.g. `team`, `department`. */
  type?: string;
  /** Parent Group ref (`childOf`). */
  parent?: string;
  /** User refs (`hasMember`). */
  members: string[];
}

/** A User, for showing members with names and contacts. @public */
export interface DependencyUser {
  ref: string;
  title?: string;
  email?: string;
}

/**
 * Something in the catalog that derivation handled rather than crashed on.
 *
 * @public
 */
export type DependencyProblem =
  | {
      /** A relation points at an entity the catalog does not have. */
      type: 'unknown-ref';
      entityRef: string;
      relation: string;
      targetRef: string;
    }
  | {
      /** No owner, or an owner that is not a known Group or User. */
      type: 'missing-owner';
      entityRef: string;
      ownerRef?: string;
    }
  | {
      /** An entity that depends on itself (or consumes an API it provides itself). */
      type: 'self-reference';
      entityRef: string;
      relation: string;
    }
  | {
      /** An API that is consumed but that nobody provides. */
      type: 'api-without-provider';
      entityRef: string;
      apiRef: string;
    }
  | {
      /** Entities that depend on each other in a circle (a strongly connected component). */
      type: 'cycle';
      members: string[];
    };

/**
 * One entity reached by walking the graph from a start entity.
 *
 * @public
 */
export interface ReachedEntity {
  ref: string;
  owner?: string;
  /** Hops from the start entity: 1 for a direct dependency. */
  depth: number;
  /** The entities walked through, from the start entity (excluded) to this one (included). */
  path: string[];
  /** The edge that led to this entity (the last hop). */
  via: DependencyEdge;
}

/** A cell of the team × team matrix: how many edges go from `fromTeam`'s entities to `toTeam`'s. @public */
export interface TeamMatrixCell {
  fromTeam: string;
  toTeam: string;
  count: number;
}

/**
 * The team × team matrix of a scope: how many dependencies go from each team to each other.
 *
 * @public
 */
export interface TeamMatrix {
  /** Teams (owner refs) that appear in the scope, sorted; `unowned` stands for no owner. */
  teams: string[];
  /** Non-empty cells only, including the diagonal (edges within a team). */
  cells: TeamMatrixCell[];
}

/** The owner ref used for entities without an owner in matrices and groupings. @public */
export const UNOWNED = 'unowned';

/**
 * The entities affected by a change that one team owns ({@link UNOWNED} for none).
 *
 * @public
 */
export interface BlastRadiusGroup {
  owner: string;
  entities: ReachedEntity[];
}

/**
 * A set of entities that can deploy together, once every earlier wave has deployed.
 *
 * @public
 */
export interface DeploymentWave {
  /** 0 for the first wave: nothing in it depends on anything in a later wave. */
  index: number;
  members: string[];
  /** True when the members depend on each other in a cycle and must ship together. */
  cycle: boolean;
}

/**
 * The order in which requested entities deploy: providers before consumers, in waves.
 *
 * @public
 */
export interface DeploymentPlan {
  waves: DeploymentWave[];
  /** The cycles found among the requested entities (each sorted). */
  cycles: string[][];
  /** Requested refs that are not in the graph. */
  unknown: string[];
}

/**
 * Who owns an entity, whom to escalate to, and which teams it depends on and is depended on
 * by.
 *
 * @public
 */
export interface OwnershipInfo {
  entityRef: string;
  /** For a Component/Resource/System/Domain/API: its owner; for a Group: the group itself. */
  owner?: string;
  ownerGroup?: DependencyGroup;
  /** The owner's members with names. */
  members: DependencyUser[];
  /** The owner Group's ancestors, nearest first (who to escalate to). */
  escalationPath: DependencyGroup[];
  /** For a Group: the nodes it owns (directly). */
  owns: string[];
  /** Teams the entity's (or group's) nodes depend on, with edge counts; excludes itself. */
  dependsOnTeams: Array<{ team: string; count: number }>;
  /** Teams whose nodes depend on the entity's (or group's) nodes. */
  dependedOnByTeams: Array<{ team: string; count: number }>;
  warnings: string[];
}
