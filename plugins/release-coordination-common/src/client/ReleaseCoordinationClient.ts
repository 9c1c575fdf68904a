/** The HTTP implementation of {@link ReleaseCoordinationApi}. */
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

import {
  ListDependencyEdgesRequest,
  ListTrainsRequest,
  DependencyScopeParam,
  ReleaseCoordinationApi,
  ReleaseCoordinationClientOptions,
} from './api';
import { BackendHttp, createBackendHttp, participantPath, query } from './http';

/**
 * HTTP client of the release-coordination backend.
 *
 * @public
 */
export class ReleaseCoordinationClient implements ReleaseCoordinationApi {
  private readonly http: BackendHttp;

  constructor(options: ReleaseCoordinationClientOptions) {
    this.http = createBackendHttp(options);
  }

  async listTrains(
    request: ListTrainsRequest = {},
  ): Promise<Page<ReleaseTrainSummary>> {
    return this.http.get(`/trains${query({ ...request })}`);
  }

  getDependencySnapshot(): Promise<DependencySnapshotResponse> {
    return this.http.get('/dependencies/snapshot');
  }

  refreshDependencies(): Promise<DependencyRefreshResponse> {
    return this.http.send('POST', '/dependencies/refresh', {});
  }

  getEntityDependencies(request: {
    entityRef: string;
    depth?: number;
  }): Promise<EntityDependenciesResponse> {
    return this.http.get(
      `/dependencies/entity${query({ ref: request.entityRef, depth: request.depth })}`,
    );
  }

  getTeamMatrix(request: {
    scope: DependencyScopeParam;
  }): Promise<TeamMatrixResponse> {
    return this.http.get(
      `/dependencies/matrix${query({ scope: request.scope })}`,
    );
  }

  listDependencyEdges(
    request: ListDependencyEdgesRequest,
  ): Promise<DependencyEdgesResponse> {
    return this.http.get(`/dependencies/edges${query({ ...request })}`);
  }

  getBlastRadius(request: { entityRef: string }): Promise<BlastRadiusResponse> {
    return this.http.get(
      `/dependencies/blast-radius${query({ ref: request.entityRef })}`,
    );
  }

  getDeploymentWaves(request: {
    entityRefs: string[];
  }): Promise<DeploymentWavesResponse> {
    return this.http.send('POST', '/dependencies/waves', {
      entityRefs: request.entityRefs,
    });
  }

  getOwnership(request: { entityRef: string }): Promise<OwnershipResponse> {
    return this.http.get(`/ownership${query({ ref: request.entityRef })}`);
  }

  createTrain(request: CreateTrainRequest): Promise<TrainDetail> {
    return this.http.send('POST', '/trains', request);
  }

  getTrain(request: { trainId: string }): Promise<TrainDetail> {
    return this.http.get(`/trains/${encodeURIComponent(request.trainId)}`);
  }

  updateTrain(
    request: UpdateTrainRequest & { trainId: string },
  ): Promise<TrainDetail> {
    const { trainId, ...body } = request;
    return this.http.send(
      'PATCH',
      `/trains/${encodeURIComponent(trainId)}`,
      body,
    );
  }

  addParticipant(
    request: AddParticipantRequest & { trainId: string },
  ): Promise<TrainDetail> {
    const { trainId, ...body } = request;
    return this.http.send(
      'POST',
      `/trains/${encodeURIComponent(trainId)}/participants`,
      body,
    );
  }

  updateParticipant(request: {
    trainId: string;
    entityRef: string;
    targetVersion: string;
  }): Promise<TrainDetail> {
    const { trainId, entityRef, ...body } = request;
    return this.http.send('PATCH', participantPath(trainId, entityRef), body);
  }

  removeParticipant(request: {
    trainId: string;
    entityRef: string;
    reason: string;
  }): Promise<TrainDetail> {
    const { trainId, entityRef, ...body } = request;
    return this.http.send('DELETE', participantPath(trainId, entityRef), body);
  }

