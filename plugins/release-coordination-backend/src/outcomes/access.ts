import {
  AuditorService,
  BackstageCredentials,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult, BasicPermission } from '@backstage/plugin-permission-common';
import {
  DependencyIndex,
  TrainParticipant,
  normalizeEntityRef,
} from '@release-coordination/plugin-release-coordination-common';
import { TrainRecord, TrainStore } from '../database/TrainStore';

/** What the outcome services read of trains; they never write them. */
export type TrainLookup = Pick<TrainStore, 'getTrain' | 'listParticipants'>;

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
  index: DependencyIndex,
  participant: TrainParticipant,
): string | undefined {
  return index.node(participant.entityRef)?.owner ?? participant.ownerRef;
}

/** Who may do what with the participants of a train, beyond what a permission alone says. */
export interface ParticipantAccess {
  isAllowed(permission: BasicPermission, credentials: BackstageCredentials): Promise<boolean>;
  /** The refs a user owns through (the user and their Groups); empty for a service. */
  ownershipOf(credentials: BackstageCredentials): Promise<Set<string>>;
}

export function createParticipantAccess(options: {
  permissions: Pick<PermissionsService, 'authorize'>;
  userInfo: Pick<UserInfoService, 'getUserInfo'>;
}): ParticipantAccess {
  const { permissions, userInfo } = options;
  return {
    async isAllowed(permission, credentials) {
      const [decision] = await permissions.authorize([{ permission }], { credentials });
      return decision.result === AuthorizeResult.ALLOW;
    },
    async ownershipOf(credentials) {
      if ((credentials.principal as { type: string }).type !== 'user') return new Set();
      const { ownershipEntityRefs } = await userInfo.getUserInfo(credentials);
      return new Set(ownershipEntityRefs.map(ref => normalizeEntityRef(ref)));
    },
  };
}

/** Whether the caller is the train's ambassador. */
export function isAmbassador(train: TrainRecord, credentials: BackstageCredentials): boolean {
  const principal = credentials.principal as { type: string; userEntityRef?: string };
  return (
    principal.type === 'user' &&
    principal.userEntityRef !== undefined &&
    normalizeEntityRef(principal.userEntityRef) === train.ambassadorRef
  );
}

/**
 * The caller may change what belongs to a participant (its rollback plan, its flags): the
 * ambassador, a member of one of `ownerRefs`, or whoever the policy allows `permission`.
 * Throws `NotAllowedError` with `refusal` otherwise.
 */
export async function authorizeParticipantChange(
  access: ParticipantAccess,
  input: {
    train: TrainRecord;
    ownerRefs: (string | undefined)[];
    permission: BasicPermission;
    credentials: BackstageCredentials;
    refusal: string;
  },
): Promise<void> {
  if (await mayChangeParticipant(access, input)) return;
  throw new NotAllowedError(input.refusal);
}

/** {@link authorizeParticipantChange} as a yes or no, e.g. for what a page offers. */
export async function mayChangeParticipant(
  access: ParticipantAccess,
  input: {
    train: TrainRecord;
    ownerRefs: (string | undefined)[];
    permission: BasicPermission;
    credentials: BackstageCredentials;
    ownership?: Set<string>;
    permitted?: boolean;
  },
): Promise<boolean> {
  const { train, ownerRefs, permission, credentials } = input;
  if (isAmbassador(train, credentials)) return true;
  const ownership = input.ownership ?? (await access.ownershipOf(credentials));
  if (ownerRefs.some(ref => ref !== undefined && ownership.has(ref))) return true;
  return input.permitted ?? (await access.isAllowed(permission, credentials));
}

/** Runs a change as an audit event: success when it commits, failure when it throws. */
export async function audited<T>(
  auditor: AuditorService,
  eventId: string,
  meta: Record<string, string>,
  work: () => Promise<T>,
): Promise<T> {
  const event = await auditor.createEvent({ eventId, severityLevel: 'medium', meta });
  try {
    const result = await work();
    await event.success();
    return result;
  } catch (error) {
    await event.fail({ error: error as Error });
    throw error;
  }
}
