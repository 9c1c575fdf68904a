import {
  AuditorService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  AddCadenceHandoverRequest,
  cadenceManagePermission,
  CadenceDetail,
  CadenceHandover,
  CadenceRotationChange,
  CadenceTrain,
  CreateCadenceRequest,
  NextCadenceTrain,
  normalizeEntityRef,
  Page,
  RecordRotationChangeRequest,
  ReleaseCadence,
  StageDefinition,
} from '@release-coordination/plugin-release-coordination-common';
import {
  Clock,
  systemClock,
} from '@release-coordination/plugin-release-coordination-node';
import { randomUUID } from 'node:crypto';
import { actorRefOf, audited, userRefOf } from '../access';
import { isUniqueViolation } from '../database/knexStore';
import { PageRequest } from '../database/paging';
import { DependencySnapshotService } from '../dependencies/DependencySnapshotService';
import { DependencyIndex } from '../dependencies/graph';
import { ParticipantAccess } from '../outcomes/access';
import { TrainNotification } from '../trains/announcements';
import { TrainStore } from '../trains/TrainStore';
import { DatabaseCadenceStore } from './DatabaseCadenceStore';
import {
  nextOccurrence,
  occurrenceStart,
  occurrenceWindows,
  suggestAmbassador,
} from './rotation';

/** The topic of the notifications of the ambassador rotation. */
export const ROTATION_TOPIC = 'release-coordination.ambassador-rotation';