  getDependencyDrift(request: {
    trainId: string;
  }): Promise<TrainDependencyDrift> {
    return this.http.get(
      `/trains/${encodeURIComponent(request.trainId)}/dependency-drift`,
    );
  }

  advanceStage(request: {
    trainId: string;
    expectedStage: string;
  }): Promise<TrainDetail> {
    return this.http.send(
      'POST',
      `/trains/${encodeURIComponent(request.trainId)}/advance`,
      {
        expectedStage: request.expectedStage,
      },
    );
  }

  cancelTrain(request: {
    trainId: string;
    reason: string;
  }): Promise<TrainDetail> {
    return this.http.send(
      'POST',
      `/trains/${encodeURIComponent(request.trainId)}/cancel`,
      {
        reason: request.reason,
      },
    );
  }

  rollBackTrain(request: {
    trainId: string;
    reason: string;
  }): Promise<TrainDetail> {
    return this.http.send(
      'POST',
      `/trains/${encodeURIComponent(request.trainId)}/roll-back`,
      {
        reason: request.reason,
      },
    );
  }

  listDecisions(request: {
    trainId: string;
    limit?: number;
    offset?: number;
  }): Promise<VisiblePage<TrainDecision>> {
    const { trainId, ...paging } = request;
    return this.http.get(
      `/trains/${encodeURIComponent(trainId)}/decisions${query(paging)}`,
    );
  }

  approveGate(request: {
    gateId: string;
    comment?: string;
  }): Promise<TrainGate> {
    const { gateId, ...body } = request;
    return this.http.send(
      'POST',
      `/gates/${encodeURIComponent(gateId)}/approve`,
      body,
    );
  }

  rejectGate(request: { gateId: string; comment: string }): Promise<TrainGate> {
    const { gateId, ...body } = request;
    return this.http.send(
      'POST',
      `/gates/${encodeURIComponent(gateId)}/reject`,
      body,
    );
  }

  waiveGate(request: {
    gateId: string;
    reason: string;
    until: string;
  }): Promise<TrainGate> {
    const { gateId, ...body } = request;
    return this.http.send(
      'POST',
      `/gates/${encodeURIComponent(gateId)}/waive`,
      body,
    );
  }

  reportCheck(
    request: ReportCheckRequest & { trainId: string },
  ): Promise<CheckResult> {
    const { trainId, ...body } = request;
    return this.http.send(
      'POST',
      `/trains/${encodeURIComponent(trainId)}/checks`,
      body,
    );
  }

  listEntityTrains(
    request: { entityRef: string } & PageRequest,
  ): Promise<VisiblePage<EntityTrain>> {
    const { entityRef, limit, offset } = request;
    return this.http.get(
      `/entity-trains${query({ ref: entityRef, limit, offset })}`,
    );
  }

  listMyApprovals(request: PageRequest = {}): Promise<VisiblePage<MyApproval>> {
    return this.http.get(
      `/approvals/mine${query({ limit: request.limit, offset: request.offset })}`,
    );
  }

  getScorecard(request: {
    scope: ScorecardScope;
    period: ScorecardPeriod;
  }): Promise<ScorecardResponse> {
    const { scope, period } = request;
    let ref: string | undefined;
    if (scope.kind === 'train') ref = scope.id;
    else if (scope.kind !== 'organization') ref = scope.ref;
    return this.http.get(
      `/scorecards${query({ scope: scope.kind, ref, from: period.from, to: period.to })}`,
    );
  }

  getRetrospective(request: {
    trainId: string;
    limit?: number;
  }): Promise<Retrospective> {
    const { trainId, ...paging } = request;
    return this.http.get(
      `/trains/${encodeURIComponent(trainId)}/retrospective${query(paging)}`,
    );
  }

  listRetrospectiveNotes(
    request: ListRetrospectiveNotesRequest & { trainId: string },
  ): Promise<Page<RetrospectiveNote>> {
    const { trainId, ...params } = request;
    return this.http.get(
      `/trains/${encodeURIComponent(trainId)}/retrospective/notes${query({ ...params })}`,
    );
  }

