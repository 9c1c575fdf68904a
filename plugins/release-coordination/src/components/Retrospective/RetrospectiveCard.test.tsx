import { identityApiRef } from '@backstage/core-plugin-api';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  ActionItem,
  ReleaseCoordinationApi,
  Retrospective,
  RetrospectiveNote,
  trainManagePermission,
} from '@release-coordination/plugin-release-coordination-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { releaseCoordinationApiRef } from '../../api';
import {
  fakePermissionApi,
  renderPage,
  signedInAs,
  VIEWER_REF,
} from '../../__testUtils__/renderWithApi';
import { responseError, TRAIN_ID, winterTrainDetail } from '../../__testUtils__/trainFixtures';
import { RetrospectiveCard } from './RetrospectiveCard';

// In this file the policy lets only the ambassador (alice) manage trains, and so add items:
// the condition IS_AMBASSADOR, which the permission backend decides for the viewer signed in.
let viewer = VIEWER_REF;
const permissionApi = fakePermissionApi(name =>
  name !== trainManagePermission.name || viewer === 'user:default/alice' ? 'allow' : 'deny',
);
/**
 * Answers are cached per permission and train for the whole file, and here they depend on the
 * viewer: a test about who may manage shows the train under an id of its own.
 */
let renders = 0;
const ownTrainId = () => {
  renders += 1;
  return `${TRAIN_ID.slice(0, -2)}${String(renders).padStart(2, '0')}`;
};

const EARLIER_TRAIN_ID = '1f0e6a8e-3c1f-4d57-9f0e-1f2a3b4c5d6e';

function item(overrides: Partial<ActionItem> & Pick<ActionItem, 'id' | 'title'>): ActionItem {
  return {
    trainId: TRAIN_ID,
    trainName: '2026.12 winter release',
    ownerRef: 'group:default/team-checkout',
    status: 'open',
    createdAt: '2026-11-20T09:00:00Z',
    updatedAt: '2026-11-20T09:00:00Z',
    version: 2,
    ...overrides,
  };
}

/** A page with everything on it. */
const pageOf = <T,>(items: T[]) => ({ items, totalCount: items.length });

const wentWellNote: RetrospectiveNote = {
  id: 'n1',
  trainId: TRAIN_ID,
  column: 'went-well',
  text: 'Contract tests caught the pricing break before validation',
  authorRef: 'user:default/bob',
  createdAt: '2026-11-21T10:00:00Z',
};

const retrospective: Retrospective = {
  trainId: TRAIN_ID,
  notes: {
    'went-well': pageOf([wentWellNote]),
    'to-improve': pageOf<RetrospectiveNote>([
      {
        id: 'n2',
        trainId: TRAIN_ID,
        column: 'to-improve',
        text: 'The rollback of checkout-api was never rehearsed',
        authorRef: 'user:default/carol',
        createdAt: '2026-11-21T10:05:00Z',
      },
    ]),
  },
  actionItems: pageOf([
    item({ id: 'a1', title: 'Rehearse the checkout-api rollback', dueAt: '2020-01-31T23:59:59Z' }),
    item({
      id: 'a2',
      title: 'Expire the old pricing flags',
      ownerRef: 'component:default/pricing-service',
      dueAt: '2099-01-31T23:59:59Z',
      status: 'done',
      closedAt: '2026-11-25T09:00:00Z',
    }),
  ]),
  carriedOver: pageOf([
    item({
      id: 'c1',
      trainId: EARLIER_TRAIN_ID,
      trainName: '2026.10 autumn release',
      title: 'Document the payment freeze',
      ownerRef: 'group:default/team-catalog',
    }),
  ]),
};

const EMPTY_PAGE = { items: [], totalCount: 0 };

function fakeApi(overrides: Partial<ReleaseCoordinationApi> = {}) {
  return {
    getRetrospective: vi.fn(async () => retrospective),
    ...overrides,
  } as Partial<ReleaseCoordinationApi> & { getRetrospective: ReturnType<typeof vi.fn> };
}

async function renderCard(
  api: Partial<ReleaseCoordinationApi>,
  viewerRef = VIEWER_REF,
  trainId = TRAIN_ID,
) {
  viewer = viewerRef;
  const train = { ...winterTrainDetail, id: trainId };
  await renderPage(<RetrospectiveCard train={train} />, [
    [releaseCoordinationApiRef, api],
    [permissionApiRef, permissionApi],
    [identityApiRef, signedInAs(viewerRef)],
  ]);
}

