import { Knex } from 'knex';
import { createTestDatabases, insertTrainRow, testDatabaseService } from '../__testUtils__/databases';
import { DatabaseTrainStore } from './DatabaseTrainStore';
import { VersionConflictError } from './TrainStore';

const everything = { limit: 500, offset: 0 };

async function insertTrain(knex: Knex, id: number, status: string, createdAt: string) {
  await insertTrainRow(knex, {
    id: `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`,
    name: `train-${id}`,
    objective: `Objective ${id}`,
    status,
    createdAt,
  });
}

describe('DatabaseTrainStore', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())('lists trains newest first, filtered and paged, on %s', async databaseId => {
    const knex = await databases.init(databaseId);
    const store = await DatabaseTrainStore.create({ database: testDatabaseService(knex) });

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
    const database = testDatabaseService(knex, { skipMigrations: true });
    await DatabaseTrainStore.create({ database });
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
    const store = await DatabaseTrainStore.create({ database: testDatabaseService(knex) });
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
    "replaces a person's earlier decision on a gate in place, on %s",
    async databaseId => {
      const { knex, store } = await storeWithGate(databaseId);
      await store.saveApproval(gateId, { userRef: 'user:default/bob', decision: 'reject', comment: 'no' });
      await store.saveApproval(gateId, { userRef: 'user:default/carol', decision: 'approve' });
      const expiresAt = new Date('2027-01-01T00:00:00.000Z');
      await store.saveApproval(gateId, { userRef: 'user:default/bob', decision: 'approve', expiresAt });
      const approvals = await store.listApprovals(gateId);
      // Bob keeps his place before Carol; his rejection and its comment are gone.
      expect(approvals.map(a => [a.userRef, a.decision, a.comment, a.expiresAt])).toEqual([
        ['user:default/bob', 'approve', undefined, '2027-01-01T00:00:00.000Z'],
        ['user:default/carol', 'approve', undefined, undefined],
      ]);
      expect(Number((await knex('gate_approvals').count({ n: '*' }))[0].n)).toBe(2);
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
        await tx.appendDecision({ trainId, actorRef: 'user:default/bob', action: 'gate.approved', subject: 'x' });
        // The first attempt read a stale version, as if another writer had been faster.
        await tx.updateGate(gateId, attempts === 1 ? 5 : 0, { state: 'passed' });
      });
      expect(attempts).toBe(2);
      // The first attempt's decision was rolled back with it.
      expect((await store.listDecisions(trainId, { limit: 10, offset: 0 })).totalCount).toBe(1);

      await expect(
        store.transaction(async tx => {
          const decision = {
            trainId,
            actorRef: 'user:default/alice',
            action: 'gate.approved' as const,
            subject: 'y',
          };
          await tx.appendDecision(decision);
          await tx.updateGate(gateId, 99, { state: 'failed' });
        }),
      ).rejects.toMatchObject({ name: 'ConflictError' });
      expect((await store.listDecisions(trainId, { limit: 10, offset: 0 })).totalCount).toBe(1);
      expect(await store.getGate(gateId)).toMatchObject({ state: 'passed' });
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'changes a train\'s plan with compare-and-set, and gate configurations, on %s',
    async databaseId => {
      const { knex, store } = await storeWithGate(databaseId);
      const window = { start: '2026-11-01T00:00:00Z', end: '2026-11-09T00:00:00Z' };
      await store.updateTrain(trainId, 0, {
        name: '2026.12.1',
        objective: 'Ship faster',
        ambassadorRef: 'user:default/bob',
        stagePlan: [{ name: 'planning', title: 'Planning', window }],
      });
      expect(await store.getTrain(trainId)).toMatchObject({
        name: '2026.12.1',
        objective: 'Ship faster',
        ambassadorRef: 'user:default/bob',
        stagePlan: [{ name: 'planning', title: 'Planning', window }],
        version: 1,
      });
      // An empty patch still moves the version: it orders writes that touch only child rows.
      await store.updateTrain(trainId, 1, {});
      await expect(store.updateTrain(trainId, 1, {})).rejects.toBeInstanceOf(VersionConflictError);

      const config = { title: 'Contract', quorum: 1, separationOfDuties: false, checkName: 'it' };
      await store.updateGate(gateId, 0, { config });
      expect(await store.getGate(gateId)).toMatchObject({ config, state: 'pending', version: 1 });
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'removes participants softly and lets them come back, on %s',
    async databaseId => {
      const { knex, store } = await storeWithGate(databaseId);
      const payments = 'component:default/payments';
      const search = 'component:default/search';
      await store.transaction(async tx => {
        await tx.addParticipant(trainId, {
          entityRef: search,
          targetVersion: '2.0.0',
          ownerRef: 'group:default/team-find',
        });
      });
      expect((await store.listParticipants(trainId)).map(p => p.entityRef)).toEqual([
        payments,
        search,
      ]);
      await store.updateParticipant(trainId, payments, {
        targetVersion: '1.0.1',
        ownerRef: 'group:default/team-pay',
      });
      expect(await store.getParticipant(trainId, payments)).toEqual({
        entityRef: payments,
        targetVersion: '1.0.1',
        ownerRef: 'group:default/team-pay',
      });
      expect(await store.listActiveParticipants()).toEqual([
        { trainId, participant: await store.getParticipant(trainId, payments) },
        {
          trainId,
          participant: {
            entityRef: search,
            targetVersion: '2.0.0',
            ownerRef: 'group:default/team-find',
          },
        },
      ]);

      await store.removeParticipant(trainId, payments);
      expect((await store.listParticipants(trainId)).map(p => p.entityRef)).toEqual([search]);
      expect(await store.getParticipant(trainId, payments)).toMatchObject({
        entityRef: payments,
        removedAt: expect.any(String),
      });
      expect(await store.listGates(trainId)).toEqual([]);
      expect(await store.getGate(gateId)).toMatchObject({ removedAt: expect.any(String) });
      expect((await store.listParticipations([payments, search], everything)).items).toEqual([
        expect.objectContaining({ participant: expect.objectContaining({ entityRef: search }) }),
      ]);
      expect((await store.listActiveParticipants()).map(p => p.participant.entityRef)).toEqual([
        search,
      ]);
      // The rows stay for the record.
      expect(Number((await knex('train_participants').count({ n: '*' }))[0].n)).toBe(2);
      expect(Number((await knex('train_gates').count({ n: '*' }))[0].n)).toBe(1);

      // Back again, last in line, with what it brings now; its old gate stays removed.
      await store.transaction(tx =>
        tx.addParticipant(trainId, { entityRef: payments, targetVersion: '1.1.0' }),
      );
      expect(await store.listParticipants(trainId)).toEqual([
        { entityRef: search, targetVersion: '2.0.0', ownerRef: 'group:default/team-find' },
        { entityRef: payments, targetVersion: '1.1.0' },
      ]);
      expect(await store.listGates(trainId)).toEqual([]);
      const participations = (await store.listParticipations([search, payments], everything)).items;
      expect(participations.map(p => p.participant.entityRef)).toEqual([search, payments]);
      expect(participations[0].train).toMatchObject({ id: trainId, version: 0 });
      expect(await store.listParticipations([], everything)).toEqual({ items: [], totalCount: 0 });
      await knex.destroy();
    },
  );
});

