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
import { ownershipOf } from '../access';
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
  async function listMyApprovals(credentials: BackstageCredentials): Promise<MyApproval[]> {
    const principal = credentials.principal as { type: string };
    if (principal.type !== 'user') {
      throw new NotAllowedError(
        'Only users have approvals waiting for them: a service belongs to no Group',
      );
    }
    const memberOf = await ownershipOf(userInfo, credentials);
    // Stored as passed may read as pending now that approvals expired: those are asked too,
    // and the state they read as decides below.
    const open = (await store.listActiveApprovalGates(['pending', 'failed', 'passed'])).filter(
      row => row.approverRef && memberOf.has(row.approverRef),
    );
    const at = now();
    const trainsById = new Map(open.map(row => [row.train.id, row.train]));
    const wanted = new Set(open.map(row => row.gateId));
    // Trains by name (then id for equal names), gates in the order of the train's stage plan.
    const trainsInOrder = [...trainsById.values()].sort(
      (a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
    );
    const items: MyApproval[] = [];
    for (const train of trainsInOrder) {
      const { stagePlan } = train;
      // Only what blocks the train now waits for a decision: the current stage's gates and
      // the entry gates of the next one. Later stages come up when the train gets there.
      const current = stagePlan.findIndex(stage => stage.name === train.currentStage);
      const next = current >= 0 ? stagePlan[current + 1]?.name : undefined;
      const gates = (await store.listGates(train.id))
        .filter(
          gate =>
            wanted.has(gate.id) &&
            (gate.stage === train.currentStage || (gate.stage === next && gate.phase === 'entry')),
        )
        .map(gate => withExpiry(gate, at))
        .filter(gate => gate.state === 'pending' || gate.state === 'failed');
      if (gates.length === 0) continue;
      const summary = summarizeTrain(train, at);
      for (const gate of sortGates(gates, stageOrder(train))) {
        items.push({ train: summary, gate });
      }
    }
    return items;
  }

  async function listEntityTrains(entityRef: string): Promise<EntityTrain[]> {
    const ref = normalizeEntityRef(entityRef);
    const refs = [ref];
    if (entityRefKind(ref) === 'system') {
      // A System takes part through its Components: membership comes from the graph's
      // `partOf` roll-up, so a Component moved to another System moves with it.
      const { index } = await snapshots.current();
      refs.push(...index.nodesInSystem(ref));
    }
    const participations = await store.listParticipations(refs);
    const at = now();
    return Promise.all(
      participations.map(async ({ train, participant }) => ({
        train: summarizeTrain(train, at),
        participant,
        gates: sortGates(
          (await store.listGates(train.id, { participantRef: participant.entityRef })).map(gate =>
            withExpiry(gate, at),
          ),
          stageOrder(train),
        ),
      })),
    );
  }

  return {
    listTrains,
    getTrain,
    listMyApprovals,
    listEntityTrains,
    getDependencyDrift: (trainId: string) =>
      loadTrainDependencyDrift({ store, snapshots }, trainId),
    async getTrainOfGate(gateId: string) {
      const gate = await requireGate(store, gateId);
      return requireTrain(store, gate.trainId);
    },
    async listDecisions(trainId: string, page: { limit: number; offset: number }) {
      await requireTrain(store, trainId);
      return store.listDecisions(trainId, page);
    },
  };
}
