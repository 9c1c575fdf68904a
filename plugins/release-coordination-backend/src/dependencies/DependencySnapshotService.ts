import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { DependencySnapshotInfo } from '@release-coordination/plugin-release-coordination-common';
import { DependencyIndex, deriveDependencyGraph } from './graph';
import { DependencySnapshotMeta, DependencySnapshotStore } from './DependencySnapshotStore';
import { readCatalogForDependencies } from './readCatalog';

/** The newest snapshot, indexed for queries. */
export interface CurrentDependencyGraph {
  meta: DependencySnapshotMeta;
  index: DependencyIndex;
}

/** Derives, stores and serves snapshots of the dependency graph. */
export interface DependencySnapshotService {
  /** Reads the catalog, derives the graph and stores it as the newest snapshot. */
  refresh(): Promise<DependencySnapshotMeta>;
  /** The newest snapshot; derives one first when none exists yet. */
  current(): Promise<CurrentDependencyGraph>;
  /** What the newest snapshot is, without its graph; undefined when none was derived yet. */
  latest(): Promise<DependencySnapshotMeta | undefined>;
}

/** How a snapshot is described in every response. */
export function snapshotInfo(meta: DependencySnapshotMeta, now = new Date()): DependencySnapshotInfo {
  return {
    version: meta.version,
    derivedAt: meta.derivedAt.toISOString(),
    ageSeconds: Math.max(0, Math.round((now.getTime() - meta.derivedAt.getTime()) / 1000)),
    nodeCount: meta.nodeCount,
    edgeCount: meta.edgeCount,
    problemCount: meta.problemCount,
    durationMs: meta.durationMs,
  };
}

export function createDependencySnapshotService(options: {
  store: DependencySnapshotStore;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  pageSize: number;
}): DependencySnapshotService {
  const { store, catalog, auth, logger, pageSize } = options;
  // A cache of the newest snapshot's index, keyed by version. Not state that matters: every
  // request asks the database for the newest version, so replicas always agree.
  let cached: CurrentDependencyGraph | undefined;
  let refreshing: Promise<DependencySnapshotMeta> | undefined;

  async function derive(): Promise<DependencySnapshotMeta> {
    const started = performance.now();
    const { entities, requests } = await readCatalogForDependencies({
      catalog,
      credentials: await auth.getOwnServiceCredentials(),
      pageSize,
    });
    const graph = deriveDependencyGraph(entities);
    const durationMs = performance.now() - started;
    const meta = await store.saveSnapshot({
      derivedAt: new Date(),
      durationMs,
      nodeCount: graph.nodes.length,
      edgeCount: graph.edges.length,
      problemCount: graph.problems.length,
      graph,
    });
    cached = { meta, index: new DependencyIndex(graph) };
    logger.info(
      `Derived dependency snapshot ${meta.version} from ${entities.length} entities in ` +
        `${requests} catalog requests: ${meta.nodeCount} nodes, ${meta.edgeCount} edges, ` +
        `${meta.problemCount} problems, ${Math.round(durationMs)} ms`,
    );
    return meta;
  }

  async function refresh(): Promise<DependencySnapshotMeta> {
    // Concurrent refreshes in one process share the work.
    refreshing ??= derive().finally(() => {
      refreshing = undefined;
    });
    return refreshing;
  }

  async function current(): Promise<CurrentDependencyGraph> {
    const latest = await store.getLatestMeta();
    if (!latest) {
      await refresh();
      return cached!;
    }
    if (cached?.meta.version === latest.version) return cached;
    const snapshot = await store.getSnapshot(latest.version);
    if (!snapshot) {
      // Pruned by another replica's refresh between the two reads: take the newer one.
      return current();
    }
    cached = { meta: latest, index: new DependencyIndex(snapshot.graph) };
    return cached;
  }

  return { refresh, current, latest: () => store.getLatestMeta() };
}
