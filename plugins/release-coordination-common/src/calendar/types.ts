import type { FreezeWindow } from '../freezes/types';
import type { ReleaseTrainStatus, TrainStage } from '../trains/types';
import type { HiddenEntityCounts } from '../types';

/**
 * How two plans collide:
 * - `shared-participant`: the same entity ships in two active trains;
 * - `dependent-deployments`: an entity and one it depends on, or that depends on it (a direct
 *   edge of the dependency graph), deploy in overlapping windows of two active trains;
 * - `freeze`: the deployment window of a train crosses a change freeze that covers one of its
 *   participants.
 *
 * @public
 */
export type CollisionKind =
  'shared-participant' | 'dependent-deployments' | 'freeze';

/**
 * Every {@link CollisionKind}, for validating and listing them.
 *
 * @public
 */
export const COLLISION_KINDS: readonly CollisionKind[] = [
  'shared-participant',
  'dependent-deployments',
  'freeze',
];

/**
 * One collision of a train's plan with another train or a freeze, seen from the train, with
 * the people to talk to about it.
 *
 * @public
 */
export interface TrainCollision {
  kind: CollisionKind;
  /** The train the collision is seen from, and its participant concerned. */
  trainId: string;
  entityRef: string;
  /** For collisions with another train: that train and its participant concerned. */
  otherTrain?: { id: string; name: string; ambassadorRef: string };
  otherEntityRef?: string;
  /** For `dependent-deployments`: `entityRef` depends on `otherEntityRef` (`upstream`) or the reverse. */
  direction?: 'upstream' | 'downstream';
  /** For `freeze`: the freeze crossed. */
  freeze?: Pick<
    FreezeWindow,
    'id' | 'reason' | 'startsAt' | 'endsAt' | 'scope'
  >;
  /** When the plans overlap; absent for a shared participant of a train without windows. */
  overlap?: { start: string; end: string };
  /**
   * Who to talk to: the owners of the entities concerned and the other train's ambassador,
   * entity refs without duplicates.
   */
  contacts: string[];
}

/**
 * A train's collisions with other active trains and with change freezes.
 *
 * @public
 */
export interface TrainCollisionsResponse {
  trainId: string;
  collisions: TrainCollision[];
  /** Collisions left out because they name an entity the caller may not see. */
  hidden?: HiddenEntityCounts;
}

/**
 * A train on the release calendar: its stages with their planned windows, the teams taking
 * part and how many collisions it has.
 *
 * @public
 */
export interface CalendarTrain {
  id: string;
  name: string;
  status: ReleaseTrainStatus;
  currentStage: string;
  ambassadorRef: string;
  stages: TrainStage[];
  /** The participants the caller may see, and their owning teams. */
  participantRefs: string[];
  teamRefs: string[];
  /** The train's collisions (active trains only), as `GET /trains/{id}/collisions` lists them. */
  collisionCount: number;
}

/**
 * The release calendar of a period: a page of the trains that plan something in it (the
 * earliest planned start first), the change freezes that overlap it and the collisions of the
 * trains on the page.
 *
 * @public
 */
export interface ReleaseCalendar {
  from: string;
  to: string;
  items: CalendarTrain[];
  totalCount: number;
  freezes: FreezeWindow[];
  collisions: TrainCollision[];
  hidden?: HiddenEntityCounts;
}

/**
 * Which trains the calendar shows: those with a stage window in `[from, to)`, optionally only
 * those with a participant owned by a team (or a team below it) or in a System or Domain.
 *
 * @public
 */
export interface ReleaseCalendarRequest {
  from?: string;
  to?: string;
  team?: string;
  system?: string;
  domain?: string;
  limit?: number;
  offset?: number;
}