describe('DatabaseTrainStore approvals that wait', () => {
  const databases = createTestDatabases();
  const at = new Date('2026-11-10T10:00:00Z');
  const plan = ['planning', 'integration', 'validation', 'deployment'].map(name => ({
    name,
    title: name,
  }));
  const team = 'group:default/team-pay';

  /** A train in `currentStage` with one approval gate of `team` per stage and phase. */
  async function trainWithGates(
    store: DatabaseTrainStore,
    id: number,
    name: string,
    currentStage: string,
  ) {
    const trainId = `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`;
    await store.transaction(async tx => {
      await tx.insertTrain({
        id: trainId,
        name,
        objective: 'Ship',
        ambassadorRef: 'user:default/alice',
        status: 'active',
        currentStage,
        createdAt: '2026-11-01T10:00:00.000Z',
        updatedAt: '2026-11-01T10:00:00.000Z',
        version: 0,
        stagePlan: plan,
      });
      await tx.insertGates(
        plan.flatMap(({ name: stage }) =>
          (['exit', 'entry'] as const).map(phase => ({
            id: `00000000-0000-4000-9000-${String(
              id * 100 + plan.findIndex(s => s.name === stage) * 2 + (phase === 'entry' ? 0 : 1),
            ).padStart(12, '0')}`,
            trainId,
            stage,
            phase,
            templateId: `${stage}-${phase}`,
            kind: 'approval' as const,
            config: { title: `${stage} ${phase}`, quorum: 1, separationOfDuties: false, approverRef: team },
          })),
        ),
      );
    });
    return trainId;
  }

  it.each(databases.eachSupportedId())(
    "pages what blocks each train now, in stage-plan order, and follows the train's stage, on %s",
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseTrainStore.create({ database: testDatabaseService(knex) });
      const b = await trainWithGates(store, 1, 'b-train', 'planning');
      await trainWithGates(store, 2, 'a-train', 'validation');
      const titles = async (page = everything) =>
        (await store.listBlockingApprovalGatesOf([team], { at, ...page })).items.map(
          ({ train, gate }) => `${train.name}: ${gate.templateId}`,
        );

      // The current stage's gates, entry first, then only the entry gate of the next stage.
      expect(await titles()).toEqual([
        'a-train: validation-entry',
        'a-train: validation-exit',
        'a-train: deployment-entry',
        'b-train: planning-entry',
        'b-train: planning-exit',
        'b-train: integration-entry',
      ]);
      const second = await store.listBlockingApprovalGatesOf([team], { at, limit: 2, offset: 2 });
      expect(second.totalCount).toBe(6);
      expect(second.items.map(({ gate }) => gate.templateId)).toEqual([
        'deployment-entry',
        'planning-entry',
      ]);
      // Other approvers wait for nothing here.
      expect(
        await store.listBlockingApprovalGatesOf(['group:default/other'], { at, ...everything }),
      ).toEqual({ items: [], totalCount: 0 });

      // Advanced: the next stage is recomputed with the current one.
      await store.updateTrain(b, 0, { currentStage: 'integration' });
      expect((await titles()).filter(title => title.startsWith('b-train'))).toEqual([
        'b-train: integration-entry',
        'b-train: integration-exit',
        'b-train: validation-entry',
      ]);
      // In the last stage there is no next one.
      await store.updateTrain(b, 1, { currentStage: 'deployment' });
      expect((await titles()).filter(title => title.startsWith('b-train'))).toEqual([
        'b-train: deployment-entry',
        'b-train: deployment-exit',
      ]);
      await knex.destroy();
    },
  );
});
