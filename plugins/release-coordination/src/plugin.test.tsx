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
  EntityReleaseTrainCard,
  HomePageMyApprovalsCard,
  EntityReleaseTrainsContent,
  ReleaseCoordinationApprovalsPage,
  ReleaseCoordinationCadencesPage,
  ReleaseCoordinationDictionaryPage,
  ReleaseCoordinationPage,
  releaseCoordinationPlugin,
  ReleaseCoordinationScorecardsPage,
} from './plugin';
import {
  approvalsRouteRef,
  cadencesRouteRef,
  dictionaryRouteRef,
  rootRouteRef,
  scorecardsRouteRef,
  trainRouteRef,
} from './routes';
import {
  checkoutApi,
  checkoutApiOwnership,
  checkoutMatrix,
  checkoutSystem,
} from './__testUtils__/dependencyFixtures';
import { emptyScorecard } from './__testUtils__/scorecardFixtures';
import {
  noIncidents,
  pageOf,
  TRAIN_ID,
} from './__testUtils__/trainFixtures';
import { renderEntityContent } from './__testUtils__/renderWithApi';

describe('legacy frontend system', () => {
  it('exposes the plugin with its id and route', () => {
    expect(releaseCoordinationPlugin.getId()).toBe('release-coordination');
    expect(releaseCoordinationPlugin.routes.root).toBe(rootRouteRef);
    expect(releaseCoordinationPlugin.routes.train).toBe(trainRouteRef);
    expect(releaseCoordinationPlugin.routes.approvals).toBe(approvalsRouteRef);
    expect(releaseCoordinationPlugin.routes.scorecards).toBe(scorecardsRouteRef);
    expect(releaseCoordinationPlugin.routes.dictionary).toBe(dictionaryRouteRef);
    expect(releaseCoordinationPlugin.routes.cadences).toBe(cadencesRouteRef);
  });

  function renderLegacyApp(path: string, api: Partial<ReleaseCoordinationApi>) {
    const app = createApp({
      apis: [
        // Only the calls the pages make; the rest of the API is not reached.
        createApiFactory(releaseCoordinationApiRef, api as ReleaseCoordinationApi),
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
    window.history.pushState({}, '', path);

    render(
      <AppProvider>
        <AppRouter>
          <FlatRoutes>
            <Route path="/release-coordination" element={<ReleaseCoordinationPage />} />
            <Route
              path="/release-coordination/approvals"
              element={<ReleaseCoordinationApprovalsPage />}
            />
            <Route
              path="/release-coordination/scorecards"
              element={<ReleaseCoordinationScorecardsPage />}
            />
            <Route
              path="/release-coordination/cadences"
              element={<ReleaseCoordinationCadencesPage />}
            />
            <Route
              path="/release-coordination/dictionary"
              element={<ReleaseCoordinationDictionaryPage />}
            />
          </FlatRoutes>
        </AppRouter>
      </AppProvider>,
    );
  }

  it('mounts the page in a legacy app through its routable extension', async () => {
    renderLegacyApp('/release-coordination', {
      listTrains: async () => ({ items: [], totalCount: 0 }),
    });
    expect(await screen.findByText('Release coordination')).toBeInTheDocument();
    expect(await screen.findByText('No release trains yet')).toBeInTheDocument();
  });

  // The app has no catalog here, so the pages are shown in states without entity links.
  it('routes a train page inside the page', async () => {
    const getTrain = vi.fn(async () => {
      throw new Error('train gone');
    });
    renderLegacyApp(`/release-coordination/trains/${TRAIN_ID}`, { getTrain });
    expect(await screen.findByText('Release train')).toBeInTheDocument();
    expect(await screen.findByText(/Could not load the release train/)).toBeInTheDocument();
    expect(getTrain).toHaveBeenCalledWith({ trainId: TRAIN_ID });
  });

  it('mounts my approvals through its routable extension', async () => {
    renderLegacyApp('/release-coordination/approvals', {
      listMyApprovals: async () => pageOf({ items: [] }),
    });
    expect(await screen.findByText('My approvals')).toBeInTheDocument();
    expect(await screen.findByText('Nothing waits for your approval')).toBeInTheDocument();
  });

  it('mounts the scorecards through their routable extension', async () => {
    const getScorecard = vi.fn(async () => emptyScorecard);
    renderLegacyApp('/release-coordination/scorecards?scope=organization&period=180d', {
      getScorecard,
    });
    expect(await screen.findByText('Scorecards')).toBeInTheDocument();
    expect(
      await screen.findByText('No trains or deployments in this period'),
    ).toBeInTheDocument();
    // The period comes from the query string.
    expect(getScorecard).toHaveBeenCalledWith(
      expect.objectContaining({ scope: { kind: 'organization' } }),
    );
    const { period } = (getScorecard.mock.calls[0] as unknown as [{ period: { from: string; to: string } }])[0];
    const days = (Date.parse(period.to) - Date.parse(period.from)) / 86_400_000;
    expect(Math.round(days)).toBe(180);
  });

  it('mounts the release cadences through their routable extension', async () => {
    const getCadence = vi.fn(async () => {
      throw new Error('cadence gone');
    });
    renderLegacyApp('/release-coordination/cadences?cadence=fortnightly', { getCadence });
    expect(await screen.findByText('Release cadences')).toBeInTheDocument();
    expect(await screen.findByText(/Could not load the cadence/)).toBeInTheDocument();
    // The cadence shown comes from the query string.
    expect(getCadence).toHaveBeenCalledWith({ cadenceId: 'fortnightly' });
  });

  it('mounts the dictionary through its routable extension', async () => {
    renderLegacyApp('/release-coordination/dictionary#term-waiver', {
      getDictionary: async () => ({
        terms: [
          {
            id: 'waiver',
            term: 'Waiver',
            definition: 'Letting a gate through on purpose, with who, why and until when.',
            aliases: [],
            seeAlso: ['stage'],
          },
          {
            id: 'stage',
            term: 'Stage',
            definition: 'A step every train goes through, in order.',
            aliases: [],
            seeAlso: [],
          },
        ],
        responsibilities: [],
        escalationPaths: [],
      }),
    });
    expect(await screen.findByText('Release dictionary')).toBeInTheDocument();
    expect(await screen.findByRole('region', { name: 'Waiver' })).toBeInTheDocument();
  });
});

describe('legacy entity content', () => {
  it('exports the entity tabs and their filters from the package entry point', () => {
    expect(legacyExports.EntityDependencyMatrixContent).toBe(EntityDependencyMatrixContent);
    expect(legacyExports.EntityOwnershipContent).toBe(EntityOwnershipContent);
    expect(legacyExports.EntityReleaseTrainsContent).toBe(EntityReleaseTrainsContent);
    expect(legacyExports.ReleaseCoordinationApprovalsPage).toBe(ReleaseCoordinationApprovalsPage);
    expect(legacyExports.ReleaseCoordinationCadencesPage).toBe(ReleaseCoordinationCadencesPage);
    expect(legacyExports.EntityReleaseTrainCard).toBe(EntityReleaseTrainCard);
    expect(legacyExports.HomePageMyApprovalsCard).toBe(HomePageMyApprovalsCard);
    expect(legacyExports.isReleaseTrainsAvailable(checkoutApi)).toBe(true);
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

  it('loads the Release trains tab lazily inside an entity page', async () => {
    await renderEntityContent(<EntityReleaseTrainsContent />, checkoutApi, {
      listIncidents: noIncidents,
      listEntityTrains: async () => pageOf({ items: [] }),
    });
    expect(await screen.findByText('checkout-api is in no release train')).toBeInTheDocument();
  });

  it('loads the Release trains tab of a system lazily inside an entity page', async () => {
    expect(legacyExports.isReleaseTrainsAvailable(checkoutSystem)).toBe(true);
    await renderEntityContent(<EntityReleaseTrainsContent />, checkoutSystem, {
      listIncidents: noIncidents,
      listEntityTrains: async () => pageOf({ items: [] }),
    });
    expect(await screen.findByText('checkout is in no release train')).toBeInTheDocument();
  });

  it('loads the Ownership tab lazily inside an entity page', async () => {
    await renderEntityContent(<EntityOwnershipContent />, checkoutApi, {
      getOwnership: async () => checkoutApiOwnership,
    });
    expect(await screen.findByText('Escalation path')).toBeInTheDocument();
  });
});
