import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  MetricId,
  ScorecardTrainPoint,
} from '@release-coordination/plugin-release-coordination-common';
// The plugin's stores, fact source and dependency graph are not exported from its package; the
// tests read them from the workspace source, to read the history back exactly as the plugin does.
import {
  DependencyIndex,
  deriveDependencyGraph,
} from '../../../../../plugins/release-coordination-backend/src/dependencies/graph';
import { DatabaseTrainStore } from '../../../../../plugins/release-coordination-backend/src/trains/DatabaseTrainStore';
import { applyDatabaseMigrations } from '../../../../../plugins/release-coordination-backend/src/database/migrations';
import { DatabaseOutcomeStore } from '../../../../../plugins/release-coordination-backend/src/outcomes/DatabaseOutcomeStore';
import { DatabaseRetrospectiveStore } from '../../../../../plugins/release-coordination-backend/src/retrospectives/DatabaseRetrospectiveStore';
import { DatabaseScorecardFacts } from '../../../../../plugins/release-coordination-backend/src/scorecards/DatabaseScorecardFacts';
import { createScorecardService } from '../../../../../plugins/release-coordination-backend/src/scorecards/ScorecardService';
import { createTestDatabases } from '../../../../../plugins/release-coordination-backend/src/testing/databases';
import { DEMO_HISTORY } from './history';
import { HISTORY_TABLES, replayHistory } from './replayHistory';
import { Knex, seedDemoHistory } from './seedDemoHistory';
import { HISTORY_STAGES } from './stages';

const DAY_MS = 24 * 3_600_000;

/** The plugin's database with migrations already applied. */
function databaseService(knex: Knex): DatabaseService {
  return { getClient: async () => knex, migrations: { skip: true } };
}

async function rowCounts(knex: Knex): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of HISTORY_TABLES) {
    const [{ count }] = await knex(table).count({ count: '*' });
    counts[table] = Number(count);
  }
  return counts;
}

const metric = (point: { metrics: { id: MetricId; value?: number }[] }, id: MetricId) =>
  point.metrics.find(m => m.id === id)?.value;

/** Each value is strictly smaller (or larger) than the one before. */
function strictlyMonotonic(values: (number | undefined)[], direction: 'falling' | 'rising') {
  return values.every(
    (value, i) =>
      value !== undefined &&
      (i === 0 || (direction === 'falling' ? value < values[i - 1]! : value > values[i - 1]!)),
  );
}

