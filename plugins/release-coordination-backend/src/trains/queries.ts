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
   * The approval gates that wait for one of the caller's Groups (or the caller) now: found
   * through the approver index among active trains, narrowed to what blocks each train now,
   * then only the page asked for is read in full.
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
    // Stored as passed may read as pending now that approvals expired: those are asked too,
    // and the state they read as decides below.
    const at = now();
    const candidates = (await store.listApprovalGatesOf([...memberOf], { at })).filter(({ train, stage, phase }) => {
      // Only what blocks the train now waits for a decision: the current stage's gates and
      // the entry gates of the next one. Later stages come up when the train gets there.
      const plan = stageOrder(train);
      const next = plan[plan.indexOf(train.currentStage) + 1];
      return stage === train.currentStage || (stage === next && phase === 'entry');
    });
    // Those stored as passed or waived wait only if they read as open now.
    const closed = candidates
      .filter(c => c.state === 'passed' || c.state === 'waived')
      .map(c => c.gateId);
    const stillClosed = new Set(
      (await store.listGatesByIds(closed))
        .filter(gate => ['passed', 'waived'].includes(withExpiry(gate, at).state))
        .map(gate => gate.id),
    );
    const open = candidates.filter(c => !stillClosed.has(c.gateId));
    // Trains by name (then id for equal names), gates in the order of the train's stage plan.
    const byTrain = new Map<string, typeof open>();
    for (const candidate of open) {
      byTrain.set(candidate.train.id, [...(byTrain.get(candidate.train.id) ?? []), candidate]);
    }
    const ordered = [...byTrain.values()]
      .sort(([a], [b]) => a.train.name.localeCompare(b.train.name) || a.train.id.localeCompare(b.train.id))
      .flatMap(gates => sortGates(gates, stageOrder(gates[0].train)));
    const shown = ordered.slice(page.offset, page.offset + page.limit);
    const details = new Map(
      (await store.listGatesByIds(shown.map(c => c.gateId))).map(gate => [gate.id, gate]),
    );
    return {
      totalCount: ordered.length,
      items: shown.flatMap(candidate => {
        const gate = details.get(candidate.gateId);
        // A gate removed since the candidates were read is simply left out of this page.
        return gate
          ? [{ train: summarizeTrain(candidate.train, at), gate: withExpiry(gate, at) }]
          : [];
      }),
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
