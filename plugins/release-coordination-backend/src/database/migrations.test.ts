import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import { migrationsDirectory } from './migrations';

const MIGRATIONS_TABLE = 'release_coordination__knex_migrations';
const TRAIN_TABLES = [
  'train_participants',
  'train_gates',
  'gate_approvals',
  'check_results',
  'gate_waivers',
  'train_decisions',
  'train_stage_snapshots',
];

async function migrateUpOneByOne(knex: Knex): Promise<string[]> {
  const applied: string[] = [];
  for (;;) {
    const [, pending] = (await knex.migrate.list({
      directory: migrationsDirectory,
      tableName: MIGRATIONS_TABLE,
    })) as [unknown[], { file: string }[]];
    if (pending.length === 0) return applied;
    await knex.migrate.up({ directory: migrationsDirectory, tableName: MIGRATIONS_TABLE });
    applied.push(pending[0].file);
  }
}

/** The indexes of the paged lists of a train's outcomes and retrospective, per table. */
const PAGING_MIGRATION = '20261204100000_outcome_paging.js';
const PAGING_INDEXES: Record<string, string[]> = {
  deployments: [
    'deployments_train_started_idx',
    'deployments_train_environment_started_idx',
    'deployments_train_participant_started_idx',
  ],
  feature_flags: ['feature_flags_train_expiry_idx'],
  retrospective_notes: [
    'retrospective_notes_train_created_idx',
    'retrospective_notes_train_column_created_idx',
  ],
  action_items: ['action_items_train_created_idx'],
};

/** The names of a table's indexes, as each engine lists them. */
async function indexNames(knex: Knex, table: string): Promise<string[]> {
  const client = String(knex.client.config.client);
  if (/sqlite/i.test(client)) {
    const rows: { name: string }[] = await knex.raw(`PRAGMA index_list(${table})`);
    return rows.map(row => row.name);
  }
  if (/pg|postgres/i.test(client)) {
    const { rows } = await knex.raw('SELECT indexname FROM pg_indexes WHERE tablename = ?', [
      table,
    ]);
    return rows.map((row: { indexname: string }) => row.indexname);
  }
  const [rows] = await knex.raw(`SHOW INDEX FROM ${table}`);
  return rows.map((row: { Key_name: string }) => row.Key_name);
}