describe('seedDemoHistory', () => {
  const databases = createTestDatabases();
  const now = new Date();
  const expected = replayHistory(DEMO_HISTORY, HISTORY_STAGES, now);

  async function migrated(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    await applyDatabaseMigrations(knex);
    return knex;
  }

  it.each(databases.eachSupportedId())(
    'seeds an empty database, and the plugin reads every train back, on %s',
    async databaseId => {
      const knex = await migrated(databaseId);
      const outcome = await seedDemoHistory({ knex, now });
      expect(outcome).toEqual({
        seeded: true,
        rows: Object.fromEntries(HISTORY_TABLES.map(table => [table, expected[table].length])),
      });
      expect(await rowCounts(knex)).toEqual((outcome as { rows: Record<string, number> }).rows);

      const trains = await DatabaseTrainStore.create({ database: databaseService(knex) });
      const outcomes = await DatabaseOutcomeStore.create({ database: databaseService(knex) });
      const retrospectives = await DatabaseRetrospectiveStore.create({ database: databaseService(knex) });

      const page = await trains.listTrains({ limit: 50, offset: 0 });
      expect(page.totalCount).toBeGreaterThanOrEqual(4);
      expect(page.items.map(train => train.status).sort()).toEqual([
        'released',
        'released',
        'released',
        'rolled-back',
      ]);
      for (const train of page.items) {
        expect(train.stagePlan.map(stage => stage.name)).toEqual(HISTORY_STAGES.map(s => s.name));
        expect(train.stagePlan.every(stage => stage.window !== undefined)).toBe(true);

        const participants = await trains.listParticipants(train.id);
        expect(participants.length).toBeGreaterThanOrEqual(5);
        expect(participants.every(p => p.ownerRef?.startsWith('group:default/team-'))).toBe(true);

        const gates = await trains.listGates(train.id);
        // Per participant: planning 2 (lessons, participation), integration 1, validation 2,
        // deployment 3 (rollback, flags, go/no-go); one train-wide owner rule.
        expect(gates).toHaveLength(8 * participants.length + 1);
        const decisions = await trains.listDecisions(train.id, { limit: 1000, offset: 0 });
        const subjects = new Set(decisions.items.map(decision => decision.subject));
        for (const gate of gates) {
          expect([gate.templateId, gate.state]).toEqual([gate.templateId, expect.stringMatching(/^(passed|waived)$/)]);
          expect(subjects.has(gate.id)).toBe(true);
          if (gate.kind === 'approval') {
            expect(gate.approverRef).toBe(participants.find(p => p.entityRef === gate.participantRef)?.ownerRef);
            expect(gate.approvals.length).toBeGreaterThan(0);
          }
          if (gate.kind === 'check') expect(gate.latestCheck?.status).toBe(gate.state === 'waived' ? 'failed' : 'passed');
        }
        const actions = decisions.items.map(decision => decision.action);
        expect(actions[0]).toBe('train.created');
        expect(actions).toContain('deployment.reported');
        expect(actions).toContain('retro.note-added');
        expect(actions).toContain('action-item.created');
        // Read in order, the log tells the train's story as it happened.
        const times = decisions.items.map(decision => Date.parse(decision.createdAt));
        expect(times).toEqual([...times].sort((a, b) => a - b));
        expect(times[times.length - 1]).toBeLessThan(now.getTime());

        const snapshots = await trains.listStageSnapshots(train.id);
        expect(snapshots[0]).toMatchObject({ stage: 'planning', toStage: 'planning' });
        expect(snapshots.length).toBe(train.status === 'released' ? 5 : 4);

        const deployments = (await outcomes.listTrainDeployments(train.id, { limit: 500, offset: 0 }))
          .items;
        expect(new Set(deployments.map(d => d.environment))).toEqual(new Set(['staging', 'production']));
        expect(await outcomes.listRollbackPlans(train.id)).toHaveLength(participants.length);
        expect((await outcomes.listFlags(train.id)).length).toBeGreaterThan(0);

        expect(
          (await retrospectives.queryNotes(train.id, { limit: 1, offset: 0 })).totalCount,
        ).toBeGreaterThan(0);
        const items = await retrospectives.queryActionItems({ trainId: train.id, limit: 50, offset: 0 });
        expect(items.totalCount).toBeGreaterThan(0);
      }

      const rolledBack = page.items.find(train => train.status === 'rolled-back')!;
      const production = (
        await outcomes.listTrainDeployments(rolledBack.id, {
          environment: 'production',
          limit: 500,
          offset: 0,
        })
      ).items;
      expect(production.filter(d => d.result === 'rolled-back').every(d => d.rollbackFinishedAt)).toBe(true);
      expect(production.some(d => d.result === 'rolled-back')).toBe(true);

      const drills = await outcomes.summarizeDrills(['component:default/card-vault']);
      expect(drills.get('component:default/card-vault')).toMatchObject({
        lastDrill: { result: 'passed' },
        lastPassedDrillAt: expect.any(String),
      });
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'gives scorecards facts per train and trends that tell the story, on %s',
    async databaseId => {
      const knex = await migrated(databaseId);
      await seedDemoHistory({ knex, now });
      const facts = new DatabaseScorecardFacts(knex, { now: () => now });
      const period = {
        from: new Date(now.getTime() - 180 * DAY_MS).toISOString(),
        to: now.toISOString(),
      };

      const trainFacts = await facts.listTrains(period);
      expect(trainFacts).toHaveLength(4);
      const deployments = await facts.listDeployments(period);
      for (const train of trainFacts) {
        expect(deployments.filter(d => d.trainId === train.id && d.environment === 'production').length).toBeGreaterThan(0);
        expect(train.stages.map(stage => stage.stage)).toEqual(['planning', 'integration', 'validation', 'deployment']);
      }
      const items = await facts.listActionItems(period);
      expect(items.length).toBe(expected.action_items.length);
      expect(items.filter(item => item.status === 'open')).toHaveLength(2);
      expect((await facts.listGateDecisions(period)).length).toBe(expected.train_gates.length);

      // The scorecard as the route computes it; the organisation needs no catalog.
      const scorecards = createScorecardService({
        facts,
        snapshots: {
          current: async () => ({
            meta: { version: 1, derivedAt: now, durationMs: 0, nodeCount: 0, edgeCount: 0, problemCount: 0 },
            index: new DependencyIndex(deriveDependencyGraph([])),
          }),
        },
        clock: { now: () => now },
      });
      const scorecard = await scorecards.getScorecard({ kind: 'organization' }, period);
      const perTrain: ScorecardTrainPoint[] = scorecard.perTrain;
      expect(perTrain.map(point => point.status)).toEqual(['released', 'rolled-back', 'released', 'released']);
      expect(strictlyMonotonic(perTrain.map(p => metric(p, 'cycle-time')), 'falling')).toBe(true);
      expect(strictlyMonotonic(perTrain.map(p => metric(p, 'gate-first-pass-rate')), 'rising')).toBe(true);
      expect(strictlyMonotonic(perTrain.map(p => metric(p, 'approval-latency')), 'falling')).toBe(true);
      // Change failures peak with the rolled-back train and fall after it.
      const failureRates = perTrain.map(p => metric(p, 'change-failure-rate')!);
      expect(Math.max(...failureRates)).toBe(failureRates[1]);
      expect(strictlyMonotonic(failureRates.slice(1), 'falling')).toBe(true);
      expect(failureRates[3]).toBe(0);

      for (const id of [
        'cycle-time',
        'deployment-frequency',
        'change-failure-rate',
        'rollback-frequency',
        'rollback-duration',
        'failed-deployment-recovery-time',
        'gate-first-pass-rate',
        'approval-latency',
        'waiver-rate',
        'action-item-follow-through',
      ] as MetricId[]) {
        expect([id, metric(scorecard, id)]).toEqual([id, expect.any(Number)]);
      }
      expect(metric(scorecard, 'open-action-items-carried-over')).toBe(2);
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())('writes nothing the second time, on %s', async databaseId => {
    const knex = await migrated(databaseId);
    expect((await seedDemoHistory({ knex, now })).seeded).toBe(true);
    const before = await rowCounts(knex);
    expect(await seedDemoHistory({ knex, now: new Date(now.getTime() + DAY_MS) })).toEqual({
      seeded: false,
      reason: 'not-empty',
      trains: 4,
    });
    expect(await rowCounts(knex)).toEqual(before);
    await knex.destroy();
  });

  it.each(databases.eachSupportedId())(
    'writes the history once when two replicas seed at the same moment, on %s',
    async databaseId => {
      const knex = await migrated(databaseId);
      const outcomes = await Promise.all([seedDemoHistory({ knex, now }), seedDemoHistory({ knex, now })]);
      expect(outcomes.filter(outcome => outcome.seeded)).toHaveLength(1);
      expect(outcomes.find(outcome => !outcome.seeded)).toMatchObject({
        reason: expect.stringMatching(/^(not-empty|lost-race)$/),
      });
      const counts = await rowCounts(knex);
      expect(counts.release_trains).toBe(4);
      expect(counts.train_decisions).toBe(expected.train_decisions.length);
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'leaves nothing behind when a write fails half-way, on %s',
    async databaseId => {
      const knex = await migrated(databaseId);
      // A rehearsal already recorded under the key the history uses: its insert comes late.
      const drill = expected.rollback_drills[0];
      await knex('rollback_drills').insert(drill);
      await expect(seedDemoHistory({ knex, now })).rejects.toThrow();
      const counts = await rowCounts(knex);
      expect(counts).toEqual(
        Object.fromEntries(HISTORY_TABLES.map(table => [table, table === 'rollback_drills' ? 1 : 0])),
      );
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    "writes nothing where the plugin's tables are missing, on %s",
    async databaseId => {
      const knex = await databases.init(databaseId);
      expect(await seedDemoHistory({ knex, now })).toEqual({ seeded: false, reason: 'no-tables' });
      expect(await knex.schema.hasTable('release_trains')).toBe(false);
      await knex.destroy();
    },
  );
});
