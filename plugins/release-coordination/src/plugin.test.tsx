import { createApp } from '@backstage/app-defaults';
import { FlatRoutes } from '@backstage/core-app-api';
import { createApiFactory } from '@backstage/core-plugin-api';
import { ReleaseCoordinationApi } from '@release-coordination/plugin-release-coordination-common';
import { render, screen } from '@testing-library/react';
import { Route } from 'react-router-dom';
import { releaseCoordinationApiRef } from './api';
import { ReleaseCoordinationPage, releaseCoordinationPlugin } from './plugin';
import { rootRouteRef } from './routes';

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
