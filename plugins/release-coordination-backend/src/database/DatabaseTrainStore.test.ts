import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { createTestDatabases } from '../testing/databases';
import { DatabaseTrainStore } from './DatabaseTrainStore';

function databaseService(knex: Knex, skip = false): DatabaseService {
  return { getClient: async () => knex, migrations: { skip } };
}

async function insertTrain(knex: Knex, id: number, status: string, createdAt: string) {
  await knex('release_trains').insert({
    id: `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`,
    name: `train-${id}`,
    objective: `Objective ${id}`,
    ambassador_ref: 'user:default/alice',
    status,
    current_stage: 'planning',
    created_at: new Date(createdAt),
    updated_at: new Date(createdAt),
  });
}

describe('DatabaseTrainStore', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())('lists trains newest first, filtered and paged, on %s', async databaseId => {
    const knex = await databases.init(databaseId);
    const store = await DatabaseTrainStore.create({ database: databaseService(knex) });

    expect(await store.listTrains({ limit: 10, offset: 0 })).toEqual({ items: [], totalCount: 0 });

    await insertTrain(knex, 1, 'released', '2026-09-01T10:00:00Z');
    await insertTrain(knex, 2, 'active', '2026-10-01T10:00:00Z');
    await insertTrain(knex, 3, 'active', '2026-11-01T10:00:00Z');

    const all = await store.listTrains({ limit: 10, offset: 0 });
    expect(all.totalCount).toBe(3);
    expect(all.items.map(t => t.name)).toEqual(['train-3', 'train-2', 'train-1']);
    expect(all.items[0]).toMatchObject({
      ambassadorRef: 'user:default/alice',
      status: 'active',
      currentStage: 'planning',
      createdAt: '2026-11-01T10:00:00.000Z',
    });

    const active = await store.listTrains({ status: 'active', limit: 1, offset: 1 });
    expect(active.totalCount).toBe(2);
    expect(active.items.map(t => t.name)).toEqual(['train-2']);
    await knex.destroy();
  });

  it.each(databases.eachSupportedId())('leaves the schema alone when migrations are skipped, on %s', async databaseId => {
    const knex = await databases.init(databaseId);
    await DatabaseTrainStore.create({ database: databaseService(knex, true) });
    expect(await knex.schema.hasTable('release_trains')).toBe(false);
    await knex.destroy();
  });
});
