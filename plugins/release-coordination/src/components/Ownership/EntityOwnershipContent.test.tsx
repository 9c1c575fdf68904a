import { screen, within } from '@testing-library/react';
import {
  checkoutApi,
  checkoutApiOwnership,
  legacyReporting,
  notFound,
  pending,
  snapshot,
  teamCheckout,
} from '../../__testUtils__/dependencyFixtures';
import { renderEntityContent } from '../../__testUtils__/renderWithApi';
import { EntityOwnershipContent } from './EntityOwnershipContent';

describe('EntityOwnershipContent', () => {
  it('shows progress while the ownership loads', async () => {
    await renderEntityContent(<EntityOwnershipContent />, checkoutApi, {
      getOwnership: () => pending(),
    });
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('shows the error when the backend fails', async () => {
    await renderEntityContent(<EntityOwnershipContent />, checkoutApi, {
      getOwnership: async () => {
        throw new Error('ownership lookup failed');
      },
    });
    expect(await screen.findByText(/Could not load the ownership/)).toBeInTheDocument();
    expect(screen.getAllByText(/ownership lookup failed/).length).toBeGreaterThan(0);
  });

  it('says the entity is not in the graph yet on a 404', async () => {
    await renderEntityContent(<EntityOwnershipContent />, checkoutApi, {
      getOwnership: async () => {
        throw notFound('component:default/checkout-api is not in the dependency graph');
      },
    });
    expect(
      await screen.findByText('checkout-api is not in the dependency graph yet'),
    ).toBeInTheDocument();
  });

  it('shows owner, members with contacts, escalation path and team dependencies', async () => {
    const getOwnership = vi.fn(async () => checkoutApiOwnership);
    await renderEntityContent(<EntityOwnershipContent />, checkoutApi, { getOwnership });

    expect(await screen.findByRole('link', { name: 'Owner' })).toHaveAttribute(
      'href',
      '/release-coordination/dictionary#term-owner',
    );
    expect(getOwnership).toHaveBeenCalledWith({ entityRef: 'component:default/checkout-api' });
    expect(screen.getByText(/Checkout · team with 2 member\(s\)/)).toBeInTheDocument();

    const members = screen.getByRole('list', { name: 'Owner group members' });
    expect(within(members).getByRole('link', { name: 'alice' })).toHaveAttribute(
      'href',
      '/catalog/default/user/alice',
    );
    expect(within(members).getByRole('link', { name: 'alice@acme.example' })).toHaveAttribute(
      'href',
      'mailto:alice@acme.example',
    );
    expect(within(members).getByText('no email in the catalog')).toBeInTheDocument();

    const path = screen.getByRole('list', { name: 'Escalation path, nearest first' });
    expect(within(path).getAllByRole('link').map(link => link.textContent)).toEqual([
      'team-checkout',
      'payments-dept',
      'acme',
    ]);
    expect(within(path).getByRole('link', { name: 'payments-dept' })).toHaveAttribute(
      'href',
      '/catalog/default/group/payments-dept',
    );

    const dependsOn = screen.getByRole('list', { name: 'Depends on teams' });
    const items = within(dependsOn).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('team-payments-core4 dependencies');
    expect(items[1]).toHaveTextContent('team-fraud1 dependency');
    const dependedOnBy = screen.getByRole('list', { name: 'Depended on by teams' });
    expect(within(dependedOnBy).getByRole('link', { name: 'team-storefront' })).toBeInTheDocument();

    expect(screen.getByText(/3 minutes ago/)).toBeInTheDocument();
    expect(screen.queryByText('Ownership problem')).not.toBeInTheDocument();
  });

  it('warns about the dangling owner of legacy-reporting', async () => {
    await renderEntityContent(<EntityOwnershipContent />, legacyReporting, {
      getOwnership: async () => ({
        snapshot,
        ownership: {
          entityRef: 'component:default/legacy-reporting',
          owner: 'group:default/team-legacy-reports',
          members: [],
          escalationPath: [],
          owns: [],
          dependsOnTeams: [{ team: 'group:default/team-checkout', count: 1 }],
          dependedOnByTeams: [],
          warnings: ['Owner group:default/team-legacy-reports is not in the catalog'],
        },
      }),
    });
    const alert = (await screen.findByText('Ownership problem')).closest(
      '[role="alert"]',
    ) as HTMLElement;
    expect(alert).toHaveTextContent(
      'Owner group:default/team-legacy-reports is not in the catalog',
    );
    // A missing group has no page: the owner is shown, not linked.
    expect(screen.queryByRole('link', { name: 'team-legacy-reports' })).not.toBeInTheDocument();
    expect(screen.getByText('group:default/team-legacy-reports')).toBeInTheDocument();
    expect(screen.getByText('Not in the catalog')).toBeInTheDocument();
    expect(
      screen.getByText('No owning group in the catalog, so there is nobody to escalate to.'),
    ).toBeInTheDocument();
  });

  it('shows what a group owns on its own page', async () => {
    await renderEntityContent(<EntityOwnershipContent />, teamCheckout, {
      getOwnership: async () => ({
        snapshot,
        ownership: {
          ...checkoutApiOwnership.ownership,
          entityRef: 'group:default/team-checkout',
          owns: ['component:default/checkout-api', 'component:default/cart-service'],
        },
      }),
    });
    expect(await screen.findByText('Owns (2)')).toBeInTheDocument();
    expect(screen.getByText('This is the team itself.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'cart-service' })).toHaveAttribute(
      'href',
      '/catalog/default/component/cart-service',
    );
  });
});
