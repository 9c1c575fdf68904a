import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { releaseCoordinationApiRef } from '../../api';
import { renderPage } from '../../testing/renderWithApi';
import { ownerApproval, TRAIN_ID, winterTrain } from '../../testing/trainFixtures';
import { MyApprovalsList } from './MyApprovalsPage';

describe('MyApprovalsList', () => {
  it('lists the gates waiting for my groups and opens their evidence', async () => {
    await renderPage(<MyApprovalsList />, [
      [
        releaseCoordinationApiRef,
        { listMyApprovals: async () => ({ items: [{ train: winterTrain, gate: ownerApproval }] }) },
      ],
    ]);
    expect(await screen.findByRole('link', { name: '2026.12 winter release' })).toHaveAttribute(
      'href',
      `/release-coordination/trains/${TRAIN_ID}`,
    );
    expect(screen.getByRole('link', { name: 'checkout-api' })).toBeInTheDocument();
    expect(screen.getByText('integration')).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: 'Approve Owner approval of 2026.12 winter release' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/Contract tests green, rollback rehearsed/)).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Reject' })).toBeInTheDocument();
  });

  it('says so when nothing waits', async () => {
    await renderPage(<MyApprovalsList />, [
      [releaseCoordinationApiRef, { listMyApprovals: async () => ({ items: [] }) }],
    ]);
    expect(await screen.findByText('Nothing waits for your approval')).toBeInTheDocument();
  });
});
