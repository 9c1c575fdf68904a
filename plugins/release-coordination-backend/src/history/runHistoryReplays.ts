import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ReleaseCoordinationHistoryContext,
  ReleaseCoordinationHistoryReplay,
} from '@release-coordination/plugin-release-coordination-node';
import { Knex } from 'knex';

async function countTrains(knex: Knex): Promise<number> {
  const [{ count }] = await knex('release_trains').count({ count: '*' });
  return Number(count);
}

/**
 * Claims a replay for this replica: the first insert of its id wins; the other replica's
 * insert fails on the primary key and it answers false.
 */
async function claimReplay(knex: Knex, id: string): Promise<boolean> {
  try {
    await knex('history_replays').insert({ id, claimed_at: new Date(), completed_at: null });
    return true;
  } catch (error) {
    const claimed = await knex('history_replays').where('id', id).first();
    if (claimed) return false;
    throw error;
  }
}

/** What happened to one replay. */
export type HistoryReplayOutcome =
  | 'replayed'
  /** The database holds trains: earlier starts, another replay, or people's own. */
  | 'not-empty'
  /** Another replica claimed it. */
  | 'claimed-elsewhere'
  | 'failed';

/**
 * Runs each replay once, into a database without trains. A replay that fails before it wrote
 * a train gives its claim back, so that the next start tries again (e.g. when the catalog had
 * not ingested the organisation in time); one that fails later keeps it, so that a half
 * history is never written twice.
 */
export async function runHistoryReplays(options: {
  knex: Knex;
  replays: ReleaseCoordinationHistoryReplay[];
  createContext: (replayId: string) => Promise<ReleaseCoordinationHistoryContext>;
  logger: LoggerService;
}): Promise<Record<string, HistoryReplayOutcome>> {
  const { knex, replays, createContext, logger } = options;
  const outcomes: Record<string, HistoryReplayOutcome> = {};
  for (const replay of replays) {
    const trains = await countTrains(knex);
    if (trains > 0) {
      logger.info(
        `History '${replay.id}' not replayed: the database holds ${trains} release train(s) already`,
      );
      outcomes[replay.id] = 'not-empty';
      continue;
    }
    if (!(await claimReplay(knex, replay.id))) {
      logger.info(`History '${replay.id}' not replayed here: another backend replica claimed it`);
      outcomes[replay.id] = 'claimed-elsewhere';
      continue;
    }
    try {
      logger.info(`Replaying history '${replay.id}' through the release coordination services`);
      await replay.replay(await createContext(replay.id));
      await knex('history_replays').where('id', replay.id).update({ completed_at: new Date() });
      logger.info(`Replayed history '${replay.id}': ${await countTrains(knex)} release train(s)`);
      outcomes[replay.id] = 'replayed';
    } catch (error) {
      if ((await countTrains(knex)) === 0) {
        await knex('history_replays').where('id', replay.id).delete();
      }
      logger.error(`History '${replay.id}' could not be replayed: ${error}`);
      outcomes[replay.id] = 'failed';
    }
  }
  return outcomes;
}
