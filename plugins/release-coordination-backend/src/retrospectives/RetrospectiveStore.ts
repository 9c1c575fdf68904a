import {
  ActionItem,
  ActionItemStatus,
  Page,
  RetrospectiveColumn,
  RetrospectiveNote,
} from '@release-coordination/plugin-release-coordination-common';
import { PageRequest } from '../database/paging';
import { NewDecision } from '../trains/TrainStore';

/** What a retrospective needs to know about its train. */
export interface RetrospectiveTrain {
  id: string;
  name: string;
  ambassadorRef: string;
  createdAt: string;
}

/** A new action item; it starts open. */
export interface NewActionItem {
  id: string;
  trainId: string;
  title: string;
  ownerRef: string;
  dueAt?: string;
  createdAt: string;
}

/**
 * A change to an action item as stored. `null` clears a column; `remindedAt: null` lets the
 * overdue reminder go out again (after the due date moved or the item was reopened).
 */
export interface ActionItemPatch {
  title?: string;
  ownerRef?: string;
  dueAt?: string | null;
  status?: ActionItemStatus;
  closedAt?: string | null;
  remindedAt?: null;
  updatedAt: string;
}

/** Filters and paging of an action item listing, already validated. */
export interface ActionItemFilter {
  trainId?: string;
  ownerRef?: string;
  status?: ActionItemStatus;
  limit: number;
  offset: number;
}

/** Filters and paging of a train's notes, already validated. */
export interface NoteQuery extends PageRequest {
  column?: RetrospectiveColumn;
}

/**
 * An action item as scorecards count it: when it was created, due and closed, and by whom it
 * is owned.
 */
export interface ActionItemFact {
  id: string;
  trainId: string;
  ownerRef: string;
  status: ActionItemStatus;
  createdAt: string;
  dueAt?: string;
  closedAt?: string;
}

/** Reads and writes of retrospectives; inside a transaction or not. */
export interface RetrospectiveStoreSession {
  /**
   * `lock` takes a row lock on the train until the transaction ends, where the engine has
   * them: what is counted of the train then stays as counted.
   */
  getTrain(trainId: string, options?: { lock?: boolean }): Promise<RetrospectiveTrain | undefined>;
  /** How many notes the train's retrospective holds. */
  countNotes(trainId: string): Promise<number>;
  getNote(noteId: string): Promise<RetrospectiveNote | undefined>;
  insertNote(note: RetrospectiveNote): Promise<void>;
  deleteNote(noteId: string): Promise<void>;
  /** `lock` takes a row lock until the transaction ends, where the engine has them. */
  getActionItem(itemId: string, options?: { lock?: boolean }): Promise<ActionItem | undefined>;
  insertActionItem(item: NewActionItem): Promise<void>;
  /**
   * Compare-and-set on `version`; throws `VersionConflictError` when another writer changed the
   * item first.
   */
  updateActionItem(itemId: string, expectedVersion: number, patch: ActionItemPatch): Promise<void>;
  /** Appends to the train's decision log (the table of the train migrations). */
  appendDecision(decision: NewDecision): Promise<void>;
}

/** Persistence of retrospective notes and action items. */
export interface RetrospectiveStore extends RetrospectiveStoreSession {
  /** A page of a train's notes, oldest first; of one column of the board when given. */
  queryNotes(trainId: string, query: NoteQuery): Promise<Page<RetrospectiveNote>>;
  /** Action items by train, owner and status, oldest first. */
  queryActionItems(filter: ActionItemFilter): Promise<Page<ActionItem>>;
  /**
   * A page of the open items that trains created before `trainId` left behind, owned by one of
   * `ownerRefs`, oldest first.
   *
   * Safe to call while a train transaction is open, as gate rules are evaluated inside one.
   */
  queryCarriedOver(
    trainId: string,
    ownerRefs: string[],
    page: PageRequest,
  ): Promise<Page<ActionItem>>;
  /** Facts for scorecards: the items created in `[from, to)`, either bound optional. */
  listActionItems(range: { from?: Date; to?: Date }): Promise<ActionItemFact[]>;
  /** Open items past their due date whose owner has not been reminded yet. */
  listOverdueUnreminded(now: Date): Promise<ActionItem[]>;
  /**
   * Claims the overdue reminder of an item for one run, unless it was sent already, the item
   * was closed meanwhile, or another run holds a claim made at or after `staleBefore` (older
   * claims were left behind by a run that stopped before it sent). True when this caller claimed
   * it and should send it, then {@link RetrospectiveStore.completeReminder} it.
   */
  claimReminder(itemId: string, at: Date, staleBefore: Date): Promise<boolean>;
  /**
   * Records a claimed reminder as sent. Nothing is recorded when the claim is no longer the
   * caller's (the due date moved meanwhile, or the lease ran out and another run took over).
   */
  completeReminder(itemId: string, claimedAt: Date, at: Date): Promise<void>;
  /** Gives back a claimed reminder that could not be delivered, so the next run tries again. */
  releaseReminder(itemId: string, claimedAt: Date): Promise<void>;
  /**
   * Runs `work` in one transaction; a lost compare-and-set or a deadlock runs it again, a few
   * times.
   */
  transaction<T>(work: (session: RetrospectiveStoreSession) => Promise<T>): Promise<T>;
}
