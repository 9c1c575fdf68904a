import { renderTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import releaseCoordinationPlugin from './alpha';
import { releaseCoordinationApiRef } from './api';

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
