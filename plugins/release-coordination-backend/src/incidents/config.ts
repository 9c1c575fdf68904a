import { Config } from '@backstage/config';

/** How far before an incident a deployment may have finished to be a candidate cause. */
export const DEFAULT_ATTRIBUTION_WINDOW_HOURS = 24;

/** A month: a deployment older than that is no suspect a person would look at first. */
export const MAX_ATTRIBUTION_WINDOW_HOURS = 720;

/**
 * Reads `releaseCoordination.incidents.attributionWindowHours`; a wrong value stops the
 * backend at start-up.
 */
export function readAttributionWindowHours(root: Config): number {
  const key = 'releaseCoordination.incidents.attributionWindowHours';
  const value = root.getOptionalNumber(key) ?? DEFAULT_ATTRIBUTION_WINDOW_HOURS;
  if (
    !Number.isInteger(value) ||
    value < 1 ||
    value > MAX_ATTRIBUTION_WINDOW_HOURS
  ) {
    throw new Error(
      `${key} must be a whole number from 1 to ${MAX_ATTRIBUTION_WINDOW_HOURS}, not ${value}`,
    );
  }
  return value;
}
