/**
 * Types every area of the API shares. A leaf: it imports nothing, so every folder may import it.
 */

/**
 * A page of results.
 *
 * @public
 */
export interface Page<T> {
  items: T[];
  totalCount: number;
}

/**
 * Which page of a list to answer: `limit` items from `offset` on. Each list has its own default
 * limit; the API refuses a limit above its maximum with a 400.
 *
 * @public
 */
export interface PageRequest {
  limit?: number;
  offset?: number;
}
