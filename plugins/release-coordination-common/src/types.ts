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
 * A page of items about catalog entities: those the caller may not see are left out of `items`
 * and counted in `hidden.items`; `totalCount` counts them too.
 *
 * @public
 */
export interface VisiblePage<T> extends Page<T> {
  hidden?: HiddenEntityCounts;
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

/**
 * How many items a response left out because they name catalog entities the caller may not
 * read. Present only when something was left out; each key counts one list of the response,
 * and a hidden entity is never named, only counted.
 *
 * @public
 */
export interface HiddenEntityCounts {
  /** Participants of a train. */
  participants?: number;
  /** Gates of hidden participants. */
  gates?: number;
  /** Items of a page: entity trains, decisions. */
  items?: number;
  /** Problems found while deriving the dependency graph. */
  problems?: number;
  /** Narrower scopes of a scorecard. */
  children?: number;
  /** Candidate causes of an incident. */
  candidates?: number;
}
