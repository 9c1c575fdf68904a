import { createApp } from '@backstage/app-defaults';
import { FlatRoutes } from '@backstage/core-app-api';
import { createApiFactory } from '@backstage/core-plugin-api';
import { ReleaseCoordinationApi } from '@release-coordination/plugin-release-coordination-common';
import { render, screen } from '@testing-library/react';
import { Route } from 'react-router-dom';
import { releaseCoordinationApiRef } from './api';
import * as legacyExports from './index';
import {
  EntityDependencyMatrixContent,
  EntityOwnershipContent,
  ReleaseCoordinationPage,
  releaseCoordinationPlugin,
} from './plugin';
import { rootRouteRef } from './routes';
import {
  checkoutApi,
  checkoutApiOwnership,
  checkoutMatrix,
  checkoutSystem,
} from './testing/dependencyFixtures';
import { renderEntityContent } from './testing/renderWithApi';

describe('legacy frontend system', () => {
  it('exposes the plugin with its id and route', () => {
    expect(releaseCoordinationPlugin.getId()).toBe('release-coordination');
    expect(releaseCoordinationPlugin.routes.root).toBe(rootRouteRef);
  });

  it('mounts the page in a legacy app through its routable extension', async () => {
    const app = createApp({
      apis: [
        createApiFactory(releaseCoordinationApiRef, {
          // Only the call the page makes; the rest of the API is not reached.
          listTrains: async () => ({ items: [], totalCount: 0 }),
        } as Partial<ReleaseCoordinationApi> as ReleaseCoordinationApi),
      ],
      plugins: [releaseCoordinationPlugin],
      configLoader: async () => [
        {
          context: 'test',
          data: {
            app: { title: 'Test', baseUrl: 'http://localhost' },
            backend: { baseUrl: 'http://localhost:7007' },
          },
        },
      ],
    });
    const AppProvider = app.getProvider();
    const AppRouter = app.getRouter();
    window.history.pushState({}, '', '/release-coordination');

    render(
      <AppProvider>
        <AppRouter>
          <FlatRoutes>
            <Route path="/release-coordination" element={<ReleaseCoordinationPage />} />
          </FlatRoutes>
        </AppRouter>
      </AppProvider>,
    );

    expect(await screen.findByText('Release coordination')).toBeInTheDocument();
    expect(await screen.findByText('No release trains yet')).toBeInTheDocument();
  });
});

describe('legacy entity content', () => {
  it('exports the entity tabs and their filters from the package entry point', () => {
    expect(legacyExports.EntityDependencyMatrixContent).toBe(EntityDependencyMatrixContent);
    expect(legacyExports.EntityOwnershipContent).toBe(EntityOwnershipContent);
    expect(legacyExports.isDependencyMatrixAvailable(checkoutSystem)).toBe(true);
    expect(legacyExports.isOwnershipAvailable(checkoutApi)).toBe(true);
  });

  it('loads the Dependency matrix tab lazily inside an entity page', async () => {
    await renderEntityContent(<EntityDependencyMatrixContent />, checkoutSystem, {
      getTeamMatrix: async () => checkoutMatrix,
    });
    expect(
      await screen.findByRole('table', { name: 'Team dependency matrix' }),
    ).toBeInTheDocument();
  });

  it('loads the Ownership tab lazily inside an entity page', async () => {
    await renderEntityContent(<EntityOwnershipContent />, checkoutApi, {
      getOwnership: async () => checkoutApiOwnership,
    });
    expect(await screen.findByText('Escalation path')).toBeInTheDocument();
  });
});
