import { DependencyGraph } from './graph';

/** What is known about a stored snapshot without loading its graph. */
export interface DependencySnapshotMeta {
  version: number;
  derivedAt: Date;
  durationMs: number;
  nodeCount: number;
  edgeCount: number;
  problemCount: number;
}

export interface DependencySnapshot extends DependencySnapshotMeta {
  graph: DependencyGraph;
}

/** Persistence of derived dependency graphs. */
export interface DependencySnapshotStore {
  /** Stores a new snapshot and prunes old ones, in one transaction; returns it with its version. */
  saveSnapshot(snapshot: Omit<DependencySnapshot, 'version'>): Promise<DependencySnapshotMeta>;
  /** The newest snapshot's metadata, cheap enough to call on every request. */
  getLatestMeta(): Promise<DependencySnapshotMeta | undefined>;
  getSnapshot(version: number): Promise<DependencySnapshot | undefined>;
}
