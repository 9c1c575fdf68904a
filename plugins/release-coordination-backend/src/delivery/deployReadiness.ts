import { InputError } from '@backstage/errors';
import {
  DeployReadiness,
  FreezeWindow,
  normalizeEntityRef,
  TrainGate,
} from '@release-coordination/plugin-release-coordination-common';
import { HIDDEN_ENTITY } from '../dependencies/visibility';
import { stageOrder } from '../trains/model';
import { environmentsOf } from './environments';
import {
  createReadinessLookups,
  DeployReadinessOptions,
  gatesDue,
} from './readinessLookups';
import {
  readinessAnswer,
  readinessReasons,
  ReadinessSubject,
} from './readinessReasons';

export type { DeployReadinessOptions } from './readinessLookups';

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
export function createDeployReadiness(
  options: DeployReadinessOptions,
): DeployReadinessService {
  const { trains, freezes } = options;
  const { deployed, earlierWavesMissing, shippingTrain } =
    createReadinessLookups(options);

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
    const subject: ReadinessSubject = {
      entityRef,
      version: query.version,
      environment,
      at,
    };
    const noTrain = (elsewhere = '') =>
      readinessAnswer(subject, [
        {
          code: 'no-train',
          message: `No active train ships ${entityRef} at ${query.version}${elsewhere}`,
        },
      ]);

    // The newest active train that ships exactly this version.
    const { train, otherVersions } = await shippingTrain(
      entityRef,
      query.version,
    );
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

    const reasons = readinessReasons(
      subject,
      {
        train,
        parityMissingIn: parityMissing ? environments[position - 1] : undefined,
        stageMissing,
        open,
        missing,
        frozen,
        production,
      },
      shown,
    );
    return readinessAnswer(subject, reasons, train);
  }

  return { check };
}
