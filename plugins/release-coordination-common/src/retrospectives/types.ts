import type { Page, VisiblePage } from '../types';

/**
 * The two columns of a blameless retrospective board.
 *
 * @public
 */
export type RetrospectiveColumn = 'went-well' | 'to-improve';

/**
 * Every {@link RetrospectiveColumn}, in the order the board shows them.
 *
 * @public
 */
export const RETROSPECTIVE_COLUMNS: readonly RetrospectiveColumn[] = ['went-well', 'to-improve'];

/**
 * A note on a train's retrospective board. The author is the person who wrote it down; notes
 * describe what happened, never who is to blame.
 *
 * @public
 */
export interface RetrospectiveNote {
  id: string;
  trainId: string;
  column: RetrospectiveColumn;
  text: string;
  authorRef: string;
  createdAt: string;
}

/**
 * Where an action item stands: `open` until it is `done` or `dropped` (closed either way).
 *
 * @public
 */
export type ActionItemStatus = 'open' | 'done' | 'dropped';

/**
 * Every {@link ActionItemStatus}, for validating and listing them.
 *
 * @public
 */
export const ACTION_ITEM_STATUSES: readonly ActionItemStatus[] = ['open', 'done', 'dropped'];

/**
 * Something a retrospective decided to change, owned by a team, a person or a component's
 * owning team. Open items carry over to later trains until they are closed.
 *
 * @public
 */
export interface ActionItem {
  id: string;
  /** The train whose retrospective created the item. */
  trainId: string;
  /** The name of that train, for people reading a carried-over item. */
  trainName: string;
  title: string;
  /** The Group, User or Component that owns the item. */
  ownerRef: string;
  dueAt?: string;
  status: ActionItemStatus;
  createdAt: string;
  updatedAt: string;
  /** When the item was done or dropped; absent while it is open. */
  closedAt?: string;
  /** Bumped by every change; send it back as `expectedVersion` to refuse a stale update. */
  version: number;
}

/**
 * A train's retrospective: its notes, the action items it created, and the open items of
 * earlier trains that concern its participants. Each list is the first page, with its total;
 * the rest is paged from `GET /trains/{trainId}/retrospective/notes?column=`,
 * `GET /action-items?trainId=` and `GET /trains/{trainId}/retrospective/carried-over`.
 *
 * @public
 */
export interface Retrospective {
  trainId: string;
  /** Per column of the board, its notes, oldest first. */
  notes: Record<RetrospectiveColumn, Page<RetrospectiveNote>>;
  /** Created by this train, oldest first. */
  actionItems: VisiblePage<ActionItem>;
  /**
   * Open items created by trains that were created before this one, owned by a participant
   * or by a participant's owner. Oldest first.
   */
  carriedOver: VisiblePage<ActionItem>;
}

/**
 * A page of a retrospective's notes, oldest first; of one column of the board when given.
 *
 * @public
 */
export interface ListRetrospectiveNotesRequest {
  column?: RetrospectiveColumn;
  limit?: number;
  offset?: number;
}

/**
 * A note to add to a column of a train's retrospective board.
 *
 * @public
 */
export interface AddRetrospectiveNoteRequest {
  column: RetrospectiveColumn;
  text: string;
}

/**
 * A new action item of a train's retrospective, with its owner and an optional due date.
 *
 * @public
 */
export interface CreateActionItemRequest {
  title: string;
  /** The ref of a Group, User or Component in the catalog. */
  ownerRef: string;
  dueAt?: string;
}

/**
 * A change to an action item. Fields left out keep their value; `dueAt: null` removes the due
 * date. `comment` goes into the decision log with the change.
 *
 * @public
 */
export interface UpdateActionItemRequest {
  status?: ActionItemStatus;
  title?: string;
  dueAt?: string | null;
  ownerRef?: string;
  comment?: string;
  /** When given, the update is refused (409) if the item changed since this version. */
  expectedVersion?: number;
}

/**
 * Which action items `listActionItems` returns: filtered by owner, status or train, a page
 * at a time.
 *
 * @public
 */
export interface ListActionItemsRequest {
  ownerRef?: string;
  status?: ActionItemStatus;
  trainId?: string;
  limit?: number;
  offset?: number;
}

/**
 * Whether an item is past its due date and still open.
 *
 * @public
 */
export function isActionItemOverdue(
  item: Pick<ActionItem, 'status' | 'dueAt'>,
  now: Date,
): boolean {
  return (
    item.status === 'open' &&
    item.dueAt !== undefined &&
    new Date(item.dueAt).getTime() < now.getTime()
  );
}
