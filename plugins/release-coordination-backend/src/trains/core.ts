import {
  AuditorService,
  AuditorServiceCreateEventOptions,
  LoggerService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  StageDefinition,
  TrainDetail,
  TrainGate,
  TrainParticipant,
} from '@release-coordination/plugin-release-coordination-common';
import {
  GateRule,
  Clock,
  systemClock,
} from '@release-coordination/plugin-release-coordination-node';
import {
  sortGates,
  stageOrder,
  summarizeTrain,
  withExpiry,
} from './model';
import {
  GateRecord,
  TrainRecord,
  TrainStore,
  TrainStoreSession,
} from './TrainStore';
import { DependencySnapshotService } from '../dependencies/DependencySnapshotService';
import {
  TrainAnnouncer,
  TrainNotification,
  createTrainAnnouncer,
  gateFailedNotification,
  ownersOfDependents,
} from './announcements';
import { audited as auditedChange } from '../access';
import { notAParticipant, requireActive } from './model';

/**
 * Where a change was asked for. The HTTP request goes to the auditor, which records who asked
 * and from where.
 */
export interface TrainChangeContext {
  request?: AuditorServiceCreateEventOptions['request'];
}

/** The actor of changes the plugin makes on its own, such as keeping owners current. */
export const PLUGIN_ACTOR_REF = 'plugin:release-coordination';


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
  /** Where "now" comes from; the system clock unless a replay of history sets it. */
  clock?: Clock;
  /** Announces committed changes; made from `signals`, `notifications` and `logger` if not given. */
  announcer?: TrainAnnouncer;
  /** How long a waiver may run, in days; {@link DEFAULT_MAX_WAIVER_DAYS} if not given. */
  maxWaiverDays?: number;
}

/** How long a waiver may run by default, in days: two weeks, about one release cycle. */
export const DEFAULT_MAX_WAIVER_DAYS = 14;

/**
 * What every part of the train service shares: the options it was made with, the clock, the
 * announcer, the audit wrapper, and the look-ups that turn a missing train or gate into a 404.
 */
export function createTrainCore(options: TrainServiceOptions) {
  const { store, snapshots, auditor, stages } = options;
  const clock = options.clock ?? systemClock;
  const now = () => clock.now();
  const stageNames = stages.map(stage => stage.name);
  const { announce } = options.announcer ?? createTrainAnnouncer(options);

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
      throw notAParticipant(entityRef, train);
    }
    const { removedAt: _removedAt, ...current } = participant;
    return { train, participant: current };
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

  /** A gate just decided, as it reads now. */
  async function gateDetail(gateId: string): Promise<TrainGate> {
    const [gate] = await store.listGatesByIds([gateId]);
    if (!gate) {
      // The change committed, so the gate exists: it left the train with its participant since.
      throw new ConflictError(`Gate ${gateId} no longer counts: its participant was removed`);
    }
    return withExpiry(gate, now());
  }


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

  return {
    ...options,
    now,
    maxWaiverDays: options.maxWaiverDays ?? DEFAULT_MAX_WAIVER_DAYS,
    stageNames,
    announce,
    failureNotifications,
    audited,
    requireTrain,
    requireGate,
    requireCounting,
    requireParticipantOfActiveTrain,
    approvedByOwner,
    gateDetail,
    getTrain,
  };
}

/** The shared parts of the train service; see {@link createTrainCore}. */
export type TrainCore = ReturnType<typeof createTrainCore>;
