import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  ActionItem,
  CreateActionItemRequest,
  normalizeEntityRef,
  UpdateActionItemRequest,
} from '@release-coordination/plugin-release-coordination-common';
import { randomUUID } from 'node:crypto';
import { actorRefOf, audited, ownershipOf } from '../access';
import { DependencyIndex } from '../dependencies/graph';
import { RetrospectiveCore } from './core';
import { ActionItemPatch, RetrospectiveTrain } from './RetrospectiveStore';

/** A retrospective action item can be owned by these kinds of catalog entities. */
const OWNER_KINDS = ['group', 'user', 'component'];

/**
 * Whether someone who owns through `memberOf` (their User and Groups) speaks for `ownerRef`:
 * it is them or one of their Groups, or a Component one of their Groups owns.
 */
function isOwnedBy(
  ownerRef: string,
  memberOf: Set<string>,
  index: DependencyIndex,
): boolean {
  const owningTeam = index.node(ownerRef)?.owner;
  return (
    memberOf.has(ownerRef) ||
    (owningTeam !== undefined && memberOf.has(owningTeam))
  );
}

/**
 * Whether an item's owner has a part in a train: one of `concerned` (its participants and
 * their owners, see `refsConcerning` in ./carryOver) or a member of one of those Groups.
 */
function concernsTrain(
  ownerRef: string,
  concerned: string[],
  index: DependencyIndex,
): boolean {
  if (concerned.includes(ownerRef)) return true;
  return concerned.some(
    ref => index.group(ref)?.members.includes(ownerRef) ?? false,
  );
}

/** An owner must be a Group, User or Component the catalog knows. */
function requireKnownOwner(
  index: DependencyIndex,
  ownerRef: string,
  field: string,
): void {
  const kind = ownerRef.slice(0, ownerRef.indexOf(':'));
  if (!OWNER_KINDS.includes(kind)) {
    throw new InputError(
      `${field} must be the ref of a Group, User or Component: '${ownerRef}'`,
    );
  }
  let known: unknown;
  if (kind === 'group') known = index.group(ownerRef);
  else if (kind === 'user') known = index.user(ownerRef);
  else known = index.node(ownerRef);
  if (!known) {
    throw new InputError(`${field} '${ownerRef}' is not in the catalog`);
  }
}

/** Whether two times (ISO strings, either absent or null) name the same instant. */
function sameTime(
  a: string | null | undefined,
  b: string | null | undefined,
): boolean {
  if (!a || !b) return !a && !b;
  return Date.parse(a) === Date.parse(b);
}

/**
 * What an update changes of an item as it is now: the patch to store, and the fields before
 * and after for the decision log. Only fields that differ count as changed.
 */
function actionItemChange(
  current: ActionItem,
  input: UpdateActionItemRequest,
  ownerRef: string | undefined,
  at: string,
) {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const patch: ActionItemPatch = { updatedAt: at };
  if (input.title !== undefined && input.title !== current.title) {
    before.title = current.title;
    after.title = patch.title = input.title;
  }
  if (ownerRef !== undefined && ownerRef !== current.ownerRef) {
    before.ownerRef = current.ownerRef;
    after.ownerRef = patch.ownerRef = ownerRef;
  }
  if (input.dueAt !== undefined && !sameTime(input.dueAt, current.dueAt)) {
    before.dueAt = current.dueAt ?? null;
    after.dueAt = patch.dueAt = input.dueAt;
    // A new due date deserves its own reminder once it passes.
    patch.remindedAt = null;
  }
  if (input.status !== undefined && input.status !== current.status) {
    before.status = current.status;
    after.status = patch.status = input.status;
    if (input.status === 'open') {
      patch.closedAt = null;
      patch.remindedAt = null;
    } else if (current.status === 'open') {
      patch.closedAt = at;
    }
  }
  return { before, after, patch };
}

/** Whether the caller may change an item: its owning team, or whoever runs the train. */
async function mayChangeItem(
  core: Pick<RetrospectiveCore, 'userInfo' | 'mayRunTrain'>,
  item: ActionItem,
  train: RetrospectiveTrain,
  credentials: BackstageCredentials,
  index: DependencyIndex,
): Promise<boolean> {
  const memberOf = await ownershipOf(core.userInfo, credentials);
  if (isOwnedBy(item.ownerRef, memberOf, index)) return true;
  return core.mayRunTrain(train, credentials);
}

/**
 * Handing an item over takes the receiver's consent: one of them takes it on, or a release
 * manager decides.
 */
async function mayHandOver(
  core: Pick<RetrospectiveCore, 'userInfo' | 'isReleaseManager'>,
  ownerRef: string,
  credentials: BackstageCredentials,
  index: DependencyIndex,
): Promise<boolean> {
  const memberOf = await ownershipOf(core.userInfo, credentials);
  if (isOwnedBy(ownerRef, memberOf, index)) return true;
  return core.isReleaseManager(credentials);
}

