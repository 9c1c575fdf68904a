import { InputError } from '@backstage/errors';
import {
  DeployReadiness,
  DeployReadinessReason,
  FreezeWindow,
  normalizeEntityRef,
  TrainGate,
} from '@release-coordination/plugin-release-coordination-common';
import { deploymentWaves } from '../dependencies/graph';
import { HIDDEN_ENTITY } from '../dependencies/visibility';
import { DependencySnapshotService } from '../dependencies/DependencySnapshotService';
import { OutcomeStore } from '../outcomes/OutcomeStore';
import { sortGates, stageOrder, withExpiry } from '../trains/model';
import { TrainRecord, TrainStore } from '../trains/TrainStore';
import { FreezeService } from '../freezes/FreezeService';
import { EnvironmentList, environmentsOf } from './environments';

export interface DeployReadinessQuery {
  entityRef: string;
  version: string;
  environment: string;
}

/**
 * How a caller may see entity refs: given the refs an answer would name, a function naming
 * each as the caller may read it, `undefined` for one they may not see.
 */
export type RefNamer = (
  refs: string[],
) => Promise<(ref: string) => string | undefined>;

/** Answers whether a version of an entity may be deployed to an environment now. */
export interface DeployReadinessService {
  /** `see` names entities as the caller may read them; everything is named without it. */
  check(
    query: DeployReadinessQuery,
    at: Date,
    see?: RefNamer,
  ): Promise<DeployReadiness>;
}

/** Deployments of one participant to one environment read per check; reports are few. */
const DEPLOYMENTS_READ = 50;

const CLOSED_STATES = new Set(['passed', 'waived']);

/**
 * "May this go to production?" for CD pipelines, from the train that ships the version:
 *
 * - some active train must ship exactly this version of the entity;
 * - in production (the last of the configured environments), the train must be in the last
 *   stage of its plan, where releases are deployed; every gate of the participant (or of the
 *   whole train) up to that stage's entry must read as passed or waived now (approvals and
 *   waivers that ran out count as open); and the participants it depends on, the earlier
 *   deployment waves of the train, must have a successful production deployment in it;
 * - in every environment after the first, the version must have run successfully in the one
 *   before (environment parity);
 * - in production, no change freeze covering the entity may be in effect.
 *
 * When several active trains ship the same version, the newest decides.
 */
