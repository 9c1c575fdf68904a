/**
 * Where the release-coordination backend reads "now": every time it stamps (a train created, a
 * gate decided, a deployment reported, a decision logged) and every time it compares against
 * (waiver and approval expiry, rehearsal age, flag expiry) comes from one clock. The plugin
 * runs on the system clock; a module that replays history hands the services a clock it sets
 * to each event's time, so that replayed records carry the times they happened at.
 *
 * @public
 */
export interface Clock {
  /** The current time as this clock tells it. */
  now(): Date;
}

/**
 * The wall clock of the machine the backend runs on.
 *
 * @public
 */
export const systemClock: Clock = { now: () => new Date() };