/** Adding action items to a train's retrospective and changing them. */
export function createActionItemWrites(core: RetrospectiveCore) {
  const { store, snapshots, auditor, announcer, now } = core;
  const { requireTrain, requireItem, mayRunTrain, refsConcerningTrain } = core;

  async function createActionItem(
    trainId: string,
    input: CreateActionItemRequest,
    credentials: BackstageCredentials,
  ): Promise<ActionItem> {
    const actorRef = actorRefOf(credentials);
    return audited(
      auditor,
      'action-item-create',
      { actor: actorRef, trainId },
      async () => {
        const train = await requireTrain(trainId);
        if (!(await mayRunTrain(train, credentials))) {
          throw new NotAllowedError(
            `Only the ambassador of '${train.name}' or a release manager can add action items`,
          );
        }
        const ownerRef = normalizeEntityRef(input.ownerRef);
        const { index } = await snapshots.current();
        requireKnownOwner(index, ownerRef, 'ownerRef');
        // An open item blocks its owner's next trains: only those who took part may get one.
        const concerned = await refsConcerningTrain(trainId);
        if (!concernsTrain(ownerRef, concerned, index)) {
          throw new InputError(
            `ownerRef: ${ownerRef} has no part in train '${train.name}'; action items go to its ` +
              `participants, their owners or members of those: ${concerned.join(', ')}`,
          );
        }
        const id = randomUUID();
        await store.transaction(async tx => {
          await tx.insertActionItem({
            id,
            trainId,
            title: input.title,
            ownerRef,
            ...(input.dueAt ? { dueAt: input.dueAt } : {}),
            createdAt: now().toISOString(),
          });
          await tx.appendDecision({
            trainId,
            entityRef: ownerRef,
            actorRef,
            action: 'action-item.created',
            subject: id,
            after: {
              title: input.title,
              ownerRef,
              dueAt: input.dueAt ?? null,
              status: 'open',
            },
          });
        });
        await announcer.announce(trainId);
        return requireItem(id);
      },
    );
  }

  async function updateActionItem(
    itemId: string,
    input: UpdateActionItemRequest,
    credentials: BackstageCredentials,
  ): Promise<ActionItem> {
    const actorRef = actorRefOf(credentials);
    return audited(
      auditor,
      'action-item-update',
      { actor: actorRef, itemId },
      async () => {
        const item = await requireItem(itemId);
        const train = await requireTrain(item.trainId);
        const { index } = await snapshots.current();
        if (!(await mayChangeItem(core, item, train, credentials, index))) {
          throw new NotAllowedError(
            `Only the ambassador of '${train.name}', members of ${item.ownerRef}'s team or a ` +
              'release manager can change this action item',
          );
        }
        const ownerRef = input.ownerRef
          ? normalizeEntityRef(input.ownerRef)
          : undefined;
        if (ownerRef) requireKnownOwner(index, ownerRef, 'ownerRef');
        if (
          ownerRef !== undefined &&
          ownerRef !== item.ownerRef &&
          !(await mayHandOver(core, ownerRef, credentials, index))
        ) {
          throw new NotAllowedError(
            `Only members of ${ownerRef} or a release manager can hand action item ` +
              `'${item.title}' to ${ownerRef}`,
          );
        }

        const changed = await store.transaction(async tx => {
          // The change applies to the item as it is now, so a concurrent change is kept.
          const current = await tx.getActionItem(itemId, { lock: true });
          if (!current)
            throw new NotFoundError(`No action item with id '${itemId}'`);
          if (
            input.expectedVersion !== undefined &&
            input.expectedVersion !== current.version
          ) {
            throw new ConflictError(
              `Action item '${current.title}' changed since version ${input.expectedVersion}; ` +
                `it is at version ${current.version}`,
            );
          }
          const at = now().toISOString();
          const { before, after, patch } = actionItemChange(
            current,
            input,
            ownerRef,
            at,
          );
          const comment = input.comment?.trim();
          if (Object.keys(after).length === 0 && !comment) {
            return false; // Nothing changes and nothing is said: not worth a log entry.
          }
          await tx.updateActionItem(itemId, current.version, patch);
          await tx.appendDecision({
            trainId: current.trainId,
            entityRef: ownerRef ?? current.ownerRef,
            actorRef,
            action: 'action-item.updated',
            subject: itemId,
            before,
            after,
            ...(comment ? { reason: comment } : {}),
          });
          return true;
        });
        if (changed) await announcer.announce(item.trainId);
        return requireItem(itemId);
      },
    );
  }

  return { createActionItem, updateActionItem };
}
