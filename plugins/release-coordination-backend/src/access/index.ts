// Who asks for a change and what they may do, the same way for trains, their gates, outcomes
// and retrospectives: who the caller is (principals), what the permission policy, membership
// of an owning Group or being the ambassador allows (authorization), and the audit record of
// every change asked for (audit). Every route and service asks here.

export {
  actorRefOf,
  isAmbassador,
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
export { audited } from './audit';
export {
  createVisibilityResolver,
  hiddenCounts,
  visibleItems,
  type CallerVisibility,
  type EntityVisibility,
  type VisibilityResolver,
} from './visibility';
