import {
  AuditorService,
  AuditorServiceCreateEventOptions,
  BackstageCredentials,
  LoggerService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import { ConflictError, InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AddParticipantRequest,
  CheckResult,
  CreateTrainRequest,
  EntityTrain,
  GateState,
  MyApproval,
  Page,
  ReleaseTrainSummary,
  ReportCheckRequest,
  StageDefinition,
  StageWindow,
  TrainDecision,
  TrainDependencyDrift,
  TrainDetail,
  TrainGate,
  TrainParticipant,
  TrainStage,
  UpdateTrainRequest,
  entityRefKind,
  normalizeEntityRef,
} from '@release-coordination/plugin-release-coordination-common';
import {
  GateRule,
  GateRuleOutcome,
  TrainGateRuleContext,
  approvalGateState,
  isGateSatisfied,
} from '@release-coordination/plugin-release-coordination-node';
import { randomUUID } from 'node:crypto';
import {
  GateRecord,
  NewDecision,
  NewGate,
  PlannedStage,
  TrainListOptions,
  TrainRecord,
  TrainStore,
  TrainStoreSession,
} from './TrainStore';
import { DependencySnapshotService } from '../dependencies/DependencySnapshotService';
import {
  TrainNotification,
  ambassadorAssignedNotification,
  createTrainAnnouncer,
  gateFailedNotification,
  gatesAwaitingNotifications,
  ownersOfDependents,
  stageAdvancedNotification,
} from './announcements';
import { actorRefOf, audited as auditedChange, ownershipOf, requireActive } from '../access';
import { loadTrainDependencyDrift, upstreamEdgesAmong } from './dependencyDrift';
import { upstreamPassedStage } from './rules';

/**
 * Where a change was asked for. The HTTP request goes to the auditor, which records who asked
 * and from where.
 */
export interface TrainChangeContext {
  request?: AuditorServiceCreateEventOptions['request'];
}

/** The actor of changes the plugin makes on its own, such as keeping owners current. */
export const PLUGIN_ACTOR_REF = 'plugin:release-coordination';

/** The domain operations on release trains, their gates and their decision log. */
export interface TrainService {
  /** Trains newest first, each with its stages, so a timeline needs no further request. */
  listTrains(options: TrainListOptions): Promise<Page<ReleaseTrainSummary>>;
  createTrain(
    request: CreateTrainRequest,
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
  /** The train a gate belongs to; for authorisation by ambassador. */
  getTrainOfGate(gateId: string): Promise<TrainRecord>;
  listDecisions(
    trainId: string,
    page: { limit: number; offset: number },
  ): Promise<Page<TrainDecision>>;
  /**
   * The trains an entity takes part in, with its own gates. For a System: the trains of the
   * Components (and Resources) that are part of it, one item per participant, and of the
   * System itself.
   */
  listEntityTrains(entityRef: string): Promise<EntityTrain[]>;
  /**
   * The approval gates of active trains that wait for a Group (or the user) the caller's
   * ownership refs include: pending, or failed and so open to a changed decision.
   */
  listMyApprovals(credentials: BackstageCredentials): Promise<MyApproval[]>;
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

export interface TrainServiceOptions {
  store: TrainStore;
  snapshots: Pick<DependencySnapshotService, 'current'>;
  userInfo: UserInfoService;
  auditor: AuditorService;
  stages: StageDefinition[];
  /** Looks up a gate rule by id: the built-in ones and those from modules. */
  gateRule: (id: string) => GateRule | undefined;
  /** Broadcasts `train-changed` on the `release-coordination` channel after each change. */
  signals: Pick<SignalsService, 'publish'>;
  /** Tells teams about gates awaiting them, failures and stage changes. */
  notifications: Pick<NotificationService, 'send'>;
  logger: LoggerService;
  now?: () => Date;
}

function describeGate(gate: TrainGate): string {
  const who = gate.participantRef ? ` for ${gate.participantRef}` : '';
  return `'${gate.title}'${who} (${gate.id}, ${gate.state})`;
}

/**
 * The gates that must be passed or waived to leave a stage: every gate of the stage itself,
 * entry and exit (entry gates must still hold when the stage is left), and the entry gates of
 * the next stage.
 */
export function gatesGuardingExit(
  gates: TrainGate[],
  stage: string,
  nextStage: string | undefined,
): TrainGate[] {
  return gates.filter(
    gate => gate.stage === stage || (gate.stage === nextStage && gate.phase === 'entry'),
  );
}

/**
 * The stages of a train as people see them at `at`: done, current or upcoming, and late when
 * the train is still in a stage whose window has ended.
 */
export function trainStages(
  train: Pick<TrainRecord, 'status' | 'currentStage' | 'stagePlan'>,
  at: Date,
): TrainStage[] {
  const currentIndex = train.stagePlan.findIndex(stage => stage.name === train.currentStage);
  return train.stagePlan.map((stage, index) => {
    let status: TrainStage['status'];
    if (train.status === 'released' || index < currentIndex) status = 'done';
    else if (index === currentIndex) status = 'current';
    else status = 'upcoming';
    const late =
      train.status === 'active' &&
      status === 'current' &&
      stage.window !== undefined &&
      at.getTime() > new Date(stage.window.end).getTime();
    return {
      name: stage.name,
      title: stage.title,
      ...(stage.window ? { window: stage.window } : {}),
      status,
      late,
    };
  });
}

/** A stored train as the API shows it: without its version, with its stages at `at`. */
export function summarizeTrain(train: TrainRecord, at: Date): ReleaseTrainSummary {
  const { version: _version, stagePlan: _stagePlan, ...summary } = train;
  return { ...summary, stages: trainStages(train, at) };
}

const sameWindow = (a: StageWindow | undefined, b: StageWindow) =>
  a !== undefined &&
  Date.parse(a.start) === Date.parse(b.start) &&
  Date.parse(a.end) === Date.parse(b.end);

/** The topic of the notice that a train was rolled back, so that it can be muted on its own. */
export const TRAIN_ROLLED_BACK_TOPIC = 'release-coordination.train-rolled-back';

/**
 * A rollback usually follows the release right away, so a released train may still be marked
 * rolled back, as may an active one whose deployment was undone before its last stage was left.
 * A cancelled train never shipped, and a rolled-back one is already on record as such.
 */
export function requireRollbackable(train: Pick<TrainRecord, 'name' | 'status'>): void {
  if (train.status !== 'active' && train.status !== 'released') {
    throw new ConflictError(
      `Train '${train.name}' is ${train.status}; only an active or released train can be ` +
        'marked rolled back',
    );
  }
}

/**
 * Every participant's owner hears that the train's release was rolled back, and why: their
 * change is no longer in production.
 */
export function trainRolledBackNotification(
  train: Pick<TrainRecord, 'id' | 'name'>,
  reason: string,
  participants: TrainParticipant[],
): TrainNotification | undefined {
  const owners = [
    ...new Set(participants.flatMap(p => (p.ownerRef ? [p.ownerRef] : []))),
  ].sort();
  if (owners.length === 0) return undefined;
  return {
    recipients: { type: 'entity', entityRef: owners },
    payload: {
      title: `Release train '${train.name}' was rolled back`,
      description: reason,
      link: `/release-coordination/trains/${train.id}`,
      severity: 'high',
      topic: TRAIN_ROLLED_BACK_TOPIC,
    },
  };
}

/** Creates the {@link TrainService}. */
export function createTrainService(options: TrainServiceOptions): TrainService {
  const { store, snapshots, userInfo, auditor, stages, gateRule } = options;
  const now = options.now ?? (() => new Date());
  const stageNames = stages.map(stage => stage.name);
  const { announce } = createTrainAnnouncer(options);

  /** A rejected approval or failed check, for the ambassador and the dependents' owners. */
  async function failureNotifications(
    train: TrainRecord,
    failure: { what: string; participantRef?: string; detail: string },
  ): Promise<TrainNotification[]> {
    let dependentOwners: string[] = [];
    if (failure.participantRef) {
      const { index } = await snapshots.current();
      const participants = await store.listParticipants(train.id);
      dependentOwners = ownersOfDependents(index, failure.participantRef, participants);
    }
    return [gateFailedNotification(train, failure, dependentOwners)];
  }

  /** Runs a state change as an audit event, with the request it came in when there is one. */
  function audited<T>(
    eventId: string,
    meta: Record<string, string>,
    context: TrainChangeContext | undefined,
    work: () => Promise<T>,
  ): Promise<T> {
    return auditedChange(auditor, eventId, meta, work, context?.request);
  }

  async function requireTrain(session: TrainStoreSession, trainId: string, lock = false) {
    const train = await session.getTrain(trainId, { lock });
    if (!train) throw new NotFoundError(`No release train with id '${trainId}'`);
    return train;
  }

  async function requireGate(session: TrainStoreSession, gateId: string, lock = false) {
    const gate = await session.getGate(gateId, { lock });
    if (!gate) throw new NotFoundError(`No gate with id '${gateId}'`);
    return gate;
  }

  /** A gate that left the train with its participant takes no more decisions. */
  function requireCounting(gate: GateRecord): void {
    if (gate.removedAt) {
      throw new ConflictError(
        `Gate ${gate.id} no longer counts: ${gate.participantRef} was removed from the train`,
      );
    }
  }

  /**
   * What a change of a participant starts from: its train, active and locked until the
   * transaction ends, and the participant as it takes part now.
   */
  async function requireParticipantOfActiveTrain(
    session: TrainStoreSession,
    trainId: string,
    entityRef: string,
  ): Promise<{ train: TrainRecord; participant: TrainParticipant }> {
    const train = await requireTrain(session, trainId, true);
    requireActive(train);
    const participant = await session.getParticipant(train.id, entityRef);
    if (!participant || participant.removedAt) {
      throw new NotFoundError(`${entityRef} does not take part in train '${train.name}'`);
    }
    const { removedAt: _removedAt, ...current } = participant;
    return { train, participant: current };
  }

  /**
   * An approval gate reads as its decisions make it now: one passed by approvals that have
   * since expired is pending again, wherever it is read. What is stored catches up when the
   * stage is next advanced. Waived gates keep their waiver.
   */
  function withExpiry(gate: TrainGate, at: Date): TrainGate {
    if (gate.kind !== 'approval' || gate.state === 'waived') return gate;
    const state = approvalGateState(gate.approvals, gate.quorum, at);
    return state === gate.state ? gate : { ...gate, state };
  }

  /** Whether a gate's approver follows the participant's owner, by its template. */
  function approvedByOwner(gate: Pick<GateRecord, 'templateId' | 'config'>): boolean {
    if (gate.config.approversFromOwner !== undefined) return gate.config.approversFromOwner;
    // Gates instantiated before the flag was stored: ask the configured template.
    const template = stages
      .flatMap(stage => [...stage.entryGates, ...stage.exitGates])
      .find(candidate => candidate.id === gate.templateId);
    return template?.approvers === 'participant-owner';
  }

  async function gateDetail(gateId: string): Promise<TrainGate> {
    const gate = await requireGate(store, gateId);
    const gates = await store.listGates(
      gate.trainId,
      gate.participantRef ? { participantRef: gate.participantRef } : undefined,
    );
    return withExpiry(gates.find(g => g.id === gateId)!, now());
  }

  function sortGates(gates: TrainGate[], plan: string[]): TrainGate[] {
    const position = (stage: string) => {
      const index = plan.indexOf(stage);
      return index < 0 ? plan.length : index;
    };
    return [...gates].sort(
      (a, b) =>
        position(a.stage) - position(b.stage) ||
        (a.phase === b.phase ? 0 : a.phase === 'entry' ? -1 : 1) ||
        a.templateId.localeCompare(b.templateId) ||
        (a.participantRef ?? '').localeCompare(b.participantRef ?? ''),
    );
  }

  const stageOrder = (train: TrainRecord) => train.stagePlan.map(stage => stage.name);

  async function getTrain(trainId: string): Promise<TrainDetail> {
    const train = await requireTrain(store, trainId);
    const [participants, gates] = await Promise.all([
      store.listParticipants(trainId),
      store.listGates(trainId),
    ]);
    const at = now();
    return {
      ...summarizeTrain(train, at),
      participants,
      gates: sortGates(
        gates.map(gate => withExpiry(gate, at)),
        stageOrder(train),
      ),
    };
  }

  async function listTrains(options: TrainListOptions): Promise<Page<ReleaseTrainSummary>> {
    const page = await store.listTrains(options);
    const at = now();
    return { ...page, items: page.items.map(train => summarizeTrain(train, at)) };
  }

  async function createTrain(
    request: CreateTrainRequest,
    credentials: BackstageCredentials,
    context?: TrainChangeContext,
  ): Promise<TrainDetail> {
    const actorRef = actorRefOf(credentials);
    return audited('train-create', { actor: actorRef, name: request.name }, context, async () => {
      const unknownStages = Object.keys(request.stageWindows).filter(
        name => !stageNames.includes(name),
      );
      if (unknownStages.length > 0) {
        throw new InputError(
          `Unknown stage(s) in stageWindows: ${unknownStages.join(', ')}; ` +
            `the stages are ${stageNames.join(', ')}`,
        );
      }
      const refs = request.participants.map(p => normalizeEntityRef(p.entityRef));
      const duplicates = refs.filter((ref, i) => refs.indexOf(ref) !== i);
      if (duplicates.length > 0) {
        throw new InputError(`Participants listed twice: ${[...new Set(duplicates)].join(', ')}`);
      }
      const { meta, index } = await snapshots.current();
      const unknown = refs.filter(ref => !index.node(ref));
      if (unknown.length > 0) {
        throw new InputError(`Unknown entities, not in the catalog: ${unknown.join(', ')}`);
      }
      // One place resolves an owner: the dependency graph, derived from the catalog.
      const participants: TrainParticipant[] = request.participants.map((p, i) => {
        const ownerRef = index.node(refs[i])?.owner;
        return {
          entityRef: refs[i],
          targetVersion: p.targetVersion,
          ...(ownerRef ? { ownerRef } : {}),
        };
      });

      const trainId = randomUUID();
      const createdAt = now().toISOString();
      const train: TrainRecord = {
        id: trainId,
        name: request.name,
        objective: request.objective,
        ambassadorRef: normalizeEntityRef(request.ambassadorRef, 'user'),
        status: 'active',
        currentStage: stages[0].name,
        createdAt,
        updatedAt: createdAt,
        version: 0,
        stagePlan: stages.map(stage => ({
          name: stage.name,
          title: stage.title,
          ...(request.stageWindows[stage.name] ? { window: request.stageWindows[stage.name] } : {}),
        })),
      };
      const gates = instantiateGates(trainId, stages, participants);
      await store.transaction(async tx => {
        await tx.insertTrain(train);
        await tx.insertParticipants(trainId, participants);
        await tx.insertGates(gates);
        // The starting point of the train's dependency drift: it "enters" its first stage.
        await tx.insertStageSnapshot({
          trainId,
          stage: train.currentStage,
          toStage: train.currentStage,
          dependencySnapshotVersion: meta.version,
          upstreamEdges: upstreamEdgesAmong(index, refs),
        });
        await tx.appendDecision({
          trainId,
          actorRef,
          action: 'train.created',
          subject: trainId,
          after: {
            name: train.name,
            ambassadorRef: train.ambassadorRef,
            participants: participants.map(p => p.entityRef),
            gateCount: gates.length,
          },
        });
      });
      const detail = await getTrain(trainId);
      await announce(trainId, async () =>
        gatesAwaitingNotifications(detail, detail.currentStage, detail.gates),
      );
      return detail;
    });
  }

  async function updateTrain(
    trainId: string,
    input: UpdateTrainRequest,
    credentials: BackstageCredentials,
    context?: TrainChangeContext,
  ): Promise<TrainDetail> {
    const actorRef = actorRefOf(credentials);
    return audited('train-update', { actor: actorRef, trainId }, context, async () => {
      const changed = await store.transaction(async tx => {
        const train = await requireTrain(tx, trainId, true);
        requireActive(train);
        const windows = input.stageWindows ?? {};
        const planned = train.stagePlan.map(stage => stage.name);
        const unknownStages = Object.keys(windows).filter(name => !planned.includes(name));
        if (unknownStages.length > 0) {
          throw new InputError(
            `Unknown stage(s) in stageWindows: ${unknownStages.join(', ')}; ` +
              `the stages of train '${train.name}' are ${planned.join(', ')}`,
          );
        }
        // Only what actually changes is written and logged, each field before and after.
        const before: Record<string, unknown> = {};
        const after: Record<string, unknown> = {};
        const patch: {
          name?: string;
          objective?: string;
          ambassadorRef?: string;
          stagePlan?: PlannedStage[];
        } = {};
        if (input.name !== undefined && input.name !== train.name) {
          before.name = train.name;
          after.name = patch.name = input.name;
        }
        if (input.objective !== undefined && input.objective !== train.objective) {
          before.objective = train.objective;
          after.objective = patch.objective = input.objective;
        }
        const ambassadorRef =
          input.ambassadorRef !== undefined
            ? normalizeEntityRef(input.ambassadorRef, 'user')
            : undefined;
        if (ambassadorRef !== undefined && ambassadorRef !== train.ambassadorRef) {
          before.ambassadorRef = train.ambassadorRef;
          after.ambassadorRef = patch.ambassadorRef = ambassadorRef;
        }
        const movedWindows = train.stagePlan.filter(
          stage => windows[stage.name] && !sameWindow(stage.window, windows[stage.name]),
        );
        if (movedWindows.length > 0) {
          before.stageWindows = Object.fromEntries(
            movedWindows.map(stage => [stage.name, stage.window ?? null]),
          );
          after.stageWindows = Object.fromEntries(
            movedWindows.map(stage => [stage.name, windows[stage.name]]),
          );
          patch.stagePlan = train.stagePlan.map(stage =>
            windows[stage.name] ? { ...stage, window: windows[stage.name] } : stage,
          );
        }
        if (Object.keys(patch).length === 0) return undefined; // Nothing to record.
        await tx.updateTrain(trainId, train.version, patch);
        await tx.appendDecision({
          trainId,
          actorRef,
          action: 'train.updated',
          subject: trainId,
          before,
          after,
        });
        return { previousAmbassadorRef: train.ambassadorRef, ambassadorRef: patch.ambassadorRef };
      });
      const detail = await getTrain(trainId);
      if (changed) {
        const { previousAmbassadorRef, ambassadorRef } = changed;
        await announce(
          trainId,
          ambassadorRef
            ? async () => [ambassadorAssignedNotification(detail, previousAmbassadorRef, actorRef)]
            : undefined,
        );
      }
      return detail;
    });
  }

  /** The per-participant gates a newcomer gets: those of the current stage and later ones. */
  /**
   * Logs a change of who takes part in a train, and bumps the train's version so that a
   * concurrent writer that read the participants retries.
   */
  async function logParticipantChange(
    tx: TrainStoreSession,
    train: TrainRecord,
    entityRef: string,
    actorRef: string,
    entry: Pick<NewDecision, 'action' | 'before' | 'after' | 'reason'>,
  ): Promise<void> {
    await tx.updateTrain(train.id, train.version, {});
    await tx.appendDecision({
      trainId: train.id,
      entityRef,
      actorRef,
      subject: entityRef,
      ...entry,
    });
  }

  function gatesOfNewcomer(train: TrainRecord, participant: TrainParticipant): NewGate[] {
    const current = train.stagePlan.findIndex(stage => stage.name === train.currentStage);
    const ahead = new Set(train.stagePlan.slice(Math.max(current, 0)).map(stage => stage.name));
    return instantiateGates(
      train.id,
      stages.filter(stage => ahead.has(stage.name)),
      [participant],
    ).filter(gate => gate.participantRef === participant.entityRef);
  }

  async function addParticipant(
    trainId: string,
    input: AddParticipantRequest,
    credentials: BackstageCredentials,
    context?: TrainChangeContext,
  ): Promise<TrainDetail> {
    const actorRef = actorRefOf(credentials);
    const entityRef = normalizeEntityRef(input.entityRef);
    const meta = { actor: actorRef, trainId, entityRef };
    return audited('participant-add', meta, context, async () => {
      const { index } = await snapshots.current();
      const node = index.node(entityRef);
      if (!node) throw new InputError(`Unknown entity, not in the catalog: ${entityRef}`);
      // One place resolves an owner: the dependency graph, derived from the catalog.
      const participant: TrainParticipant = {
        entityRef,
        targetVersion: input.targetVersion,
        ...(node.owner ? { ownerRef: node.owner } : {}),
      };
      await store.transaction(async tx => {
        const train = await requireTrain(tx, trainId, true);
        requireActive(train);
        const existing = await tx.getParticipant(trainId, entityRef);
        if (existing && !existing.removedAt) {
          throw new ConflictError(`${entityRef} already takes part in train '${train.name}'`);
        }
        const gates = gatesOfNewcomer(train, participant);
        await tx.addParticipant(trainId, participant);
        await tx.insertGates(gates);
        await logParticipantChange(tx, train, entityRef, actorRef, {
          action: 'participant.added',
          after: {
            targetVersion: participant.targetVersion,
            ownerRef: participant.ownerRef ?? null,
            gateCount: gates.length,
            ...(existing ? { rejoined: true } : {}),
          },
        });
      });
      const detail = await getTrain(trainId);
      await announce(trainId, async () =>
        gatesAwaitingNotifications(
          detail,
          detail.currentStage,
          detail.gates.filter(gate => gate.participantRef === entityRef),
        ),
      );
      return detail;
    });
  }

  async function updateParticipant(
    trainId: string,
    entityRef: string,
    input: { targetVersion: string },
    credentials: BackstageCredentials,
    context?: TrainChangeContext,
  ): Promise<TrainDetail> {
    const actorRef = actorRefOf(credentials);
    const ref = normalizeEntityRef(entityRef);
    const meta = { actor: actorRef, trainId, entityRef: ref };
    return audited('participant-update', meta, context, async () => {
      const changed = await store.transaction(async tx => {
        const { train, participant } = await requireParticipantOfActiveTrain(tx, trainId, ref);
        if (participant.targetVersion === input.targetVersion) return false;
        await tx.updateParticipant(trainId, ref, { targetVersion: input.targetVersion });
        await logParticipantChange(tx, train, ref, actorRef, {
          action: 'participant.updated',
          before: { targetVersion: participant.targetVersion },
          after: { targetVersion: input.targetVersion },
        });
        return true;
      });
      if (changed) await announce(trainId);
      return getTrain(trainId);
    });
  }

  async function removeParticipant(
    trainId: string,
    entityRef: string,
    input: { reason: string },
    credentials: BackstageCredentials,
    context?: TrainChangeContext,
  ): Promise<TrainDetail> {
    const actorRef = actorRefOf(credentials);
    const ref = normalizeEntityRef(entityRef);
    const meta = { actor: actorRef, trainId, entityRef: ref };
    return audited('participant-remove', meta, context, async () => {
      if (!input.reason.trim()) throw new InputError('Removing a participant needs a reason');
      await store.transaction(async tx => {
        const { train, participant } = await requireParticipantOfActiveTrain(tx, trainId, ref);
        const participants = await tx.listParticipants(trainId);
        if (participants.length <= 1) {
          throw new ConflictError(
            `${ref} is the last participant of train '${train.name}'; cancel the train instead`,
          );
        }
        await tx.removeParticipant(trainId, ref);
        await logParticipantChange(tx, train, ref, actorRef, {
          action: 'participant.removed',
          before: {
            targetVersion: participant.targetVersion,
            ownerRef: participant.ownerRef ?? null,
          },
          reason: input.reason,
        });
      });
      await announce(trainId);
      return getTrain(trainId);
    });
  }

  async function syncParticipantOwners(): Promise<{ changed: number }> {
    const { index } = await snapshots.current();
    // An entity the graph no longer has may be gone for a moment or hidden: its owner is kept.
    const ownerMoved = (participant: TrainParticipant) => {
      const node = index.node(participant.entityRef);
      return node !== undefined && node.owner !== participant.ownerRef;
    };
    const trainIds = [
      ...new Set(
        (await store.listActiveParticipants())
          .filter(({ participant }) => ownerMoved(participant))
          .map(({ trainId }) => trainId),
      ),
    ];
    let changed = 0;
    for (const trainId of trainIds) {
      const meta = { actor: PLUGIN_ACTOR_REF, trainId };
      const reassigned = await audited('participant-owner-sync', meta, undefined, () =>
        store.transaction(async tx => {
          const train = await requireTrain(tx, trainId, true);
          // Read again under the lock: the train may have moved on since the listing.
          if (train.status !== 'active') return undefined;
          const participants = (await tx.listParticipants(trainId)).filter(ownerMoved);
          if (participants.length === 0) return undefined;
          const gates = await tx.listGates(trainId);
          const gateIds: string[] = [];
          for (const participant of participants) {
            const ownerRef = index.node(participant.entityRef)?.owner;
            await tx.updateParticipant(trainId, participant.entityRef, {
              ownerRef: ownerRef ?? null,
            });
            // Only undecided approvals move: a decision given stays with whoever gave it.
            const undecided = gates.filter(
              gate =>
                gate.participantRef === participant.entityRef &&
                gate.kind === 'approval' &&
                gate.state === 'pending' &&
                gate.approvals.length === 0,
            );
            const moved: string[] = [];
            for (const gate of undecided) {
              const record = await requireGate(tx, gate.id, true);
              if (!approvedByOwner(record)) continue;
              const { approverRef: _previous, ...config } = record.config;
              await tx.updateGate(gate.id, record.version, {
                config: ownerRef ? { ...config, approverRef: ownerRef } : config,
              });
              moved.push(gate.id);
            }
            await tx.appendDecision({
              trainId,
              entityRef: participant.entityRef,
              actorRef: PLUGIN_ACTOR_REF,
              action: 'participant.owner-changed',
              subject: participant.entityRef,
              before: { ownerRef: participant.ownerRef ?? null },
              after: { ownerRef: ownerRef ?? null, reassignedGates: moved },
              reason: 'The owner in the catalog changed',
            });
            gateIds.push(...moved);
          }
          await tx.updateTrain(trainId, train.version, {});
          return { count: participants.length, gateIds };
        }),
      );
      if (!reassigned) continue;
      changed += reassigned.count;
      await announce(trainId, async () => {
        const detail = await getTrain(trainId);
        const moved = new Set(reassigned.gateIds);
        return gatesAwaitingNotifications(
          detail,
          detail.currentStage,
          detail.gates.filter(gate => moved.has(gate.id)),
        );
      });
    }
    return { changed };
  }

  async function recordDecision(
    gateId: string,
    decision: 'approve' | 'reject',
    comment: string | undefined,
    credentials: BackstageCredentials,
    context: TrainChangeContext | undefined,
  ): Promise<TrainGate> {
    const principal = credentials.principal as { type: string };
    if (principal.type !== 'user') {
      throw new NotAllowedError('Only users can approve or reject gates');
    }
    const actorRef = actorRefOf(credentials);
    const eventId = decision === 'approve' ? 'gate-approve' : 'gate-reject';
    return audited(eventId, { actor: actorRef, gateId }, context, async () => {
      if (decision === 'reject' && !comment?.trim()) {
        throw new InputError('A rejection needs a comment saying why');
      }
      const memberOf = await ownershipOf(userInfo, credentials);
      const changed = await store.transaction(async tx => {
        const gate = await requireGate(tx, gateId, true);
        const train = await requireTrain(tx, gate.trainId);
        requireActive(train);
        requireCounting(gate);
        if (gate.kind !== 'approval') {
          throw new InputError(`Gate ${gateId} is a ${gate.kind} gate; people do not decide it`);
        }
        const approverRef = gate.config.approverRef;
        if (!approverRef) {
          throw new NotAllowedError(
            `Nobody can decide gate ${gateId}: ${gate.participantRef ?? 'it'} has no owner`,
          );
        }
        if (!memberOf.has(approverRef)) {
          throw new NotAllowedError(`Only members of ${approverRef} can decide gate ${gateId}`);
        }
        if (gate.config.separationOfDuties && actorRef === train.ambassadorRef) {
          throw new NotAllowedError(
            `Separation of duties: the ambassador of '${train.name}' cannot decide gate ${gateId}`,
          );
        }
        const before = await tx.listApprovals(gateId);
        const at = now();
        // Approvals that expired no longer hold the gate: it reads as pending and takes a
        // decision again, though the stored state catches up only now.
        const current: GateState =
          gate.state === 'waived' ? 'waived' : approvalGateState(before, gate.config.quorum, at);
        if (current === 'passed' || current === 'waived') {
          throw new ConflictError(`Gate ${gateId} is already ${current}`);
        }
        const mine = before.find(approval => approval.userRef === actorRef);
        const expired = mine?.expiresAt !== undefined && Date.parse(mine.expiresAt) <= +at;
        // An expired approval given again is renewed, not ignored.
        if (mine?.decision === decision && (mine.comment ?? '') === (comment ?? '') && !expired) {
          return undefined; // The same decision again changes nothing and is not logged twice.
        }
        const validFor = gate.config.approvalValidForMs;
        await tx.saveApproval(gateId, {
          userRef: actorRef,
          decision,
          comment,
          ...(validFor && decision === 'approve'
            ? { expiresAt: new Date(at.getTime() + validFor) }
            : {}),
        });
        const after = await tx.listApprovals(gateId);
        const state: GateState = approvalGateState(after, gate.config.quorum, at);
        const approvals = after.filter(
          a => a.decision === 'approve' && (!a.expiresAt || Date.parse(a.expiresAt) > +at),
        ).length;
        // The compare-and-set also guards the approval written above: a lost race rolls it back.
        await tx.updateGate(gateId, gate.version, { state });
        await tx.appendDecision({
          trainId: gate.trainId,
          ...(gate.participantRef ? { entityRef: gate.participantRef } : {}),
          actorRef,
          action: decision === 'approve' ? 'gate.approved' : 'gate.rejected',
          subject: gateId,
          before: { state: current },
          after: { state, approvals, quorum: gate.config.quorum },
          ...(comment ? { reason: comment } : {}),
        });
        return { train, gate };
      });
      if (changed) {
        const { train, gate } = changed;
        await announce(
          train.id,
          decision === 'reject'
            ? () =>
                failureNotifications(train, {
                  what: `Approval '${gate.config.title}'`,
                  ...(gate.participantRef ? { participantRef: gate.participantRef } : {}),
                  detail: `Rejected by ${actorRef}: ${comment}`,
                })
            : undefined,
        );
      }
      return gateDetail(gateId);
    });
  }

  async function waiveGate(
    gateId: string,
    input: { reason: string; until: Date },
    credentials: BackstageCredentials,
    context?: TrainChangeContext,
  ): Promise<TrainGate> {
    const actorRef = actorRefOf(credentials);
    return audited('gate-waive', { actor: actorRef, gateId }, context, async () => {
      if (!input.reason.trim()) throw new InputError('A waiver needs a reason');
      if (input.until.getTime() <= now().getTime()) {
        throw new InputError('A waiver must run until a time in the future');
      }
      const trainId = await store.transaction(async tx => {
        const gate = await requireGate(tx, gateId, true);
        requireActive(await requireTrain(tx, gate.trainId));
        requireCounting(gate);
        if (gate.state === 'passed') throw new ConflictError(`Gate ${gateId} is already passed`);
        await tx.insertWaiver(gateId, {
          waivedBy: actorRef,
          reason: input.reason,
          until: input.until,
        });
        await tx.updateGate(gateId, gate.version, { state: 'waived' });
        await tx.appendDecision({
          trainId: gate.trainId,
          ...(gate.participantRef ? { entityRef: gate.participantRef } : {}),
          actorRef,
          action: 'gate.waived',
          subject: gateId,
          before: { state: gate.state },
          after: { state: 'waived', until: input.until.toISOString() },
          reason: input.reason,
        });
        return gate.trainId;
      });
      await announce(trainId);
      return gateDetail(gateId);
    });
  }

  async function reportCheck(
    trainId: string,
    input: ReportCheckRequest,
    credentials: BackstageCredentials,
    context?: TrainChangeContext,
  ): Promise<CheckResult> {
    const reporter = actorRefOf(credentials);
    const participantRef = normalizeEntityRef(input.participantRef);
    const sameReport = (existing: CheckResult) => {
      if (
        existing.participantRef !== participantRef ||
        existing.checkName !== input.checkName ||
        existing.status !== input.status
      ) {
        throw new ConflictError(
          `Idempotency key '${input.idempotencyKey}' was already used for another report`,
        );
      }
      return existing;
    };
    const meta = { actor: reporter, trainId, checkName: input.checkName };
    return audited('check-report', meta, context, async () => {
      let outcome: { result: CheckResult; train?: TrainRecord };
      try {
        outcome = await store.transaction(async tx => {
          const train = await requireTrain(tx, trainId, true);
          const existing = await tx.findCheckByKey(trainId, input.idempotencyKey);
          // A replay changes nothing, so it is not announced again.
          if (existing) return { result: sameReport(existing) };
          requireActive(train);
          const participants = await tx.listParticipants(trainId);
          if (!participants.some(p => p.entityRef === participantRef)) {
            throw new InputError(`${participantRef} is not a participant of train '${train.name}'`);
          }
          const result = await tx.insertCheck({
            trainId,
            participantRef,
            checkName: input.checkName,
            status: input.status,
            ...(input.evidenceUrl ? { evidenceUrl: input.evidenceUrl } : {}),
            idempotencyKey: input.idempotencyKey,
            reporter,
          });
          await tx.appendDecision({
            trainId,
            entityRef: participantRef,
            actorRef: reporter,
            action: 'check.reported',
            subject: `${participantRef}#${input.checkName}`,
            after: { status: input.status, evidenceUrl: input.evidenceUrl ?? null },
          });
          // The newest result decides every check gate of this participant and check name.
          const gates = (await tx.listGates(trainId, { participantRef })).filter(
            gate =>
              gate.kind === 'check' &&
              gate.checkName === input.checkName &&
              gate.state !== 'waived' &&
              gate.state !== input.status,
          );
          for (const gate of gates) {
            const record = await requireGate(tx, gate.id, true);
            await tx.updateGate(gate.id, record.version, { state: input.status });
            await tx.appendDecision({
              trainId,
              entityRef: participantRef,
              actorRef: reporter,
              action: `gate.${input.status}`,
              subject: gate.id,
              before: { state: gate.state },
              after: { state: input.status },
              reason: `Check ${input.checkName} reported ${input.status}`,
            });
          }
          return { result, train };
        });
      } catch (error) {
        // Two reports with one key at once: the unique index let one in; answer with it.
        const existing = await store.findCheckByKey(trainId, input.idempotencyKey);
        if (existing) return sameReport(existing);
        throw error;
      }
      const { result, train } = outcome;
      if (train) {
        await announce(
          trainId,
          result.status === 'failed'
            ? () =>
                failureNotifications(train, {
                  what: `Check '${result.checkName}'`,
                  participantRef: result.participantRef,
                  detail:
                    `Reported failed by ${reporter}` +
                    (result.evidenceUrl ? `; evidence: ${result.evidenceUrl}` : ''),
                })
            : undefined,
        );
      }
      return result;
    });
  }

  /** Rule gates of `guarding` that count now, in the order they are evaluated. */
  function ruleGatesOf(guarding: TrainGate[]): TrainGate[] {
    // Train-wide rules first, then per participant; `upstream-passed-stage` reads the other
    // gates of the stage, so it goes last.
    return guarding
      .filter(gate => gate.kind === 'rule' && gate.state !== 'waived')
      .sort(
        (a, b) =>
          Number(a.rule === upstreamPassedStage.id) - Number(b.rule === upstreamPassedStage.id) ||
          Number(Boolean(a.participantRef)) - Number(Boolean(b.participantRef)),
      );
  }

  async function evaluateRule(
    gate: TrainGate,
    train: TrainRecord,
    participants: TrainParticipant[],
    gates: TrainGate[],
    dependencies: TrainGateRuleContext['dependencies'],
    at: Date,
  ): Promise<GateRuleOutcome> {
    const rule = gateRule(gate.rule ?? '');
    if (!rule) return { passed: false, reason: `Unknown gate rule '${gate.rule}'` };
    return rule.evaluate({
      train: summarizeTrain(train, at),
      stage: gate.stage,
      gate,
      participant: participants.find(p => p.entityRef === gate.participantRef),
      participants,
      gates,
      dependencies,
    } satisfies TrainGateRuleContext);
  }

  /**
   * Evaluates, before the advance takes its row locks, every rule gate that guards leaving
   * `expectedStage` - except `upstream-passed-stage`, which only reads the train's own gates
   * and must see the outcomes written in the advance itself. Rules may read other stores or
   * ask other systems; doing that inside the transaction would hold the train's locks for as
   * long as they take, and on SQLite, whose single connection the transaction holds, a rule's
   * read would wait forever.
   */
  async function evaluateRulesAhead(
    trainId: string,
    expectedStage: string,
    dependencies: TrainGateRuleContext['dependencies'],
  ): Promise<Map<string, GateRuleOutcome>> {
    const outcomes = new Map<string, GateRuleOutcome>();
    const train = await store.getTrain(trainId);
    // The transaction reports a missing train or another stage with the right error.
    if (!train || train.status !== 'active' || train.currentStage !== expectedStage) {
      return outcomes;
    }
    const position = train.stagePlan.findIndex(s => s.name === train.currentStage);
    const next = train.stagePlan[position + 1];
    const participants = await store.listParticipants(trainId);
    const gates = await store.listGates(trainId);
    const at = now();
    for (const gate of ruleGatesOf(gatesGuardingExit(gates, train.currentStage, next?.name))) {
      if (gate.rule === upstreamPassedStage.id) continue;
      outcomes.set(gate.id, await evaluateRule(gate, train, participants, gates, dependencies, at));
    }
    return outcomes;
  }

  async function applyRules(
    tx: TrainStoreSession,
    train: TrainRecord,
    participants: TrainParticipant[],
    gates: TrainGate[],
    guarding: TrainGate[],
    dependencies: TrainGateRuleContext['dependencies'],
    evaluatedAhead: Map<string, GateRuleOutcome>,
    actorRef: string,
    at: Date,
  ): Promise<void> {
    for (const gate of ruleGatesOf(guarding)) {
      const outcome =
        gate.rule === upstreamPassedStage.id
          ? await evaluateRule(gate, train, participants, gates, dependencies, at)
          : (evaluatedAhead.get(gate.id) ?? {
              // The gate appeared after the rules were evaluated (a participant joined).
              passed: false,
              reason: 'The train changed while its gates were evaluated; advance again',
            });
      const state: GateState = outcome.passed ? 'passed' : 'failed';
      if (state === gate.state && outcome.reason === gate.reason) continue;
      const record = await requireGate(tx, gate.id, true);
      await tx.updateGate(gate.id, record.version, { state, reason: outcome.reason });
      if (state !== gate.state) {
        await tx.appendDecision({
          trainId: train.id,
          ...(gate.participantRef ? { entityRef: gate.participantRef } : {}),
          actorRef,
          action: 'gate.evaluated',
          subject: gate.id,
          before: { state: gate.state },
          after: { state },
          reason: outcome.reason,
        });
      }
      // Later rules see this outcome.
      gate.state = state;
      gate.reason = outcome.reason;
    }
  }

  async function advanceStage(
    trainId: string,
    input: { expectedStage: string },
    credentials: BackstageCredentials,
    context?: TrainChangeContext,
  ): Promise<TrainDetail> {
    const actorRef = actorRefOf(credentials);
    return audited(
      'stage-advance',
      { actor: actorRef, trainId, expectedStage: input.expectedStage },
      context,
      async () => {
        // Read before the transaction: deriving a first snapshot must not hold our locks.
        const { meta, index } = await snapshots.current();
        const evaluatedAhead = await evaluateRulesAhead(trainId, input.expectedStage, index);
        const outcome = await store.transaction(async tx => {
          const train = await requireTrain(tx, trainId, true);
          requireActive(train);
          if (train.currentStage !== input.expectedStage) {
            throw new ConflictError(
              `Train '${train.name}' is in stage '${train.currentStage}', not ` +
                `'${input.expectedStage}'`,
            );
          }
          const position = train.stagePlan.findIndex(s => s.name === train.currentStage);
          const next = train.stagePlan[position + 1];
          const participants = await tx.listParticipants(trainId);
          const gates = await tx.listGates(trainId);
          const guarding = gatesGuardingExit(gates, train.currentStage, next?.name);
          const at = now();
          // Expired approvals no longer count: such a gate is pending again, and logged so.
          for (const gate of guarding) {
            const live = withExpiry(gate, at);
            if (live.state === gate.state) continue;
            const record = await requireGate(tx, gate.id, true);
            await tx.updateGate(gate.id, record.version, { state: live.state });
            await tx.appendDecision({
              trainId,
              ...(gate.participantRef ? { entityRef: gate.participantRef } : {}),
              actorRef,
              action: 'gate.expired',
              subject: gate.id,
              before: { state: gate.state },
              after: { state: live.state },
              reason: 'Approvals expired; the quorum is no longer met',
            });
            gate.state = live.state;
          }
          await applyRules(
            tx,
            train,
            participants,
            gates,
            guarding,
            index,
            evaluatedAhead,
            actorRef,
            at,
          );
          const blocking = guarding.filter(gate => !isGateSatisfied(gate, at));
          // Rule outcomes are committed even when the stage stays: they are facts people
          // should see.
          if (blocking.length > 0) {
            return { kind: 'blocked' as const, stage: train.currentStage, blocking };
          }

          await tx.updateTrain(
            trainId,
            train.version,
            next ? { currentStage: next.name } : { status: 'released' },
          );
          await tx.insertStageSnapshot({
            trainId,
            stage: train.currentStage,
            ...(next ? { toStage: next.name } : {}),
            dependencySnapshotVersion: meta.version,
            upstreamEdges: upstreamEdgesAmong(
              index,
              participants.map(participant => participant.entityRef),
            ),
          });
          await tx.appendDecision({
            trainId,
            actorRef,
            action: 'stage.advanced',
            subject: train.currentStage,
            before: { stage: train.currentStage, status: train.status },
            after: next
              ? { stage: next.name, status: 'active' }
              : { stage: train.currentStage, status: 'released' },
          });
          return {
            kind: 'advanced' as const,
            train,
            from: train.currentStage,
            to: next?.name,
            participants,
          };
        });
        if (outcome.kind === 'blocked') {
          const blocked = outcome;
          // Rule outcomes were committed: live views should show them.
          await announce(trainId);
          throw new ConflictError(
            `Cannot leave stage '${blocked.stage}': ${blocked.blocking.length} gate(s) not ` +
              `passed or waived: ${blocked.blocking.map(describeGate).join('; ')}`,
          );
        }
        const detail = await getTrain(trainId);
        const { train, from, to, participants } = outcome;
        await announce(trainId, async () => {
          const advancedNote = stageAdvancedNotification(train, from, to, participants);
          return [
            ...(advancedNote ? [advancedNote] : []),
            ...(to ? gatesAwaitingNotifications(detail, to, detail.gates) : []),
          ];
        });
        return detail;
      },
    );
  }

  /**
   * Ends a train with a final status and the reason for it, in one transaction on the locked
   * train: the status is written against the version read, so of two concurrent endings one
   * loses with a conflict instead of both being logged.
   */
  async function endTrain(
    trainId: string,
    end: {
      eventId: string;
      status: 'cancelled' | 'rolled-back';
      action: string;
      /** The refusal of a blank reason, naming the field. */
      reasonRequired: string;
      /** Refuses a train whose status this end does not apply to. */
      requireEndable: (train: TrainRecord) => void;
      /** What the people concerned are told once the end is committed. */
      notifications?: (train: TrainRecord, reason: string) => Promise<TrainNotification[]>;
    },
    input: { reason: string },
    credentials: BackstageCredentials,
    context?: TrainChangeContext,
  ): Promise<TrainDetail> {
    const actorRef = actorRefOf(credentials);
    return audited(end.eventId, { actor: actorRef, trainId }, context, async () => {
      const reason = input.reason.trim();
      if (!reason) throw new InputError(end.reasonRequired);
      const train = await store.transaction(async tx => {
        const current = await requireTrain(tx, trainId, true);
        end.requireEndable(current);
        await tx.updateTrain(trainId, current.version, { status: end.status });
        await tx.appendDecision({
          trainId,
          actorRef,
          action: end.action,
          subject: trainId,
          before: { status: current.status },
          after: { status: end.status },
          reason,
        });
        return current;
      });
      const compose = end.notifications;
      await announce(trainId, compose && (() => compose(train, reason)));
      return getTrain(trainId);
    });
  }

  const cancelTrain: TrainService['cancelTrain'] = (trainId, input, credentials, context) =>
    endTrain(
      trainId,
      {
        eventId: 'train-cancel',
        status: 'cancelled',
        action: 'train.cancelled',
        reasonRequired: 'Cancelling a train needs a reason',
        requireEndable: requireActive,
      },
      input,
      credentials,
      context,
    );

  const rollBackTrain: TrainService['rollBackTrain'] = (trainId, input, credentials, context) =>
    endTrain(
      trainId,
      {
        eventId: 'train-roll-back',
        status: 'rolled-back',
        action: 'train.rolled-back',
        reasonRequired: 'Marking a train rolled back needs a reason',
        requireEndable: requireRollbackable,
        notifications: async (train, reason) => {
          const note = trainRolledBackNotification(
            train,
            reason,
            await store.listParticipants(train.id),
          );
          return note ? [note] : [];
        },
      },
      input,
      credentials,
      context,
    );

  async function listMyApprovals(credentials: BackstageCredentials): Promise<MyApproval[]> {
    const principal = credentials.principal as { type: string };
    if (principal.type !== 'user') {
      throw new NotAllowedError(
        'Only users have approvals waiting for them: a service belongs to no Group',
      );
    }
    const memberOf = await ownershipOf(userInfo, credentials);
    // Stored as passed may read as pending now that approvals expired: those are asked too,
    // and the state they read as decides below.
    const open = (await store.listActiveApprovalGates(['pending', 'failed', 'passed'])).filter(
      row => row.approverRef && memberOf.has(row.approverRef),
    );
    const at = now();
    const trainsById = new Map(open.map(row => [row.train.id, row.train]));
    const wanted = new Set(open.map(row => row.gateId));
    // Trains by name (then id for equal names), gates in the order of the train's stage plan.
    const trainsInOrder = [...trainsById.values()].sort(
      (a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
    );
    const items: MyApproval[] = [];
    for (const train of trainsInOrder) {
      const { stagePlan } = train;
      // Only what blocks the train now waits for a decision: the current stage's gates and
      // the entry gates of the next one. Later stages come up when the train gets there.
      const current = stagePlan.findIndex(stage => stage.name === train.currentStage);
      const next = current >= 0 ? stagePlan[current + 1]?.name : undefined;
      const gates = (await store.listGates(train.id))
        .filter(
          gate =>
            wanted.has(gate.id) &&
            (gate.stage === train.currentStage || (gate.stage === next && gate.phase === 'entry')),
        )
        .map(gate => withExpiry(gate, at))
        .filter(gate => gate.state === 'pending' || gate.state === 'failed');
      if (gates.length === 0) continue;
      const summary = summarizeTrain(train, at);
      for (const gate of sortGates(gates, stageOrder(train))) {
        items.push({ train: summary, gate });
      }
    }
    return items;
  }

  async function listEntityTrains(entityRef: string): Promise<EntityTrain[]> {
    const ref = normalizeEntityRef(entityRef);
    const refs = [ref];
    if (entityRefKind(ref) === 'system') {
      // A System takes part through its Components: membership comes from the graph's
      // `partOf` roll-up, so a Component moved to another System moves with it.
      const { index } = await snapshots.current();
      refs.push(...index.nodesInSystem(ref));
    }
    const participations = await store.listParticipations(refs);
    const at = now();
    return Promise.all(
      participations.map(async ({ train, participant }) => ({
        train: summarizeTrain(train, at),
        participant,
        gates: sortGates(
          (await store.listGates(train.id, { participantRef: participant.entityRef })).map(gate =>
            withExpiry(gate, at),
          ),
          stageOrder(train),
        ),
      })),
    );
  }

  return {
    listTrains,
    createTrain,
    getTrain,
    updateTrain,
    addParticipant,
    updateParticipant,
    removeParticipant,
    syncParticipantOwners,
    getDependencyDrift: trainId => loadTrainDependencyDrift({ store, snapshots }, trainId),
    listMyApprovals,
    listEntityTrains,
    async getTrainOfGate(gateId) {
      const gate = await requireGate(store, gateId);
      return requireTrain(store, gate.trainId);
    },
    async listDecisions(trainId, page) {
      await requireTrain(store, trainId);
      return store.listDecisions(trainId, page);
    },
    approveGate: (gateId, input, credentials, context) =>
      recordDecision(gateId, 'approve', input.comment, credentials, context),
    rejectGate: (gateId, input, credentials, context) =>
      recordDecision(gateId, 'reject', input.comment, credentials, context),
    waiveGate,
    reportCheck,
    advanceStage,
    cancelTrain,
    rollBackTrain,
  };
}

/**
 * The gates of a new train, from the stage templates: one per template, or one per participant
 * when the template says so; approvers resolved to the participant's owner or the named Group.
 */
export function instantiateGates(
  trainId: string,
  stages: StageDefinition[],
  participants: TrainParticipant[],
): NewGate[] {
  const gates: NewGate[] = [];
  for (const stage of stages) {
    const templates = [
      ...stage.entryGates.map(template => ({ template, phase: 'entry' as const })),
      ...stage.exitGates.map(template => ({ template, phase: 'exit' as const })),
    ];
    for (const { template, phase } of templates) {
      const targets: (TrainParticipant | undefined)[] = template.perParticipant
        ? participants
        : [undefined];
      for (const participant of targets) {
        const approverRef =
          template.approvers === 'participant-owner' ? participant?.ownerRef : template.approvers;
        gates.push({
          id: randomUUID(),
          trainId,
          stage: stage.name,
          phase,
          templateId: template.id,
          kind: template.kind,
          ...(participant ? { participantRef: participant.entityRef } : {}),
          config: {
            title: template.title,
            ...(template.kind === 'approval' && approverRef ? { approverRef } : {}),
            ...(template.kind === 'approval' && participant
              ? { approversFromOwner: template.approvers === 'participant-owner' }
              : {}),
            quorum: template.quorum,
            separationOfDuties: template.separationOfDuties,
            ...(template.kind === 'approval' && template.approvalValidForMs
              ? { approvalValidForMs: template.approvalValidForMs }
              : {}),
            ...(template.checkName ? { checkName: template.checkName } : {}),
            ...(template.rule ? { rule: template.rule } : {}),
          },
        });
      }
    }
  }
  return gates;
}
