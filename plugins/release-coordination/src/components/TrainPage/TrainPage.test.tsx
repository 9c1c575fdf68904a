import { signalApiRef } from '@backstage/plugin-signals-react';
import { ReleaseCoordinationApi } from '@release-coordination/plugin-release-coordination-common';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { releaseCoordinationApiRef } from '../../api';
import { checkoutApiWaves } from '../../testing/dependencyFixtures';
import { renderPage } from '../../testing/renderWithApi';
import {
  responseError,
  TRAIN_ID,
  winterDecisions,
  winterTrainDetail,
} from '../../testing/trainFixtures';
import { TrainView } from './TrainPage';

function fakeApi(overrides: Partial<ReleaseCoordinationApi> = {}): Partial<ReleaseCoordinationApi> {
  return {
    getTrain: vi.fn(async () => winterTrainDetail),
    listDecisions: async () => ({ items: winterDecisions, totalCount: 2 }),
    getDeploymentWaves: async () => checkoutApiWaves,
    ...overrides,
  };
}

function fakeSignals() {
  const listeners: Array<(message: any) => void> = [];
  return {
    api: {
      subscribe: (_channel: string, onMessage: (message: any) => void) => {
        listeners.push(onMessage);
        return { unsubscribe: () => {} };
      },
    },
    emit: (message: object) => listeners.forEach(listener => listener(message)),
  };
}

describe('TrainView', () => {
  it('shows header, stages, the gates board, waves, participants and the decision log', async () => {
    await renderPage(<TrainView trainId={TRAIN_ID} />, [[releaseCoordinationApiRef, fakeApi()]]);
    expect(await screen.findByText('2026.12 winter release')).toBeInTheDocument();
    expect(screen.getByText('One-click checkout for returning customers')).toBeInTheDocument();
    const stages = screen.getByRole('list', { name: 'Stage timeline' });
    expect(within(stages).getByText('late')).toBeInTheDocument();

    const board = screen.getByRole('table', { name: 'Gates board' });
    const rows = within(board).getAllByRole('row');
    // Header, two participants, train-wide.
    expect(rows).toHaveLength(4);
    expect(within(rows[1]).getByRole('link', { name: 'checkout-api' })).toBeInTheDocument();
    expect(
      within(rows[1]).getByRole('button', { name: 'Owner approval: pending' }),
    ).toBeInTheDocument();
    expect(
      within(rows[2]).getByRole('button', { name: 'Contract tests: failed' }),
    ).toBeInTheDocument();
    expect(within(rows[3]).getByText('Train-wide')).toBeInTheDocument();
    expect(
      within(rows[3]).getByRole('button', { name: 'Every participant has an owner: passed' }),
    ).toBeInTheDocument();

    expect(await screen.findByRole('listitem', { name: 'Wave 2' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'team-catalog' })).toBeInTheDocument();
    expect(await screen.findByText('stage.advanced')).toBeInTheDocument();
    // A service actor (CI) is shown by name, not as a catalog link.
    expect(screen.getByText('demo-ci')).toBeInTheDocument();
    expect(screen.getByText('Planning review done')).toBeInTheDocument();
  });

  it('shows which gates block a stage advance', async () => {
    const advanceStage = vi.fn(async () => {
      throw responseError(
        409,
        'ConflictError',
        'Cannot leave integration: gates Owner approval (checkout-api), Contract tests (pricing-service) are not passed or waived',
      );
    });
    await renderPage(<TrainView trainId={TRAIN_ID} />, [
      [releaseCoordinationApiRef, fakeApi({ advanceStage })],
    ]);
    await userEvent.click(await screen.findByRole('button', { name: 'Advance to Validation' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Cannot leave integration: gates Owner approval (checkout-api), Contract tests (pricing-service)',
    );
    expect(advanceStage).toHaveBeenCalledWith({ trainId: TRAIN_ID, expectedStage: 'integration' });
  });

  it('opens a gate with its evidence first and shows why a decision is refused', async () => {
    const approveGate = vi.fn(async () => {
      throw responseError(403, 'NotAllowedError', 'Only members of group:default/team-checkout can decide');
    });
    await renderPage(<TrainView trainId={TRAIN_ID} />, [
      [releaseCoordinationApiRef, fakeApi({ approveGate })],
    ]);
    await userEvent.click(await screen.findByRole('button', { name: 'Owner approval: pending' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/Approvals \(1 of 2 needed\)/)).toBeInTheDocument();
    expect(within(dialog).getByRole('link', { name: 'bob' })).toBeInTheDocument();
    expect(within(dialog).getByText(/Contract tests green, rollback rehearsed/)).toBeInTheDocument();
    expect(within(dialog).getByRole('link', { name: 'team-checkout' })).toBeInTheDocument();

    await userEvent.click(within(dialog).getByRole('button', { name: 'Approve' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Only members of group:default/team-checkout can decide',
    );
    expect(approveGate).toHaveBeenCalledWith({ gateId: 'g-owner-checkout' });
  });

  it('requires a comment to reject', async () => {
    const rejectGate = vi.fn(async () => ({ ...winterTrainDetail.gates[0], state: 'failed' as const }));
    await renderPage(<TrainView trainId={TRAIN_ID} />, [
      [releaseCoordinationApiRef, fakeApi({ rejectGate })],
    ]);
    await userEvent.click(await screen.findByRole('button', { name: 'Owner approval: pending' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Reject' }));
    expect(within(dialog).getByText('Say why you reject: a comment is required.')).toBeInTheDocument();
    expect(rejectGate).not.toHaveBeenCalled();

    await userEvent.type(within(dialog).getByLabelText('Comment'), 'Rollback not rehearsed');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Reject' }));
    await waitFor(() =>
      expect(rejectGate).toHaveBeenCalledWith({
        gateId: 'g-owner-checkout',
        comment: 'Rollback not rehearsed',
      }),
    );
    expect(await within(dialog).findByText('Gate is now failed.')).toBeInTheDocument();
  });

  it('links a check gate to its evidence', async () => {
    await renderPage(<TrainView trainId={TRAIN_ID} />, [[releaseCoordinationApiRef, fakeApi()]]);
    await userEvent.click(await screen.findByRole('button', { name: 'Contract tests: failed' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByRole('link', { name: /Open evidence/ })).toHaveAttribute(
      'href',
      'https://ci.example.com/runs/812',
    );
    // Checks are not approved by people.
    expect(within(dialog).queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument();
  });

  it('refetches when the backend signals a change of this train, not of another', async () => {
    const signals = fakeSignals();
    const api = fakeApi();
    await renderPage(<TrainView trainId={TRAIN_ID} />, [
      [releaseCoordinationApiRef, api],
      [signalApiRef, signals.api],
    ]);
    await screen.findByText('2026.12 winter release');
    expect(api.getTrain).toHaveBeenCalledTimes(1);
    act(() => signals.emit({ type: 'train-changed', trainId: 'another-train' }));
    act(() => signals.emit({ type: 'train-changed', trainId: TRAIN_ID }));
    await waitFor(() => expect(api.getTrain).toHaveBeenCalledTimes(2));
  });
});
