import {
  AuditorService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  cadenceManagePermission,
  CadenceDetail,
  NextCadenceTrain,
  ReleaseCadence,
  StageDefinition,
} from '@release-coordination/plugin-release-coordination-common';
import {
  Clock,
  systemClock,
} from '@release-coordination/plugin-release-coordination-node';
import { DependencySnapshotService } from '../dependencies/DependencySnapshotService';
import { ParticipantAccess } from '../outcomes/access';
import { TrainNotification } from '../trains/announcements';
import { TrainStore } from '../trains/TrainStore';
import { DatabaseCadenceStore } from './DatabaseCadenceStore';
import {
  nextOccurrence,
  occurrenceWindows,
  suggestAmbassador,
} from './rotation';

export interface CadenceServiceOptions {
  store: DatabaseCadenceStore;
  trains: Pick<TrainStore, 'getTrain'>;
  stages: StageDefinition[];
  snapshots: Pick<DependencySnapshotService, 'current'>;
  access: Pick<ParticipantAccess, 'isAllowed' | 'mayManageTrain'>;
  /** Tells the members a skip or swap concerns; a failure to tell is logged, not an error. */
  notify: (notification: TrainNotification) => Promise<void>;
  auditor: AuditorService;
  clock?: Clock;
}

/**
 * What the reads and changes of cadences share: the options, the clock, the look-up that
 * turns a missing cadence into a 404, the release-manager check, and a cadence's next train
 * and detail as every answer shows them.
 */
export function createCadenceCore(options: CadenceServiceOptions) {
  const { store, access } = options;
  const clock = options.clock ?? systemClock;

  async function requireCadence(cadenceId: string): Promise<ReleaseCadence> {
    const cadence = await store.getCadence(cadenceId);
    if (!cadence) throw new NotFoundError(`No cadence with id '${cadenceId}'`);
    return cadence;
  }

  async function requireManager(
    credentials: BackstageCredentials,
    refusal: string,
  ) {
    if (!(await access.isAllowed(cadenceManagePermission, credentials))) {
      throw new NotAllowedError(refusal);
    }
  }

  async function nextOf(cadence: ReleaseCadence): Promise<NextCadenceTrain> {
    const occurrence = nextOccurrence(
      cadence,
      await store.latestOccurrence(cadence.id),
      clock.now(),
    );
    const [roster, runs, changes, latestHandover] = await Promise.all([
      store.listRoster(cadence.id),
      store.runsByAmbassador(cadence.id),
      store.listRotationChanges(cadence.id, occurrence),
      store.latestHandover(cadence.id),
    ]);
    const suggested = suggestAmbassador({
      roster,
      runs,
      changes,
      occurrence,
    });
    return {
      cadenceId: cadence.id,
      occurrence,
      name: `${cadence.name} #${occurrence}`,
      stageWindows: occurrenceWindows(cadence, occurrence),
      ...(suggested ? { suggestedAmbassador: suggested } : {}),
      ...(latestHandover ? { latestHandover } : {}),
    };
  }

  async function detailOf(cadence: ReleaseCadence): Promise<CadenceDetail> {
    const next = await nextOf(cadence);
    const [roster, runs, rotationChanges] = await Promise.all([
      store.listRoster(cadence.id),
      store.runsByAmbassador(cadence.id),
      store.listRotationChanges(cadence.id, next.occurrence),
    ]);
    return {
      ...cadence,
      roster: roster.map((memberRef, position) => {
        const ran = runs.get(memberRef);
        return {
          memberRef,
          position,
          runs: ran?.runs ?? 0,
          ...(ran?.lastRun ? { lastRun: ran.lastRun } : {}),
        };
      }),
      next,
      rotationChanges,
    };
  }

  return {
    ...options,
    clock,
    requireCadence,
    requireManager,
    nextOf,
    detailOf,
  };
}

/** The shared parts of the cadence service; see {@link createCadenceCore}. */
export type CadenceCore = ReturnType<typeof createCadenceCore>;
