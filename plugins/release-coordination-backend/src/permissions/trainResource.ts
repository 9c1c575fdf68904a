import { PolicyDecision } from '@backstage/plugin-permission-common';
import { createPermissionResourceRef } from '@backstage/plugin-permission-node';
import {
  RESOURCE_TYPE_RELEASE_COORDINATION_TRAIN,
  ReleaseTrainSummary,
  TrainParticipant,
} from '@release-coordination/plugin-release-coordination-common';
import { TrainRecord, TrainStoreSession } from '../trains/TrainStore';

/**
 * A release train as permission rules see it: what it is, who runs it and who takes part,
 * without its gates and decisions.
 *
 * @public
 */
export type TrainResource = Pick<
  ReleaseTrainSummary,
  'id' | 'name' | 'status' | 'currentStage' | 'ambassadorRef'
> & {
  /** The entities taking part now, each with its owner as last taken from the catalog. */
  participants: Array<Pick<TrainParticipant, 'entityRef' | 'ownerRef'>>;
};

/**
 * A filter on trains that a permission rule translates to, e.g. "trains whose ambassador is
 * one of these refs"; refs are normalised to lowercase `kind:namespace/name`.
 *
 * @public
 */
export type TrainQuery = {
  key: 'ambassadorRef' | 'participantOwnerRef';
  values: string[];
};

/**
 * The train resource type of the release-coordination plugin, for its permission rules and
 * condition exports.
 *
 * @public
 */
export const trainPermissionResourceRef = createPermissionResourceRef<
  TrainResource,
  TrainQuery
>().with({
  pluginId: 'release-coordination',
  resourceType: RESOURCE_TYPE_RELEASE_COORDINATION_TRAIN,
});

export function toTrainResource(
  train: TrainRecord,
  participants: TrainParticipant[],
): TrainResource {
  return {
    id: train.id,
    name: train.name,
    status: train.status,
    currentStage: train.currentStage,
    ambassadorRef: train.ambassadorRef,
    participants: participants.map(({ entityRef, ownerRef }) => ({
      entityRef,
      ...(ownerRef ? { ownerRef } : {}),
    })),
  };
}

/**
 * Loads trains by id for conditional permission decisions, in the order asked; an unknown id
 * gives `undefined`, which no condition matches.
 */
export function createTrainResourceLoader(
  store: Pick<TrainStoreSession, 'getTrain' | 'listParticipants'>,
) {
  return async (trainIds: string[]): Promise<Array<TrainResource | undefined>> =>
    Promise.all(
      trainIds.map(async trainId => {
        const train = await store.getTrain(trainId);
        return train ? toTrainResource(train, await store.listParticipants(trainId)) : undefined;
      }),
    );
}

/**
 * What the routes and services need to apply a conditional decision on a train themselves:
 * the train, and the rules registered for trains (built-in ones and any a module added).
 */
export interface TrainConditions {
  getResources(trainIds: string[]): Promise<Array<TrainResource | undefined>>;
  /** Whether the decision allows acting on the train; `false` for a missing train. */
  isAllowed(decision: PolicyDecision, train: TrainResource | undefined): boolean;
}
