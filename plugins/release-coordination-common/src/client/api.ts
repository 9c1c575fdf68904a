/** What the release-coordination backend answers, as the frontend and other clients call it. */
import {
  BlastRadiusResponse,
  DependencyEdgesResponse,
  DependencyRefreshResponse,
  DependencySnapshotResponse,
  DeploymentWavesResponse,
  EntityDependenciesResponse,
  OwnershipResponse,
  TeamMatrixResponse,
} from '../dependencies';
import {
  AddParticipantRequest,
  CreateTrainRequest,
  TrainDependencyDrift,
  UpdateTrainRequest,
  EntityTrain,
  MyApproval,
  ReportCheckRequest,
  CheckResult,
  TrainDecision,
  TrainDetail,
  TrainGate,
  ReleaseTrainSummary,
  ReleaseTrainStatus,
  TrainCompatibilityMatrix,
} from '../trains';
import { Page, PageRequest, VisiblePage } from '../types';
import {
  ActionItem,
  AddRetrospectiveNoteRequest,
  CreateActionItemRequest,
  ListActionItemsRequest,
  ListRetrospectiveNotesRequest,
  Retrospective,
  RetrospectiveNote,
  UpdateActionItemRequest,
} from '../retrospectives';
import { ReleaseDictionary } from '../dictionary';
import {
  AddCadenceHandoverRequest,
  CadenceDetail,
  CadenceHandover,
  CadenceRotationChange,
  CadenceTrain,
  CreateCadenceRequest,
  CreateCadenceTrainRequest,
  RecordRotationChangeRequest,
  ReleaseCadence,
  SetCadenceRosterRequest,
} from '../cadences';
import {
  RegisterReviewRiskRequest,
  ReviewRisk,
  ReviewRiskPage,
  ReviewSignOff,
  SignOffReviewRequest,
  TrainReleaseReview,
  UpdateReviewRiskRequest,
} from '../review';
import { DeployReadiness, TrainEnvironmentMatrix } from '../delivery';
import { IndicatorReport, ReportIndicatorsRequest } from '../indicators';
import { DeclareFreezeRequest, FreezeWindow } from '../freezes';
import { TrainRiskScore } from '../risk';
import { TrainStandup } from '../standup';
import {
  DeclareDeployIncidentRequest,
  DeployIncidentDeclared,
  TrainRunbook,
} from '../runbook';
import {
  ReleaseCalendar,
  ReleaseCalendarRequest,
  TrainCollisionsResponse,
} from '../calendar';
import {
  AttributeIncidentRequest,
  Incident,
  IncidentDetail,
  ListIncidentsRequest,
  ReportIncidentRequest,
} from '../incidents';
import {
  ScorecardPeriod,
  ScorecardResponse,
  ScorecardScope,
} from '../scorecards';
import {
  CreateFeatureFlagRequest,
  DeploymentOutcome,
  FeatureFlag,
  ListDeploymentsRequest,
  ReportDeploymentRequest,
  ReportRollbackDrillRequest,
  RollbackDrill,
  RollbackPlan,
  SaveRollbackPlanRequest,
  TrainFeatureFlags,
  TrainRollbackReadiness,
  UpdateFeatureFlagRequest,
} from '../outcomes';

/**
 * The id under which the backend plugin is mounted (`/api/release-coordination`).
 *
 * @public
 */
export const RELEASE_COORDINATION_PLUGIN_ID = 'release-coordination';

/**
 * The parts of Backstage's discovery and fetch APIs the client needs; both the frontend's
 * `discoveryApiRef`/`fetchApiRef` and the backend's `discovery` service (with a fetch that adds
 * a service token) fit.
 *
 * @public
 */
export interface ReleaseCoordinationClientOptions {
  discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  fetchApi?: { fetch: typeof fetch };
}

/**
 * Which trains `listTrains` returns: optionally only those with one status, a page at a time.
 *
 * @public
 */
export interface ListTrainsRequest {
  status?: ReleaseTrainStatus;
  limit?: number;
  offset?: number;
}

