import {
  DeploymentOutcome,
  EnvironmentCell,
  TrainEnvironmentMatrix,
  TrainParticipant,
} from '@release-coordination/plugin-release-coordination-common';
import { OutcomeStore } from '../outcomes/OutcomeStore';
import { requireTrain, TrainLookup } from '../outcomes/access';
import { EnvironmentList, environmentsOf } from './environments';

/** A train's environment matrix: where each participant's versions run. */
export interface EnvironmentMatrixService {
  /** 404 for an unknown train. */
  environmentMatrix(trainId: string): Promise<TrainEnvironmentMatrix>;
}

const key = (participantRef: string, environment: string) =>
  `${participantRef}\n${environment}`;

function cell(
  environment: string,
  participant: TrainParticipant,
  latest: DeploymentOutcome | undefined,
  running: DeploymentOutcome | undefined,
): EnvironmentCell {
  return {
    environment,
    ...(latest
      ? {
          latest: {
            deploymentId: latest.deploymentId,
            ...(latest.version ? { version: latest.version } : {}),
            ...(latest.result ? { result: latest.result } : {}),
            startedAt: latest.startedAt,
            ...(latest.finishedAt ? { finishedAt: latest.finishedAt } : {}),
          },
        }
      : {}),
    ...(running
      ? {
          running: {
            deploymentId: running.deploymentId,
            ...(running.version ? { version: running.version } : {}),
            ...(running.finishedAt ? { finishedAt: running.finishedAt } : {}),
          },
        }
      : {}),
    atTarget: running?.version === participant.targetVersion,
  };
}

/**
 * Participant × environment from the deployments CI reported in the train: the newest report
 * and the newest success per cell. The environments of the catalog or the app-config come
 * first, in their order;
 * environments only the reports name follow, by name.
 */
export function createEnvironmentMatrix(options: {
  trains: TrainLookup;
  store: Pick<OutcomeStore, 'listNewestDeployments'>;
  environments: EnvironmentList;
}): EnvironmentMatrixService {
  const { trains, store } = options;
  return {
    async environmentMatrix(trainId) {
      const { participants } = await requireTrain(trains, trainId);
      const { latest, succeeded } = await store.listNewestDeployments(trainId);
      const newest = new Map(
        latest.map(d => [key(d.participantRef, d.environment), d]),
      );
      const running = new Map(
        succeeded.map(d => [key(d.participantRef, d.environment), d]),
      );
      const ordered = await environmentsOf(options.environments);
      const others = [...new Set(latest.map(d => d.environment))]
        .filter(name => !ordered.includes(name))
        .sort();
      const environments = [...ordered, ...others];
      return {
        environments,
        participants: participants.map(participant => ({
          entityRef: participant.entityRef,
          targetVersion: participant.targetVersion,
          cells: environments.map(environment =>
            cell(
              environment,
              participant,
              newest.get(key(participant.entityRef, environment)),
              running.get(key(participant.entityRef, environment)),
            ),
          ),
        })),
      };
    },
  };
}
