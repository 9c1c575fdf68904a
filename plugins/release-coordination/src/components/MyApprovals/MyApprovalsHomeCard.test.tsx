import { identityApiRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { releaseCoordinationApiRef } from '../../api';
import { approvalsRouteRef, rootRouteRef } from '../../routes';
import { renderPage, signedInAs, VIEWER_REF } from '../../__testUtils__/renderWithApi';
import { ownerApproval, TRAIN_ID, winterTrain } from '../../__testUtils__/trainFixtures';
import { MyApprovalsHomeCardContent } from './MyApprovalsHomeCard';

const waiting = (count: number) => ({
  items: [{ train: winterTrain, gate: ownerApproval }],
  totalCount: count,
});

describe('MyApprovalsHomeCardContent', () => {
  it('lists the first gates waiting for my teams, linked, and leads to all of them', async () => {
    const listMyApprovals = vi.fn(async () => waiting(7));
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [releaseCoordinationApiRef, { listMyApprovals }],
          [identityApiRef, signedInAs(VIEWER_REF)],
        ]}
      >
        <MyApprovalsHomeCardContent />
      </TestApiProvider>,
      {
        mountedRoutes: {
          '/catalog/:namespace/:kind/:name': entityRouteRef,
          '/release-coordination': rootRouteRef,
          '/release-coordination/approvals': approvalsRouteRef,
        },
      },
    );
    expect(await screen.findByText('7 gates waiting for your teams')).toBeInTheDocument();
    expect(listMyApprovals).toHaveBeenCalledWith({ limit: 5, offset: 0 });
    const list = screen.getByRole('list', { name: 'Gates waiting for your teams' });
    expect(
      within(list).getByRole('link', { name: 'Owner approval · 2026.12 winter release' }),
    ).toHaveAttribute('href', `/release-coordination/trains/${TRAIN_ID}`);
    expect(within(list).getByRole('link', { name: 'checkout-api' })).toBeInTheDocument();
    expect(within(list).getByRole('link', { name: 'team-checkout' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'All 7 in My approvals' })).toHaveAttribute(
      'href',
      '/release-coordination/approvals',
    );
  });

  it('says when nothing waits, and what went wrong when the gates cannot be read', async () => {
    const { unmount } = await renderPage(<MyApprovalsHomeCardContent />, [
      [releaseCoordinationApiRef, { listMyApprovals: async () => ({ items: [], totalCount: 0 }) }],
    ]);
    expect(await screen.findByText('No gate is waiting for your teams.')).toBeInTheDocument();
    unmount();
    await renderPage(<MyApprovalsHomeCardContent />, [
      [
        releaseCoordinationApiRef,
        {
          listMyApprovals: async () => {
            throw new Error('backend unavailable');
          },
        },
      ],
    ]);
    expect(await screen.findByText('Error: Could not load your approvals')).toBeInTheDocument();
  });
});
