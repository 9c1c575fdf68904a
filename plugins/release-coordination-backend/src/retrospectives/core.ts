import {
  AuditorService,
  BackstageCredentials,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { ActionItem } from '@release-coordination/plugin-release-coordination-common';
import {
  Clock,
  systemClock,
} from '@release-coordination/plugin-release-coordination-node';
import { TrainAccess } from '../access';
import { DependencySnapshotService } from '../dependencies/DependencySnapshotService';
import { TrainAnnouncer } from '../trains/announcements';
import { TrainService } from '../trains/TrainService';
import { refsConcerning } from './carryOver';
import { RetrospectiveStore, RetrospectiveTrain } from './RetrospectiveStore';

export interface RetrospectiveServiceOptions {
  store: RetrospectiveStore;
  /** Reads the train with its current participants. */
  trains: Pick<TrainService, 'getTrain'>;
  snapshots: Pick<DependencySnapshotService, 'current'>;
  userInfo: UserInfoService;
  /** Who may run which train: its retrospective is run by the same people. */
  trainAccess: Pick<TrainAccess, 'mayManage' | 'managesEveryTrain'>;
  auditor: AuditorService;
  /** Publishes `train-changed` for the train a change belongs to. */
  announcer: TrainAnnouncer;
  /** Where "now" comes from; the system clock unless a replay of history sets it. */
  clock?: Clock;
  /** The most notes one train's retrospective holds; {@link DEFAULT_MAX_NOTES_PER_TRAIN} if not given. */
  maxNotesPerTrain?: number;
}

/**
 * Anyone signed in may add notes: a bound keeps one person (or a script) from filling a
 * train's board and the database. Far above what a real retrospective collects.
 */
export const DEFAULT_MAX_NOTES_PER_TRAIN = 500;

/**
 * What the reads and changes of retrospectives share: the options, the clock, who may run a
 * train, and the look-ups that turn a missing train or item into a 404.
 */
export function createRetrospectiveCore(options: RetrospectiveServiceOptions) {
  const { store, trains, snapshots, trainAccess } = options;
  const clock = options.clock ?? systemClock;

  async function requireTrain(trainId: string): Promise<RetrospectiveTrain> {
    const train = await store.getTrain(trainId);
    if (!train)
      throw new NotFoundError(`No release train with id '${trainId}'`);
    return train;
  }

  async function requireItem(itemId: string): Promise<ActionItem> {
    const item = await store.getActionItem(itemId);
    if (!item) throw new NotFoundError(`No action item with id '${itemId}'`);
    return item;
  }

  /** A release manager: whom the policy allows to manage every train outright. */
  const isReleaseManager = (credentials: BackstageCredentials) =>
    trainAccess.managesEveryTrain(credentials);

  /** Whoever the policy lets run the train (its ambassador, by condition, or a manager). */
  const mayRunTrain = (
    train: RetrospectiveTrain,
    credentials: BackstageCredentials,
  ) => trainAccess.mayManage(train.id, credentials);

  /** The refs whose open items of earlier trains concern the train; 404 for an unknown train. */
  async function refsConcerningTrain(trainId: string): Promise<string[]> {
    const train = await trains.getTrain(trainId);
    const { index } = await snapshots.current();
    return refsConcerning(train.participants, index);
  }

  return {
    ...options,
    maxNotesPerTrain: options.maxNotesPerTrain ?? DEFAULT_MAX_NOTES_PER_TRAIN,
    now: () => clock.now(),
    requireTrain,
    requireItem,
    isReleaseManager,
    mayRunTrain,
    refsConcerningTrain,
  };
}

/** The shared parts of the retrospective service; see {@link createRetrospectiveCore}. */
export type RetrospectiveCore = ReturnType<typeof createRetrospectiveCore>;