/**
 * A scope of the dependency graph: `organization`, or the ref of a Domain, System or Group
 * (e.g. `system:default/checkout`).
 *
 * @public
 */
export type DependencyScopeParam = string;

/**
 * Which edges `listDependencyEdges` returns: those of a scope, optionally only between two
 * teams or only across teams, a page at a time.
 *
 * @public
 */
export interface ListDependencyEdgesRequest {
  scope: DependencyScopeParam;
  fromTeam?: string;
  toTeam?: string;
  crossTeamOnly?: boolean;
  limit?: number;
  offset?: number;
}

/**
 * The release-coordination API as seen by its callers.
 *
 * @public
 */
export interface ReleaseCoordinationApi {
  listTrains(request?: ListTrainsRequest): Promise<Page<ReleaseTrainSummary>>;
  getDependencySnapshot(): Promise<DependencySnapshotResponse>;
  /** Hands a refresh to the scheduled task; does not wait for the new snapshot. */
  refreshDependencies(): Promise<DependencyRefreshResponse>;
  getEntityDependencies(request: {
    entityRef: string;
    depth?: number;
  }): Promise<EntityDependenciesResponse>;
  getTeamMatrix(request: {
    scope: DependencyScopeParam;
  }): Promise<TeamMatrixResponse>;
  listDependencyEdges(
    request: ListDependencyEdgesRequest,
  ): Promise<DependencyEdgesResponse>;
  getBlastRadius(request: { entityRef: string }): Promise<BlastRadiusResponse>;
  getDeploymentWaves(request: {
    entityRefs: string[];
  }): Promise<DeploymentWavesResponse>;
  getOwnership(request: { entityRef: string }): Promise<OwnershipResponse>;
  createTrain(request: CreateTrainRequest): Promise<TrainDetail>;
  getTrain(request: { trainId: string }): Promise<TrainDetail>;
  updateTrain(
    request: UpdateTrainRequest & { trainId: string },
  ): Promise<TrainDetail>;
  addParticipant(
    request: AddParticipantRequest & { trainId: string },
  ): Promise<TrainDetail>;
  updateParticipant(request: {
    trainId: string;
    entityRef: string;
    targetVersion: string;
  }): Promise<TrainDetail>;
  removeParticipant(request: {
    trainId: string;
    entityRef: string;
    reason: string;
  }): Promise<TrainDetail>;
  getDependencyDrift(request: {
    trainId: string;
  }): Promise<TrainDependencyDrift>;
  advanceStage(request: {
    trainId: string;
    expectedStage: string;
  }): Promise<TrainDetail>;
  cancelTrain(request: {
    trainId: string;
    reason: string;
  }): Promise<TrainDetail>;
  /** Records that an active or released train's release was rolled back, with the reason. */
  rollBackTrain(request: {
    trainId: string;
    reason: string;
  }): Promise<TrainDetail>;
  listDecisions(request: {
    trainId: string;
    limit?: number;
    offset?: number;
  }): Promise<VisiblePage<TrainDecision>>;
  approveGate(request: {
    gateId: string;
    comment?: string;
  }): Promise<TrainGate>;
  rejectGate(request: { gateId: string; comment: string }): Promise<TrainGate>;
  waiveGate(request: {
    gateId: string;
    reason: string;
    until: string;
  }): Promise<TrainGate>;
  reportCheck(
    request: ReportCheckRequest & { trainId: string },
  ): Promise<CheckResult>;
  /** A page of the trains an entity takes part in, newest first (default 50 from 0). */
  listEntityTrains(
    request: { entityRef: string } & PageRequest,
  ): Promise<VisiblePage<EntityTrain>>;
  /** A page of the approval gates that wait for the caller's Groups (default 50 from 0). */
  listMyApprovals(request?: PageRequest): Promise<VisiblePage<MyApproval>>;
  /** The scorecard of a scope over a half-open period (`from` counts, `to` does not). */
  getScorecard(request: {
    scope: ScorecardScope;
    period: ScorecardPeriod;
  }): Promise<ScorecardResponse>;
  /**
   * A train's notes, its action items and the open items carried over from earlier trains:
   * the first page of each (`limit` long, default 20), with its total.
   */
  getRetrospective(request: {
    trainId: string;
    limit?: number;
  }): Promise<Retrospective>;
  /** A page of a train's retrospective notes, oldest first; of one column when given. */
  listRetrospectiveNotes(
    request: ListRetrospectiveNotesRequest & { trainId: string },
  ): Promise<Page<RetrospectiveNote>>;
  /** A page of the open items of earlier trains that concern the train's participants. */
  listCarriedOverActionItems(request: {
    trainId: string;
    limit?: number;
    offset?: number;
  }): Promise<VisiblePage<ActionItem>>;
  addRetrospectiveNote(
    request: AddRetrospectiveNoteRequest & { trainId: string },
  ): Promise<RetrospectiveNote>;
  deleteRetrospectiveNote(request: {
    trainId: string;
    noteId: string;
  }): Promise<void>;
  createActionItem(
    request: CreateActionItemRequest & { trainId: string },
  ): Promise<ActionItem>;
  updateActionItem(
    request: UpdateActionItemRequest & { itemId: string },
  ): Promise<ActionItem>;
  listActionItems(
    request?: ListActionItemsRequest,
  ): Promise<VisiblePage<ActionItem>>;
  /** The release dictionary: terms, responsibilities and escalation paths. */
  getDictionary(): Promise<ReleaseDictionary>;
  /** Reports a deployment as it starts or ends; the same `deploymentId` updates it. */
  reportDeployment(
    request: ReportDeploymentRequest & { trainId: string },
  ): Promise<DeploymentOutcome>;
  /** A page of a train's deployments, newest start first. */
  listDeployments(
    request: ListDeploymentsRequest & { trainId: string },
  ): Promise<VisiblePage<DeploymentOutcome>>;
  getRollbackReadiness(request: {
    trainId: string;
  }): Promise<TrainRollbackReadiness>;
  saveRollbackPlan(
    request: SaveRollbackPlanRequest & { trainId: string; entityRef: string },
  ): Promise<RollbackPlan>;
  reportRollbackDrill(
    request: ReportRollbackDrillRequest,
  ): Promise<RollbackDrill>;
  /** A page of a train's feature flags, expired first, with counts over all of them. */
  listFeatureFlags(request: {
    trainId: string;
    limit?: number;
    offset?: number;
  }): Promise<TrainFeatureFlags>;
  createFeatureFlag(
    request: CreateFeatureFlagRequest & { trainId: string },
  ): Promise<FeatureFlag>;
  updateFeatureFlag(
    request: UpdateFeatureFlagRequest & { flagId: string },
  ): Promise<FeatureFlag>;
  /** Participant × environment: the version deployed there and when. */
  getEnvironmentMatrix(request: {
    trainId: string;
  }): Promise<TrainEnvironmentMatrix>;
  /**
   * Which pairs of versions along the dependency edges among the train's participants were
   * tested together (check reports naming their counterpart), and which edges have no evidence.
   */
  getCompatibilityMatrix(request: {
    trainId: string;
  }): Promise<TrainCompatibilityMatrix>;
  /** Whether a version of an entity may be deployed to an environment now, and if not, why. */
  getDeployReadiness(request: {
    entityRef: string;
    version: string;
    environment: string;
  }): Promise<DeployReadiness>;

