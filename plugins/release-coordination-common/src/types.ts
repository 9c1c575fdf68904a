import type { TrainStage } from './trains/types';

/**
 * The lifecycle of a release train.
 *
 * @public
 */
export type ReleaseTrainStatus = 'active' | 'released' | 'rolled-back' | 'cancelled';

/** @public */
export const RELEASE_TRAIN_STATUSES: readonly ReleaseTrainStatus[] = [
  'active',
  'released',
  'rolled-back',
  'cancelled',
];

/**
 * A release that many teams ship together, as listed by the API.
 *
 * @public
 */
export interface ReleaseTrainSummary {
  id: string;
  name: string;
  /** The shared release goal, in one or two sentences. */
  objective: string;
  /** Entity ref of the User who runs this train. */
  ambassadorRef: string;
  status: ReleaseTrainStatus;
  /** Name of the stage the train is in, e.g. `planning`. */
  currentStage: string;
  /** Every stage of the train in order, with its planned window and lateness. */
  stages: TrainStage[];
  createdAt: string;
  updatedAt: string;
}

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
