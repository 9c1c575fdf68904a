import { renderTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { screen } from '@testing-library/react';
import releaseCoordinationPlugin, {
  entityDependencyMatrixContent,
  entityOwnershipContent,
} from './alpha';
import { releaseCoordinationApiRef } from './api';
import { isDependencyMatrixAvailable, isOwnershipAvailable } from './filters';
import {
  checkoutApi,
  checkoutApiBlastRadius,
  checkoutApiDependencies,
  checkoutApiOwnership,
  checkoutApiWaves,
  checkoutSystem,
  entity,
} from './testing/dependencyFixtures';

describe('new frontend system', () => {
  it('mounts the trains page at /release-coordination', async () => {
    renderTestApp({
      features: [releaseCoordinationPlugin],
      apis: [[releaseCoordinationApiRef, { listTrains: async () => ({ items: [], totalCount: 0 }) }]],
      initialRouteEntries: ['/release-coordination'],
    });
    expect(await screen.findByText('No release trains yet')).toBeInTheDocument();
  });
});

describe('entity content of the new frontend system', () => {
  it('renders the Dependency matrix tab on a component page', async () => {
    const getEntityDependencies = vi.fn(async () => checkoutApiDependencies);
    renderTestApp({
      extensions: [createTestEntityPage({ entity: checkoutApi }), entityDependencyMatrixContent],
      apis: [
        [
          releaseCoordinationApiRef,
          {
            getEntityDependencies,
            getBlastRadius: async () => checkoutApiBlastRadius,
            getDeploymentWaves: async () => checkoutApiWaves,
          },
        ],
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    expect(await screen.findByText('Depends on (upstream): 2')).toBeInTheDocument();
    expect(getEntityDependencies).toHaveBeenCalledWith({
      entityRef: 'component:default/checkout-api',
      depth: 1,
    });
  });

  it('renders the Ownership tab on a component page', async () => {
    renderTestApp({
      extensions: [createTestEntityPage({ entity: checkoutApi }), entityOwnershipContent],
      apis: [[releaseCoordinationApiRef, { getOwnership: async () => checkoutApiOwnership }]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    expect(await screen.findByText('Escalation path')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'payments-dept' })).toBeInTheDocument();
  });

  it('is part of the plugin, with tabs only for the kinds they serve', () => {
    expect(
      releaseCoordinationPlugin.getExtension(
        'entity-content:release-coordination/dependency-matrix',
      ),
    ).toBeDefined();
    expect(
      releaseCoordinationPlugin.getExtension('entity-content:release-coordination/ownership'),
    ).toBeDefined();
    expect(isDependencyMatrixAvailable(checkoutSystem)).toBe(true);
    expect(isDependencyMatrixAvailable(entity('API', 'payment-api'))).toBe(false);
    expect(isOwnershipAvailable(entity('API', 'payment-api'))).toBe(true);
    expect(isOwnershipAvailable(entity('Domain', 'payments'))).toBe(false);
  });
});