const table = (name: RegExp) => screen.getByRole('table', { name });

describe('RetrospectiveCard', () => {
  it('shows the board, the action items with owners and overdue dates, and what carried over', async () => {
    await renderCard(fakeApi());
    const wentWell = await screen.findByRole('list', { name: 'What went well (1)' });
    expect(within(wentWell).getByText(/Contract tests caught the pricing break/)).toBeInTheDocument();
    expect(within(wentWell).getByRole('link', { name: 'bob' })).toBeInTheDocument();
    const toImprove = screen.getByRole('list', { name: 'What to improve (1)' });
    expect(within(toImprove).getByText(/never rehearsed/)).toBeInTheDocument();

    const items = table(/Action items \(2\)/);
    const [, rehearse, flags] = within(items).getAllByRole('row');
    expect(within(rehearse).getByRole('link', { name: 'team-checkout' })).toBeInTheDocument();
    expect(within(rehearse).getByText('overdue')).toBeInTheDocument();
    expect(within(rehearse).getByLabelText('Status of Rehearse the checkout-api rollback')).toHaveValue('open');
    // Done items and items due later are not overdue.
    expect(within(flags).queryByText('overdue')).not.toBeInTheDocument();
    expect(within(flags).getByRole('link', { name: 'pricing-service' })).toBeInTheDocument();

    const carried = table(/Carried over \(1\)/);
    expect(within(carried).getByText('Document the payment freeze')).toBeInTheDocument();
    expect(within(carried).getByRole('link', { name: '2026.10 autumn release' })).toHaveAttribute(
      'href',
      `/release-coordination/trains/${EARLIER_TRAIN_ID}?tab=retrospective`,
    );
    expect(within(carried).getByText('No due date')).toBeInTheDocument();
  });

  describe('pages', () => {
    const range = (from: number, to: number) =>
      Array.from({ length: to - from + 1 }, (_, i) => from + i);
    const note = (n: number): RetrospectiveNote => ({
      ...wentWellNote,
      id: `w${n}`,
      text: `Went well ${n}`,
      createdAt: `2026-11-21T10:${String(n).padStart(2, '0')}:00Z`,
    });
    const lesson = (n: number) => item({ id: `a${n}`, title: `Lesson ${n}` });
    const carried = (n: number) =>
      item({
        id: `c${n}`,
        trainId: EARLIER_TRAIN_ID,
        trainName: '2026.10 autumn release',
        title: `Carried ${n}`,
      });
    /** A retrospective of empty lists but `lists`, each the first page of ten. */
    const retrospectiveWith = (lists: Partial<Retrospective>) =>
      vi.fn(async () => ({
        trainId: TRAIN_ID,
        notes: { 'went-well': EMPTY_PAGE, 'to-improve': EMPTY_PAGE },
        actionItems: EMPTY_PAGE,
        carriedOver: EMPTY_PAGE,
        ...lists,
      }));
    const nextPage = (name: string) =>
      fireEvent.click(
        within(screen.getByRole('navigation', { name })).getByRole('button', { name: 'Next page' }),
      );

    it('asks for the first ten of each list with the retrospective, and the next notes of one column', async () => {
      const api = fakeApi({
        getRetrospective: retrospectiveWith({
          notes: {
            'went-well': { items: range(1, 10).map(note), totalCount: 12 },
            'to-improve': retrospective.notes['to-improve'],
          },
        }),
        listRetrospectiveNotes: vi.fn(async () => ({ items: [note(11), note(12)], totalCount: 12 })),
      });
      await renderCard(api);
      const wentWell = await screen.findByRole('list', { name: 'What went well (12)' });
      expect(api.getRetrospective).toHaveBeenCalledWith({ trainId: TRAIN_ID, limit: 10 });
      expect(within(wentWell).getAllByRole('listitem')).toHaveLength(10);
      expect(
        screen.queryByRole('navigation', { name: 'Pages of what to improve' }),
      ).not.toBeInTheDocument();
      const pages = screen.getByRole('navigation', { name: 'Pages of what went well' });
      expect(within(pages).getByText('1-10 of 12')).toBeInTheDocument();

      nextPage('Pages of what went well');
      await waitFor(() =>
        expect(api.listRetrospectiveNotes).toHaveBeenCalledWith({
          trainId: TRAIN_ID,
          column: 'went-well',
          limit: 10,
          offset: 10,
        }),
      );
      expect(await screen.findByText('Went well 11')).toBeInTheDocument();
      expect(screen.getByText('Went well 12')).toBeInTheDocument();
      expect(screen.queryByText('Went well 1')).not.toBeInTheDocument();
      expect(within(pages).getByText('11-12 of 12')).toBeInTheDocument();
      // The other column stays as it was.
      expect(screen.getByText(/never rehearsed/)).toBeInTheDocument();
    });

    it("asks for the next page of the train's action items", async () => {
      const api = fakeApi({
        getRetrospective: retrospectiveWith({
          actionItems: { items: range(1, 10).map(lesson), totalCount: 11 },
        }),
        listActionItems: vi.fn(async () => ({ items: [lesson(11)], totalCount: 11 })),
      });
      await renderCard(api);
      expect(await screen.findByText('Lesson 10')).toBeInTheDocument();
      nextPage('Pages of action items');
      await waitFor(() =>
        expect(api.listActionItems).toHaveBeenCalledWith({ trainId: TRAIN_ID, limit: 10, offset: 10 }),
      );
      expect(await screen.findByText('Lesson 11')).toBeInTheDocument();
      const items = table(/Action items \(11\)/);
      expect(within(items).getAllByRole('row').slice(1)).toHaveLength(1);
      expect(within(items).queryByText('Lesson 1')).not.toBeInTheDocument();
    });

    it('asks for the next page of the items carried over', async () => {
      const api = fakeApi({
        getRetrospective: retrospectiveWith({
          carriedOver: { items: range(1, 10).map(carried), totalCount: 13 },
        }),
        listCarriedOverActionItems: vi.fn(async () => ({
          items: range(11, 13).map(carried),
          totalCount: 13,
        })),
      });
      await renderCard(api);
      expect(await screen.findByText('Carried 10')).toBeInTheDocument();
      nextPage('Pages of carried-over action items');
      await waitFor(() =>
        expect(api.listCarriedOverActionItems).toHaveBeenCalledWith({
          trainId: TRAIN_ID,
          limit: 10,
          offset: 10,
        }),
      );
      expect(await screen.findByText('Carried 13')).toBeInTheDocument();
      const carriedTable = table(/Carried over \(13\)/);
      expect(within(carriedTable).getAllByRole('row').slice(1)).toHaveLength(3);
      expect(
        within(screen.getByRole('navigation', { name: 'Pages of carried-over action items' }))
          .getByText('11-13 of 13'),
      ).toBeInTheDocument();
    });
  });

  it('goes back a page when the last note of the page shown is deleted', async () => {
    const notes = Array.from({ length: 11 }, (_, i) => ({
      ...wentWellNote,
      id: `w${i + 1}`,
      text: `Went well ${i + 1}`,
    }));
    let left = notes;
    const api = fakeApi({
      getRetrospective: vi.fn(async () => ({
        ...retrospective,
        notes: {
          'went-well': { items: left.slice(0, 10), totalCount: left.length },
          'to-improve': retrospective.notes['to-improve'],
        },
      })),
      listRetrospectiveNotes: vi.fn(async ({ offset = 0 }: { offset?: number }) => ({
        items: left.slice(offset, offset + 10),
        totalCount: left.length,
      })),
      deleteRetrospectiveNote: vi.fn(async ({ noteId }: { noteId: string }) => {
        left = left.filter(note => note.id !== noteId);
      }),
    });
    await renderCard(api);
    const pages = await screen.findByRole('navigation', { name: 'Pages of what went well' });
    fireEvent.click(within(pages).getByRole('button', { name: 'Next page' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Delete note: Went well 11' }));

    expect(await screen.findByRole('list', { name: 'What went well (10)' })).toBeInTheDocument();
    expect(await screen.findByText('Went well 1')).toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Pages of what went well' })).not.toBeInTheDocument();
  });

  it('adds a note to a column and shows the board again', async () => {
    const api = fakeApi({ addRetrospectiveNote: vi.fn(async () => wentWellNote) });
    await renderCard(api);
    const user = userEvent.setup();
    const field = await screen.findByLabelText('Add to what to improve');
    await user.type(field, '  Start the freeze a day earlier ');
    const form = field.closest('form')!;
    await user.click(within(form as HTMLElement).getByRole('button', { name: 'Add' }));
    await waitFor(() =>
      expect(api.addRetrospectiveNote).toHaveBeenCalledWith({
        trainId: TRAIN_ID,
        column: 'to-improve',
        text: 'Start the freeze a day earlier',
      }),
    );
    await waitFor(() => expect(api.getRetrospective).toHaveBeenCalledTimes(2));
    expect(field).toHaveValue('');
  });

  it('shows why deleting someone else’s note was refused', async () => {
    const deleteRetrospectiveNote = vi.fn(async () => {
      throw responseError(
        403,
        'NotAllowedError',
        'Only the author, the ambassador or a release manager can delete this note',
      );
    });
    await renderCard(fakeApi({ deleteRetrospectiveNote }));
    await userEvent.click(
      await screen.findByRole('button', { name: /Delete note: Contract tests caught/ }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(/Only the author, the ambassador/);
    expect(deleteRetrospectiveNote).toHaveBeenCalledWith({ trainId: TRAIN_ID, noteId: 'n1' });
  });

  it('changes a status at the version it was shown, and shows a refusal', async () => {
    const updateActionItem = vi
      .fn()
      .mockResolvedValueOnce({ ...retrospective.actionItems.items[0], status: 'done' })
      .mockRejectedValueOnce(
        responseError(409, 'ConflictError', "Action item 'Document the payment freeze' changed since version 2"),
      );
    const api = fakeApi({ updateActionItem });
    await renderCard(api);
    const user = userEvent.setup();
    await user.selectOptions(
      await screen.findByLabelText('Status of Rehearse the checkout-api rollback'),
      'done',
    );
    await waitFor(() =>
      expect(updateActionItem).toHaveBeenCalledWith({ itemId: 'a1', status: 'done', expectedVersion: 2 }),
    );
    await waitFor(() => expect(api.getRetrospective).toHaveBeenCalledTimes(2));

    await user.selectOptions(screen.getByLabelText('Status of Document the payment freeze'), 'dropped');
    expect(await screen.findByRole('alert')).toHaveTextContent(/changed since version 2/);
  });

  it('lets the ambassador add an action item with an owner and a due date', async () => {
    const createActionItem = vi.fn(async () => retrospective.actionItems.items[0]);
    const trainId = ownTrainId();
    await renderCard(fakeApi({ createActionItem }), 'user:default/alice', trainId);
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'New action item' });
    await user.type(within(form).getByLabelText('Action item'), 'Automate the canary analysis');
    await user.type(within(form).getByLabelText('Owner'), 'team-checkout');
    expect(within(form).getByText(/The ref of a Group, User or Component/)).toBeInTheDocument();
    expect(within(form).getByRole('button', { name: 'Add action item' })).toBeDisabled();
    await user.clear(within(form).getByLabelText('Owner'));
    await user.type(within(form).getByLabelText('Owner'), 'group:default/team-checkout');
    await user.type(within(form).getByLabelText('Due'), '2026-12-15');
    await user.click(within(form).getByRole('button', { name: 'Add action item' }));
    await waitFor(() => expect(createActionItem).toHaveBeenCalledTimes(1));
    const [request] = createActionItem.mock.calls[0] as unknown as [Record<string, string>];
    expect(request).toMatchObject({
      trainId,
      title: 'Automate the canary analysis',
      ownerRef: 'group:default/team-checkout',
    });
    // The end of the chosen day, wherever the browser is.
    expect(new Date(request.dueAt).getDate()).toBe(15);
    expect(new Date(request.dueAt).getHours()).toBe(23);
  });

  it('tells others who adds action items instead of offering the form', async () => {
    await renderCard(fakeApi(), VIEWER_REF, ownTrainId());
    expect(
      await screen.findByText('The ambassador or a release manager adds action items.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'New action item' })).not.toBeInTheDocument();
  });

  it('says when there is nothing yet', async () => {
    await renderCard(
      fakeApi({
        getRetrospective: vi.fn(async () => ({
          trainId: TRAIN_ID,
          notes: { 'went-well': EMPTY_PAGE, 'to-improve': EMPTY_PAGE },
          actionItems: EMPTY_PAGE,
          carriedOver: EMPTY_PAGE,
        })),
      }),
    );
    expect(await screen.findAllByText('No notes yet.')).toHaveLength(2);
    expect(screen.getByText('No action items yet.')).toBeInTheDocument();
    expect(screen.getByText(/Nothing carried over/)).toBeInTheDocument();
  });

  it('shows an error when the retrospective cannot be loaded', async () => {
    await renderCard(
      fakeApi({
        getRetrospective: vi.fn(async () => {
          throw new Error('database is down');
        }),
      }),
    );
    expect(
      await screen.findByText('Error: Could not load the retrospective'),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/database is down/).length).toBeGreaterThan(0);
  });
});