  listCarriedOverActionItems(request: {
    trainId: string;
    limit?: number;
    offset?: number;
  }): Promise<VisiblePage<ActionItem>> {
    const { trainId, ...paging } = request;
    return this.http.get(
      `/trains/${encodeURIComponent(trainId)}/retrospective/carried-over${query(paging)}`,
    );
  }

  addRetrospectiveNote(
    request: AddRetrospectiveNoteRequest & { trainId: string },
  ): Promise<RetrospectiveNote> {
    const { trainId, ...body } = request;
    return this.http.send(
      'POST',
      `/trains/${encodeURIComponent(trainId)}/retrospective/notes`,
      body,
    );
  }

  async deleteRetrospectiveNote(request: {
    trainId: string;
    noteId: string;
  }): Promise<void> {
    const { trainId, noteId } = request;
    // Answered with 204 and no body.
    await this.http.delete(
      `/trains/${encodeURIComponent(trainId)}/retrospective/notes/${encodeURIComponent(noteId)}`,
    );
  }

  createActionItem(
    request: CreateActionItemRequest & { trainId: string },
  ): Promise<ActionItem> {
    const { trainId, ...body } = request;
    return this.http.send(
      'POST',
      `/trains/${encodeURIComponent(trainId)}/action-items`,
      body,
    );
  }

  updateActionItem(
    request: UpdateActionItemRequest & { itemId: string },
  ): Promise<ActionItem> {
    const { itemId, ...body } = request;
    return this.http.send(
      'PATCH',
      `/action-items/${encodeURIComponent(itemId)}`,
      body,
    );
  }

  listActionItems(
    request: ListActionItemsRequest = {},
  ): Promise<VisiblePage<ActionItem>> {
    return this.http.get(`/action-items${query({ ...request })}`);
  }

  getDictionary(): Promise<ReleaseDictionary> {
    return this.http.get('/dictionary');
  }

  reportDeployment(
    request: ReportDeploymentRequest & { trainId: string },
  ): Promise<DeploymentOutcome> {
    const { trainId, ...body } = request;
    return this.http.send(
      'POST',
      `/trains/${encodeURIComponent(trainId)}/deployments`,
      body,
    );
  }

  listDeployments(
    request: ListDeploymentsRequest & { trainId: string },
  ): Promise<VisiblePage<DeploymentOutcome>> {
    const { trainId, ...params } = request;
    return this.http.get(
      `/trains/${encodeURIComponent(trainId)}/deployments${query({ ...params })}`,
    );
  }

  getRollbackReadiness(request: {
    trainId: string;
  }): Promise<TrainRollbackReadiness> {
    return this.http.get(
      `/trains/${encodeURIComponent(request.trainId)}/rollback-readiness`,
    );
  }

  saveRollbackPlan(
    request: SaveRollbackPlanRequest & { trainId: string; entityRef: string },
  ): Promise<RollbackPlan> {
    const { trainId, entityRef, ...body } = request;
    return this.http.send(
      'PUT',
      `/trains/${encodeURIComponent(trainId)}/participants/${encodeURIComponent(entityRef)}/rollback-plan`,
      body,
    );
  }

  reportRollbackDrill(
    request: ReportRollbackDrillRequest,
  ): Promise<RollbackDrill> {
    return this.http.send('POST', '/rollback-drills', request);
  }

  listFeatureFlags(request: {
    trainId: string;
    limit?: number;
    offset?: number;
  }): Promise<TrainFeatureFlags> {
    const { trainId, ...paging } = request;
    return this.http.get(
      `/trains/${encodeURIComponent(trainId)}/flags${query(paging)}`,
    );
  }

