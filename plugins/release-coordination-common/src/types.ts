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
