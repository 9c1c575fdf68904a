import { TrainEnvironmentMatrix } from '@release-coordination/plugin-release-coordination-common';
import { screen, within } from '@testing-library/react';
import { releaseCoordinationApiRef } from '../../api';
import { renderPage } from '../../__testUtils__/renderWithApi';
import { winterTrainDetail } from '../../__testUtils__/trainFixtures';
import { EnvironmentMatrixCard } from './EnvironmentMatrixCard';

const CHECKOUT = 'component:default/checkout-api';
const PRICING = 'component:default/pricing-service';

const matrix: TrainEnvironmentMatrix = {
  environments: ['staging', 'production'],
  participants: [
    {
      entityRef: CHECKOUT,
      targetVersion: '4.2.0',
      cells: [
        {
          environment: 'staging',
          latest: {
            deploymentId: 's2',
            version: '4.2.0',
            result: 'succeeded',
            startedAt: '2026-12-01T09:00:00Z',
            finishedAt: '2026-12-01T09:10:00Z',
          },
          running: {
            deploymentId: 's2',
            version: '4.2.0',
            finishedAt: '2026-12-01T09:10:00Z',
          },
          atTarget: true,
        },
        {
          environment: 'production',
          latest: {
            deploymentId: 'p2',
            version: '4.2.0',
            result: 'failed',
            startedAt: '2026-12-02T09:00:00Z',
            finishedAt: '2026-12-02T09:20:00Z',
          },
          running: {
            deploymentId: 'p1',
            version: '4.1.0',
            finishedAt: '2026-11-20T09:10:00Z',
          },
          atTarget: false,
        },
      ],
    },
    {
      entityRef: PRICING,
      targetVersion: '2.0.0',
      cells: [
        { environment: 'staging', atTarget: false },
        { environment: 'production', atTarget: false },
      ],
    },
  ],
  hidden: { participants: 1 },
};

const rowOf = (name: string) =>
  screen.getByRole('link', { name }).closest('tr') as HTMLElement;

describe('EnvironmentMatrixCard', () => {
  it('shows per participant the version running in each environment, and the newest report', async () => {
    await renderPage(<EnvironmentMatrixCard train={winterTrainDetail} />, [
      [releaseCoordinationApiRef, { getEnvironmentMatrix: async () => matrix }],
    ]);
    expect(
      await screen.findByText(
        '0 of 2 participant(s) run their target version in production.',
      ),
    ).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Environment matrix' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map(h => h.textContent),
    ).toEqual(['Participant', 'Target', 'staging', 'production']);
    const checkout = rowOf('checkout-api');
    expect(within(checkout).getByText('4.2.0 (target)')).toBeInTheDocument();
    expect(
      within(checkout).getByText('4.1.0, target 4.2.0'),
    ).toBeInTheDocument();
    expect(
      within(checkout).getByText(/^newest: 4.2.0 failed on/),
    ).toBeInTheDocument();
    expect(
      within(rowOf('pricing-service')).getAllByText('Not deployed'),
    ).toHaveLength(2);
    expect(
      screen.getByText(/1 participant .*you cannot see/),
    ).toBeInTheDocument();
  });

  it('says when it cannot load', async () => {
    await renderPage(<EnvironmentMatrixCard train={winterTrainDetail} />, [
      [
        releaseCoordinationApiRef,
        {
          getEnvironmentMatrix: async () => {
            throw new Error('The backend is not reachable');
          },
        },
      ],
    ]);
    expect(
      await screen.findByText(/Could not load the environment matrix/),
    ).toBeInTheDocument();
  });
});
