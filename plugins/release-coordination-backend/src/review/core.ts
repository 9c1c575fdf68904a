import { AuditorService } from '@backstage/backend-plugin-api';
import {
  Clock,
  systemClock,
} from '@release-coordination/plugin-release-coordination-node';
import { DependencySnapshotService } from '../dependencies/DependencySnapshotService';
import { ParticipantAccess, TrainLookup } from '../outcomes/access';
import { TrainAnnouncer } from '../trains/announcements';
import { DatabaseReviewStore } from './DatabaseReviewStore';

/** The topic of the notifications of release reviews. */
export const REVIEW_TOPIC = 'release-coordination.release-review';

export interface ReviewServiceOptions {
  store: DatabaseReviewStore;
  trains: TrainLookup;
  snapshots: Pick<DependencySnapshotService, 'current'>;
  access: ParticipantAccess;
  announcer: TrainAnnouncer;
  auditor: AuditorService;
  clock?: Clock;
}

/** What the risk register and the sign-offs share: the options and the clock. */
export function createReviewCore(options: ReviewServiceOptions) {
  return { ...options, clock: options.clock ?? systemClock };
}

/** The shared parts of the review service; see {@link createReviewCore}. */
export type ReviewCore = ReturnType<typeof createReviewCore>;
