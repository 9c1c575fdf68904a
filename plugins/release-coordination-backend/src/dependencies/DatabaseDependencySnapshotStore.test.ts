import { DependencyGraph } from './graph';
import { createTestDatabases } from '../__testUtils__/databases';
import { DatabaseDependencySnapshotStore } from './DatabaseDependencySnapshotStore';
import { applyDatabaseMigrations } from '../database/migrations';

function graphWith(nodeCount: number): DependencyGraph {
  const nodes = Array.from({ length: nodeCount }, (_, i) => ({
    ref: `component:default/service-${i}`,
    kind: 'Component',
    owner: 'group:default/team-a',
    // Enough text that a large graph exceeds MySQL's 64 KB `text`.
    title: `Service number ${i} with a reasonably long descriptive title`,
  }));
  return { nodes, edges: [], scopes: [], groups: [], users: [], problems: [] };
}

describe('DatabaseDependencySnapshotStore', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())('stores, reads and prunes snapshots on %s', async databaseId => {
    const knex = await databases.init(databaseId);
    await applyDatabaseMigrations(knex);
    const store = new DatabaseDependencySnapshotStore(knex, 2);

    expect(await store.getLatestMeta()).toBeUndefined();

    const big = graphWith(2000);
    const saved: number[] = [];
    for (let i = 0; i < 3; i++) {
      const meta = await store.saveSnapshot({
        derivedAt: new Date(`2026-11-2${i}T10:00:00Z`),
        durationMs: 12.4,
        nodeCount: big.nodes.length,
        edgeCount: 0,
        problemCount: 0,
        graph: big,
      });
      saved.push(meta.version);
    }
    expect(saved[1]).toBeGreaterThan(saved[0]);
    expect(saved[2]).toBeGreaterThan(saved[1]);

    const latest = await store.getLatestMeta();
    expect(latest).toEqual({
      version: saved[2],
      derivedAt: new Date('2026-11-22T10:00:00Z'),
      durationMs: 12,
      nodeCount: 2000,
      edgeCount: 0,
      problemCount: 0,
    });
    const snapshot = await store.getSnapshot(saved[2]);
    expect(snapshot?.graph).toEqual(big);

    // Only the newest two are kept.
    expect(await store.getSnapshot(saved[0])).toBeUndefined();
    expect(await store.getSnapshot(saved[1])).toBeDefined();
    await knex.destroy();
  });
});
