import { NotFoundError } from '@backstage/errors';
import { TrainDependencyDrift } from '@release-coordination/plugin-release-coordination-common';
import {
  DependencyDriftSample,
  DependencyIndex,
  dependencyDrift,
  upstreamOf,
} from '../dependencies/graph';
import { TrainStore } from './TrainStore';
import { DependencySnapshotService } from '../dependencies/DependencySnapshotService';

/**
 * What each participant depends on among the participants, transitively: a path may run
 * through entities outside the train, since those still order the participants' deployment.
 * Every participant is a key, also one that depends on nobody or that the graph does not know,
 * so a recording also says who took part.
 */
export function upstreamEdgesAmong(
  index: DependencyIndex,
  participantRefs: string[],
): Record<string, string[]> {
  const participants = new Set(participantRefs);
  const upstreamEdges: Record<string, string[]> = {};
  for (const ref of participantRefs) {
    upstreamEdges[ref] = upstreamOf(index, ref)
      .map(reached => reached.ref)
      .filter(reached => participants.has(reached));
  }
  return upstreamEdges;
}

/**
 * The dependency drift of a train, from the recordings taken at its stage transitions and, for
 * an active train, the newest dependency graph over today's participants.
 *
 * A recording means the train left `stage` and entered `toStage` (the one taken at creation
 * enters the first stage from itself); without `toStage` the train was released there.
 */
export async function loadTrainDependencyDrift(
  deps: {
    store: Pick<TrainStore, 'getTrain' | 'listStageSnapshots' | 'listParticipants'>;
    snapshots: Pick<DependencySnapshotService, 'current'>;
  },
  trainId: string,
): Promise<TrainDependencyDrift> {
  const { store, snapshots } = deps;
  const train = await store.getTrain(trainId);
  if (!train) throw new NotFoundError(`No release train with id '${trainId}'`);

  const recorded = await store.listStageSnapshots(trainId);
  const samples: DependencyDriftSample[] = recorded.map(recording => ({
    point: recording.toStage
      ? {
          kind: 'entered',
          stage: recording.toStage,
          at: recording.takenAt,
          dependencySnapshotVersion: recording.dependencySnapshotVersion,
        }
      : {
          kind: 'released',
          at: recording.takenAt,
          dependencySnapshotVersion: recording.dependencySnapshotVersion,
        },
    upstreamEdges: recording.upstreamEdges,
  }));

  // A released, cancelled or rolled-back train no longer moves: its last recording is final,
  // and the catalog changing afterwards is not drift of that train.
  if (train.status === 'active') {
    const { meta, index } = await snapshots.current();
    const participants = await store.listParticipants(trainId);
    samples.push({
      point: {
        kind: 'now',
        stage: train.currentStage,
        // When the graph was derived, not when it was asked for: that is the catalog it shows.
        at: meta.derivedAt.toISOString(),
        dependencySnapshotVersion: meta.version,
      },
      upstreamEdges: upstreamEdgesAmong(
        index,
        participants.map(participant => participant.entityRef),
      ),
    });
  }
  return dependencyDrift(trainId, samples);
}
