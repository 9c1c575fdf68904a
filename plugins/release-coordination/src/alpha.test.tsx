import { renderTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { screen, waitFor } from '@testing-library/react';
import releaseCoordinationPlugin, {
  entityDependencyMatrixContent,
  entityOwnershipContent,
  entityReleaseTrainCard,
  entityReleaseTrainsContent,
} from './alpha';
import { releaseCoordinationApiRef } from './api';
import { emptyScorecard } from './__testUtils__/scorecardFixtures';
import {
  isDependencyMatrixAvailable,
  isOwnershipAvailable,
  isReleaseTrainsAvailable,
} from './filters';
import {
  checkoutApi,
  checkoutApiBlastRadius,
  checkoutApiDependencies,
  checkoutApiOwnership,
  checkoutApiWaves,
  checkoutSystem,
  entity,
} from './__testUtils__/dependencyFixtures';
import {
  noIncidents,
  ownerApproval,
  pageOf,
  TRAIN_ID,
  trainWithoutOutcomesApi,
  winterDecisions,
  winterDriftNone,
  winterTrain,
  winterTrainDetail,
} from './__testUtils__/trainFixtures';

describe('new frontend system', () => {
  it('mounts the trains page at /release-coordination', async () => {
    renderTestApp({
      features: [releaseCoordinationPlugin],
      apis: [[releaseCoordinationApiRef, { listTrains: async () => ({ items: [], totalCount: 0 }) }]],
      initialRouteEntries: ['/release-coordination'],
    });
    expect(await screen.findByText('No release trains yet')).toBeInTheDocument();
    // One header for the plugin, its sub-pages as tabs, each a link to its own path.
    for (const [tab, path] of [
      ['Release trains', '/release-coordination/trains'],
      ['My approvals', '/release-coordination/approvals'],
      ['Calendar', '/release-coordination/calendar'],
      ['Cadences', '/release-coordination/cadences'],
      ['Scorecards', '/release-coordination/scorecards'],
      ['Release dictionary', '/release-coordination/dictionary'],
    ]) {
      expect(screen.getByRole('tab', { name: tab })).toHaveAttribute('href', path);
    }
  });

  it('routes a train page under the trains page', async () => {
    renderTestApp({
      features: [releaseCoordinationPlugin],
      apis: [
        [
          releaseCoordinationApiRef,
          {
            getTrain: async () => winterTrainDetail,
            listDecisions: async () => ({ items: winterDecisions, totalCount: 2 }),
            getDeploymentWaves: async () => checkoutApiWaves,
            getDependencyDrift: async () => winterDriftNone,
            ...trainWithoutOutcomesApi,
          },
        ],
      ],
      initialRouteEntries: [`/release-coordination/trains/${TRAIN_ID}`],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    expect(await screen.findByRole('table', { name: 'Gates board' })).toBeInTheDocument();
    expect(await screen.findByText('Retrospective')).toBeInTheDocument();
  });

  it("links a cadence train's page to its cadence on the cadences tab", async () => {
    renderTestApp({
      features: [releaseCoordinationPlugin],
      apis: [
        [
          releaseCoordinationApiRef,
          {
            getTrain: async () => ({
              ...winterTrainDetail,
              cadence: { cadenceId: 'fortnightly', occurrence: 4 },
            }),
            listDecisions: async () => ({ items: winterDecisions, totalCount: 2 }),
            getDeploymentWaves: async () => checkoutApiWaves,
            getDependencyDrift: async () => winterDriftNone,
            ...trainWithoutOutcomesApi,
          },
        ],
      ],
      initialRouteEntries: [`/release-coordination/trains/${TRAIN_ID}`],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    expect(await screen.findByRole('link', { name: 'Cadence train #4' })).toHaveAttribute(
      'href',
      '/release-coordination/cadences?cadence=fortnightly',
    );
  });

  it('mounts my approvals at /release-coordination/approvals', async () => {
    renderTestApp({
      features: [releaseCoordinationPlugin],
      apis: [
        [
          releaseCoordinationApiRef,
          {
            listMyApprovals: async () => pageOf({ items: [{ train: winterTrain, gate: ownerApproval }] }),
          },
        ],
      ],
      initialRouteEntries: ['/release-coordination/approvals'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    expect(await screen.findByText('Waiting for your decision (1)')).toBeInTheDocument();
    expect(releaseCoordinationPlugin.getExtension('sub-page:release-coordination/approvals')).toBeDefined();
  });

  it('mounts the release cadences at /release-coordination/cadences', async () => {
    const listCadences = vi.fn(async () => ({ items: [], totalCount: 0 }));
    renderTestApp({
      features: [releaseCoordinationPlugin],
      apis: [[releaseCoordinationApiRef, { listCadences }]],
      initialRouteEntries: ['/release-coordination/cadences'],
    });
    expect(await screen.findByText('No release cadences yet')).toBeInTheDocument();
    expect(listCadences).toHaveBeenCalledWith({ limit: 20, offset: 0 });
    expect(releaseCoordinationPlugin.getExtension('sub-page:release-coordination/cadences')).toBeDefined();
  });

  it("shows the cadence of the query string, whose trains link to the trains tab", async () => {
    const getCadence = vi.fn(async () => ({
      id: 'fortnightly',
      name: 'Fortnightly web',
      intervalDays: 14,
      firstStart: '2027-01-04T00:00:00.000Z',
      stageOffsets: [],
      teamRefs: [],
      createdBy: 'user:default/rm',
      createdAt: '2026-12-20T09:00:00.000Z',
      roster: [],
      next: { cadenceId: 'fortnightly', occurrence: 2, name: 'Fortnightly web #2', stageWindows: {} },
      rotationChanges: [],
    }));
    const listCadenceTrains = vi.fn(async () => pageOf({
      items: [
        {
          trainId: TRAIN_ID,
          name: 'Fortnightly web #1',
          occurrence: 1,
          ambassadorRef: 'user:default/alice',
          status: 'released',
          createdAt: '2027-01-03T09:00:00.000Z',
        },
      ],
    }));
    renderTestApp({
      features: [releaseCoordinationPlugin],
      apis: [[releaseCoordinationApiRef, { getCadence, listCadenceTrains }]],
      initialRouteEntries: ['/release-coordination/cadences?cadence=fortnightly'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    expect(await screen.findByRole('link', { name: 'Fortnightly web #1' })).toHaveAttribute(
      'href',
      `/release-coordination/trains/${TRAIN_ID}`,
    );
    expect(getCadence).toHaveBeenCalledWith({ cadenceId: 'fortnightly' });
  });

  it('mounts the scorecards at /release-coordination/scorecards', async () => {
    const getScorecard = vi.fn(async () => emptyScorecard);
    renderTestApp({
      features: [releaseCoordinationPlugin],
      apis: [[releaseCoordinationApiRef, { getScorecard }]],
      initialRouteEntries: ['/release-coordination/scorecards?scope=organization&period=30d'],
    });
    expect(await screen.findByText('No trains or deployments in this period')).toBeInTheDocument();
    expect(getScorecard).toHaveBeenCalledWith(
      expect.objectContaining({ scope: { kind: 'organization' } }),
    );
    expect(releaseCoordinationPlugin.getExtension('sub-page:release-coordination/scorecards')).toBeDefined();
  });

  it('mounts the release dictionary at /release-coordination/dictionary', async () => {
    renderTestApp({
      features: [releaseCoordinationPlugin],
      apis: [
        [
          releaseCoordinationApiRef,
          {
            getDictionary: async () => ({
              terms: [
                {
                  id: 'waiver',
                  term: 'Waiver',
                  definition: 'Letting a gate through on purpose, with who, why and until when.',
                  aliases: [],
                  seeAlso: [],
                },
              ],
              responsibilities: [],
              escalationPaths: [],
            }),
          },
        ],
      ],
      initialRouteEntries: ['/release-coordination/dictionary'],
    });
    expect(await screen.findByRole('region', { name: 'Waiver' })).toBeInTheDocument();
    expect(releaseCoordinationPlugin.getExtension('sub-page:release-coordination/dictionary')).toBeDefined();
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

  it('renders the Release trains tab on a component page', async () => {
    renderTestApp({
      extensions: [createTestEntityPage({ entity: checkoutApi }), entityReleaseTrainsContent],
      apis: [
        [
          releaseCoordinationApiRef,
          {
            listIncidents: noIncidents,
            listEntityTrains: async () => pageOf({
              items: [
                {
                  train: winterTrain,
                  participant: winterTrainDetail.participants[0],
                  gates: [ownerApproval],
                },
              ],
            }),
            getTrain: async () => winterTrainDetail,
            getDeploymentWaves: async () => checkoutApiWaves,
          },
        ],
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    expect(await screen.findByText('2026.12 winter release')).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByTestId('participant-wave')).toHaveTextContent('Deployment wave 2 of 2'),
    );
  });

  it('renders the release train card on the overview of a component page', async () => {
    renderTestApp({
      extensions: [createTestEntityPage({ entity: checkoutApi }), entityReleaseTrainCard],
      apis: [
        [
          releaseCoordinationApiRef,
          {
            listIncidents: noIncidents,
            listEntityTrains: async () =>
              pageOf({
                items: [
                  {
                    train: winterTrain,
                    participant: winterTrainDetail.participants[0],
                    gates: [ownerApproval],
                  },
                ],
              }),
          },
        ],
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    expect(await screen.findByText('Release train')).toBeInTheDocument();
    expect(await screen.findByText('2026.12 winter release')).toBeInTheDocument();
    expect(screen.getByText(/Owner approval \(integration, pending\)/)).toBeInTheDocument();
  });

  it('renders the Release trains tab on a system page, by train', async () => {
    const listEntityTrains = vi.fn(async () => pageOf({
      items: [
        {
          train: winterTrain,
          participant: winterTrainDetail.participants[0],
          gates: [ownerApproval],
        },
      ],
    }));
    renderTestApp({
      extensions: [createTestEntityPage({ entity: checkoutSystem }), entityReleaseTrainsContent],
      apis: [
        [
          releaseCoordinationApiRef,
          {
            listIncidents: noIncidents,
            listEntityTrains,
            getTrain: async () => winterTrainDetail,
            getDeploymentWaves: async () => checkoutApiWaves,
          },
        ],
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    expect(await screen.findByText('2026.12 winter release')).toBeInTheDocument();
    expect(
      await screen.findByRole('list', { name: 'Gates of checkout-api in 2026.12 winter release' }),
    ).toBeInTheDocument();
    expect(listEntityTrains).toHaveBeenCalledWith({
      entityRef: 'system:default/checkout',
      limit: 10,
      offset: 0,
    });
  });

  it('is part of the plugin, with tabs only for the kinds they serve', () => {
    expect(
      releaseCoordinationPlugin.getExtension('entity-content:release-coordination/release-trains'),
    ).toBeDefined();
    expect(isReleaseTrainsAvailable(checkoutSystem)).toBe(true);
    expect(isReleaseTrainsAvailable(entity('Group', 'team-checkout'))).toBe(false);
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
    expect(
      releaseCoordinationPlugin.getExtension('entity-card:release-coordination/release-train'),
    ).toBeDefined();
    expect(
      releaseCoordinationPlugin.getExtension('home-page-widget:release-coordination/my-approvals'),
    ).toBeDefined();
  });
});
