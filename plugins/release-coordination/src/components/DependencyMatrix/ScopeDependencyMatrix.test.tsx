import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  checkoutEdges,
  checkoutMatrix,
  checkoutSystem,
  emptySnapshot,
  FakeApi,
  largeMatrix,
  notFound,
  pending,
  teamCheckout,
} from '../../__testUtils__/dependencyFixtures';
import { renderEntityContent } from '../../__testUtils__/renderWithApi';
import { EntityDependencyMatrixContent } from './EntityDependencyMatrixContent';

function matrixFake(overrides: FakeApi = {}): FakeApi {
  return {
    getTeamMatrix: vi.fn(async () => checkoutMatrix),
    listDependencyEdges: vi.fn(async ({ offset = 0, limit = 20 }) =>
      checkoutEdges(offset, limit, 45),
    ),
    ...overrides,
  };
}

const checkoutOnPayments = 'team-checkout depends on team-payments-core: 4 dependencies';

describe('EntityDependencyMatrixContent for a system, domain or group', () => {
  it('shows progress while the matrix loads', async () => {
    await renderEntityContent(<EntityDependencyMatrixContent />, checkoutSystem, {
      getTeamMatrix: () => pending(),
    });
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('says the graph is not derived yet when the snapshot is empty', async () => {
    await renderEntityContent(<EntityDependencyMatrixContent />, checkoutSystem, {
      getTeamMatrix: async () => ({
        ...checkoutMatrix,
        snapshot: emptySnapshot,
        matrix: { teams: [], cells: [] },
        nodeCount: 0,
        edgeCount: 0,
        crossTeamEdgeCount: 0,
        unowned: [],
      }),
    });
    expect(
      await screen.findByText('No dependencies derived yet — the graph refreshes on a schedule'),
    ).toBeInTheDocument();
  });

  it('says when the scope has no dependencies', async () => {
    await renderEntityContent(<EntityDependencyMatrixContent />, checkoutSystem, {
      getTeamMatrix: async () => ({
        ...checkoutMatrix,
        matrix: { teams: ['group:default/team-checkout'], cells: [] },
        edgeCount: 0,
        crossTeamEdgeCount: 0,
        unowned: [],
      }),
    });
    expect(await screen.findByText('No dependencies in this scope')).toBeInTheDocument();
  });

  it('shows the error when the backend fails, and a hint on a 404', async () => {
    const { unmount } = await renderEntityContent(
      <EntityDependencyMatrixContent />,
      checkoutSystem,
      {
        getTeamMatrix: async () => {
          throw new Error('matrix query timed out');
        },
      },
    );
    expect(await screen.findByText(/Could not load the dependency matrix/)).toBeInTheDocument();
    expect(screen.getAllByText(/matrix query timed out/).length).toBeGreaterThan(0);
    unmount();

    await renderEntityContent(<EntityDependencyMatrixContent />, checkoutSystem, {
      getTeamMatrix: async () => {
        throw notFound('No system system:default/checkout in the catalog');
      },
    });
    expect(
      await screen.findByText('checkout is not in the dependency graph yet'),
    ).toBeInTheDocument();
  });

  it('draws the team matrix with counts, unowned entities and snapshot age', async () => {
    const api = matrixFake();
    await renderEntityContent(<EntityDependencyMatrixContent />, checkoutSystem, api);

    const matrix = await screen.findByRole('table', { name: 'Team dependency matrix' });
    expect(api.getTeamMatrix).toHaveBeenCalledWith({ scope: 'system:default/checkout' });
    expect(within(matrix).getByRole('button', { name: checkoutOnPayments })).toHaveTextContent(
      '4',
    );
    expect(
      within(matrix).getByRole('button', {
        name: 'team-checkout depends on team-checkout: 7 dependencies',
      }),
    ).toBeInTheDocument();
    expect(
      within(matrix).getByRole('button', {
        name: 'No owner depends on team-checkout: 1 dependency',
      }),
    ).toBeInTheDocument();
    expect(within(matrix).getByRole('rowheader', { name: /No owner/ })).toBeInTheDocument();
    expect(screen.getByText('1 entities without a known owner')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'legacy-reporting' })).toHaveAttribute(
      'href',
      '/catalog/default/component/legacy-reporting',
    );
    expect(screen.getAllByText(/3 minutes ago/).length).toBeGreaterThan(0);
  });

  it('drills down into the edges behind a cell, a page at a time', async () => {
    const api = matrixFake();
    await renderEntityContent(<EntityDependencyMatrixContent />, checkoutSystem, api);
    fireEvent.click(await screen.findByRole('button', { name: checkoutOnPayments }));

    expect(
      await screen.findByText('team-checkout depends on team-payments-core (45)'),
    ).toBeInTheDocument();
    expect(api.listDependencyEdges).toHaveBeenCalledWith({
      scope: 'system:default/checkout',
      fromTeam: 'group:default/team-checkout',
      toTeam: 'group:default/team-payments-core',
      crossTeamOnly: false,
      limit: 20,
      offset: 0,
    });
    const checkoutRow = screen
      .getByRole('link', { name: 'checkout-api' })
      .closest('tr') as HTMLElement;
    expect(within(checkoutRow).getByRole('link', { name: 'payment-gateway' })).toBeInTheDocument();
    expect(within(checkoutRow).getByRole('link', { name: 'payment-api' })).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Next Page' }));
    await waitFor(() =>
      expect(api.listDependencyEdges).toHaveBeenLastCalledWith(
        expect.objectContaining({ offset: 20, limit: 20 }),
      ),
    );
    expect(await screen.findByRole('link', { name: 'order-worker-20' })).toBeInTheDocument();
  });

  it('hides edges within a team and asks for cross-team edges only when toggled', async () => {
    const api = matrixFake();
    await renderEntityContent(<EntityDependencyMatrixContent />, checkoutSystem, api);
    await screen.findByRole('table', { name: 'Team dependency matrix' });

    fireEvent.click(screen.getByRole('checkbox', { name: 'Cross-team only' }));
    expect(
      screen.queryByRole('button', { name: /team-checkout depends on team-checkout/ }),
    ).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: checkoutOnPayments }));
    await waitFor(() =>
      expect(api.listDependencyEdges).toHaveBeenCalledWith(
        expect.objectContaining({ crossTeamOnly: true, fromTeam: 'group:default/team-checkout' }),
      ),
    );
  });

  it('shows the top 25 teams, the rest as "other teams", and filters by name', async () => {
    const api = matrixFake({ getTeamMatrix: vi.fn(async () => largeMatrix()) });
    await renderEntityContent(
      <EntityDependencyMatrixContent />,
      { ...teamCheckout, kind: 'Domain', metadata: { name: 'payments', namespace: 'default' } },
      api,
    );
    const matrix = await screen.findByRole('table', { name: 'Team dependency matrix' });
    expect(api.getTeamMatrix).toHaveBeenCalledWith({ scope: 'domain:default/payments' });
    // 25 teams + "other teams", each a row under the header row.
    expect(within(matrix).getAllByRole('rowheader')).toHaveLength(26);
    expect(within(matrix).getByRole('rowheader', { name: /Other teams \(5\)/ })).toBeVisible();
    expect(screen.getByText(/Showing 25 of 30 teams/)).toBeInTheDocument();

    // Aggregated cells stand for many pairs of teams: they do not drill down.
    fireEvent.click(
      within(matrix).getByRole('button', { name: /team-24 depends on Other teams \(5\)/ }),
    );
    expect(api.listDependencyEdges).not.toHaveBeenCalled();

    fireEvent.mouseDown(screen.getByRole('button', { name: /Top 25/ }));
    fireEvent.click(await screen.findByRole('option', { name: 'Top 10' }));
    await waitFor(() => expect(screen.queryByRole('listbox')).not.toBeInTheDocument());
    await waitFor(() =>
      expect(within(matrix).getAllByRole('rowheader')).toHaveLength(11),
    );
    expect(within(matrix).getByRole('rowheader', { name: /Other teams \(20\)/ })).toBeVisible();

    fireEvent.change(screen.getByRole('textbox', { name: 'Filter teams' }), {
      target: { value: 'team-0' },
    });
    expect(screen.getByText('10 of 30 teams match')).toBeInTheDocument();
    const shown = within(matrix)
      .getAllByRole('rowheader')
      .map(header => header.textContent ?? '');
    expect(shown.filter(name => name.startsWith('team-0'))).toHaveLength(10);
  });
});
