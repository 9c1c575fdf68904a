import { DependencyGraph } from './graph';
import { Knex } from 'knex';
import {
  DependencySnapshot,
  DependencySnapshotMeta,
  DependencySnapshotStore,
} from './DependencySnapshotStore';

const TABLE = 'dependency_snapshots';
const META_COLUMNS = [
  'version',
  'derived_at',
  'duration_ms',
  'node_count',
  'edge_count',
  'problem_count',
] as const;

interface SnapshotRow {
  version: number;
  derived_at: Date | string | number;
  duration_ms: number;
  node_count: number;
  edge_count: number;
  problem_count: number;
  graph?: string;
}

function toMeta(row: SnapshotRow): DependencySnapshotMeta {
  return {
    version: Number(row.version),
    derivedAt: new Date(row.derived_at),
    durationMs: Number(row.duration_ms),
    nodeCount: Number(row.node_count),
    edgeCount: Number(row.edge_count),
    problemCount: Number(row.problem_count),
  };
}

/** The knex implementation of {@link DependencySnapshotStore}. */
export class DatabaseDependencySnapshotStore implements DependencySnapshotStore {
  /**
   * @param keep - how many snapshots to keep; older ones are deleted when a new one is saved.
   */
  constructor(
    private readonly db: Knex,
    private readonly keep = 3,
  ) {}

  async saveSnapshot(snapshot: Omit<DependencySnapshot, 'version'>): Promise<DependencySnapshotMeta> {
    return this.db.transaction(async tx => {
      const [inserted] = await tx<SnapshotRow>(TABLE)
        .insert({
          derived_at: snapshot.derivedAt,
          duration_ms: Math.round(snapshot.durationMs),
          node_count: snapshot.nodeCount,
          edge_count: snapshot.edgeCount,
          problem_count: snapshot.problemCount,
          graph: JSON.stringify(snapshot.graph),
        })
        .returning('version');
      // SQLite and PostgreSQL return the row; MySQL returns the id.
      const version = Number(typeof inserted === 'object' ? inserted.version : inserted);
      await tx(TABLE).where('version', '<=', version - this.keep).delete();
      return {
        version,
        derivedAt: snapshot.derivedAt,
        durationMs: Math.round(snapshot.durationMs),
        nodeCount: snapshot.nodeCount,
        edgeCount: snapshot.edgeCount,
        problemCount: snapshot.problemCount,
      };
    });
  }

  async getLatestMeta(): Promise<DependencySnapshotMeta | undefined> {
    const row = await this.db<SnapshotRow>(TABLE)
      .select(...META_COLUMNS)
      .orderBy('version', 'desc')
      .first();
    return row ? toMeta(row) : undefined;
  }

  async getSnapshot(version: number): Promise<DependencySnapshot | undefined> {
    const row = await this.db<SnapshotRow>(TABLE).where('version', version).first();
    if (!row) return undefined;
    return { ...toMeta(row), graph: JSON.parse(row.graph!) as DependencyGraph };
  }
}
