import { Config } from '@backstage/config';
import { DEFAULT_MAX_WAIVER_DAYS } from '../trains/core';

/** `releaseCoordination.gates.maxWaiverDays`; a wrong value stops the backend at start-up. */
export function readMaxWaiverDays(config: Config): number {
  const key = 'releaseCoordination.gates.maxWaiverDays';
  const value = config.getOptionalNumber(key) ?? DEFAULT_MAX_WAIVER_DAYS;
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${key} must be a whole number of at least 1, not ${value}`);
  }
  return value;
}
