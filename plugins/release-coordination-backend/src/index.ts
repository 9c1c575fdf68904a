/**
 * The release-coordination backend plugin.
 *
 * @packageDocumentation
 */

export { releaseCoordinationPlugin as default } from './plugin';
export {
  createReleaseCoordinationGateConditionalDecision,
  gatePermissionResourceRef,
  isGateApprover,
  releaseCoordinationGateConditions,
  type GateQuery,
  type GateResource,
} from './permissions';
export { DEFAULT_STAGES } from './trains/stages';