/** Release cadences: series of trains, their windows and their ambassador rotation. */
export interface CadenceService {
  list(page: PageRequest): Promise<Page<ReleaseCadence>>;
  create(
    request: CreateCadenceRequest,
    credentials: BackstageCredentials,
  ): Promise<ReleaseCadence>;
  /** 404 for an unknown cadence. */
  detail(cadenceId: string): Promise<CadenceDetail>;
  /** The next train of the series, pre-filled. */
  next(cadenceId: string): Promise<NextCadenceTrain>;
  setRoster(
    cadenceId: string,
    memberRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<CadenceDetail>;
  listTrains(cadenceId: string, page: PageRequest): Promise<Page<CadenceTrain>>;
  recordRotationChange(
    cadenceId: string,
    request: RecordRotationChangeRequest,
    credentials: BackstageCredentials,
  ): Promise<CadenceRotationChange>;
  addHandover(
    cadenceId: string,
    request: AddCadenceHandoverRequest,
    credentials: BackstageCredentials,
  ): Promise<CadenceHandover>;
}

/** Whether `userRef` belongs to one of `teamRefs` or a Group below one, as the graph says. */
function isMemberOfTeams(
  index: DependencyIndex,
  userRef: string,
  teamRefs: string[],
): boolean {
  return teamRefs.some(team =>
    index
      .groupAndDescendants(team)
      .some(group => index.group(group)?.members.includes(userRef)),
  );
}

export function createCadenceService(options: {
  store: DatabaseCadenceStore;
  trains: Pick<TrainStore, 'getTrain'>;
  stages: StageDefinition[];
  snapshots: Pick<DependencySnapshotService, 'current'>;
  access: Pick<ParticipantAccess, 'isAllowed' | 'mayManageTrain'>;
  /** Tells the members a skip or swap concerns; a failure to tell is logged, not an error. */
  notify: (notification: TrainNotification) => Promise<void>;
  auditor: AuditorService;
  clock?: Clock;
}): CadenceService {
  const { store, trains, stages, snapshots, access, auditor, notify } = options;
  const clock = options.clock ?? systemClock;

  async function requireCadence(cadenceId: string): Promise<ReleaseCadence> {
    const cadence = await store.getCadence(cadenceId);
    if (!cadence) throw new NotFoundError(`No cadence with id '${cadenceId}'`);
    return cadence;
  }

  async function requireManager(
    credentials: BackstageCredentials,
    refusal: string,
  ) {
    if (!(await access.isAllowed(cadenceManagePermission, credentials))) {
      throw new NotAllowedError(refusal);
    }
  }

  async function nextOf(cadence: ReleaseCadence): Promise<NextCadenceTrain> {
    const occurrence = nextOccurrence(
      cadence,
      await store.latestOccurrence(cadence.id),
      clock.now(),
    );
    const [roster, runs, changes, latestHandover] = await Promise.all([
      store.listRoster(cadence.id),
      store.runsByAmbassador(cadence.id),
      store.listRotationChanges(cadence.id, occurrence),
      store.latestHandover(cadence.id),
    ]);
    const suggested = suggestAmbassador({
      roster,
      runs,
      changes,
      occurrence,
    });
    return {
      cadenceId: cadence.id,
      occurrence,
      name: `${cadence.name} #${occurrence}`,
      stageWindows: occurrenceWindows(cadence, occurrence),
      ...(suggested ? { suggestedAmbassador: suggested } : {}),
      ...(latestHandover ? { latestHandover } : {}),
    };
  }

  async function detailOf(cadence: ReleaseCadence): Promise<CadenceDetail> {
    const next = await nextOf(cadence);
    const [roster, runs, rotationChanges] = await Promise.all([
      store.listRoster(cadence.id),
      store.runsByAmbassador(cadence.id),
      store.listRotationChanges(cadence.id, next.occurrence),
    ]);
    return {
      ...cadence,
      roster: roster.map((memberRef, position) => {
        const ran = runs.get(memberRef);
        return {
          memberRef,
          position,
          runs: ran?.runs ?? 0,
          ...(ran?.lastRun ? { lastRun: ran.lastRun } : {}),
        };
      }),
      next,
      rotationChanges,
    };
  }

  return {
    list: page => store.listCadences(page),

    async create(request, credentials) {
      const actor = actorRefOf(credentials);
      return audited(
        auditor,
        'cadence-create',
        { actor, name: request.name },
        async () => {
          await requireManager(
            credentials,
            'Only release managers create cadences',
          );
          const known = new Set(stages.map(stage => stage.name));
          request.stageOffsets.forEach((offset, i) => {
            if (!known.has(offset.stage)) {
              throw new InputError(
                `stageOffsets.${i}.stage: '${offset.stage}' is not a stage; the stages are ${[...known].join(', ')}`,
              );
            }
            if (offset.endDay <= offset.startDay) {
              throw new InputError(
                `stageOffsets.${i}.endDay: must be after startDay`,
              );
            }
          });
          const { index } = await snapshots.current();
          const teamRefs = [
            ...new Set(
              request.teamRefs.map(ref => normalizeEntityRef(ref, 'group')),
            ),
          ];
          const unknown = teamRefs.filter(ref => !index.group(ref));
          if (unknown.length > 0) {
            throw new InputError(
              `teamRefs: not Groups of the catalog: ${unknown.join(', ')}`,
            );
          }
          const cadence: ReleaseCadence = {
            id: randomUUID(),
            name: request.name.trim(),
            ...(request.description
              ? { description: request.description.trim() }
              : {}),
            intervalDays: request.intervalDays,
            firstStart: new Date(request.firstStart).toISOString(),
            stageOffsets: request.stageOffsets,
            teamRefs,
            createdBy: actor,
            createdAt: clock.now().toISOString(),
          };
          try {
            await store.insertCadence(cadence);
          } catch (error) {
            if (isUniqueViolation(error)) {
              throw new ConflictError(
                `A cadence named '${cadence.name}' exists already`,
              );
            }
            throw error;
          }
          return cadence;
        },
      );
    },

    async detail(cadenceId) {
      return detailOf(await requireCadence(cadenceId));
    },

    async next(cadenceId) {
      return nextOf(await requireCadence(cadenceId));
    },

    async setRoster(cadenceId, memberRefs, credentials) {
      const actor = actorRefOf(credentials);
      return audited(
        auditor,
        'cadence-roster-set',
        { actor, cadenceId },
        async () => {
          await requireManager(
            credentials,
            'Only release managers keep the roster of a cadence',
          );
          const cadence = await requireCadence(cadenceId);
          const members = [
            ...new Set(memberRefs.map(ref => normalizeEntityRef(ref, 'user'))),
          ];
          const { index } = await snapshots.current();
          const outside = members.filter(
            ref =>
              !index.user(ref) ||
              !isMemberOfTeams(index, ref, cadence.teamRefs),
          );
          if (outside.length > 0) {
            throw new InputError(
              `memberRefs: not Users of the cadence's teams (${cadence.teamRefs.join(', ')}): ${outside.join(', ')}`,
            );
          }
          await store.replaceRoster(cadenceId, members);
          return detailOf(cadence);
        },
      );
    },

    async listTrains(cadenceId, page) {
      await requireCadence(cadenceId);
      return store.listTrains(cadenceId, page);
    },

    async recordRotationChange(cadenceId, request, credentials) {
      const actor = actorRefOf(credentials);
      return audited(
        auditor,
        'cadence-rotation-change',
        { actor, cadenceId },
        async () => {
          const cadence = await requireCadence(cadenceId);
          const memberRef = normalizeEntityRef(request.memberRef, 'user');
          const substituteRef = request.substituteRef
            ? normalizeEntityRef(request.substituteRef, 'user')
            : undefined;
          const roster = await store.listRoster(cadenceId);
          if (!roster.includes(memberRef)) {
            throw new InputError(
              `memberRef: ${memberRef} is not on the roster of '${cadence.name}'`,
            );
          }
          if (request.kind === 'swap') {
            if (!substituteRef) {
              throw new InputError(
                'substituteRef: a swap names who runs it instead',
              );
            }
            if (
              !roster.includes(substituteRef) ||
              substituteRef === memberRef
            ) {
              throw new InputError(
                `substituteRef: ${substituteRef} is not another member of the roster of '${cadence.name}'`,
              );
            }
          } else if (substituteRef) {
            throw new InputError(
              'substituteRef: only a swap names a substitute',
            );
          }
          const next = nextOccurrence(
            cadence,
            await store.latestOccurrence(cadenceId),
            clock.now(),
          );
          const occurrence = request.occurrence ?? next;
          if (occurrence < next) {
            throw new InputError(
              `occurrence: ${occurrence} has a train or is over; the next is ${next}`,
            );
          }
          // Members arrange their own turns; anyone else's need a release manager.
          const caller = userRefOf(credentials);
          const concerned =
            caller !== undefined &&
            (caller === memberRef || caller === substituteRef);
          if (!concerned) {
            await requireManager(
              credentials,
              'Only the members concerned and release managers change the rotation',
            );
          }
          const change = await store.insertRotationChange(cadenceId, {
            occurrence,
            kind: request.kind,
            memberRef,
            ...(substituteRef ? { substituteRef } : {}),
            reason: request.reason.trim(),
            recordedBy: actor,
          });
          const told = [
            memberRef,
            ...(substituteRef ? [substituteRef] : []),
          ].filter(ref => ref !== caller);
          if (told.length > 0) {
            const starts = occurrenceStart(cadence, occurrence)
              .toISOString()
              .slice(0, 10);
            await notify({
              recipients: { type: 'entity', entityRef: told },
              payload: {
                title: `Ambassador rotation of '${cadence.name}': ${request.kind} of #${occurrence}`,
                description:
                  request.kind === 'swap'
                    ? `${substituteRef} runs #${occurrence} (from ${starts}) in place of ${memberRef}: ${change.reason}`
                    : `${memberRef} sits #${occurrence} (from ${starts}) out: ${change.reason}`,
                severity: 'normal',
                topic: ROTATION_TOPIC,
              },
            });
          }
          return change;
        },
      );
    },

    async addHandover(cadenceId, request, credentials) {
      const actor = actorRefOf(credentials);
      return audited(
        auditor,
        'cadence-handover',
        { actor, cadenceId, trainId: request.trainId },
        async () => {
          const cadence = await requireCadence(cadenceId);
          const train = await trains.getTrain(request.trainId);
          if (!train || train.cadence?.cadenceId !== cadenceId) {
            throw new InputError(
              `trainId: ${request.trainId} is not a train of '${cadence.name}'`,
            );
          }
          if (
            train.ambassadorRef !== userRefOf(credentials) &&
            !(await access.mayManageTrain(train.id, credentials))
          ) {
            throw new NotAllowedError(
              "Only the train's ambassador and release managers write its handover notes",
            );
          }
          return store.insertHandover(cadenceId, {
            trainId: train.id,
            authorRef: actor,
            note: request.note.trim(),
          });
        },
      );
    },
  };
}