describe('migrations', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'walk every migration up and back down on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);

      const applied = await migrateUpOneByOne(knex);
      expect(applied.length).toBeGreaterThan(0);
      expect(await knex.schema.hasTable('release_trains')).toBe(true);
      expect(await knex.schema.hasTable('dependency_snapshots')).toBe(true);
      for (const table of TRAIN_TABLES) {
        expect(await knex.schema.hasTable(table), table).toBe(true);
      }
      expect(await knex.schema.hasColumn('release_trains', 'version')).toBe(true);
      expect(await knex.schema.hasColumn('train_participants', 'removed_at')).toBe(true);
      expect(await knex.schema.hasColumn('train_gates', 'removed_at')).toBe(true);

      // The schema accepts a train as the store writes it.
      const now = new Date();
      await knex('release_trains').insert({
        id: '00000000-0000-4000-8000-000000000001',
        name: '2026.12',
        objective: 'Ship one-click checkout',
        ambassador_ref: 'user:default/alice',
        status: 'active',
        current_stage: 'planning',
        created_at: now,
        updated_at: now,
      });
      await knex('release_trains').delete();

      for (let i = applied.length; i > 0; i--) {
        await knex.migrate.down({ directory: migrationsDirectory, tableName: MIGRATIONS_TABLE });
      }
      expect(await knex.schema.hasTable('release_trains')).toBe(false);
      expect(await knex.schema.hasTable('dependency_snapshots')).toBe(false);
      for (const table of TRAIN_TABLES) {
        expect(await knex.schema.hasTable(table), table).toBe(false);
      }

      // And up again: down migrations leave nothing behind that blocks a re-run.
      expect(await migrateUpOneByOne(knex)).toEqual(applied);
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'copies the approver of existing approval gates into their own indexed column on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const config = { directory: migrationsDirectory, tableName: MIGRATIONS_TABLE };
      await knex.migrate.up({ ...config, name: '20261127000000_release_trains.js' });
      for (;;) {
        const [, pending] = (await knex.migrate.list(config)) as [unknown[], { file: string }[]];
        if (pending[0].file.startsWith('20261204000000')) break;
        await knex.migrate.up(config);
      }
      const now = new Date();
      const trainId = '00000000-0000-4000-8000-000000000002';
      await knex('release_trains').insert({
        id: trainId,
        name: '2026.11',
        objective: 'Ship the autumn release',
        ambassador_ref: 'user:default/alice',
        status: 'active',
        current_stage: 'planning',
        created_at: now,
        updated_at: now,
      });
      const gate = (id: string, kind: string, gateConfig: object) => ({
        id,
        train_id: trainId,
        stage: 'planning',
        phase: 'exit',
        template_id: `${kind}-template`,
        kind,
        participant_ref: null,
        state: 'pending',
        config: JSON.stringify(gateConfig),
        updated_at: now,
        version: 0,
      });
      await knex('train_gates').insert([
        gate('00000000-0000-4000-8000-00000000000a', 'approval', {
          title: 'Owners agree',
          approverRef: 'group:default/team-payments',
          quorum: 1,
          separationOfDuties: false,
        }),
        gate('00000000-0000-4000-8000-00000000000b', 'approval', {
          title: 'Nobody resolved',
          quorum: 1,
          separationOfDuties: false,
        }),
        gate('00000000-0000-4000-8000-00000000000c', 'check', {
          title: 'Contract tests',
          checkName: 'contract-tests',
          quorum: 1,
          separationOfDuties: false,
        }),
      ]);

      await knex.migrate.up(config);

      const rows = await knex('train_gates').select('id', 'approver_ref').orderBy('id');
      expect(rows.map(row => row.approver_ref ?? null)).toEqual([
        'group:default/team-payments',
        null,
        null,
      ]);
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    "fills in each existing train's next stage from its stage plan on %s",
    async databaseId => {
      const knex = await databases.init(databaseId);
      const config = { directory: migrationsDirectory, tableName: MIGRATIONS_TABLE };
      for (;;) {
        const [, pending] = (await knex.migrate.list(config)) as [unknown[], { file: string }[]];
        if (pending[0].file.startsWith('20261204350000')) break;
        await knex.migrate.up(config);
      }
      const now = new Date();
      const plan = JSON.stringify(['planning', 'integration', 'deployment'].map(name => ({ name, title: name })));
      const train = (n: number, currentStage: string, stagePlan: string | null) => ({
        id: `00000000-0000-4000-8000-00000000000${n}`,
        name: `2026.1${n}`,
        objective: 'Ship',
        ambassador_ref: 'user:default/alice',
        status: 'active',
        current_stage: currentStage,
        created_at: now,
        updated_at: now,
        stage_plan: stagePlan,
      });
      await knex('release_trains').insert([
        train(1, 'planning', plan),
        train(2, 'integration', plan),
        train(3, 'deployment', plan),
        train(4, 'planning', null),
      ]);

      await knex.migrate.up(config);

      const rows = await knex('release_trains').select('next_stage').orderBy('id');
      expect(rows.map(row => row.next_stage ?? null)).toEqual([
        'integration',
        'deployment',
        null,
        null,
      ]);
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'backfills the planned span of every train for the release calendar on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const config = { directory: migrationsDirectory, tableName: MIGRATIONS_TABLE };
      for (;;) {
        const [, pending] = (await knex.migrate.list(config)) as [unknown[], { file: string }[]];
        if (pending[0].file.startsWith('20261206000000')) break;
        await knex.migrate.up(config);
      }
      const now = new Date();
      const windowed = JSON.stringify([
        { name: 'planning', title: 'Planning', window: { start: '2026-03-02T09:00:00.000Z', end: '2026-03-06T17:00:00.000Z' } },
        { name: 'integration', title: 'Integration' },
        { name: 'deployment', title: 'Deployment', window: { start: '2026-03-16T09:00:00.000Z', end: '2026-03-18T17:00:00.000Z' } },
      ]);
      const unplanned = JSON.stringify([{ name: 'planning', title: 'Planning' }]);
      await knex('release_trains').insert(
        [windowed, unplanned, null].map((stagePlan, n) => ({
          id: `00000000-0000-4000-8000-00000000000${n}`,
          name: `2026.2${n}`,
          objective: 'Ship',
          ambassador_ref: 'user:default/alice',
          status: 'active',
          current_stage: 'planning',
          created_at: now,
          updated_at: now,
          stage_plan: stagePlan,
        })),
      );

      await knex.migrate.up(config);

      const rows = await knex('release_trains').select('planned_start', 'planned_end').orderBy('id');
      const iso = (value: unknown) => (value ? new Date(value as string).toISOString() : null);
      expect(rows.map(row => [iso(row.planned_start), iso(row.planned_end)])).toEqual([
        ['2026-03-02T09:00:00.000Z', '2026-03-18T17:00:00.000Z'],
        [null, null],
        [null, null],
      ]);
      expect(await indexNames(knex, 'release_trains')).toContain('release_trains_planned_idx');
      await knex.migrate.down(config);
      expect(await indexNames(knex, 'release_trains')).not.toContain('release_trains_planned_idx');
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'indexes the paged lists of outcomes and retrospectives, and takes the indexes back, on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const config = { directory: migrationsDirectory, tableName: MIGRATIONS_TABLE };
      await knex.migrate.latest(config);
      for (const [table, indexes] of Object.entries(PAGING_INDEXES)) {
        expect(await indexNames(knex, table), table).toEqual(expect.arrayContaining(indexes));
      }

      await knex.migrate.down({ ...config, name: PAGING_MIGRATION });
      for (const [table, indexes] of Object.entries(PAGING_INDEXES)) {
        const left = await indexNames(knex, table);
        expect(left.filter(name => indexes.includes(name)), table).toEqual([]);
        // The indexes the tables were created with stay.
        expect(left.length, table).toBeGreaterThan(0);
      }
      await knex.migrate.latest(config);
      expect(await indexNames(knex, 'deployments')).toEqual(
        expect.arrayContaining(PAGING_INDEXES.deployments),
      );
      await knex.destroy();
    },
  );
});