  createFeatureFlag(
    request: CreateFeatureFlagRequest & { trainId: string },
  ): Promise<FeatureFlag> {
    const { trainId, ...body } = request;
    return this.http.send(
      'POST',
      `/trains/${encodeURIComponent(trainId)}/flags`,
      body,
    );
  }

  updateFeatureFlag(
    request: UpdateFeatureFlagRequest & { flagId: string },
  ): Promise<FeatureFlag> {
    const { flagId, ...body } = request;
    return this.http.send(
      'PATCH',
      `/flags/${encodeURIComponent(flagId)}`,
      body,
    );
  }

  getCompatibilityMatrix(request: {
    trainId: string;
  }): Promise<TrainCompatibilityMatrix> {
    return this.http.get(
      `/trains/${encodeURIComponent(request.trainId)}/compatibility`,
    );
  }

  getEnvironmentMatrix(request: {
    trainId: string;
  }): Promise<TrainEnvironmentMatrix> {
    return this.http.get(
      `/trains/${encodeURIComponent(request.trainId)}/environments`,
    );
  }

  getDeployReadiness(request: {
    entityRef: string;
    version: string;
    environment: string;
  }): Promise<DeployReadiness> {
    return this.http.get(`/deploy-readiness${query(request)}`);
  }

  reportIncident(request: ReportIncidentRequest): Promise<Incident> {
    return this.http.send('POST', '/incidents', request);
  }

  listIncidents(
    request: ListIncidentsRequest = {},
  ): Promise<VisiblePage<Incident>> {
    return this.http.get(`/incidents${query({ ...request })}`);
  }

  getIncident(request: { incidentId: string }): Promise<IncidentDetail> {
    return this.http.get(
      `/incidents/${encodeURIComponent(request.incidentId)}`,
    );
  }

  attributeIncident(
    request: AttributeIncidentRequest & { incidentId: string },
  ): Promise<Incident> {
    const { incidentId, ...body } = request;
    return this.http.send(
      'POST',
      `/incidents/${encodeURIComponent(incidentId)}/attribution`,
      body,
    );
  }

  reportIndicators(request: ReportIndicatorsRequest): Promise<IndicatorReport> {
    return this.http.send('POST', '/indicators', request);
  }

  listIndicators(request: {
    entityRef: string;
    limit?: number;
    offset?: number;
  }): Promise<VisiblePage<IndicatorReport>> {
    return this.http.get(`/indicators${query({ ...request })}`);
  }

  listFreezes(
    request: {
      from?: string;
      to?: string;
      limit?: number;
      offset?: number;
    } = {},
  ): Promise<Page<FreezeWindow>> {
    return this.http.get(`/freezes${query({ ...request })}`);
  }

  declareFreeze(request: DeclareFreezeRequest): Promise<FreezeWindow> {
    return this.http.send('POST', '/freezes', request);
  }

  async liftFreeze(request: { freezeId: string }): Promise<void> {
    await this.http.send(
      'DELETE',
      `/freezes/${encodeURIComponent(request.freezeId)}`,
    );
  }

  getReleaseCalendar(
    request: ReleaseCalendarRequest = {},
  ): Promise<ReleaseCalendar> {
    return this.http.get(`/calendar${query({ ...request })}`);
  }

  getTrainCollisions(request: {
    trainId: string;
  }): Promise<TrainCollisionsResponse> {
    return this.http.get(
      `/trains/${encodeURIComponent(request.trainId)}/collisions`,
    );
  }

  getTrainRisk(request: { trainId: string }): Promise<TrainRiskScore> {
    return this.http.get(`/trains/${encodeURIComponent(request.trainId)}/risk`);
  }

  getTrainStandup(request: {
    trainId: string;
    since?: string;
  }): Promise<TrainStandup> {
    const { trainId, ...rest } = request;
    return this.http.get(
      `/trains/${encodeURIComponent(trainId)}/standup${query({ ...rest })}`,
    );
  }

  getTrainRunbook(request: { trainId: string }): Promise<TrainRunbook> {
    return this.http.get(
      `/trains/${encodeURIComponent(request.trainId)}/runbook`,
    );
  }

