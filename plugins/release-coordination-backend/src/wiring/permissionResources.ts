// The plugin's permission resources: gates and trains, with the rules policies may use.

import { PermissionsRegistryService } from '@backstage/backend-plugin-api';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import {
  gateApprovePermission,
  releaseCoordinationPermissions,
  trainManagePermission,
} from '@release-coordination/plugin-release-coordination-common';
import {
  GateConditions,
  createGateResourceLoader,
  gatePermissionResourceRef,
} from '../permissions/gateResource';
import { gatePermissionRules } from '../permissions/rules';
import {
  TrainConditions,
  createTrainResourceLoader,
  trainPermissionResourceRef,
} from '../permissions/trainResource';
import { trainPermissionRules } from '../permissions/trainRules';
import { createTrainConditions } from '../permissions/trainConditions';
import { DatabaseTrainStore } from '../trains/DatabaseTrainStore';

/**
 * Registers the permissions and both resource types, and returns how the plugin applies a
 * policy's conditional answer itself: through the rules of the registry, so that rules a
 * module registered count here as they do in the permission backend.
 */
export function registerPermissionResources(
  registry: PermissionsRegistryService,
  trains: DatabaseTrainStore,
): { gateConditions: GateConditions; trainConditions: TrainConditions } {
  registry.addPermissions(releaseCoordinationPermissions);

  const loadGates = createGateResourceLoader(trains);
  // Policies may answer gate permissions with conditions on the gate (IS_GATE_APPROVER);
  // the permission backend evaluates them through the gates loaded here.
  registry.addResourceType({
    resourceRef: gatePermissionResourceRef,
    permissions: [gateApprovePermission],
    rules: Object.values(gatePermissionRules),
    getResources: loadGates,
  });
  // Policies may answer train permissions with conditions on the train (IS_AMBASSADOR,
  // HAS_PARTICIPANT_OWNED_BY): the permission backend evaluates them through the trains
  // loaded here, and the plugin applies them itself through the same rules.
  registry.addResourceType({
    resourceRef: trainPermissionResourceRef,
    permissions: [trainManagePermission],
    rules: Object.values(trainPermissionRules),
    getResources: createTrainResourceLoader(trains),
  });
  return {
    gateConditions: {
      getResources: loadGates,
      // Looked up by name per decision: also rules that modules registered for gates.
      isAllowed: createConditionAuthorizer(
        registry.getPermissionRuleset(gatePermissionResourceRef),
      ),
    },
    // Looked up by name per decision: also rules that modules registered for trains.
    trainConditions: createTrainConditions(
      trains,
      registry.getPermissionRuleset(trainPermissionResourceRef),
    ),
  };
}