  /**
   * Records an incident, or news about a known one (same `source` and `externalId`), as an
   * incident tool or a pipeline reports it.
   */
  reportIncident(request: ReportIncidentRequest): Promise<Incident>;
  /** A page of incidents, newest start first: of an entity, or attributed to a train. */
  listIncidents(request?: ListIncidentsRequest): Promise<VisiblePage<Incident>>;
  /** An incident with the deployments that may have caused it, most likely first. */
  getIncident(request: { incidentId: string }): Promise<IncidentDetail>;
  /** Confirms which deployment caused an incident, or that none did. */
  attributeIncident(
    request: AttributeIncidentRequest & { incidentId: string },
  ): Promise<Incident>;

  /** Records leading indicators of a component, as CI measured them. */
  reportIndicators(request: ReportIndicatorsRequest): Promise<IndicatorReport>;
  /** A page of a component's indicator reports, newest measurement first. */
  listIndicators(request: {
    entityRef: string;
    limit?: number;
    offset?: number;
  }): Promise<VisiblePage<IndicatorReport>>;

  /** A page of the change freezes that overlap a period, earliest start first. */
  listFreezes(request?: {
    from?: string;
    to?: string;
    limit?: number;
    offset?: number;
  }): Promise<Page<FreezeWindow>>;
  /** Declares a change freeze (release managers). */
  declareFreeze(request: DeclareFreezeRequest): Promise<FreezeWindow>;
  /** Lifts a change freeze declared through the API (release managers). */
  liftFreeze(request: { freezeId: string }): Promise<void>;

