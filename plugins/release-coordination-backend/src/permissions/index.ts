export {
  gatePermissionResourceRef,
  type GateQuery,
  type GateResource,
} from './gateResource';
export { isGateApprover } from './rules';
export {
  createReleaseCoordinationGateConditionalDecision,
  releaseCoordinationGateConditions,
} from './conditions';
