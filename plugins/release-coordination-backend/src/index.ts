/**
 * The release-coordination backend plugin.
 *
 * @packageDocumentation
 */

export { releaseCoordinationPlugin as default } from './plugin';
export {
  createReleaseCoordinationGateConditionalDecision,
  createReleaseCoordinationTrainConditionalDecision,
  gatePermissionResourceRef,
  hasParticipantOwnedBy,
  isAmbassador,
  isGateApprover,
  releaseCoordinationGateConditions,
  releaseCoordinationTrainConditions,
  trainPermissionResourceRef,
  type GateQuery,
  type GateResource,
  type TrainQuery,
  type TrainResource,
} from './permissions';
export { DEFAULT_STAGES } from './trains/stages';
