import { PolicyDecision } from '@backstage/plugin-permission-common';
import { createPermissionResourceRef } from '@backstage/plugin-permission-node';
import {
  RESOURCE_TYPE_RELEASE_COORDINATION_GATE,
  TrainGate,
} from '@release-coordination/plugin-release-coordination-common';
import { GateRecord, TrainStoreSession } from '../trains/TrainStore';

/**
 * A train's gate as permission rules see it: what it is and who decides it, without the
 * approvals, check results and waivers that decide its state.
 *
 * @public
 */
export type GateResource = Pick<
  TrainGate,
  | 'id'
  | 'trainId'
  | 'stage'
  | 'phase'
  | 'templateId'
  | 'title'
  | 'kind'
  | 'participantRef'
  | 'approverRef'
  | 'state'
>;

/**
 * A filter on gates that a permission rule translates to, e.g. "gates whose approver is one of
 * these refs"; refs are normalised to lowercase `kind:namespace/name`.
 *
 * @public
 */
export type GateQuery = {
  key: 'approverRef';
  values: string[];
};

/**
 * The gate resource type of the release-coordination plugin, for its permission rules and
 * condition exports.
 *
 * @public
 */
export const gatePermissionResourceRef = createPermissionResourceRef<
  GateResource,
  GateQuery
>().with({
  pluginId: 'release-coordination',
  resourceType: RESOURCE_TYPE_RELEASE_COORDINATION_GATE,
});

export function toGateResource(gate: GateRecord): GateResource {
  return {
    id: gate.id,
    trainId: gate.trainId,
    stage: gate.stage,
    phase: gate.phase,
    templateId: gate.templateId,
    title: gate.config.title,
    kind: gate.kind,
    ...(gate.participantRef ? { participantRef: gate.participantRef } : {}),
    ...(gate.config.approverRef ? { approverRef: gate.config.approverRef } : {}),
    state: gate.state,
  };
}

/**
 * Loads gates by id for conditional permission decisions, in the order asked; an unknown id
 * gives `undefined`, which no condition matches.
 */
export function createGateResourceLoader(store: Pick<TrainStoreSession, 'getGate'>) {
  return async (gateIds: string[]): Promise<Array<GateResource | undefined>> =>
    Promise.all(
      gateIds.map(async gateId => {
        const gate = await store.getGate(gateId);
        return gate ? toGateResource(gate) : undefined;
      }),
    );
}

/**
 * What the routes need to apply a conditional decision on a gate themselves: the gate, and the
 * rules registered for gates (built-in ones and any a module added).
 */
export interface GateConditions {
  getResources(gateIds: string[]): Promise<Array<GateResource | undefined>>;
  /** Whether the decision allows acting on the gate; `false` for a missing gate. */
  isAllowed(decision: PolicyDecision, gate: GateResource | undefined): boolean;
}
