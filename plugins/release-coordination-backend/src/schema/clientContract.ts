import {
  AddParticipantRequest,
  AddRetrospectiveNoteRequest,
  AttributeIncidentRequest,
  AddCadenceHandoverRequest,
  CreateCadenceRequest,
  CreateCadenceTrainRequest,
  RecordRotationChangeRequest,
  SetCadenceRosterRequest,
  RegisterReviewRiskRequest,
  SignOffReviewRequest,
  UpdateReviewRiskRequest,
  CreateActionItemRequest,
  CreateFeatureFlagRequest,
  CreateTrainRequest,
  ReleaseCoordinationApi,
  ReportCheckRequest,
  ReportDeploymentRequest,
  ReportIncidentRequest,
  ReportRollbackDrillRequest,
  SaveRollbackPlanRequest,
  UpdateActionItemRequest,
  UpdateFeatureFlagRequest,
  UpdateTrainRequest,
} from '@release-coordination/plugin-release-coordination-common';
import { Operations } from './openapi/generated';

/**
 * The client of the common package against the OpenAPI document, checked by the compiler: every
 * client method is named after an operation of the document, and what it resolves to is the
 * operation's successful answer, assignable both ways; and every request body the client sends
 * is one the document accepts. Renaming, adding or dropping a field on one side only fails
 * `tsc`, naming the operation.
 *
 * This is a type-only module: nothing imports it, and it has no runtime code.
 */

type ClientResult<Method extends keyof ReleaseCoordinationApi> = Awaited<
  ReturnType<ReleaseCoordinationApi[Method]>
>;

/** `T` with every field, at every depth, made required: a renamed optional field then counts. */
type DeepRequired<T> = T extends readonly (infer Item)[]
  ? DeepRequired<Item>[]
  : T extends object
    ? { [Key in keyof T]-?: DeepRequired<Exclude<T[Key], undefined>> }
    : T;

/** `true` when each of the two types is assignable to the other. */
type Assignable<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/**
 * `true` when the two types are assignable both ways, also with every field required: plain
 * assignability lets an optional field be renamed on one side, as it ignores optional fields
 * the other side lacks.
 */
type Interchangeable<A, B> =
  Assignable<A, B> extends true ? Assignable<DeepRequired<A>, DeepRequired<B>> : false;

/** Client methods that are not operations of the document (there should be none). */
type Undocumented = Exclude<keyof ReleaseCoordinationApi, keyof Operations>;

/** Operations whose answer the client types differently from the document. */
type Drifted = {
  [Method in keyof ReleaseCoordinationApi & keyof Operations]: Interchangeable<
    ClientResult<Method>,
    Operations[Method]['response']
  > extends true
    ? never
    : Method;
}[keyof ReleaseCoordinationApi & keyof Operations];

// Each line fails to compile with the names of the offending methods in the message.
export const everyClientMethodIsAnOperation: [Undocumented] extends [never]
  ? true
  : `not in the document: ${Undocumented}` = true;
export const clientAnswersAsDocumented: [Drifted] extends [never]
  ? true
  : `answers differently from the document: ${Drifted}` = true;

/** The body types of the common package, by the operation the client sends them to. */
interface ClientBodies {
  createTrain: CreateTrainRequest;
  updateTrain: UpdateTrainRequest;
  addParticipant: AddParticipantRequest;
  reportCheck: ReportCheckRequest;
  addRetrospectiveNote: AddRetrospectiveNoteRequest;
  createActionItem: CreateActionItemRequest;
  updateActionItem: UpdateActionItemRequest;
  reportDeployment: ReportDeploymentRequest;
  saveRollbackPlan: SaveRollbackPlanRequest;
  reportRollbackDrill: ReportRollbackDrillRequest;
  createFeatureFlag: CreateFeatureFlagRequest;
  updateFeatureFlag: UpdateFeatureFlagRequest;
  reportIncident: ReportIncidentRequest;
  attributeIncident: AttributeIncidentRequest;
  registerReviewRisk: RegisterReviewRiskRequest;
  updateReviewRisk: UpdateReviewRiskRequest;
  signOffReview: SignOffReviewRequest;
  createCadence: CreateCadenceRequest;
  setCadenceRoster: SetCadenceRosterRequest;
  createCadenceTrain: CreateCadenceTrainRequest;
  recordRotationChange: RecordRotationChangeRequest;
  addCadenceHandover: AddCadenceHandoverRequest;
}

/**
 * `true` when every body the client can send is one the document accepts, field names included
 * (the client may be stricter, e.g. always send a field the document leaves optional).
 */
type Accepted<ClientBody, DocumentBody> = [ClientBody] extends [DocumentBody]
  ? Assignable<DeepRequired<ClientBody>, DeepRequired<DocumentBody>>
  : false;

/** Operations whose request body the client types differently from the document. */
type DriftedBodies = {
  [Operation in keyof ClientBodies]: Accepted<
    ClientBodies[Operation],
    Operations[Operation]['body']
  > extends true
    ? never
    : Operation;
}[keyof ClientBodies];

export const clientSendsAsDocumented: [DriftedBodies] extends [never]
  ? true
  : `sends a body different from the document: ${DriftedBodies}` = true;
