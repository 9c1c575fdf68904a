import { DatabaseService } from '@backstage/backend-plugin-api';
import { DemoHistory } from './definition';
import { DEMO_HISTORY } from './history';
import { HISTORY_TABLES, HistoryRows, replayHistory } from './replayHistory';
import { HISTORY_STAGES } from './stages';

/** The plugin's database client, as `coreServices.database` hands it out. */
export type Knex = Awaited<ReturnType<DatabaseService['getClient']>>;

/** What a seeding did. */
export type SeedOutcome =
  | { seeded: true; rows: Record<string, number> }
  | {
      seeded: false;
      /**
       * `not-empty`: the database holds trains already (earlier starts, or another replica);
       * `lost-race`: another replica seeded it at the same moment, this transaction rolled back;
       * `no-tables`: the plugin's tables are missing (its migrations are skipped).
       */
      reason: 'not-empty' | 'lost-race' | 'no-tables';
      trains?: number;
    };

/** Rows per statement: keeps SQLite under its limit of bound parameters. */
const BATCH = 50;

async function countTrains(db: Knex): Promise<number> {
  const [{ count }] = await db('release_trains').count({ count: '*' });
  return Number(count);
}

/**
 * Writes the demo history into the plugin's database if it holds no release train yet, all
 * of it in one transaction: a failure leaves nothing behind. Times are placed relative to
 * `now`.
 *
 * Safe with several replicas: the history's train ids are fixed, so when two replicas find
 * the database empty at the same moment, the second insert of the same trains fails on the
 * primary key once the first commits, and its transaction rolls back.
 */
export async function seedDemoHistory(options: {
  knex: Knex;
  now: Date;
  history?: DemoHistory;
}): Promise<SeedOutcome> {
  const { knex, now } = options;
  if (!(await knex.schema.hasTable('release_trains'))) {
    return { seeded: false, reason: 'no-tables' };
  }
  // Replayed before the transaction opens: a mistake in the history never holds a lock.
  const rows: HistoryRows = replayHistory(options.history ?? DEMO_HISTORY, HISTORY_STAGES, now);
  try {
    return await knex.transaction(async tx => {
      const trains = await countTrains(tx);
      if (trains > 0) return { seeded: false, reason: 'not-empty', trains } as const;
      for (const table of HISTORY_TABLES) {
        for (let i = 0; i < rows[table].length; i += BATCH) {
          await tx(table).insert(rows[table].slice(i, i + BATCH));
        }
      }
      return {
        seeded: true,
        rows: Object.fromEntries(HISTORY_TABLES.map(table => [table, rows[table].length])),
      } as const;
    });
  } catch (error) {
    // Trains there now, when there were none a moment ago: another replica won.
    const trains = await countTrains(knex);
    if (trains > 0) return { seeded: false, reason: 'lost-race', trains };
    throw error;
  }
}