  declareDeployIncident(
    request: { trainId: string } & DeclareDeployIncidentRequest,
  ): Promise<DeployIncidentDeclared> {
    const { trainId, ...body } = request;
    return this.http.send(
      'POST',
      `/trains/${encodeURIComponent(trainId)}/runbook/incidents`,
      body,
    );
  }

  getTrainReview(request: { trainId: string }): Promise<TrainReleaseReview> {
    return this.http.get(
      `/trains/${encodeURIComponent(request.trainId)}/review`,
    );
  }

  listReviewRisks(
    request: { trainId: string } & PageRequest,
  ): Promise<ReviewRiskPage> {
    const { trainId, ...paging } = request;
    return this.http.get(
      `/trains/${encodeURIComponent(trainId)}/review/risks${query(paging)}`,
    );
  }

  registerReviewRisk(
    request: { trainId: string } & RegisterReviewRiskRequest,
  ): Promise<ReviewRisk> {
    const { trainId, ...body } = request;
    return this.http.send(
      'POST',
      `/trains/${encodeURIComponent(trainId)}/review/risks`,
      body,
    );
  }

  updateReviewRisk(
    request: { trainId: string; riskId: string } & UpdateReviewRiskRequest,
  ): Promise<ReviewRisk> {
    const { trainId, riskId, ...body } = request;
    return this.http.send(
      'PATCH',
      `/trains/${encodeURIComponent(trainId)}/review/risks/${encodeURIComponent(riskId)}`,
      body,
    );
  }

  signOffReview(
    request: { trainId: string } & SignOffReviewRequest,
  ): Promise<ReviewSignOff> {
    const { trainId, ...body } = request;
    return this.http.send(
      'POST',
      `/trains/${encodeURIComponent(trainId)}/review/sign-offs`,
      body,
    );
  }

  listCadences(request: PageRequest = {}): Promise<Page<ReleaseCadence>> {
    return this.http.get(`/cadences${query({ ...request })}`);
  }

  createCadence(request: CreateCadenceRequest): Promise<ReleaseCadence> {
    return this.http.send('POST', '/cadences', request);
  }

  getCadence(request: { cadenceId: string }): Promise<CadenceDetail> {
    return this.http.get(`/cadences/${encodeURIComponent(request.cadenceId)}`);
  }

  setCadenceRoster(
    request: { cadenceId: string } & SetCadenceRosterRequest,
  ): Promise<CadenceDetail> {
    const { cadenceId, ...body } = request;
    return this.http.send(
      'PUT',
      `/cadences/${encodeURIComponent(cadenceId)}/roster`,
      body,
    );
  }

  listCadenceTrains(
    request: { cadenceId: string } & PageRequest,
  ): Promise<Page<CadenceTrain>> {
    const { cadenceId, ...paging } = request;
    return this.http.get(
      `/cadences/${encodeURIComponent(cadenceId)}/trains${query(paging)}`,
    );
  }

  createCadenceTrain(
    request: { cadenceId: string } & CreateCadenceTrainRequest,
  ): Promise<TrainDetail> {
    const { cadenceId, ...body } = request;
    return this.http.send(
      'POST',
      `/cadences/${encodeURIComponent(cadenceId)}/trains`,
      body,
    );
  }

  recordRotationChange(
    request: { cadenceId: string } & RecordRotationChangeRequest,
  ): Promise<CadenceRotationChange> {
    const { cadenceId, ...body } = request;
    return this.http.send(
      'POST',
      `/cadences/${encodeURIComponent(cadenceId)}/rotation`,
      body,
    );
  }

  addCadenceHandover(
    request: { cadenceId: string } & AddCadenceHandoverRequest,
  ): Promise<CadenceHandover> {
    const { cadenceId, ...body } = request;
    return this.http.send(
      'POST',
      `/cadences/${encodeURIComponent(cadenceId)}/handovers`,
      body,
    );
  }
}
