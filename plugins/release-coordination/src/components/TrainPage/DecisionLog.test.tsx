import { TrainDecision } from '@release-coordination/plugin-release-coordination-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { releaseCoordinationApiRef } from '../../api';
import { renderPage } from '../../__testUtils__/renderWithApi';
import {
  contractTests,
  ownerApproval,
  TRAIN_ID,
  winterDecisions,
} from '../../__testUtils__/trainFixtures';
import { DecisionLog } from './DecisionLog';

const approved: TrainDecision = {
  id: 4,
  trainId: TRAIN_ID,
  entityRef: 'component:default/checkout-api',
  actorRef: 'user:default/bob',
  action: 'gate.approved',
  subject: ownerApproval.id,
  reason: 'Ready to ship',
  createdAt: '2026-11-12T08:00:00Z',
};

async function renderLog() {
  const api = {
    listDecisions: vi.fn(async () => ({
      items: [approved, ...winterDecisions],
      totalCount: winterDecisions.length + 1,
    })),
  };
  await renderPage(
    <DecisionLog trainId={TRAIN_ID} gates={[ownerApproval, contractTests]} />,
    [[releaseCoordinationApiRef, api]],
  );
  return screen.findByText('Owner approval (component:default/checkout-api)');
}

describe('DecisionLog', () => {
  it('names a gate by its title and participant, keeping its id at hand', async () => {
    const subject = await renderLog();
    expect(subject).toHaveAttribute('title', ownerApproval.id);
    expect(screen.queryByText(ownerApproval.id)).not.toBeInTheDocument();
    // Subjects that are not gates read as they were logged.
    expect(screen.getByText('planning')).toBeInTheDocument();
  });

  it('finds a decision by the gate title people know', async () => {
    await renderLog();
    await userEvent.type(screen.getByPlaceholderText('Filter'), 'Owner approval');
    // The table filters a moment after typing stops.
    await waitFor(() => expect(screen.getAllByRole('row').slice(1)).toHaveLength(1));
    const [row] = screen.getAllByRole('row').slice(1);
    expect(within(row).getByText('gate.approved')).toBeInTheDocument();
  });
});
