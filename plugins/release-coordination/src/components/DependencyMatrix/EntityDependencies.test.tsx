import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  checkoutApi,
  checkoutApiBlastRadius,
  checkoutApiDependencies,
  checkoutApiDependenciesDepth2,
  checkoutApiWaves,
  emptySnapshot,
  FakeApi,
  notFound,
  pending,
  pricingService,
  pricingServiceDependencies,
  pricingServiceWaves,
} from '../../__testUtils__/dependencyFixtures';
import { renderEntityContent } from '../../__testUtils__/renderWithApi';
import { EntityDependencyMatrixContent } from './EntityDependencyMatrixContent';

function checkoutApiFake(overrides: FakeApi = {}): FakeApi {
  return {
    getEntityDependencies: vi.fn(async ({ depth }) =>
      depth === 1 ? checkoutApiDependencies : checkoutApiDependenciesDepth2,
    ),
    getBlastRadius: vi.fn(async () => checkoutApiBlastRadius),
    getDeploymentWaves: vi.fn(async () => checkoutApiWaves),
    ...overrides,
  };
}

describe('EntityDependencyMatrixContent for a component', () => {
  it('shows progress while the dependencies load', async () => {
    await renderEntityContent(<EntityDependencyMatrixContent />, checkoutApi, {
      getEntityDependencies: () => pending(),
    });
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('says the graph is not derived yet when the snapshot is empty', async () => {
    await renderEntityContent(<EntityDependencyMatrixContent />, checkoutApi, {
      getEntityDependencies: async () => ({
        ...checkoutApiDependencies,
        snapshot: emptySnapshot,
        upstream: [],
        downstream: [],
      }),
    });
    expect(
      await screen.findByText('No dependencies derived yet — the graph refreshes on a schedule'),
    ).toBeInTheDocument();
  });

  it('says the entity is not in the graph yet on a 404', async () => {
    await renderEntityContent(<EntityDependencyMatrixContent />, checkoutApi, {
      getEntityDependencies: async () => {
        throw notFound('component:default/checkout-api is not in the dependency graph');
      },
    });
    expect(
      await screen.findByText('checkout-api is not in the dependency graph yet'),
    ).toBeInTheDocument();
  });

  it('shows the error when the backend fails', async () => {
    await renderEntityContent(<EntityDependencyMatrixContent />, checkoutApi, {
      getEntityDependencies: async () => {
        throw new Error('dependency snapshot store unavailable');
      },
    });
    expect(await screen.findByText(/Could not load the dependencies/)).toBeInTheDocument();
    expect(screen.getAllByText(/dependency snapshot store unavailable/).length).toBeGreaterThan(0);
  });

  it('lists upstream and downstream with owners, cross-team marks and APIs', async () => {
    const api = checkoutApiFake();
    await renderEntityContent(<EntityDependencyMatrixContent />, checkoutApi, api);

    const upstream = (await screen.findByText('Depends on (upstream): 2')).closest(
      '.MuiPaper-root',
    ) as HTMLElement;
    const gatewayRow = within(upstream)
      .getByRole('link', { name: 'payment-gateway' })
      .closest('tr') as HTMLElement;
    expect(within(gatewayRow).getByRole('link', { name: 'payment-gateway' })).toHaveAttribute(
      'href',
      '/catalog/default/component/payment-gateway',
    );
    expect(within(gatewayRow).getByRole('link', { name: 'team-payments-core' })).toHaveAttribute(
      'href',
      '/catalog/default/group/team-payments-core',
    );
    expect(within(gatewayRow).getByRole('link', { name: 'payment-api' })).toHaveAttribute(
      'href',
      '/catalog/default/api/payment-api',
    );
    expect(within(gatewayRow).getByText('Cross-team')).toBeInTheDocument();

    // cart-service is checkout's own: declared with dependsOn, not cross-team.
    const cartRow = within(upstream)
      .getByRole('link', { name: 'cart-service' })
      .closest('tr') as HTMLElement;
    expect(within(cartRow).getByText('dependsOn')).toBeInTheDocument();
    expect(within(cartRow).queryByText('Cross-team')).not.toBeInTheDocument();

    const downstream = screen
      .getByText('Depended on by (downstream): 2')
      .closest('.MuiPaper-root') as HTMLElement;
    expect(within(downstream).getByRole('link', { name: 'storefront-bff' })).toBeInTheDocument();
    expect(within(downstream).getAllByText('Cross-team')).toHaveLength(1);

    expect(api.getEntityDependencies).toHaveBeenCalledWith({
      entityRef: 'component:default/checkout-api',
      depth: 1,
    });
    expect(screen.getAllByText(/3 minutes ago/).length).toBeGreaterThan(0);
  });

  it('walks deeper when another depth is picked, "All" meaning no limit', async () => {
    const api = checkoutApiFake();
    await renderEntityContent(<EntityDependencyMatrixContent />, checkoutApi, api);
    await screen.findByText('Depends on (upstream): 2');

    fireEvent.click(screen.getByRole('button', { name: 'Depth 2' }));
    expect(await screen.findByText('Depends on (upstream): 3')).toBeInTheDocument();
    expect(api.getEntityDependencies).toHaveBeenLastCalledWith({
      entityRef: 'component:default/checkout-api',
      depth: 2,
    });
    const ledgerRow = screen
      .getByRole('link', { name: 'ledger-service' })
      .closest('tr') as HTMLElement;
    // Reached through payment-gateway: the path says whom it comes from.
    expect(within(ledgerRow).getByRole('link', { name: 'payment-gateway' })).toBeInTheDocument();
    expect(within(ledgerRow).getByRole('link', { name: 'ledger-api' })).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Depth all' }));
    await waitFor(() =>
      expect(api.getEntityDependencies).toHaveBeenLastCalledWith({
        entityRef: 'component:default/checkout-api',
        depth: undefined,
      }),
    );
    // The deployment order follows the upstream shown.
    await waitFor(() =>
      expect(api.getDeploymentWaves).toHaveBeenLastCalledWith({
        entityRefs: [
          'component:default/checkout-api',
          'component:default/payment-gateway',
          'component:default/cart-service',
          'component:default/ledger-service',
        ],
      }),
    );
  });

  it('shows the blast radius by team', async () => {
    const api = checkoutApiFake();
    await renderEntityContent(<EntityDependencyMatrixContent />, checkoutApi, api);
    const list = await screen.findByRole('list', { name: 'Affected entities by team' });
    const rows = within(list).getAllByRole('listitem');
    // The team with the most affected entities first.
    expect(rows[0]).toHaveAccessibleName('team-storefront: 2');
    expect(within(rows[0]).getByRole('link', { name: 'storefront-web' })).toBeInTheDocument();
    expect(rows[1]).toHaveAccessibleName('team-checkout: 1');
    expect(within(rows[1]).getByText('(owning team)')).toBeInTheDocument();
    expect(screen.getByText(/can affect/)).toHaveTextContent(
      'A change to checkout-api can affect 3 entities of 1 other team(s).',
    );
    expect(api.getBlastRadius).toHaveBeenCalledWith({
      entityRef: 'component:default/checkout-api',
    });
    // The words of the tab lead to their dictionary entries.
    expect(screen.getByRole('link', { name: 'Blast radius' })).toHaveAttribute(
      'href',
      '/release-coordination/dictionary#term-blast-radius',
    );
    expect(screen.getByRole('link', { name: 'Deployment waves' })).toHaveAttribute(
      'href',
      '/release-coordination/dictionary#term-deployment-wave',
    );
  });

  it('shows the deployment order of the entity and its upstream as waves', async () => {
    const api = checkoutApiFake();
    await renderEntityContent(<EntityDependencyMatrixContent />, checkoutApi, api);
    const waves = await screen.findByRole('list', { name: 'Deployment waves, first to last' });
    const [first, second] = within(waves).getAllByRole('listitem', { name: /^Wave/ });
    expect(first).toHaveAccessibleName('Wave 1');
    expect(within(first).getByRole('link', { name: 'payment-gateway' })).toBeInTheDocument();
    expect(within(first).getByRole('link', { name: 'cart-service' })).toBeInTheDocument();
    expect(second).toHaveAccessibleName('Wave 2');
    expect(within(second).getByText(/this entity/)).toBeInTheDocument();
    expect(api.getDeploymentWaves).toHaveBeenCalledWith({
      entityRefs: [
        'component:default/checkout-api',
        'component:default/payment-gateway',
        'component:default/cart-service',
      ],
    });
  });

  it('flags the pricing → inventory → promotions cycle in problems and waves', async () => {
    await renderEntityContent(<EntityDependencyMatrixContent />, pricingService, {
      getEntityDependencies: async () => pricingServiceDependencies,
      getBlastRadius: async () => ({
        snapshot: pricingServiceDependencies.snapshot,
        entityRef: 'component:default/pricing-service',
        totalCount: 0,
        groups: [],
      }),
      getDeploymentWaves: async () => pricingServiceWaves,
    });

    const problems = await screen.findByTestId('dependency-problems');
    expect(within(problems).getByText('Dependency cycle')).toBeInTheDocument();
    expect(within(problems).getByRole('link', { name: 'promotions-service' })).toBeInTheDocument();

    const cycleWave = await screen.findByRole('listitem', { name: 'Wave 1 (cycle)' });
    expect(within(cycleWave).getByText('Cycle')).toBeInTheDocument();
    expect(within(cycleWave).getByText(/ship them together/)).toBeInTheDocument();
    expect(
      screen.getByText('Cycle: no order can satisfy these dependencies'),
    ).toBeInTheDocument();
    expect(screen.getByText('No blast radius')).toBeInTheDocument();
  });

  it('says when a kind has no dependency matrix', async () => {
    await renderEntityContent(
      <EntityDependencyMatrixContent />,
      { apiVersion: 'backstage.io/v1alpha1', kind: 'User', metadata: { name: 'alice' } },
      {},
    );
    expect(await screen.findByText('No dependency matrix for a User')).toBeInTheDocument();
  });
});