export function createDeployReadiness(options: {
  trains: Pick<
    TrainStore,
    'getTrain' | 'getParticipant' | 'listParticipants' | 'listGates'
  >;
  outcomes: Pick<OutcomeStore, 'listActiveTrainIdsOf' | 'listTrainDeployments'>;
  snapshots: Pick<DependencySnapshotService, 'current'>;
  environments: EnvironmentList;
  /** Change freezes; none hold without it. */
  freezes?: Pick<FreezeService, 'inEffect'>;
}): DeployReadinessService {
  const { trains, outcomes, snapshots, freezes } = options;

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

  /**
   * The gates that must have passed before the participant goes to production: those of every
   * earlier stage and the deployment stage's entry gates, the participant's own and the
   * train's, whatever stage the train is in now.
   */
  function gatesDue(
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
          gate.participantRef === undefined ||
          gate.participantRef === entityRef,
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

  async function check(
    query: DeployReadinessQuery,
    at: Date,
    see: RefNamer = async () => ref => ref,
  ): Promise<DeployReadiness> {
    const entityRef = normalizeEntityRef(query.entityRef);
    const environment = query.environment.toLowerCase();
    const environments = await environmentsOf(options.environments);
    const production = environments[environments.length - 1];
    const position = environments.indexOf(environment);
    if (position < 0) {
      throw new InputError(
        `environment: '${query.environment}' is not one of the configured environments ` +
          `(${environments.join(', ')})`,
      );
    }
    const answer = (
      reasons: DeployReadinessReason[],
      train?: TrainRecord,
    ): DeployReadiness => ({
      allowed: reasons.length === 0,
      entityRef,
      version: query.version,
      environment,
      ...(train
        ? {
            train: {
              id: train.id,
              name: train.name,
              currentStage: train.currentStage,
            },
          }
        : {}),
      reasons,
      checkedAt: at.toISOString(),
    });
    const noTrain = (elsewhere = '') =>
      answer([
        {
          code: 'no-train',
          message: `No active train ships ${entityRef} at ${query.version}${elsewhere}`,
        },
      ]);

    // The newest active train that ships exactly this version.
    const shipping: TrainRecord[] = [];
    const otherVersions: string[] = [];
    for (const trainId of await outcomes.listActiveTrainIdsOf(entityRef)) {
      const [train, participant] = await Promise.all([
        trains.getTrain(trainId),
        trains.getParticipant(trainId, entityRef),
      ]);
      if (!train || !participant || participant.removedAt) continue;
      if (participant.targetVersion === query.version) shipping.push(train);
      else
        otherVersions.push(`${participant.targetVersion} in '${train.name}'`);
    }
    const train = shipping.sort((a, b) =>
      b.createdAt.localeCompare(a.createdAt),
    )[0];
    if (!train) {
      // Which versions other trains ship is said only to who may see the entity.
      const visible = (await see([entityRef]))(entityRef) !== undefined;
      return noTrain(
        visible && otherVersions.length
          ? `; active trains ship ${otherVersions.join(', ')}`
          : '',
      );
    }

    const parityMissing =
      position > 0 &&
      !(await deployed(
        train.id,
        entityRef,
        environments[position - 1],
        query.version,
      ));
    let stageMissing: string | undefined;
    let open: TrainGate[] = [];
    let missing: string[] = [];
    let frozen: FreezeWindow[] = [];
    if (environment === production) {
      const order = stageOrder(train);
      const deploymentStage = order[order.length - 1];
      if (train.currentStage !== deploymentStage)
        stageMissing = deploymentStage;
      open = gatesDue(train, await trains.listGates(train.id), entityRef, at);
      missing = await earlierWavesMissing(train, entityRef, production);
      frozen = (await freezes?.inEffect([entityRef], at))?.get(entityRef) ?? [];
    }

    // Names as the caller may read them: nothing about an entity they may not see.
    const name = await see([
      entityRef,
      ...missing,
      ...open.flatMap(gate => (gate.approverRef ? [gate.approverRef] : [])),
    ]);
    if (name(entityRef) === undefined) return noTrain();
    const shown = (ref: string) => name(ref) ?? HIDDEN_ENTITY;

    const reasons: DeployReadinessReason[] = [];
    if (parityMissing) {
      const before = environments[position - 1];
      reasons.push({
        code: 'environment-parity',
        message:
          `${entityRef} ${query.version} has not run in ${before}: '${train.name}' holds no ` +
          `successful ${before} deployment of it`,
      });
    }
    if (stageMissing) {
      reasons.push({
        code: 'not-in-deployment-stage',
        message:
          `'${train.name}' is in its ${train.currentStage} stage; production deployments ` +
          `start in its ${stageMissing} stage`,
      });
    }
    if (open.length > 0) {
      const gates = open.map(gate => ({
        gateId: gate.id,
        title: gate.title,
        stage: gate.stage,
        ...(gate.approverRef ? { approverRef: shown(gate.approverRef) } : {}),
      }));
      reasons.push({
        code: 'gates-open',
        message: `${gates.length} gate(s) of ${entityRef} in '${train.name}' are open: ${gates
          .map(
            g =>
              `'${g.title}' (${g.stage}${g.approverRef ? `, decided by ${g.approverRef}` : ''})`,
          )
          .join(', ')}`,
        gates,
      });
    }
    if (missing.length > 0) {
      const refs = missing.map(shown);
      reasons.push({
        code: 'earlier-wave-not-deployed',
        message:
          `${entityRef} depends on ${refs.join(', ')}, not yet deployed to ${production} ` +
          `in '${train.name}'`,
        entityRefs: refs,
      });
    }
    if (frozen.length > 0) {
      reasons.push({
        code: 'freeze',
        message: `A change freeze covers ${entityRef}: ${frozen
          .map(f => `${f.reason} (until ${f.endsAt})`)
          .join('; ')}`,
        freezes: frozen.map(f => ({
          id: f.id,
          reason: f.reason,
          endsAt: f.endsAt,
        })),
      });
    }
    return answer(reasons, train);
  }

  return { check };
}
