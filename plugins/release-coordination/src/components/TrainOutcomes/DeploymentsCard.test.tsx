import {
  DeploymentOutcome,
  ListDeploymentsRequest,
  ReleaseCoordinationApi,
} from '@release-coordination/plugin-release-coordination-common';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { releaseCoordinationApiRef } from '../../api';
import { fakeSignalApi } from '../../__testUtils__/fakeSignalApi';
import { renderPage } from '../../__testUtils__/renderWithApi';
import { TRAIN_ID, winterTrainDetail } from '../../__testUtils__/trainFixtures';
import { DeploymentsCard } from './DeploymentsCard';

const CHECKOUT = 'component:default/checkout-api';
const PRICING = 'component:default/pricing-service';

function deployment(
  overrides: Partial<DeploymentOutcome> & Pick<DeploymentOutcome, 'id' | 'deploymentId'>,
): DeploymentOutcome {
  return {
    trainId: TRAIN_ID,
    participantRef: CHECKOUT,
    ownerRef: 'group:default/team-checkout',
    environment: 'production',
    version: '4.2.0',
    startedAt: '2026-11-20T10:00:00Z',
    hotfix: false,
    reporter: 'demo-ci',
    reportedAt: '2026-11-20T10:00:00Z',
    updatedAt: '2026-11-20T10:00:00Z',
    ...overrides,
  };
}

const deployments: DeploymentOutcome[] = [
  deployment({
    id: '3',
    deploymentId: 'deploy-12',
    participantRef: PRICING,
    ownerRef: 'group:default/team-catalog',
    version: '2.9.1',
    startedAt: '2026-11-21T09:00:00Z',
  }),
  deployment({
    id: '2',
    deploymentId: 'deploy-11',
    startedAt: '2026-11-20T10:00:00Z',
    finishedAt: '2026-11-20T10:07:30Z',
    result: 'rolled-back',
    rollbackStartedAt: '2026-11-20T10:08:00Z',
    rollbackFinishedAt: '2026-11-20T10:13:00Z',
    evidenceUrl: 'https://ci.example.com/runs/11',
  }),
  deployment({
    id: '1',
    deploymentId: 'stage-3',
    environment: 'staging',
    startedAt: '2026-11-19T10:00:00Z',
    finishedAt: '2026-11-19T10:00:45Z',
    result: 'succeeded',
  }),
  deployment({
    id: '4',
    deploymentId: 'deploy-13',
    version: '4.2.1',
    startedAt: '2026-11-21T12:00:00Z',
    finishedAt: '2026-11-21T14:05:00Z',
    result: 'succeeded',
    hotfix: true,
  }),
];

function fakeApi(overrides: Partial<ReleaseCoordinationApi> = {}) {
  return {
    listDeployments: vi.fn(async () => ({ items: deployments, totalCount: deployments.length })),
    ...overrides,
  };
}

const cellTexts = (row: HTMLElement) =>
  within(row)
    .getAllByRole('cell')
    .map(cell => cell.textContent);

