import {
  ActionItem,
  Page,
  RETROSPECTIVE_COLUMNS,
  Retrospective,
  RetrospectiveColumn,
  RetrospectiveNote,
} from '@release-coordination/plugin-release-coordination-common';
import { PageRequest } from '../database/paging';
import { RetrospectiveCore } from './core';
import { ActionItemFilter, NoteQuery } from './RetrospectiveStore';

/** What anyone who may read a train reads of its retrospective. */
export function createRetrospectiveReads(core: RetrospectiveCore) {
  const { store, requireTrain, refsConcerningTrain } = core;

  async function getRetrospective(
    trainId: string,
    firstPage: { limit: number },
  ): Promise<Retrospective> {
    const page = { limit: firstPage.limit, offset: 0 };
    const ownerRefs = await refsConcerningTrain(trainId);
    const [notes, actionItems, carriedOver] = await Promise.all([
      Promise.all(
        RETROSPECTIVE_COLUMNS.map(column =>
          store.queryNotes(trainId, { column, ...page }),
        ),
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

  async function listNotes(
    trainId: string,
    query: NoteQuery,
  ): Promise<Page<RetrospectiveNote>> {
    await requireTrain(trainId);
    return store.queryNotes(trainId, query);
  }

  async function listCarriedOver(
    trainId: string,
    page: PageRequest,
  ): Promise<Page<ActionItem>> {
    return store.queryCarriedOver(
      trainId,
      await refsConcerningTrain(trainId),
      page,
    );
  }

  return {
    getRetrospective,
    listNotes,
    listCarriedOver,
    listActionItems: (filter: ActionItemFilter) =>
      store.queryActionItems(filter),
  };
}
