// Who asks for a change and what they may do, the same way for trains, their gates, outcomes
// and retrospectives: who the caller is (principals), what the permission policy (outright or
// by conditions on the stored train or gate) and membership of an owning Group allow
// (authorization, trainAccess), and the audit record of every change asked for (audit). Every
// route and service asks here.

export {
  actorRefOf,
  isServicePrincipal,
  isUserPrincipal,
  userRefOf,
} from './principals';
export {
  createAuthorizer,
  isAllowed,
  ownershipOf,
  type Authorizer,
  type ResourceConditions,
} from './authorization';
export { createTrainAccess, type TrainAccess } from './trainAccess';
export {
  createReadCheck,
  createReaderOf,
  createTrainReaderOf,
  TRAIN_READ_REFUSAL,
} from './readers';
export { audited } from './audit';
export { checksInOrder } from './checksInOrder';
export {
  createVisibilityResolver,
  hiddenCounts,
  visibleItems,
  type CallerVisibility,
  type EntityVisibility,
  type VisibilityResolver,
} from './visibility';
