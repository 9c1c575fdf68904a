import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  EntityTrain,
  MyApproval,
  Page,
  ReleaseTrainSummary,
  entityRefKind,
  normalizeEntityRef,
} from '@release-coordination/plugin-release-coordination-common';
import { TrainCore } from './core';
import {
  sortGates,
  stageOrder,
  summarizeTrain,
  withExpiry,
} from './model';
import { TrainListOptions } from './TrainStore';
import { isUserPrincipal, ownershipOf } from '../access';
import { loadTrainDependencyDrift } from './dependencyDrift';

/**
 * What people read of trains: lists, one train, the approvals waiting for them, the trains of
 * an entity.
 */
export function createTrainQueries(core: TrainCore) {
  const { store, snapshots, userInfo, now, requireTrain, requireGate, getTrain } = core;

  async function listTrains(options: TrainListOptions): Promise<Page<ReleaseTrainSummary>> {
    const page = await store.listTrains(options);
    const at = now();
    return { ...page, items: page.items.map(train => summarizeTrain(train, at)) };
  }

  /**
   * The approval gates that wait for one of the caller's Groups (or the caller) now, one page
   * of them as the store's query orders and cuts it.
   */
  async function listMyApprovals(
    credentials: BackstageCredentials,
    page: { limit: number; offset: number },
  ): Promise<Page<MyApproval>> {
    if (!isUserPrincipal(credentials)) {
      throw new NotAllowedError(
        'Only users have approvals waiting for them: a service belongs to no Group',
      );
    }
    const memberOf = await ownershipOf(userInfo, credentials);
    const at = now();
    const found = await store.listBlockingApprovalGatesOf([...memberOf], { at, ...page });
    return {
      totalCount: found.totalCount,
      items: found.items.map(({ train, gate }) => ({
        train: summarizeTrain(train, at),
        gate: withExpiry(gate, at),
      })),
    };
  }

  /**
   * A page of the trains an entity takes part in, newest first, with its own gates; for a
   * System, those of its Components.
   */
  async function listEntityTrains(
    entityRef: string,
    page: { limit: number; offset: number },
  ): Promise<Page<EntityTrain>> {
    const ref = normalizeEntityRef(entityRef);
    const refs = [ref];
    if (entityRefKind(ref) === 'system') {
      // A System takes part through its Components: membership comes from the graph's
      // `partOf` roll-up, so a Component moved to another System moves with it.
      const { index } = await snapshots.current();
      refs.push(...index.nodesInSystem(ref));
    }
    const participations = await store.listParticipations(refs, page);
    const gates = await store.listParticipantGates(
      participations.items.map(({ train, participant }) => ({
        trainId: train.id,
        participantRef: participant.entityRef,
      })),
    );
    const at = now();
    return {
      totalCount: participations.totalCount,
      items: participations.items.map(({ train, participant }) => ({
        train: summarizeTrain(train, at),
        participant,
        gates: sortGates(
          gates
            .filter(g => g.trainId === train.id && g.participantRef === participant.entityRef)
            .map(gate => withExpiry(gate, at)),
          stageOrder(train),
        ),
      })),
    };
  }

  return {
    listTrains,
    getTrain,
    listMyApprovals,
    listEntityTrains,
    getDependencyDrift: (trainId: string) =>
      loadTrainDependencyDrift({ store, snapshots }, trainId),
    getTrainRecord: (trainId: string) => requireTrain(store, trainId),
    async getGateWithTrain(gateId: string) {
      const gate = await requireGate(store, gateId);
      return { gate, train: await requireTrain(store, gate.trainId) };
    },
    async listDecisions(trainId: string, page: { limit: number; offset: number }) {
      await requireTrain(store, trainId);
      return store.listDecisions(trainId, page);
    },
  };
}
