import type { HiddenEntityCounts } from '../types';
import {
  BlastRadiusGroup,
  DependencyEdge,
  DependencyNode,
  DependencyProblem,
  DeploymentPlan,
  OwnershipInfo,
  ReachedEntity,
  TeamMatrix,
} from './types';

/**
 * Which snapshot of the dependency graph answered, and how old it is. Every dependency
 * response carries it.
 *
 * @public
 */
export interface DependencySnapshotInfo {
  /** Increases with every refresh. */
  version: number;
  /** When the graph was derived from the catalog. */
  derivedAt: string;
  /** Seconds between `derivedAt` and the response. */
  ageSeconds: number;
  nodeCount: number;
  edgeCount: number;
  problemCount: number;
  /** How long the derivation took, in milliseconds (reading the catalog included). */
  durationMs: number;
}

/** `GET /dependencies/snapshot` @public */
export interface DependencySnapshotResponse {
  snapshot: DependencySnapshotInfo;
  problems: DependencyProblem[];
  /** Problems left out because they name entities the caller may not see in the catalog. */
  hidden?: HiddenEntityCounts;
}

/**
 * `POST /dependencies/refresh`: the refresh is handed to the scheduled task, which one replica
 * runs; the newest snapshot shows it once its `version` is higher than `snapshot.version`.
 *
 * @public
 */
export interface DependencyRefreshResponse {
  /** The scheduled task that derives the graph. */
  taskId: string;
  /** `triggered`: it starts within seconds. `running`: one is under way already, perhaps over an older catalog. */
  state: 'triggered' | 'running';
  /** The newest snapshot as the refresh was asked for; absent when none was derived yet. */
  snapshot?: DependencySnapshotInfo;
}

/** `GET /dependencies/entity?ref=&depth=` @public */
export interface EntityDependenciesResponse {
  snapshot: DependencySnapshotInfo;
  /** The entity as a graph node; absent for kinds that are not nodes (System, Group, ...). */
  node?: DependencyNode;
  /** What it depends on, transitively up to `depth`. For a System, Domain or Group: what its members depend on outside it. */
  upstream: ReachedEntity[];
  /** What depends on it. */
  downstream: ReachedEntity[];
  /** Problems that concern the entity (unknown refs, missing owner, cycles it is part of). */
  problems: DependencyProblem[];
}

/** `GET /dependencies/matrix?scope=` @public */
export interface TeamMatrixResponse {
  snapshot: DependencySnapshotInfo;
  scope: string;
  matrix: TeamMatrix;
  nodeCount: number;
  edgeCount: number;
  crossTeamEdgeCount: number;
  /** Nodes in the scope without a (known) owner. */
  unowned: string[];
  /** Cycles with at least one member in the scope. */
  cycles: string[][];
}

/** `GET /dependencies/edges?scope=&fromTeam=&toTeam=&crossTeamOnly=` @public */
export interface DependencyEdgesResponse {
  snapshot: DependencySnapshotInfo;
  totalCount: number;
  /** Edges with the owner of each side. */
  items: Array<DependencyEdge & { fromOwner?: string; toOwner?: string }>;
}

/** `GET /dependencies/blast-radius?ref=` @public */
export interface BlastRadiusResponse {
  snapshot: DependencySnapshotInfo;
  entityRef: string;
  totalCount: number;
  groups: BlastRadiusGroup[];
}

/** `POST /dependencies/waves` with `{ entityRefs }` @public */
export interface DeploymentWavesResponse {
  snapshot: DependencySnapshotInfo;
  plan: DeploymentPlan;
}

/** `GET /ownership?ref=` @public */
export interface OwnershipResponse {
  snapshot: DependencySnapshotInfo;
  ownership: OwnershipInfo;
}
