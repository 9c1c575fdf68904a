import { Knex } from 'knex';
import { ms } from './rows';

/** How many of the newest decision-log ids `changeMark` counts. */
const RECENT_ENTRIES = 1000;

/**
 * Changes whenever a fact changes: every change of a train, gate, deployment or action item
 * is an entry of the append-only decision log. The highest id alone could miss an entry
 * committed after one with a higher id (transactions end in any order), so the number of the
 * newest entries is part of the mark; both are read from the primary key's index.
 */
export async function readChangeMark(db: Knex): Promise<string> {
  const [{ max }] = await db('train_decisions').max({ max: 'id' });
  if (max === null || max === undefined)
    return `empty:${await outsideLogMark(db)}`;
  const [{ count }] = await db('train_decisions')
    .where('id', '>', Number(max) - RECENT_ENTRIES)
    .count({ count: '*' });
  return `${max}:${count}:${await outsideLogMark(db)}`;
}

/**
 * Incidents and indicator reports change outside the decision log (only attributions are
 * logged): their newest change joins the mark (`incidents_updated_idx`,
 * `indicator_reports_reported_idx`).
 */
async function outsideLogMark(db: Knex): Promise<string> {
  const [[{ incidents }], [{ indicators }]] = await Promise.all([
    db('incidents').max({ incidents: 'updated_at' }),
    db('indicator_reports').max({ indicators: 'reported_at' }),
  ]);
  return `${incidents ? ms(incidents) : 'none'}:${indicators ? ms(indicators) : 'none'}`;
}
