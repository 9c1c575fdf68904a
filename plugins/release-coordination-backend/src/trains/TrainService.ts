import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  AddParticipantRequest,
  CheckResult,
  CreateTrainRequest,
  TrainCadenceLink,
  EntityTrain,
  MyApproval,
  Page,
  ReleaseTrainSummary,
  ReportCheckRequest,
  TrainDecision,
  TrainDependencyDrift,
  TrainDetail,
  TrainGate,
  UpdateTrainRequest,
} from '@release-coordination/plugin-release-coordination-common';
import {
  TrainChangeContext,
  TrainServiceOptions,
  createTrainCore,
} from './core';
import { createTrainPlanning } from './planning';
import { createParticipantChanges } from './participants';
import { createOwnerSync } from './ownerSync';
import { createGateDecisions } from '../gates/decisions';
import { createTrainProgression } from './progression';
import { createTrainEndings } from './endings';
import { createTrainQueries } from './queries';
import { GateRecord, TrainListOptions, TrainRecord } from './TrainStore';

export type { TrainChangeContext, TrainServiceOptions } from './core';
export { PLUGIN_ACTOR_REF } from './core';
export { instantiateGates } from './gateInstances';

/** The domain operations on release trains, their gates and their decision log. */
export interface TrainService {
  /** Trains newest first, each with its stages, so a timeline needs no further request. */
  listTrains(options: TrainListOptions): Promise<Page<ReleaseTrainSummary>>;
  /** `cadence` places the train in a series: the cadence service gives it, never a request. */
  createTrain(
    request: CreateTrainRequest & { cadence?: TrainCadenceLink },
    credentials: BackstageCredentials,
    context?: TrainChangeContext,
  ): Promise<TrainDetail>;
  getTrain(trainId: string): Promise<TrainDetail>;
  /** Changes the plan of an active train: name, objective, ambassador, stage windows. */
  updateTrain(
    trainId: string,
    input: UpdateTrainRequest,
    credentials: BackstageCredentials,
    context?: TrainChangeContext,
  ): Promise<TrainDetail>;
  /**
   * Adds a catalog entity to an active train, with the per-participant gates of the current
   * stage and of every later one; stages already left are not reopened.
   */
  addParticipant(
    trainId: string,
    input: AddParticipantRequest,
    credentials: BackstageCredentials,
    context?: TrainChangeContext,
  ): Promise<TrainDetail>;
  updateParticipant(
    trainId: string,
    entityRef: string,
    input: { targetVersion: string },
    credentials: BackstageCredentials,
    context?: TrainChangeContext,
  ): Promise<TrainDetail>;
  /**
   * Takes a participant and its gates out of an active train; they stay on record, but no
   * longer show, wait for anyone or block the train.
   */
  removeParticipant(
    trainId: string,
    entityRef: string,
    input: { reason: string },
    credentials: BackstageCredentials,
    context?: TrainChangeContext,
  ): Promise<TrainDetail>;
  /**
   * Brings the owners of the participants of active trains up to the newest dependency
   * graph, and hands their undecided owner approvals to the new owner.
   */
  syncParticipantOwners(): Promise<{ changed: number }>;
  /** How the dependencies among the participants changed from stage to stage. */
  getDependencyDrift(trainId: string): Promise<TrainDependencyDrift>;
  /** A train as stored, without its gates; for authorisation by ambassador. */
  getTrainRecord(trainId: string): Promise<TrainRecord>;
  /** A gate as stored and the train it belongs to; for authorisation. */
  getGateWithTrain(gateId: string): Promise<{ gate: GateRecord; train: TrainRecord }>;
  listDecisions(
    trainId: string,
    page: { limit: number; offset: number },
  ): Promise<Page<TrainDecision>>;
  /**
   * The trains an entity takes part in, with its own gates. For a System: the trains of the
   * Components (and Resources) that are part of it, one item per participant, and of the
   * System itself.
   */
  listEntityTrains(
    entityRef: string,
    page: { limit: number; offset: number },
  ): Promise<Page<EntityTrain>>;
  /**
   * The approval gates of active trains that wait for a Group (or the user) the caller's
   * ownership refs include: pending, or failed and so open to a changed decision.
   */
  listMyApprovals(
    credentials: BackstageCredentials,
    page: { limit: number; offset: number },
  ): Promise<Page<MyApproval>>;
  approveGate(
    gateId: string,
    input: { comment?: string },
    credentials: BackstageCredentials,
    context?: TrainChangeContext,
  ): Promise<TrainGate>;
  rejectGate(
    gateId: string,
    input: { comment: string },
    credentials: BackstageCredentials,
    context?: TrainChangeContext,
  ): Promise<TrainGate>;
  waiveGate(
    gateId: string,
    input: { reason: string; until: Date },
    credentials: BackstageCredentials,
    context?: TrainChangeContext,
  ): Promise<TrainGate>;
  reportCheck(
    trainId: string,
    input: ReportCheckRequest,
    credentials: BackstageCredentials,
    context?: TrainChangeContext,
  ): Promise<CheckResult>;
  advanceStage(
    trainId: string,
    input: { expectedStage: string },
    credentials: BackstageCredentials,
    context?: TrainChangeContext,
  ): Promise<TrainDetail>;
  cancelTrain(
    trainId: string,
    input: { reason: string },
    credentials: BackstageCredentials,
    context?: TrainChangeContext,
  ): Promise<TrainDetail>;
  /**
   * Records that the train's release had to be rolled back in production: an active train (the
   * rollback came before the last stage was left) or a released one. Rolled-back trains count
   * as shipped in the scorecards; the participants' owners are told.
   */
  rollBackTrain(
    trainId: string,
    input: { reason: string },
    credentials: BackstageCredentials,
    context?: TrainChangeContext,
  ): Promise<TrainDetail>;
}


/** Creates the {@link TrainService} from its parts, which share one {@link TrainCore}. */
export function createTrainService(options: TrainServiceOptions): TrainService {
  const core = createTrainCore(options);
  return {
    ...createTrainQueries(core),
    ...createTrainPlanning(core),
    ...createParticipantChanges(core),
    ...createOwnerSync(core),
    ...createGateDecisions(core),
    ...createTrainProgression(core),
    ...createTrainEndings(core),
  };
}
