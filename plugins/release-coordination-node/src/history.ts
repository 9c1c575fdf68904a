import { LoggerService, createExtensionPoint } from '@backstage/backend-plugin-api';
import {
  ActionItem,
  AddParticipantRequest,
  AddRetrospectiveNoteRequest,
  AttributeIncidentRequest,
  CheckResult,
  CreateActionItemRequest,
  CreateFeatureFlagRequest,
  CreateTrainRequest,
  DeploymentOutcome,
  FeatureFlag,
  Incident,
  ReportCheckRequest,
  ReportDeploymentRequest,
  ReportIncidentRequest,
  ReportRollbackDrillRequest,
  ReviewSignOff,
  RetrospectiveNote,
  RollbackDrill,
  RollbackPlan,
  SaveRollbackPlanRequest,
  SignOffReviewRequest,
  TrainDetail,
  TrainGate,
  UpdateActionItemRequest,
  UpdateFeatureFlagRequest,
} from '@release-coordination/plugin-release-coordination-common';

/**
 * The plugin's own operations, done as one person or service. Each goes through the same
 * service, rules and checks as the matching API request: approvals count only from members of
 * the approver Group, a stage is left only when its gates are passed or waived, and so on. A
 * refused operation throws the error the API would answer with.
 *
 * Who may do what follows the domain alone, as if no one held the release-manager role: users
 * act as ambassadors, owners and approvers; services (CI) may report checks, deployments,
 * rehearsals and incidents.
 *
 * @public
 */
export interface ReleaseCoordinationActor {
  /** Creates a release train, as `POST /trains` does. */
  createTrain(request: CreateTrainRequest): Promise<TrainDetail>;
  /** Reads a train with its participants, gates and history. */
  getTrain(trainId: string): Promise<TrainDetail>;
  /** Adds a catalog entity to a train as a participant. */
  addParticipant(trainId: string, request: AddParticipantRequest): Promise<TrainDetail>;
  /** Records the acting user's approval of a gate, with an optional comment. */
  approveGate(gateId: string, input: { comment?: string }): Promise<TrainGate>;
  /** Records the acting user's rejection of a gate; a rejection needs a comment. */
  rejectGate(gateId: string, input: { comment: string }): Promise<TrainGate>;
  /** Waives a gate until the given time, for the reason given (the ambassador's call). */
  waiveGate(gateId: string, input: { reason: string; until: Date }): Promise<TrainGate>;
  /** Reports the result of an external check, e.g. from CI. */
  reportCheck(trainId: string, request: ReportCheckRequest): Promise<CheckResult>;
  /**
   * Moves the train on from `expectedStage`; refused when the train is no longer there or
   * that stage's gates are not all passed or waived.
   */
  advanceStage(trainId: string, input: { expectedStage: string }): Promise<TrainDetail>;
  /** Rolls the train back, for the reason given. */
  rollBackTrain(trainId: string, input: { reason: string }): Promise<TrainDetail>;
  /**
   * Reports a deployment of a participant to an environment: running, or finished with its
   * result.
   */
  reportDeployment(trainId: string, report: ReportDeploymentRequest): Promise<DeploymentOutcome>;
  /** Saves the rollback plan of one participant of the train. */
  saveRollbackPlan(
    trainId: string,
    entityRef: string,
    plan: SaveRollbackPlanRequest,
  ): Promise<RollbackPlan>;
  /** Signs the train's release review off for a team the acting user is a member of. */
  signOffReview(trainId: string, request: SignOffReviewRequest): Promise<ReviewSignOff>;
  /** Reports a rehearsal of a rollback. */
  reportRollbackDrill(drill: ReportRollbackDrillRequest): Promise<RollbackDrill>;
  /** Registers a feature flag the train's release depends on. */
  createFlag(trainId: string, request: CreateFeatureFlagRequest): Promise<FeatureFlag>;
  /** Changes a feature flag: its state, expiry, purpose or owner. */
  updateFlag(flagId: string, request: UpdateFeatureFlagRequest): Promise<FeatureFlag>;
  /** Adds a note to the train's retrospective. */
  addRetrospectiveNote(
    trainId: string,
    request: AddRetrospectiveNoteRequest,
  ): Promise<RetrospectiveNote>;
  /** Creates an action item of the train's retrospective. */
  createActionItem(trainId: string, request: CreateActionItemRequest): Promise<ActionItem>;
  /** Updates an action item: its status, title, due date or owner. */
  updateActionItem(itemId: string, request: UpdateActionItemRequest): Promise<ActionItem>;
  /** Reports an incident, or news about a known one, as an incident tool does. */
  reportIncident(report: ReportIncidentRequest): Promise<Incident>;
  /** Decides which production deployment caused an incident, or that none did. */
  attributeIncident(incidentId: string, decision: AttributeIncidentRequest): Promise<Incident>;
}

/**
 * What the catalog must know before history can be replayed: the entities it names and the
 * relations its rules read (e.g. `user:default/bob` `memberOf` `group:default/team-pay`, for
 * bob's approvals to count).
 *
 * @public
 */
export interface HistoryCatalogExpectation {
  /** The entities the history names, as entity refs. */
  entityRefs: string[];
  /** The relations between them that the history's rules read. */
  relations?: { source: string; type: string; target: string }[];
}

/**
 * What a history replay works with: the plugin's services over a clock the replay sets, acting
 * as the principals it names.
 *
 * @public
 */
export interface ReleaseCoordinationHistoryContext {
  /**
   * Sets the clock every operation reads from now on: what happens next is stamped with, and
   * judged at, this time (waiver expiry, rehearsal age, flag expiry). Replay events in time
   * order.
   */
  setTime(at: Date): void;
  /** Acts as a User of the catalog, with the ownership the catalog gives them. */
  asUser(userEntityRef: string): ReleaseCoordinationActor;
  /** Acts as a service, e.g. CI, by the subject its token carries. */
  asService(subject: string): ReleaseCoordinationActor;
  /**
   * Waits until the catalog knows what the history needs, then derives the dependency graph
   * afresh so that the services see it. At the first start of a backend the catalog ingests
   * its locations while the plugins start. Throws when `timeoutMs` (default two minutes)
   * passes first, naming what is still missing.
   */
  waitForCatalog(
    expectation: HistoryCatalogExpectation,
    options?: { timeoutMs?: number; pollIntervalMs?: number },
  ): Promise<void>;
  /** The plugin's logger, for the replay to say what it does. */
  logger: LoggerService;
}

/**
 * A history to replay into an empty database: past release trains told through the plugin's
 * own operations, for demo portals or for tools that migrate another system's history.
 *
 * @public
 */
export interface ReleaseCoordinationHistoryReplay {
  /** Names the replay in logs and in the claim that keeps two replicas from both running it. */
  id: string;
  /** Tells the history through the context's operations, in time order. */
  replay(context: ReleaseCoordinationHistoryContext): Promise<void>;
}

/**
 * Lets a backend module replay history through the plugin's services. The plugin runs each
 * registered replay once, in the background after it started (its migrations have run), and
 * only while the database holds no release train. With several replicas one claims the replay
 * in the database and runs it; the others log that and skip it.
 *
 * @public
 */
export interface ReleaseCoordinationHistoryExtensionPoint {
  /** Registers a replay to run once, into an empty database. */
  addHistoryReplay(replay: ReleaseCoordinationHistoryReplay): void;
}

/**
 * Extension point for replaying history into an empty release-coordination database.
 *
 * @public
 */
export const releaseCoordinationHistoryExtensionPoint =
  createExtensionPoint<ReleaseCoordinationHistoryExtensionPoint>({
    id: 'release-coordination.history',
  });
