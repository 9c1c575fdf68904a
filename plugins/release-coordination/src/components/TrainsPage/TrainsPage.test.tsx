import { analyticsApiRef, identityApiRef } from '@backstage/core-plugin-api';
import { mockApis } from '@backstage/test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { ReleaseCoordinationApi } from '@release-coordination/plugin-release-coordination-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { releaseCoordinationApiRef } from '../../api';
import { renderPage } from '../../__testUtils__/renderWithApi';
import {
  autumnTrain,
  TRAIN_ID,
  trainWithoutOutcomesApi,
  winterDecisions,
  winterDriftNone,
  winterTrain,
  winterTrainDetail,
} from '../../__testUtils__/trainFixtures';
import { ReleaseCoordinationRouter } from '../Router';
import { TrainsPage } from './TrainsPage';

function renderWith(api: Partial<ReleaseCoordinationApi>) {
  return renderPage(<TrainsPage />, [[releaseCoordinationApiRef, api]]);
}

describe('TrainsPage', () => {
  it('says so when there are no trains', async () => {
    await renderWith({ listTrains: async () => ({ items: [], totalCount: 0 }) });
    expect(await screen.findByText('No release trains yet')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'New train' })).toBeInTheDocument();
  });

  it('lists trains linked to their page, with ambassador, stage and late chip', async () => {
    await renderWith({
      listTrains: async () => ({ totalCount: 1, items: [winterTrain] }),
    });
    const table = (await screen.findAllByRole('table'))[0];
    expect(
      await within(table).findByRole('link', { name: '2026.12 winter release' }),
    ).toHaveAttribute('href', `/release-coordination/trains/${TRAIN_ID}`);
    expect(within(table).getByText('integration')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'alice' })).toHaveAttribute(
      'href',
      '/catalog/default/user/alice',
    );
    expect(await within(table).findByText('late')).toBeInTheDocument();
  });

  it('draws the timeline from the list: a segment per stage window, late stages and today marked', async () => {
    const getTrain = vi.fn(async () => winterTrainDetail);
    await renderWith({
      listTrains: async () => ({ totalCount: 2, items: [winterTrain, autumnTrain] }),
      getTrain,
    });
    const timeline = await screen.findByRole('list', {
      name: 'Timeline of trains and stage windows',
    });
    const winter = within(timeline).getByTestId(`timeline-row-${TRAIN_ID}`);
    const winterSegments = within(winter).getAllByRole('img');
    // Deployment has no window: three segments, not four.
    expect(winterSegments).toHaveLength(3);
    expect(winterSegments[1].getAttribute('aria-label')).toMatch(
      /^2026.12 winter release, Integration: .* late, current$/,
    );
    expect(winterSegments[0].getAttribute('aria-label')).not.toMatch(/late/);

    const autumn = within(timeline).getByTestId(`timeline-row-${autumnTrain.id}`);
    const autumnSegments = within(autumn).getAllByRole('img');
    // Validation had no window planned.
    expect(autumnSegments.map(segment => segment.getAttribute('aria-label'))).toEqual([
      expect.stringMatching(/^2026.10 autumn release, Planning: /),
      expect.stringMatching(/^2026.10 autumn release, Integration: /),
      expect.stringMatching(/^2026.10 autumn release, Deployment: [^,]*$/),
    ]);
    expect(screen.getByTestId('timeline-today')).toBeInTheDocument();
    // The list's answer carries the stages: no train is fetched for the timeline.
    expect(getTrain).not.toHaveBeenCalled();
  });

  it('shows the error when the backend fails', async () => {
    await renderWith({
      listTrains: async () => {
        throw new Error('backend unavailable');
      },
    });
    expect(await screen.findByText(/Could not load release trains/)).toBeInTheDocument();
    expect(screen.getAllByText(/backend unavailable/).length).toBeGreaterThan(0);
  });
});

