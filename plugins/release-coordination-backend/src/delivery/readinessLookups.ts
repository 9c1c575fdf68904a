import {
  normalizeEntityRef,
  TrainGate,
} from '@release-coordination/plugin-release-coordination-common';
import { deploymentWaves } from '../dependencies/graph';
import { DependencySnapshotService } from '../dependencies/DependencySnapshotService';
import { FreezeService } from '../freezes/FreezeService';
import { OutcomeStore } from '../outcomes/OutcomeStore';
import { sortGates, stageOrder, withExpiry } from '../trains/model';
import { TrainRecord, TrainStore } from '../trains/TrainStore';
import { EnvironmentList } from './environments';

export interface DeployReadinessOptions {
  trains: Pick<
    TrainStore,
    'getTrain' | 'getParticipant' | 'listParticipants' | 'listGates'
  >;
  outcomes: Pick<OutcomeStore, 'listActiveTrainIdsOf' | 'listTrainDeployments'>;
  snapshots: Pick<DependencySnapshotService, 'current'>;
  environments: EnvironmentList;
  /** Change freezes; none hold without it. */
  freezes?: Pick<FreezeService, 'inEffect'>;
}

/** Deployments of one participant to one environment read per check; reports are few. */
const DEPLOYMENTS_READ = 50;

const CLOSED_STATES = new Set(['passed', 'waived']);

/**
 * The gates that must have passed before the participant goes to production: those of every
 * earlier stage and the deployment stage's entry gates, the participant's own and the
 * train's, whatever stage the train is in now.
 */
export function gatesDue(
  train: TrainRecord,
  gates: TrainGate[],
  entityRef: string,
  at: Date,
) {
  const order = stageOrder(train);
  const deploymentStage = order.length - 1;
  return sortGates(gates, order)
    .filter(
      gate =>
        gate.participantRef === undefined || gate.participantRef === entityRef,
    )
    .filter(gate => {
      const stage = order.indexOf(gate.stage);
      return (
        stage < deploymentStage ||
        (stage === deploymentStage && gate.phase === 'entry')
      );
    })
    .map(gate => withExpiry(gate, at))
    .filter(gate => !CLOSED_STATES.has(gate.state));
}

/**
 * What a readiness check reads of trains and their deployments: which train ships a version,
 * whether a participant was deployed, and which earlier waves were not yet.
 */
export function createReadinessLookups(options: DeployReadinessOptions) {
  const { trains, outcomes, snapshots } = options;

  /** Whether the train holds a successful deployment of the participant to the environment. */
  async function deployed(
    trainId: string,
    participantRef: string,
    environment: string,
    version?: string,
  ): Promise<boolean> {
    const { items } = await outcomes.listTrainDeployments(trainId, {
      environment,
      participantRef,
      limit: DEPLOYMENTS_READ,
      offset: 0,
    });
    return items.some(
      d =>
        d.result === 'succeeded' &&
        (version === undefined || d.version === version),
    );
  }

  /** The participants of earlier deployment waves not yet deployed to production in the train. */
  async function earlierWavesMissing(
    train: TrainRecord,
    entityRef: string,
    production: string,
  ): Promise<string[]> {
    const { index } = await snapshots.current();
    const participants = await trains.listParticipants(train.id);
    const participantRefs = participants.map(p =>
      normalizeEntityRef(p.entityRef),
    );
    const plan = deploymentWaves(index, participantRefs);
    const own = plan.waves.find(wave => wave.members.includes(entityRef));
    if (!own) return [];
    const earlier = plan.waves
      .filter(wave => wave.index < own.index)
      .flatMap(w => w.members);
    const missing: string[] = [];
    for (const ref of earlier) {
      if (!(await deployed(train.id, ref, production))) missing.push(ref);
    }
    return missing;
  }

  /**
   * The newest active train that ships exactly this version of the entity, if any, and the
   * other versions active trains ship.
   */
  async function shippingTrain(
    entityRef: string,
    version: string,
  ): Promise<{ train?: TrainRecord; otherVersions: string[] }> {
    const shipping: TrainRecord[] = [];
    const otherVersions: string[] = [];
    for (const trainId of await outcomes.listActiveTrainIdsOf(entityRef)) {
      const [train, participant] = await Promise.all([
        trains.getTrain(trainId),
        trains.getParticipant(trainId, entityRef),
      ]);
      if (!train || !participant || participant.removedAt) continue;
      if (participant.targetVersion === version) shipping.push(train);
      else
        otherVersions.push(`${participant.targetVersion} in '${train.name}'`);
    }
    const train = shipping.sort((a, b) =>
      b.createdAt.localeCompare(a.createdAt),
    )[0];
    return { train, otherVersions };
  }

  return { deployed, earlierWavesMissing, shippingTrain };
}
