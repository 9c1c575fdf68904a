import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  ActionItem,
  AddRetrospectiveNoteRequest,
  CreateActionItemRequest,
  Page,
  Retrospective,
  RetrospectiveNote,
  UpdateActionItemRequest,
} from '@release-coordination/plugin-release-coordination-common';
import { PageRequest } from '../database/paging';
import { createActionItemWrites } from './actionItems';
import { createRetrospectiveCore, RetrospectiveServiceOptions } from './core';
import { createNoteWrites } from './notes';
import { createRetrospectiveReads } from './reads';
import { ActionItemFilter, NoteQuery } from './RetrospectiveStore';

export type { RetrospectiveServiceOptions } from './core';
export { DEFAULT_MAX_NOTES_PER_TRAIN } from './core';

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

/** Creates the {@link RetrospectiveService} from its parts, which share one core. */
export function createRetrospectiveService(
  options: RetrospectiveServiceOptions,
): RetrospectiveService {
  const core = createRetrospectiveCore(options);
  return {
    ...createRetrospectiveReads(core),
    ...createNoteWrites(core),
    ...createActionItemWrites(core),
  };
}
