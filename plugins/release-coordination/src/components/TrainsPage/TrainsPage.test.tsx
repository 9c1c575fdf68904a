import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { ReleaseCoordinationApi } from '@release-coordination/plugin-release-coordination-common';
import { screen } from '@testing-library/react';
import { releaseCoordinationApiRef } from '../../api';
import { TrainsPage } from './TrainsPage';

function renderWith(api: Partial<ReleaseCoordinationApi>) {
  return renderInTestApp(
    <TestApiProvider apis={[[releaseCoordinationApiRef, api]]}>
      <TrainsPage />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('TrainsPage', () => {
  it('says so when there are no trains', async () => {
    await renderWith({ listTrains: async () => ({ items: [], totalCount: 0 }) });
    expect(await screen.findByText('No release trains yet')).toBeInTheDocument();
  });

  it('lists trains with their ambassador linked to the catalog', async () => {
    await renderWith({
      listTrains: async () => ({
        totalCount: 1,
        items: [
          {
            id: 't1',
            name: '2026.12 winter release',
            objective: 'One-click checkout for returning customers',
            ambassadorRef: 'user:default/alice',
            status: 'active',
            currentStage: 'integration',
            createdAt: '2026-11-02T09:00:00Z',
            updatedAt: '2026-11-20T09:00:00Z',
          },
        ],
      }),
    });
    expect(await screen.findByText('2026.12 winter release')).toBeInTheDocument();
    expect(screen.getByText('integration')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'alice' })).toHaveAttribute(
      'href',
      '/catalog/default/user/alice',
    );
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
