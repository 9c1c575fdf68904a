import { TrainStandup } from '@release-coordination/plugin-release-coordination-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { releaseCoordinationApiRef } from '../../api';
import { renderPage } from '../../__testUtils__/renderWithApi';
import {
  contractTests,
  ownerApproval,
  TRAIN_ID,
} from '../../__testUtils__/trainFixtures';
import { StandupSection } from './StandupSection';

const standup: TrainStandup = {
  trainId: TRAIN_ID,
  since: '2026-12-03T10:00:00.000Z',
  until: '2026-12-04T10:00:00.000Z',
  currentStage: {
    name: 'integration',
    title: 'Integration',
    status: 'current',
    late: true,
    window: {
      start: '2026-11-20T00:00:00.000Z',
      end: '2026-12-01T00:00:00.000Z',
    },
  },
  teams: [
    {
      teamRef: 'group:default/team-payments-core',
      participantRefs: ['component:default/payment-gateway'],
      blockingGates: [
        { gate: { ...contractTests, state: 'failed' }, becameBlocking: true },
        { gate: ownerApproval, becameBlocking: false },
      ],
      failingChecks: [
        {
          id: '9',
          trainId: TRAIN_ID,
          participantRef: 'component:default/payment-gateway',
          checkName: 'contract-tests',
          status: 'failed',
          evidenceUrl: 'https://ci.example.com/runs/9',
          idempotencyKey: 'k',
          reportedAt: '2026-12-04T08:00:00.000Z',
          reporter: 'ci',
        },
      ],
      decisionCount: 2,
    },
  ],
  trainGates: [],
  decisions: [
    {
      id: 41,
      trainId: TRAIN_ID,
      entityRef: 'component:default/payment-gateway',
      actorRef: 'service:ci',
      action: 'gate.failed',
      subject: contractTests.id,
      createdAt: '2026-12-04T08:00:01.000Z',
    },
  ],
  decisionCount: 1,
  newCollisions: [],
};

describe('StandupSection', () => {
  it('shows the late stage, each team with what holds the train and began to, and the decisions', async () => {
    const getTrainStandup = vi.fn(async () => standup);
    await renderPage(
      <StandupSection
        train={{ id: TRAIN_ID, updatedAt: '2026-12-04T08:00:01Z' }}
      />,
      [[releaseCoordinationApiRef, { getTrainStandup }]],
    );
    expect(
      await screen.findByText(/^In Integration \(late: its window ended/),
    ).toBeInTheDocument();
    const team = screen.getByTestId(
      'standup-team-group:default/team-payments-core',
    );
    expect(within(team).getByText('Holding the train (2)')).toBeInTheDocument();
    const [failing, approval] = within(team)
      .getAllByRole('listitem')
      .slice(0, 2);
    expect(
      within(failing).getByLabelText('Began to hold the train since then'),
    ).toBeInTheDocument();
    expect(
      within(approval).queryByLabelText('Began to hold the train since then'),
    ).toBeNull();
    expect(
      within(team).getByText('Checks failed since then (1)'),
    ).toBeInTheDocument();
    expect(
      within(team).getByRole('link', { name: /^evidence/ }),
    ).toHaveAttribute('href', 'https://ci.example.com/runs/9');
    expect(
      screen.getByRole('table', { name: 'Decisions since then (1)' }),
    ).toHaveTextContent('gate.failed');

    // A week instead of a day asks again from further back.
    const before = getTrainStandup.mock.calls.length;
    fireEvent.mouseDown(screen.getByRole('button', { name: /Changes since/ }));
    fireEvent.click(
      await screen.findByRole('option', { name: 'the last week' }),
    );
    await waitFor(() =>
      expect(getTrainStandup.mock.calls.length).toBeGreaterThan(before),
    );
    const since = Date.parse(
      (getTrainStandup.mock.calls.at(-1) as any)[0].since,
    );
    expect(Date.now() - since).toBeGreaterThan(167 * 3_600_000);
  });

  it('says why the standup could not be loaded', async () => {
    await renderPage(
      <StandupSection
        train={{ id: TRAIN_ID, updatedAt: '2026-12-04T08:00:01Z' }}
      />,
      [
        [
          releaseCoordinationApiRef,
          {
            getTrainStandup: async () => {
              throw new Error('Backend unavailable');
            },
          },
        ],
      ],
    );
    expect(
      await screen.findByText(/Could not load the standup/),
    ).toBeInTheDocument();
  });
});
