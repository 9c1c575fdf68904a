import { LoggerService, createExtensionPoint } from '@backstage/backend-plugin-api';
import {
  ActionItem,
  AddParticipantRequest,
  AddRetrospectiveNoteRequest,
  CheckResult,
  CreateActionItemRequest,
  CreateFeatureFlagRequest,
  CreateTrainRequest,
  DeploymentOutcome,
  FeatureFlag,
  ReportCheckRequest,
  ReportDeploymentRequest,
  ReportRollbackDrillRequest,
  RetrospectiveNote,
  RollbackDrill,
  RollbackPlan,
  SaveRollbackPlanRequest,
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
 * act as ambassadors, owners and approvers; services (CI) may report checks, deployments and
 * rehearsals.
 *
 * @public
 */
export interface ReleaseCoordinationActor {
  createTrain(request: CreateTrainRequest): Promise<TrainDetail>;
  getTrain(trainId: string): Promise<TrainDetail>;
  addParticipant(trainId: string, request: AddParticipantRequest): Promise<TrainDetail>;
  approveGate(gateId: string, input: { comment?: string }): Promise<TrainGate>;
  rejectGate(gateId: string, input: { comment: string }): Promise<TrainGate>;
  waiveGate(gateId: string, input: { reason: string; until: Date }): Promise<TrainGate>;
  reportCheck(trainId: string, request: ReportCheckRequest): Promise<CheckResult>;
  advanceStage(trainId: string, input: { expectedStage: string }): Promise<TrainDetail>;
  rollBackTrain(trainId: string, input: { reason: string }): Promise<TrainDetail>;
  reportDeployment(trainId: string, report: ReportDeploymentRequest): Promise<DeploymentOutcome>;
  saveRollbackPlan(
    trainId: string,
    entityRef: string,
    plan: SaveRollbackPlanRequest,
  ): Promise<RollbackPlan>;
  reportRollbackDrill(drill: ReportRollbackDrillRequest): Promise<RollbackDrill>;
  createFlag(trainId: string, request: CreateFeatureFlagRequest): Promise<FeatureFlag>;
  updateFlag(flagId: string, request: UpdateFeatureFlagRequest): Promise<FeatureFlag>;
  addRetrospectiveNote(
    trainId: string,
    request: AddRetrospectiveNoteRequest,
  ): Promise<RetrospectiveNote>;
  createActionItem(trainId: string, request: CreateActionItemRequest): Promise<ActionItem>;
  updateActionItem(itemId: string, request: UpdateActionItemRequest): Promise<ActionItem>;
}

/**
 * What the catalog must know before history can be replayed: the entities it names and the
 * relations its rules read (e.g. `user:default/bob` `memberOf` `group:default/team-pay`, for
 * bob's approvals to count).
 *
 * @public
 */
export interface HistoryCatalogExpectation {
  entityRefs: string[];
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
