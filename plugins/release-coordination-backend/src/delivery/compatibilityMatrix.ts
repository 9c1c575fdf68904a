import {
  CheckResult,
  CompatibilityPair,
  CompatibilityState,
  normalizeEntityRef,
  TrainCompatibilityMatrix,
} from '@release-coordination/plugin-release-coordination-common';
import { DependencySnapshotService } from '../dependencies/DependencySnapshotService';
import { requireTrain, TrainLookup } from '../outcomes/access';
import { TrainStore } from '../trains/TrainStore';

/** A train's compatibility matrix: which versions were tested together along its edges. */
export interface CompatibilityMatrixService {
  /** 404 for an unknown train. */
  compatibilityMatrix(
    trainId: string,
  ): Promise<Omit<TrainCompatibilityMatrix, 'hidden'>>;
}

/**
 * The state of one edge from the consumer's reports against the provider, newest first: the
 * newest report against the provider's target version decides; reports against other
 * versions only say that something else was tested.
 */
export function compatibilityState(
  evidence: Pick<CheckResult, 'status' | 'against'>[],
  targetVersion: string,
): CompatibilityState {
  const atTarget = evidence.find(
    check => check.against?.version === targetVersion,
  );
  if (atTarget) return atTarget.status === 'passed' ? 'tested' : 'failed';
  return evidence.length > 0 ? 'other-version' : 'untested';
}

/**
 * The dependency edges among the train's participants (from the newest graph), consumer to
 * provider, each with the consumer's check reports that named the provider as counterpart.
 */
export function createCompatibilityMatrix(options: {
  trains: TrainLookup & Pick<TrainStore, 'listCounterpartChecks'>;
  snapshots: Pick<DependencySnapshotService, 'current'>;
}): CompatibilityMatrixService {
  const { trains, snapshots } = options;
  return {
    async compatibilityMatrix(trainId) {
      const { participants } = await requireTrain(trains, trainId);
      const [{ index }, checks] = await Promise.all([
        snapshots.current(),
        trains.listCounterpartChecks(trainId),
      ]);
      const versionOf = new Map(
        participants.map(p => [
          normalizeEntityRef(p.entityRef),
          p.targetVersion,
        ]),
      );
      const pairs: CompatibilityPair[] = [];
      for (const participant of participants) {
        const from = normalizeEntityRef(participant.entityRef);
        for (const edge of index.outgoing(from)) {
          const to = normalizeEntityRef(edge.to);
          const toVersion = versionOf.get(to);
          if (toVersion === undefined || to === from) continue;
          const evidence = checks.filter(
            check =>
              normalizeEntityRef(check.participantRef) === from &&
              check.against?.entityRef === to,
          );
          pairs.push({
            from,
            to,
            fromVersion: participant.targetVersion,
            toVersion,
            via: [...(edge.dependsOn ? ['dependsOn'] : []), ...edge.apis],
            state: compatibilityState(evidence, toVersion),
            evidence: evidence.map(check => ({
              checkName: check.checkName,
              status: check.status,
              againstVersion: check.against!.version,
              reportedAt: check.reportedAt,
              ...(check.evidenceUrl ? { evidenceUrl: check.evidenceUrl } : {}),
            })),
          });
        }
      }
      pairs.sort(
        (a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to),
      );
      return {
        pairs,
        gapCount: pairs.filter(pair => pair.state !== 'tested').length,
      };
    },
  };
}
