import { Clock, systemClock } from '@release-coordination/plugin-release-coordination-node';
import {
  AuditorService,
  BackstageCredentials,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  ActionItem,
  AddRetrospectiveNoteRequest,
  CreateActionItemRequest,
  Page,
  RETROSPECTIVE_COLUMNS,
  Retrospective,
  RetrospectiveColumn,
  RetrospectiveNote,
  UpdateActionItemRequest,
  normalizeEntityRef,
} from '@release-coordination/plugin-release-coordination-common';
import { DependencyIndex } from '../dependencies/graph';
import { randomUUID } from 'node:crypto';
import { PageRequest } from '../database/paging';
import { DependencySnapshotService } from '../dependencies/DependencySnapshotService';
import {
  actorRefOf,
  audited,
  TrainAccess,
  ownershipOf,
  userRefOf,
} from '../access';
import { TrainAnnouncer } from '../trains/announcements';
import { TrainService } from '../trains/TrainService';
import { refsConcerning } from './carryOver';
import {
  ActionItemFilter,
  ActionItemPatch,
  NoteQuery,
  RetrospectiveStore,
  RetrospectiveTrain,
} from './RetrospectiveStore';

/** Retrospectives of trains: the notes of the board and the action items that carry over. */
export interface RetrospectiveService {
  /**
   * The train's notes (per column of the board), its action items and the open items carried
   * over from earlier trains: the first `limit` of each, with its total.
   */
  getRetrospective(trainId: string, firstPage: { limit: number }): Promise<Retrospective>;
  /** A page of the train's notes, oldest first; 404 for an unknown train. */
  listNotes(trainId: string, query: NoteQuery): Promise<Page<RetrospectiveNote>>;
  /**
   * A page of the open items of earlier trains that concern the train's participants, oldest
   * first; 404 for an unknown train.
   */
  listCarriedOver(trainId: string, page: PageRequest): Promise<Page<ActionItem>>;
  /** Any signed-in person may add a note. */
  addNote(
    trainId: string,
    input: AddRetrospectiveNoteRequest,
    credentials: BackstageCredentials,
  ): Promise<RetrospectiveNote>;
  /**
   * The note's author may delete a note, and whoever the policy lets manage the train (its
   * ambassador, by the usual condition, or a release manager).
   */
  deleteNote(trainId: string, noteId: string, credentials: BackstageCredentials): Promise<void>;
  /** Whoever the policy lets manage the train (its ambassador, a release manager) adds items. */
  createActionItem(
    trainId: string,
    input: CreateActionItemRequest,
    credentials: BackstageCredentials,
  ): Promise<ActionItem>;
  /**
   * A member of the owning team (the owner Group, or the owner of the owning Component) may
   * change an item, and whoever the policy lets manage the creating train (its ambassador, a
   * release manager).
   */
  updateActionItem(
    itemId: string,
    input: UpdateActionItemRequest,
    credentials: BackstageCredentials,
  ): Promise<ActionItem>;
  listActionItems(filter: ActionItemFilter): Promise<Page<ActionItem>>;
}

export interface RetrospectiveServiceOptions {
  store: RetrospectiveStore;
  /** Reads the train with its current participants. */
  trains: Pick<TrainService, 'getTrain'>;
  snapshots: Pick<DependencySnapshotService, 'current'>;
  userInfo: UserInfoService;
  /** Who may run which train: its retrospective is run by the same people. */
  trainAccess: Pick<TrainAccess, 'mayManage' | 'managesEveryTrain'>;
  auditor: AuditorService;
  /** Publishes `train-changed` for the train a change belongs to. */
  announcer: TrainAnnouncer;
  /** Where "now" comes from; the system clock unless a replay of history sets it. */
  clock?: Clock;
  /** The most notes one train's retrospective holds; {@link DEFAULT_MAX_NOTES_PER_TRAIN} if not given. */
  maxNotesPerTrain?: number;
}

/**
 * Anyone signed in may add notes: a bound keeps one person (or a script) from filling a
 * train's board and the database. Far above what a real retrospective collects.
 */
export const DEFAULT_MAX_NOTES_PER_TRAIN = 500;

/** A retrospective action item can be owned by these kinds of catalog entities. */
const OWNER_KINDS = ['group', 'user', 'component'];

/**
 * Whether someone who owns through `memberOf` (their User and Groups) speaks for `ownerRef`:
 * it is them or one of their Groups, or a Component one of their Groups owns.
 */
function isOwnedBy(ownerRef: string, memberOf: Set<string>, index: DependencyIndex): boolean {
  const owningTeam = index.node(ownerRef)?.owner;
  return memberOf.has(ownerRef) || (owningTeam !== undefined && memberOf.has(owningTeam));
}

/**
 * Whether an item's owner has a part in a train: one of `concerned` (its participants and
 * their owners, see {@link refsConcerning}) or a member of one of those Groups.
 */
