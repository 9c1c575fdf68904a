import {
  AuditorService,
  BackstageCredentials,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { BasicPermission } from '@backstage/plugin-permission-common';
import { TrainParticipant } from '@release-coordination/plugin-release-coordination-common';
import { DependencyIndex } from '../dependencies/graph';
import { TrainRecord, TrainStore } from '../trains/TrainStore';
import { DependencySnapshotService } from '../dependencies/DependencySnapshotService';
import { isAllowed, ownershipOf, TrainAccess } from '../access';
import { requireActive } from '../trains/model';
import { TrainAnnouncer } from '../trains/announcements';
import { OutcomeStore } from './OutcomeStore';

/** What the outcome services read of trains; they never write them. */
export type TrainLookup = Pick<TrainStore, 'getTrain' | 'listParticipants'>;

/** What every outcome service (deployments, rollbacks, flags) is made with. */
export interface OutcomeServiceOptions {
  store: OutcomeStore;
  trains: TrainLookup;
  snapshots: Pick<DependencySnapshotService, 'current'>;
  auditor: AuditorService;
  /** Publishes `train-changed` for the train a change belongs to. */
  announcer: TrainAnnouncer;
}

/** The train with its participants, or a 404. */
export async function requireTrain(
  trains: TrainLookup,
  trainId: string,
): Promise<{ train: TrainRecord; participants: TrainParticipant[] }> {
  const train = await trains.getTrain(trainId);
  if (!train) throw new NotFoundError(`No release train with id '${trainId}'`);
  return { train, participants: await trains.listParticipants(trainId) };
}

/**
 * The owner of a participant: the newest dependency graph's, as the catalog says it now, or
 * the one stored when it joined when the graph no longer has it.
 */
export function ownerOfParticipant(
  index: Pick<DependencyIndex, 'node'>,
  participant: TrainParticipant,
): string | undefined {
  return index.node(participant.entityRef)?.owner ?? participant.ownerRef;
}

/**
 * The train, one of its participants and that participant's owner now. `field` names the
 * request body field the ref came from: a ref that does not take part is then bad input (400);
 * without it the ref came from the path and names nothing there (404).
 */
export async function requireParticipant(
  deps: { trains: TrainLookup; snapshots: Pick<DependencySnapshotService, 'current'> },
  trainId: string,
  entityRef: string,
  field?: string,
): Promise<{
  train: TrainRecord;
  participant: TrainParticipant;
  ownerRef: string | undefined;
}> {
  const { train, participants } = await requireTrain(deps.trains, trainId);
  const participant = participants.find(p => p.entityRef === entityRef);
  if (!participant) {
    const problem = `${entityRef} is not a participant of train '${train.name}'`;
    throw field ? new InputError(`${field}: ${problem}`) : new NotFoundError(problem);
  }
  const { index } = await deps.snapshots.current();
  return { train, participant, ownerRef: ownerOfParticipant(index, participant) };
}

/** Who may do what with the participants of a train, beyond what a permission alone says. */
export interface ParticipantAccess {
  isAllowed(permission: BasicPermission, credentials: BackstageCredentials): Promise<boolean>;
  /** Whether the policy lets the caller manage the train (e.g. its ambassador, by condition). */
  mayManageTrain(trainId: string, credentials: BackstageCredentials): Promise<boolean>;
  /** The refs a user owns through (the user and their Groups); empty for a service. */
  ownershipOf(credentials: BackstageCredentials): Promise<Set<string>>;
}

export function createParticipantAccess(options: {
  permissions: Pick<PermissionsService, 'authorize'>;
  userInfo: Pick<UserInfoService, 'getUserInfo'>;
  trainAccess: Pick<TrainAccess, 'mayManage'>;
}): ParticipantAccess {
  const { permissions, userInfo, trainAccess } = options;
  return {
    isAllowed: (permission, credentials) => isAllowed(permissions, permission, credentials),
    mayManageTrain: (trainId, credentials) => trainAccess.mayManage(trainId, credentials),
    ownershipOf: credentials => ownershipOf(userInfo, credentials),
  };
}

/** A change of what belongs to a participant (its rollback plan, its flags), and who asks. */
export interface ParticipantChange {
  train: TrainRecord;
  /** Members of any of these may make the change. */
  ownerRefs: (string | undefined)[];
  credentials: BackstageCredentials;
}

/**
 * The caller may change what belongs to a participant: a member of one of `ownerRefs`, or
 * whoever the policy lets manage the train (its ambassador, by the usual condition, or a release
 * manager). Throws `NotAllowedError` with `refusal` otherwise.
 */
export async function authorizeParticipantChange(
  access: ParticipantAccess,
  input: ParticipantChange & { refusal: string },
): Promise<void> {
  if (await mayChangeParticipant(access, input)) return;
  throw new NotAllowedError(input.refusal);
}

/**
 * {@link authorizeParticipantChange} as a yes or no, e.g. for what a page offers; `ownership`
 * and `manages` (whether the caller may manage the train) save asking again when many
 * participants are looked at for one caller.
 */
export async function mayChangeParticipant(
  access: ParticipantAccess,
  input: ParticipantChange & { ownership?: Set<string>; manages?: boolean },
): Promise<boolean> {
  const { train, ownerRefs, credentials } = input;
  const ownership = input.ownership ?? (await access.ownershipOf(credentials));
  if (ownerRefs.some(ref => ref !== undefined && ownership.has(ref))) return true;
  return input.manages ?? (await access.mayManageTrain(train.id, credentials));
}

/**
 * What a change of what belongs to a participant (its rollback plan, its flags) starts from:
 * the participant takes part (see {@link requireParticipant}), the caller may change it (see
 * {@link authorizeParticipantChange}; a release manager may too) and the train is still active.
 * Answers the train.
 */
export async function requireParticipantChange(
  deps: {
    trains: TrainLookup;
    snapshots: Pick<DependencySnapshotService, 'current'>;
    access: ParticipantAccess;
  },
  input: {
    trainId: string;
    entityRef: string;
    /** The request body field the ref came from, if it did. */
    field?: string;
    credentials: BackstageCredentials;
    refusal: string;
  },
): Promise<TrainRecord> {
  const { trainId, entityRef, field, credentials, refusal } = input;
  const { train, ownerRef } = await requireParticipant(deps, trainId, entityRef, field);
  await authorizeParticipantChange(deps.access, {
    train,
    ownerRefs: [ownerRef],
    credentials,
    refusal,
  });
  requireActive(train);
  return train;
}
