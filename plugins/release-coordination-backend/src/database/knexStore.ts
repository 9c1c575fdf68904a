import { ConflictError } from '@backstage/errors';
import { Knex } from 'knex';
import { Clock, systemClock } from '@release-coordination/plugin-release-coordination-node';
import { toJsonColumn } from './columns';
import { NewDecision, VersionConflictError } from '../trains/TrainStore';

/** Lists of ids go into `IN (...)` in slices, to stay under every engine's parameter limit. */
const ID_SLICE = 500;

/** Runs `query` once per slice of `ids`, one after the other, and joins the rows. */
export async function inSlices<T>(
  ids: string[],
  query: (slice: string[]) => PromiseLike<T[]>,
): Promise<T[]> {
  const result: T[] = [];
  for (let i = 0; i < ids.length; i += ID_SLICE) {
    result.push(...(await query(ids.slice(i, i + ID_SLICE))));
  }
  return result;
}

/** Whether `db` (the database or one of its transactions) is SQLite. */
export function isSqlite(db: Knex | Knex.Transaction): boolean {
  return /sqlite/i.test(String(db.client.config.client));
}

/**
 * What the knex stores' sessions share: queries against the database or an open transaction,
 * row locks where the engine has them, and the decision log every change writes to.
 */
export abstract class KnexStoreSession {
  /** SQLite has one writer at a time and no row locks; `forUpdate` would only log warnings. */
  private readonly canLock: boolean;

  protected constructor(
    protected readonly db: Knex | Knex.Transaction,
    /** Stamps what the session writes; replays of past events hand in one they set. */
    protected readonly clock: Clock = systemClock,
  ) {
    this.canLock = !isSqlite(db);
  }

  /** `query` with a row lock until the transaction ends when `lock` is asked for. */
  protected locked<Q extends Knex.QueryBuilder>(query: Q, lock: boolean | undefined): Q {
    if (lock && this.canLock) query.forUpdate();
    return query;
  }

  /** Appends to the train's decision log, in the same transaction as the change it records. */
  async appendDecision(decision: NewDecision): Promise<void> {
    await this.db('train_decisions').insert({
      train_id: decision.trainId,
      entity_ref: decision.entityRef ?? null,
      actor_ref: decision.actorRef,
      action: decision.action,
      subject: decision.subject,
      before: toJsonColumn(decision.before),
      after: toJsonColumn(decision.after),
      reason: decision.reason ?? null,
      created_at: this.clock.now(),
    });
  }
}

/**
 * Errors after which running the transaction again is the right answer: a lost
 * compare-and-set, a deadlock or lock wait timeout (MySQL, PostgreSQL), a serialization failure
 * (PostgreSQL) or a busy database (SQLite).
 */
function isRetryable(error: unknown): boolean {
  if (error instanceof VersionConflictError) return true;
  const code = (error as { code?: string } | undefined)?.code;
  return (
    code === 'ER_LOCK_DEADLOCK' ||
    code === 'ER_LOCK_WAIT_TIMEOUT' ||
    code === '40P01' ||
    code === '40001' ||
    code === 'SQLITE_BUSY'
  );
}

/** Whether `error` is a unique key's refusal of a second row (PostgreSQL, MySQL, SQLite). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  return (
    code === '23505' ||
    code === 'ER_DUP_ENTRY' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

const MAX_ATTEMPTS = 8;

/**
 * Runs `work` in a transaction, again when it lost a race (see {@link isRetryable}); a
 * compare-and-set still lost after the last attempt becomes a `ConflictError`. `work` must
 * only write through the transaction, since an attempt may be rolled back and run again.
 */
export async function retryingTransaction<T>(
  knex: Knex,
  work: (tx: Knex.Transaction) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await knex.transaction(work);
    } catch (error) {
      if (error instanceof VersionConflictError && attempt >= MAX_ATTEMPTS) {
        throw new ConflictError(`${error.message}; try again`);
      }
      if (!isRetryable(error) || attempt >= MAX_ATTEMPTS) throw error;
      // A little jitter so that the losers of a race do not collide again in lockstep.
      await new Promise(resolve => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}
