import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { createTestDatabases } from '../testing/databases';
import { DatabaseTrainStore } from './DatabaseTrainStore';
import { VersionConflictError } from './TrainStore';

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

describe('DatabaseTrainStore writes', () => {
  const databases = createTestDatabases();
  const trainId = '00000000-0000-4000-8000-000000000001';
  const gateId = '00000000-0000-4000-8000-0000000000aa';

  async function storeWithGate(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    const store = await DatabaseTrainStore.create({ database: databaseService(knex) });
    await store.transaction(async tx => {
      await tx.insertTrain({
        id: trainId,
        name: '2026.12',
        objective: 'Ship',
        ambassadorRef: 'user:default/alice',
        status: 'active',
        currentStage: 'planning',
        createdAt: '2026-11-01T10:00:00.000Z',
        updatedAt: '2026-11-01T10:00:00.000Z',
        version: 0,
        stagePlan: [{ name: 'planning', title: 'Planning', window: { start: 'a', end: 'b' } }],
      });
      await tx.insertParticipants(trainId, [
        { entityRef: 'component:default/payments', targetVersion: '1.0.0' },
      ]);
      await tx.insertGates([
        {
          id: gateId,
          trainId,
          stage: 'planning',
          phase: 'exit',
          templateId: 'contract',
          kind: 'check',
          participantRef: 'component:default/payments',
          config: { title: 'Contract', quorum: 1, separationOfDuties: false, checkName: 'ct' },
        },
      ]);
    });
    return { knex, store };
  }

  it.each(databases.eachSupportedId())(
    'compare-and-sets versions and keeps JSON and stage plans, on %s',
    async databaseId => {
      const { knex, store } = await storeWithGate(databaseId);
      expect(await store.getTrain(trainId)).toMatchObject({
        version: 0,
        stagePlan: [{ name: 'planning', title: 'Planning', window: { start: 'a', end: 'b' } }],
      });
      await store.updateGate(gateId, 0, { state: 'passed', reason: 'ok' });
      await expect(store.updateGate(gateId, 0, { state: 'failed' })).rejects.toBeInstanceOf(
        VersionConflictError,
      );
      await store.updateTrain(trainId, 0, { currentStage: 'integration' });
      await expect(store.updateTrain(trainId, 0, { status: 'cancelled' })).rejects.toBeInstanceOf(
        VersionConflictError,
      );
      expect(await store.getTrain(trainId)).toMatchObject({
        version: 1,
        currentStage: 'integration',
        status: 'active',
      });
      expect(await store.getGate(gateId)).toMatchObject({
        version: 1,
        state: 'passed',
        reason: 'ok',
      });
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'runs a transaction again after a lost compare-and-set, and rolls back, on %s',
    async databaseId => {
      const { knex, store } = await storeWithGate(databaseId);
      let attempts = 0;
      await store.transaction(async tx => {
        attempts++;
        await tx.appendDecision({ trainId, actorRef: 'user:default/bob', action: 't', subject: 'x' });
        // The first attempt read a stale version, as if another writer had been faster.
        await tx.updateGate(gateId, attempts === 1 ? 5 : 0, { state: 'passed' });
      });
      expect(attempts).toBe(2);
      // The first attempt's decision was rolled back with it.
      expect((await store.listDecisions(trainId, { limit: 10, offset: 0 })).totalCount).toBe(1);

      await expect(
        store.transaction(async tx => {
          const decision = { trainId, actorRef: 'user:default/alice', action: 't', subject: 'y' };
          await tx.appendDecision(decision);
          await tx.updateGate(gateId, 99, { state: 'failed' });
        }),
      ).rejects.toMatchObject({ name: 'ConflictError' });
      expect((await store.listDecisions(trainId, { limit: 10, offset: 0 })).totalCount).toBe(1);
      expect(await store.getGate(gateId)).toMatchObject({ state: 'passed' });
      await knex.destroy();
    },
  );
});
