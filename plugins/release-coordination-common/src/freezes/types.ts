/**
 * What a change freeze covers: every release, or the components of one System or Domain.
 *
 * @public
 */
export type FreezeScope =
  | { kind: 'all' }
  | { kind: 'system'; ref: string }
  | { kind: 'domain'; ref: string };

/**
 * A period in which nothing in its scope ships to production, e.g. the year-end holidays.
 * `endsAt` is exclusive.
 *
 * @public
 */
export interface FreezeWindow {
  /** `config-<n>` for a freeze of the app-config, a number for one declared through the API. */
  id: string;
  startsAt: string;
  endsAt: string;
  reason: string;
  scope: FreezeScope;
  /** Declared in app-config (fixed) or through the API (a release manager may lift it). */
  source: 'config' | 'api';
  /** Who declared it through the API, and when. */
  declaredBy?: string;
  declaredAt?: string;
}

/**
 * A freeze as a release manager declares it (`POST /freezes`).
 *
 * @public
 */
export interface DeclareFreezeRequest {
  startsAt: string;
  endsAt: string;
  reason: string;
  /** Everything when not given. */
  scope?: FreezeScope;
}
