import { Config } from '@backstage/config';
import { DEFAULT_MAX_NOTES_PER_TRAIN } from './RetrospectiveService';

/** `releaseCoordination.retrospectives.maxNotesPerTrain`; a wrong value stops the backend at start-up. */
export function readMaxNotesPerTrain(config: Config): number {
  const key = 'releaseCoordination.retrospectives.maxNotesPerTrain';
  const value = config.getOptionalNumber(key) ?? DEFAULT_MAX_NOTES_PER_TRAIN;
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${key} must be a whole number of at least 1, not ${value}`);
  }
  return value;
}
