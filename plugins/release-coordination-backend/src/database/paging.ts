import { Knex } from 'knex';

/** A page of a list: `limit` items from `offset` on, already validated. */
export interface PageRequest {
  limit: number;
  offset: number;
}

/**
 * One page of what a query selects, and how many rows it selects in all: `rows` is the query
 * ordered (the page is cut from it here), `count` the same filter unordered. Both run at once,
 * so that a page costs two indexed reads whatever the size of the table.
 */
export async function selectPage<Row>(
  rows: Knex.QueryBuilder,
  count: Knex.QueryBuilder,
  page: PageRequest,
): Promise<{ rows: Row[]; totalCount: number }> {
  const [found, [counted]] = await Promise.all([
    rows.limit(page.limit).offset(page.offset),
    count.count({ count: '*' }),
  ]);
  // PostgreSQL answers a count as a string (a bigint), the others as a number.
  const { count: total } = counted as { count: string | number };
  return { rows: found as Row[], totalCount: Number(total) };
}