function concernsTrain(ownerRef: string, concerned: string[], index: DependencyIndex): boolean {
  if (concerned.includes(ownerRef)) return true;
  return concerned.some(ref => index.group(ref)?.members.includes(ownerRef) ?? false);
}

/** Creates the {@link RetrospectiveService}. */
export function createRetrospectiveService(
  options: RetrospectiveServiceOptions,
): RetrospectiveService {
  const { store, trains, snapshots, userInfo, trainAccess, auditor, announcer } = options;
  const maxNotesPerTrain = options.maxNotesPerTrain ?? DEFAULT_MAX_NOTES_PER_TRAIN;
  const clock = options.clock ?? systemClock;
  const now = () => clock.now();

  async function requireTrain(trainId: string): Promise<RetrospectiveTrain> {
    const train = await store.getTrain(trainId);
    if (!train) throw new NotFoundError(`No release train with id '${trainId}'`);
    return train;
  }

  async function requireItem(itemId: string): Promise<ActionItem> {
    const item = await store.getActionItem(itemId);
    if (!item) throw new NotFoundError(`No action item with id '${itemId}'`);
    return item;
  }

  /** A release manager: whom the policy allows to manage every train outright. */
  const isReleaseManager = (credentials: BackstageCredentials) =>
    trainAccess.managesEveryTrain(credentials);

  /** Whoever the policy lets run the train (its ambassador, by condition, or a manager). */
  const mayRunTrain = (train: RetrospectiveTrain, credentials: BackstageCredentials) =>
    trainAccess.mayManage(train.id, credentials);

  /** An owner must be a Group, User or Component the catalog knows. */
  function requireKnownOwner(index: DependencyIndex, ownerRef: string, field: string): void {
    const kind = ownerRef.slice(0, ownerRef.indexOf(':'));
    if (!OWNER_KINDS.includes(kind)) {
      throw new InputError(`${field} must be the ref of a Group, User or Component: '${ownerRef}'`);
    }
    let known: unknown;
    if (kind === 'group') known = index.group(ownerRef);
    else if (kind === 'user') known = index.user(ownerRef);
    else known = index.node(ownerRef);
    if (!known) {
      throw new InputError(`${field} '${ownerRef}' is not in the catalog`);
    }
  }

  /** The refs whose open items of earlier trains concern the train; 404 for an unknown train. */
  async function refsConcerningTrain(trainId: string): Promise<string[]> {
    const train = await trains.getTrain(trainId);
    const { index } = await snapshots.current();
    return refsConcerning(train.participants, index);
  }

  async function getRetrospective(
    trainId: string,
    firstPage: { limit: number },
  ): Promise<Retrospective> {
    const page = { limit: firstPage.limit, offset: 0 };
    const ownerRefs = await refsConcerningTrain(trainId);
    const [notes, actionItems, carriedOver] = await Promise.all([
      Promise.all(
        RETROSPECTIVE_COLUMNS.map(column => store.queryNotes(trainId, { column, ...page })),
      ),
      store.queryActionItems({ trainId, ...page }),
      store.queryCarriedOver(trainId, ownerRefs, page),
    ]);
    return {
      trainId,
      notes: Object.fromEntries(
        RETROSPECTIVE_COLUMNS.map((column, i) => [column, notes[i]]),
      ) as Record<RetrospectiveColumn, Page<RetrospectiveNote>>,
      actionItems,
      carriedOver,
    };
  }

  async function listNotes(trainId: string, query: NoteQuery): Promise<Page<RetrospectiveNote>> {
    await requireTrain(trainId);
    return store.queryNotes(trainId, query);
  }

  async function listCarriedOver(trainId: string, page: PageRequest): Promise<Page<ActionItem>> {
    return store.queryCarriedOver(trainId, await refsConcerningTrain(trainId), page);
  }

  async function addNote(
    trainId: string,
    input: AddRetrospectiveNoteRequest,
    credentials: BackstageCredentials,
  ): Promise<RetrospectiveNote> {
    const authorRef = userRefOf(credentials);
    if (!authorRef) {
      throw new NotAllowedError('Retrospective notes are written by people, not by services');
    }
    return audited(auditor, 'retro-note-add', { actor: authorRef, trainId }, async () => {
      const note: RetrospectiveNote = {
        id: randomUUID(),
        trainId,
        column: input.column,
        text: input.text,
        authorRef,
        createdAt: now().toISOString(),
      };
      await store.transaction(async tx => {
        // The train is locked while its notes are counted, so concurrent notes cannot pass
        // the bound together.
        const train = await tx.getTrain(trainId, { lock: true });
        if (!train) {
          throw new NotFoundError(`No release train with id '${trainId}'`);
        }
        if ((await tx.countNotes(trainId)) >= maxNotesPerTrain) {
          throw new ConflictError(
            `The retrospective of '${train.name}' holds ${maxNotesPerTrain} notes, as many as ` +
              'it takes (releaseCoordination.retrospectives.maxNotesPerTrain); delete some first',
          );
        }
        await tx.insertNote(note);
        await tx.appendDecision({
          trainId,
          actorRef: authorRef,
          action: 'retro.note-added',
          subject: note.id,
          after: { column: note.column, text: note.text },
        });
      });
      await announcer.announce(trainId);
      return note;
    });
  }

  async function deleteNote(
    trainId: string,
    noteId: string,
    credentials: BackstageCredentials,
  ): Promise<void> {
    const actorRef = actorRefOf(credentials);
    await audited(auditor, 'retro-note-delete', { actor: actorRef, trainId, noteId }, async () => {
      const train = await requireTrain(trainId);
      const note = await store.getNote(noteId);
      if (!note || note.trainId !== trainId) {
        throw new NotFoundError(`No note '${noteId}' in the retrospective of '${train.name}'`);
      }
      const allowed = actorRef === note.authorRef || (await mayRunTrain(train, credentials));
      if (!allowed) {
        throw new NotAllowedError(
          'Only the author, the ambassador or a release manager can delete this note',
        );
      }
      await store.transaction(async tx => {
        // Deleted by someone else meanwhile: the outcome the caller wanted already holds.
        if (!(await tx.getNote(noteId))) return;
        await tx.deleteNote(noteId);
        await tx.appendDecision({
          trainId,
          actorRef,
          action: 'retro.note-deleted',
          subject: noteId,
          before: { column: note.column, text: note.text, authorRef: note.authorRef },
        });
      });
      await announcer.announce(trainId);
    });
  }

  async function createActionItem(
    trainId: string,
    input: CreateActionItemRequest,
    credentials: BackstageCredentials,
  ): Promise<ActionItem> {
    const actorRef = actorRefOf(credentials);
    return audited(auditor, 'action-item-create', { actor: actorRef, trainId }, async () => {
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
          after: { title: input.title, ownerRef, dueAt: input.dueAt ?? null, status: 'open' },
        });
      });
      await announcer.announce(trainId);
      return requireItem(id);
    });
  }

  /** Whether the caller may change an item: its owning team, or whoever runs the train. */
  async function mayChangeItem(
    item: ActionItem,
    train: RetrospectiveTrain,
    credentials: BackstageCredentials,
    index: DependencyIndex,
  ): Promise<boolean> {
    if (isOwnedBy(item.ownerRef, await ownershipOf(userInfo, credentials), index)) return true;
    return mayRunTrain(train, credentials);
  }

  async function updateActionItem(
    itemId: string,
    input: UpdateActionItemRequest,
    credentials: BackstageCredentials,
  ): Promise<ActionItem> {
    const actorRef = actorRefOf(credentials);
    return audited(auditor, 'action-item-update', { actor: actorRef, itemId }, async () => {
      const item = await requireItem(itemId);
      const train = await requireTrain(item.trainId);
      const { index } = await snapshots.current();
      if (!(await mayChangeItem(item, train, credentials, index))) {
        throw new NotAllowedError(
          `Only the ambassador of '${train.name}', members of ${item.ownerRef}'s team or a ` +
            'release manager can change this action item',
        );
      }
      const ownerRef = input.ownerRef ? normalizeEntityRef(input.ownerRef) : undefined;
      if (ownerRef) requireKnownOwner(index, ownerRef, 'ownerRef');
      // Handing an item over takes the receiver's consent: one of them takes it on, or a
      // release manager decides.
      if (
        ownerRef !== undefined &&
        ownerRef !== item.ownerRef &&
        !isOwnedBy(ownerRef, await ownershipOf(userInfo, credentials), index) &&
        !(await isReleaseManager(credentials))
      ) {
        throw new NotAllowedError(
          `Only members of ${ownerRef} or a release manager can hand action item ` +
            `'${item.title}' to ${ownerRef}`,
        );
      }

      const changed = await store.transaction(async tx => {
        // The change applies to the item as it is now, so a concurrent change is kept.
        const current = await tx.getActionItem(itemId, { lock: true });
        if (!current) throw new NotFoundError(`No action item with id '${itemId}'`);
        if (input.expectedVersion !== undefined && input.expectedVersion !== current.version) {
          throw new ConflictError(
            `Action item '${current.title}' changed since version ${input.expectedVersion}; ` +
              `it is at version ${current.version}`,
          );
        }
        const at = now().toISOString();
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
    });
  }

  return {
    getRetrospective,
    listNotes,
    listCarriedOver,
    addNote,
    deleteNote,
    createActionItem,
    updateActionItem,
    listActionItems: filter => store.queryActionItems(filter),
  };
}

/** Whether two times (ISO strings, either absent or null) name the same instant. */
function sameTime(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  return Date.parse(a) === Date.parse(b);
}