describe('New train dialog', () => {
  const catalogApi = {
    queryEntities: vi.fn(async (request?: { fullTextFilter?: { term: string } }) => {
      const items = [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'checkout-api', namespace: 'default' },
        },
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'pricing-service', namespace: 'default' },
        },
      ].filter(found => found.metadata.name.includes(request?.fullTextFilter?.term ?? ''));
      return { items, totalItems: items.length, pageInfo: {} };
    }),
  };
  const identityApi = {
    getBackstageIdentity: async () => ({
      type: 'user' as const,
      userEntityRef: 'user:default/alice',
      ownershipEntityRefs: ['user:default/alice'],
    }),
  };

  it('validates, then creates the train with the right payload and opens its page', async () => {
    const createTrain = vi.fn(async () => ({ ...winterTrainDetail, id: 'new-train' }));
    const getTrain = vi.fn(async () => ({ ...winterTrainDetail, id: 'new-train' }));
    const analytics = mockApis.analytics.mock();
    await renderPage(
      <Routes>
        <Route path="/release-coordination/*" element={<ReleaseCoordinationRouter />} />
      </Routes>,
      [
        [
          releaseCoordinationApiRef,
          {
            listTrains: async () => ({ items: [], totalCount: 0 }),
            createTrain,
            getTrain,
            listDecisions: async () => ({ items: winterDecisions, totalCount: 2 }),
            getDependencyDrift: async () => winterDriftNone,
            ...trainWithoutOutcomesApi,
            getDeploymentWaves: async () => ({
              snapshot: { ...(await import('../../__testUtils__/dependencyFixtures')).snapshot },
              plan: { waves: [], cycles: [], unknown: [] },
            }),
          },
        ],
        [catalogApiRef, catalogApi],
        [identityApiRef, identityApi],
        [analyticsApiRef, analytics],
      ],
      { routeEntries: ['/release-coordination'] },
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'New train' }));
    const dialog = await screen.findByRole('dialog');
    // The ambassador defaults to the signed-in user.
    await waitFor(() =>
      expect(within(dialog).getByLabelText(/Ambassador/)).toHaveValue('user:default/alice'),
    );

    await user.click(within(dialog).getByRole('button', { name: 'Create train' }));
    expect(within(dialog).getByText('Give the train a name.')).toBeInTheDocument();
    expect(within(dialog).getByText('Say what the release is for.')).toBeInTheDocument();
    expect(within(dialog).getByText('Add at least one component to the train.')).toBeInTheDocument();
    expect(createTrain).not.toHaveBeenCalled();

    await user.type(within(dialog).getByLabelText(/Name/), 'Spring release');
    await user.type(within(dialog).getByLabelText(/Objective/), 'Faster search');
    fireEvent.change(within(dialog).getByLabelText('Planning start'), {
      target: { value: '2027-03-01' },
    });
    fireEvent.change(within(dialog).getByLabelText('Planning end'), {
      target: { value: '2027-02-20' },
    });
    await user.type(within(dialog).getByLabelText('Components'), 'checkout');
    // The catalog is searched for what was typed, a page at a time, never read whole.
    await waitFor(() =>
      expect(catalogApi.queryEntities).toHaveBeenCalledWith(
        expect.objectContaining({
          filter: { kind: 'Component' },
          fullTextFilter: { term: 'checkout', fields: ['metadata.name', 'metadata.title'] },
          limit: 20,
        }),
      ),
    );
    await waitFor(() =>
      expect(screen.queryByRole('option', { name: 'component:default/pricing-service' })).toBeNull(),
    );
    await user.click(await screen.findByRole('option', { name: 'component:default/checkout-api' }));
    await user.click(within(dialog).getByRole('button', { name: 'Create train' }));
    expect(within(dialog).getByText('The start must not be after the end.')).toBeInTheDocument();
    expect(within(dialog).getByText('Give the version this train ships.')).toBeInTheDocument();
    expect(createTrain).not.toHaveBeenCalled();

    fireEvent.change(within(dialog).getByLabelText('Planning end'), {
      target: { value: '2027-03-07' },
    });
    await user.type(
      within(dialog).getByLabelText('Target version of component:default/checkout-api'),
      '5.0.0',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Create train' }));

    await waitFor(() => expect(createTrain).toHaveBeenCalledTimes(1));
    expect(createTrain).toHaveBeenCalledWith({
      name: 'Spring release',
      objective: 'Faster search',
      ambassadorRef: 'user:default/alice',
      stageWindows: {
        planning: { start: '2027-03-01T00:00:00.000Z', end: '2027-03-07T23:59:59.000Z' },
      },
      participants: [{ entityRef: 'component:default/checkout-api', targetVersion: '5.0.0' }],
    });
    for (const [request] of catalogApi.queryEntities.mock.calls as unknown as [{ limit?: number }][]) {
      expect(request.limit).toBe(20);
    }
    expect(analytics.captureEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        action: 'create',
        subject: winterTrainDetail.name,
        attributes: { trainId: 'new-train', participants: winterTrainDetail.participants.length },
      }),
    );
    // Navigated to the new train's page.
    await waitFor(() => expect(getTrain).toHaveBeenCalledWith({ trainId: 'new-train' }));
    expect(await screen.findByRole('table', { name: 'Gates board' })).toBeInTheDocument();
  });
});
