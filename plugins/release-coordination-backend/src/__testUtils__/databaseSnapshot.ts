import { Knex, knex as createKnex } from 'knex';
import { applyDatabaseMigrations } from '../database/migrations';

/**
 * The plugin's tables: those its migrations create on an empty database. Read from a fresh
 * in-memory SQLite database, so that a new migration's tables are included without a list to
 * keep, and the catalog's tables sharing a test database are left out.
 */
export async function pluginTableNames(): Promise<string[]> {
  const empty = createKnex({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
  });
  try {
    await applyDatabaseMigrations(empty);
    const rows = await empty('sqlite_master')
      .where({ type: 'table' })
      .whereNot('name', 'like', 'sqlite_%')
      .select('name');
    return rows.map(row => row.name as string).sort();
  } finally {
    await empty.destroy();
  }
}

/** One value as text that differs whenever the stored bytes differ. */
function cellText(value: unknown): string {
  if (Buffer.isBuffer(value)) return `bytes:${value.toString('hex')}`;
  if (value instanceof Date) return `date:${value.toISOString()}`;
  if (typeof value === 'bigint') return `bigint:${value}`;
  return JSON.stringify(value) ?? 'undefined';
}

/**
 * Every row of every table, each row as the text of all its columns, the rows of a table
 * sorted: two snapshots are equal exactly when no row was added, removed or changed.
 */
export async function snapshotTables(
  knex: Knex,
  tables: string[],
): Promise<Record<string, string[]>> {
  const rowsOf = async (table: string) => {
    const rows: Record<string, unknown>[] = await knex(table).select('*');
    return rows
      .map(row =>
        Object.keys(row)
          .sort()
          .map(column => `${column}=${cellText(row[column])}`)
          .join(' | '),
      )
      .sort();
  };
  const all = await Promise.all(tables.map(rowsOf));
  return Object.fromEntries(tables.map((table, i) => [table, all[i]]));
}

/** The tables whose rows differ between two snapshots, with the rows only one of them has. */
export function snapshotDifferences(
  before: Record<string, string[]>,
  after: Record<string, string[]>,
): Record<string, { removed: string[]; added: string[] }> {
  const differences: Record<string, { removed: string[]; added: string[] }> = {};
  for (const table of Object.keys({ ...before, ...after })) {
    const was = before[table] ?? [];
    const is = after[table] ?? [];
    if (was.length === is.length && was.every((row, i) => row === is[i])) continue;
    // Rows can hold 10,000-character fuzz values: a failure shows the start of each.
    const shown = (rows: string[]) => rows.map(row => row.slice(0, 500));
    differences[table] = {
      removed: shown(was.filter(row => !is.includes(row))),
      added: shown(is.filter(row => !was.includes(row))),
    };
  }
  return differences;
}
