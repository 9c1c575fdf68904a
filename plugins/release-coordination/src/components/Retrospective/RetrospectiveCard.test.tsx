import { identityApiRef } from '@backstage/core-plugin-api';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  ActionItem,
  ReleaseCoordinationApi,
  Retrospective,
  trainManagePermission,
} from '@release-coordination/plugin-release-coordination-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { releaseCoordinationApiRef } from '../../api';
import {
  fakePermissionApi,
  renderPage,
  signedInAs,
  VIEWER_REF,
} from '../../testing/renderWithApi';
import { responseError, TRAIN_ID, winterTrainDetail } from '../../testing/trainFixtures';
import { RetrospectiveCard } from './RetrospectiveCard';

// In this file the policy lets nobody manage trains: only the ambassador (alice) adds items.
const permissionApi = fakePermissionApi(name =>
  name === trainManagePermission.name ? 'deny' : 'allow',
);

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

const retrospective: Retrospective = {
  trainId: TRAIN_ID,
  notes: [
    {
      id: 'n1',
      trainId: TRAIN_ID,
      column: 'went-well',
      text: 'Contract tests caught the pricing break before validation',
      authorRef: 'user:default/bob',
      createdAt: '2026-11-21T10:00:00Z',
    },
    {
      id: 'n2',
      trainId: TRAIN_ID,
      column: 'to-improve',
      text: 'The rollback of checkout-api was never rehearsed',
      authorRef: 'user:default/carol',
      createdAt: '2026-11-21T10:05:00Z',
    },
  ],
  actionItems: [
    item({ id: 'a1', title: 'Rehearse the checkout-api rollback', dueAt: '2020-01-31T23:59:59Z' }),
    item({
      id: 'a2',
      title: 'Expire the old pricing flags',
      ownerRef: 'component:default/pricing-service',
      dueAt: '2099-01-31T23:59:59Z',
      status: 'done',
      closedAt: '2026-11-25T09:00:00Z',
    }),
  ],
  carriedOver: [
    item({
      id: 'c1',
      trainId: EARLIER_TRAIN_ID,
      trainName: '2026.10 autumn release',
      title: 'Document the payment freeze',
      ownerRef: 'group:default/team-catalog',
    }),
  ],
};

function fakeApi(overrides: Partial<ReleaseCoordinationApi> = {}) {
  return {
    getRetrospective: vi.fn(async () => retrospective),
    ...overrides,
  } as Partial<ReleaseCoordinationApi> & { getRetrospective: ReturnType<typeof vi.fn> };
}

async function renderCard(api: Partial<ReleaseCoordinationApi>, viewerRef = VIEWER_REF) {
  await renderPage(<RetrospectiveCard train={winterTrainDetail} />, [
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
      `/release-coordination/trains/${EARLIER_TRAIN_ID}`,
    );
    expect(within(carried).getByText('No due date')).toBeInTheDocument();
  });

  it('adds a note to a column and shows the board again', async () => {
    const api = fakeApi({ addRetrospectiveNote: vi.fn(async () => retrospective.notes[0]) });
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
      .mockResolvedValueOnce({ ...retrospective.actionItems[0], status: 'done' })
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
    const createActionItem = vi.fn(async () => retrospective.actionItems[0]);
    await renderCard(fakeApi({ createActionItem }), 'user:default/alice');
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
      trainId: TRAIN_ID,
      title: 'Automate the canary analysis',
      ownerRef: 'group:default/team-checkout',
    });
    // The end of the chosen day, wherever the browser is.
    expect(new Date(request.dueAt).getDate()).toBe(15);
    expect(new Date(request.dueAt).getHours()).toBe(23);
  });

  it('tells others who adds action items instead of offering the form', async () => {
    await renderCard(fakeApi());
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
          notes: [],
          actionItems: [],
          carriedOver: [],
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
