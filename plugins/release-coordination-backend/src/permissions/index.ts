export {
  gatePermissionResourceRef,
  type GateQuery,
  type GateResource,
} from './gateResource';
export { isGateApprover } from './rules';
export {
  trainPermissionResourceRef,
  type TrainQuery,
  type TrainResource,
} from './trainResource';
export { hasParticipantOwnedBy, isAmbassador } from './trainRules';
export {
  createReleaseCoordinationGateConditionalDecision,
  createReleaseCoordinationTrainConditionalDecision,
  releaseCoordinationGateConditions,
  releaseCoordinationTrainConditions,
} from './conditions';