describe('DeploymentsCard', () => {
  it('groups deployments per participant and environment, with results, durations and rollbacks', async () => {
    await renderPage(<DeploymentsCard train={winterTrainDetail} />, [
      [releaseCoordinationApiRef, fakeApi()],
    ]);
    const checkout = await screen.findByRole('region', { name: 'Deployments of checkout-api' });
    const pricing = screen.getByRole('region', { name: 'Deployments of pricing-service' });
    // In the train's order of participants.
    expect(
      screen.getAllByRole('region').map(region => region.getAttribute('aria-label')),
    ).toEqual(['Deployments of checkout-api', 'Deployments of pricing-service']);

    const rows = within(checkout).getAllByRole('row').slice(1);
    // Production newest first, then staging.
    expect(rows.map(row => cellTexts(row)[0])).toEqual(['production', 'production', 'staging']);
    expect(cellTexts(rows[0])).toEqual(
      expect.arrayContaining(['2 h 5 min', expect.stringMatching(/succeededhotfix/)]),
    );
    expect(within(rows[0]).getByText('version 4.2.1')).toBeInTheDocument();
    expect(within(rows[1]).getByText('7 min 30 s')).toBeInTheDocument();
    const rolledBack = within(rows[1]).getByText('rolled-back');
    // Amber: the rollback restored the previous version.
    expect(rolledBack.closest('.MuiChip-root')!.className).toMatch(/-warning-/);
    expect(within(rows[1]).getByText('restored in 5 min')).toBeInTheDocument();
    expect(within(rows[1]).getByRole('link', { name: /^deploy-11/ })).toHaveAttribute(
      'href',
      'https://ci.example.com/runs/11',
    );
    expect(within(rows[2]).getByText('45 s')).toBeInTheDocument();

    const pricingRow = within(pricing).getAllByRole('row')[1];
    expect(within(pricingRow).getByText('running')).toBeInTheDocument();
    expect(cellTexts(pricingRow)[3]).toBe('—');
  });

  it('asks for the first page, and offers no pages while everything fits on it', async () => {
    const api = fakeApi();
    await renderPage(<DeploymentsCard train={winterTrainDetail} />, [
      [releaseCoordinationApiRef, api],
    ]);
    await screen.findByRole('region', { name: 'Deployments of checkout-api' });
    expect(api.listDeployments).toHaveBeenCalledWith({ trainId: TRAIN_ID, limit: 25, offset: 0 });
    expect(screen.queryByRole('navigation', { name: 'Pages of deployments' })).not.toBeInTheDocument();
  });

  it('pages through the deployments, asking the backend for each page', async () => {
    // Thirty rollouts of checkout-api to production, an hour apart, newest first.
    const many = Array.from({ length: 30 }, (_, i) =>
      deployment({
        id: `m${i}`,
        deploymentId: `deploy-${200 - i}`,
        startedAt: new Date(Date.UTC(2026, 10, 28, 12) - i * 3_600_000).toISOString(),
      }),
    );
    const listDeployments = vi.fn(
      async (request: ListDeploymentsRequest & { trainId: string }) => {
        const offset = request.offset ?? 0;
        return { items: many.slice(offset, offset + (request.limit ?? 50)), totalCount: many.length };
      },
    );
    await renderPage(<DeploymentsCard train={winterTrainDetail} />, [
      [releaseCoordinationApiRef, fakeApi({ listDeployments })],
    ]);
    const checkout = await screen.findByRole('region', { name: 'Deployments of checkout-api' });
    expect(within(checkout).getAllByRole('row').slice(1)).toHaveLength(25);
    expect(within(checkout).getByText('deploy-200')).toBeInTheDocument();
    const pages = screen.getByRole('navigation', { name: 'Pages of deployments' });
    expect(within(pages).getByText('1-25 of 30')).toBeInTheDocument();

    fireEvent.click(within(pages).getByRole('button', { name: 'Next page' }));
    await waitFor(() =>
      expect(listDeployments).toHaveBeenLastCalledWith({ trainId: TRAIN_ID, limit: 25, offset: 25 }),
    );
    expect(await screen.findByText('deploy-175')).toBeInTheDocument();
    expect(screen.queryByText('deploy-200')).not.toBeInTheDocument();
    const second = screen.getByRole('region', { name: 'Deployments of checkout-api' });
    expect(within(second).getAllByRole('row').slice(1)).toHaveLength(5);
    expect(within(pages).getByText('26-30 of 30')).toBeInTheDocument();
    expect(within(pages).getByRole('button', { name: 'Next page' })).toBeDisabled();

    // Another page size starts again at the first page.
    fireEvent.mouseDown(within(pages).getByRole('button', { name: /25/ }));
    fireEvent.click(await screen.findByRole('option', { name: '10' }));
    await waitFor(() =>
      expect(listDeployments).toHaveBeenLastCalledWith({ trainId: TRAIN_ID, limit: 10, offset: 0 }),
    );
    expect(await screen.findByText('deploy-200')).toBeInTheDocument();
    expect(within(pages).getByText('1-10 of 30')).toBeInTheDocument();
  });

  it('refetches when the backend signals a change of this train', async () => {
    const signals = fakeSignalApi();
    const api = fakeApi();
    await renderPage(<DeploymentsCard train={winterTrainDetail} />, [
      [releaseCoordinationApiRef, api],
      [signalApiRef, signals.api],
    ]);
    await screen.findByRole('region', { name: 'Deployments of checkout-api' });
    act(() => signals.emit({ type: 'train-changed', trainId: 'another-train' }));
    act(() => signals.emit({ type: 'train-changed', trainId: TRAIN_ID }));
    await waitFor(() => expect(api.listDeployments).toHaveBeenCalledTimes(2));
  });

  it('says when nothing was reported yet', async () => {
    await renderPage(<DeploymentsCard train={winterTrainDetail} />, [
      [
        releaseCoordinationApiRef,
        fakeApi({ listDeployments: async () => ({ items: [], totalCount: 0 }) }),
      ],
    ]);
    expect(await screen.findByText(/No deployments reported yet/)).toBeInTheDocument();
  });

  it('says when the deployments could not be loaded', async () => {
    await renderPage(<DeploymentsCard train={winterTrainDetail} />, [
      [
        releaseCoordinationApiRef,
        fakeApi({
          listDeployments: async () => {
            throw new Error('The backend is not reachable');
          },
        }),
      ],
    ]);
    expect(await screen.findByText(/Could not load the deployments/)).toBeInTheDocument();
  });
});
