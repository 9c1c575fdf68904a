import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  gateApprovePermission,
  TrainGate,
} from '@release-coordination/plugin-release-coordination-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { releaseCoordinationApiRef } from '../../api';
import { fakePermissionApi, PolicyAnswer, renderPage } from '../../__testUtils__/renderWithApi';
import { pageOf, ownerApproval, TRAIN_ID, winterTrain } from '../../__testUtils__/trainFixtures';
import { MyApprovalsList } from './MyApprovalsPage';

const ledgerApproval: TrainGate = {
  ...ownerApproval,
  id: 'g-owner-ledger',
  title: 'Ledger owner approval',
  participantRef: 'component:default/ledger-service',
  approverRef: 'group:default/team-finance',
  approvals: [],
};

// One answer per gate for the whole file (see fakePermissionApi): the policy lets the viewer
// decide the checkout gate, not the ledger gate, although both wait for a group of theirs.
function policy(name: string, resourceRef?: string): PolicyAnswer {
  if (name === gateApprovePermission.name) {
    return resourceRef === ownerApproval.id ? 'allow' : 'deny';
  }
  return 'allow';
}

describe('MyApprovalsList', () => {
  it('lists the gates waiting for my groups and opens their evidence', async () => {
    await renderPage(<MyApprovalsList />, [
      [
        releaseCoordinationApiRef,
        {
          listMyApprovals: async () =>
            pageOf({ items: [{ train: winterTrain, gate: ownerApproval }] }),
        },
      ],
      [permissionApiRef, fakePermissionApi(policy)],
    ]);
    expect(await screen.findByRole('link', { name: '2026.12 winter release' })).toHaveAttribute(
      'href',
      `/release-coordination/trains/${TRAIN_ID}`,
    );
    expect(screen.getByRole('link', { name: 'checkout-api' })).toBeInTheDocument();
    expect(screen.getByText('integration')).toBeInTheDocument();

    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Approve Owner approval of 2026.12 winter release',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/Contract tests green, rollback rehearsed/)).toBeInTheDocument();
    expect(await within(dialog).findByRole('button', { name: 'Reject' })).toBeInTheDocument();
  });

  it('offers a gate the policy does not let me decide for reading, saying who decides', async () => {
    await renderPage(<MyApprovalsList />, [
      [
        releaseCoordinationApiRef,
        {
          listMyApprovals: async () => pageOf({
            items: [
              { train: winterTrain, gate: ownerApproval },
              { train: winterTrain, gate: ledgerApproval },
            ],
          }),
        },
      ],
      [permissionApiRef, fakePermissionApi(policy)],
    ]);
    const open = await screen.findByRole('button', {
      name: 'Open Ledger owner approval of 2026.12 winter release',
    });
    expect(
      screen.getByText('Only members of team-finance can approve or reject this gate.'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', {
        name: 'Approve Ledger owner approval of 2026.12 winter release',
      }),
    ).not.toBeInTheDocument();
    // The gate the policy allows keeps its actions.
    expect(
      screen.getByRole('button', { name: 'Approve Owner approval of 2026.12 winter release' }),
    ).toBeInTheDocument();

    await userEvent.click(open);
    const dialog = await screen.findByRole('dialog');
    expect(
      await within(dialog).findByText(
        'Only members of team-finance can approve or reject this gate.',
      ),
    ).toBeInTheDocument();
    expect(within(dialog).queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument();
  });

  it('says so when nothing waits', async () => {
    await renderPage(<MyApprovalsList />, [
      [releaseCoordinationApiRef, { listMyApprovals: async () => pageOf({ items: [] }) }],
    ]);
    expect(await screen.findByText('Nothing waits for your approval')).toBeInTheDocument();
  });

  it('pages through the approvals the backend pages', async () => {
    const listMyApprovals = vi.fn(async ({ limit, offset }: { limit: number; offset: number }) => ({
      totalCount: 45,
      items: Array.from({ length: Math.min(limit, 45 - offset) }, (_, i) => ({
        train: winterTrain,
        gate: { ...ownerApproval, id: `g-${offset + i}`, title: `Approval ${offset + i + 1}` },
      })),
    }));
    await renderPage(<MyApprovalsList />, [
      [releaseCoordinationApiRef, { listMyApprovals }],
      [permissionApiRef, fakePermissionApi(policy)],
    ]);
    expect(await screen.findByText('Waiting for your decision (45)')).toBeInTheDocument();
    expect(screen.getByText('Approval 1')).toBeInTheDocument();
    expect(screen.queryByText('Approval 21')).not.toBeInTheDocument();
    expect(listMyApprovals).toHaveBeenLastCalledWith({ limit: 20, offset: 0 });

    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(await screen.findByText('Approval 21')).toBeInTheDocument();
    expect(listMyApprovals).toHaveBeenLastCalledWith({ limit: 20, offset: 20 });
    expect(screen.queryByText('Approval 1')).not.toBeInTheDocument();
    expect(screen.getByText('21-40 of 45')).toBeInTheDocument();
  });
});