  /**
   * The release calendar of a period (by default the 90 days from today): a page of the
   * trains planned in it, the freezes that overlap it and the trains' collisions.
   */
  getReleaseCalendar(
    request?: ReleaseCalendarRequest,
  ): Promise<ReleaseCalendar>;
  /** Where a train's plan collides with other active trains or with a change freeze. */
  getTrainCollisions(request: {
    trainId: string;
  }): Promise<TrainCollisionsResponse>;
  /** How risky a train is now, each factor with its weight and value. */
  getTrainRisk(request: { trainId: string }): Promise<TrainRiskScore>;
  /** What changed in a train since a time (by default 24 hours ago), one section per team. */
  getTrainStandup(request: {
    trainId: string;
    since?: string;
  }): Promise<TrainStandup>;
  /** A train's runbook: rollback steps, escalation contacts and the incident decision tree. */
  getTrainRunbook(request: { trainId: string }): Promise<TrainRunbook>;
  /** Declares an incident during a deploy: the participants' escalation contacts are told. */
  declareDeployIncident(
    request: { trainId: string } & DeclareDeployIncidentRequest,
  ): Promise<DeployIncidentDeclared>;
  /** A train's joint release review: its agenda, the teams' sign-offs and the register's state. */
  getTrainReview(request: { trainId: string }): Promise<TrainReleaseReview>;
  /** A page of a train's risk register, oldest first. */
  listReviewRisks(
    request: { trainId: string } & PageRequest,
  ): Promise<ReviewRiskPage>;
  registerReviewRisk(
    request: { trainId: string } & RegisterReviewRiskRequest,
  ): Promise<ReviewRisk>;
  updateReviewRisk(
    request: { trainId: string; riskId: string } & UpdateReviewRiskRequest,
  ): Promise<ReviewRisk>;
  /** Signs the review off for a team the caller is a member of. */
  signOffReview(
    request: { trainId: string } & SignOffReviewRequest,
  ): Promise<ReviewSignOff>;
  /** A page of the release cadences, by name. */
  listCadences(request?: PageRequest): Promise<Page<ReleaseCadence>>;
  createCadence(request: CreateCadenceRequest): Promise<ReleaseCadence>;
  /** A cadence with its roster, the next train pre-filled and the rotation's changes. */
  getCadence(request: { cadenceId: string }): Promise<CadenceDetail>;
  /** Replaces a cadence's ambassador roster, in rotation order. */
  setCadenceRoster(
    request: { cadenceId: string } & SetCadenceRosterRequest,
  ): Promise<CadenceDetail>;
  /** A page of the trains of a cadence, the newest first: who ran which. */
  listCadenceTrains(
    request: { cadenceId: string } & PageRequest,
  ): Promise<Page<CadenceTrain>>;
  /** Creates the next train of a cadence, with what the caller leaves out pre-filled. */
  createCadenceTrain(
    request: { cadenceId: string } & CreateCadenceTrainRequest,
  ): Promise<TrainDetail>;
  /** Records a skip or a swap of the rotation, with its reason. */
  recordRotationChange(
    request: { cadenceId: string } & RecordRotationChangeRequest,
  ): Promise<CadenceRotationChange>;
  /** Leaves handover notes of a train for the next ambassador of the series. */
  addCadenceHandover(
    request: { cadenceId: string } & AddCadenceHandoverRequest,
  ): Promise<CadenceHandover>;
}
