import { TrainRunbook } from '@release-coordination/plugin-release-coordination-common';
import { fireEvent, screen, within } from '@testing-library/react';
import { releaseCoordinationApiRef } from '../../api';
import { renderPage } from '../../__testUtils__/renderWithApi';
import { TRAIN_ID } from '../../__testUtils__/trainFixtures';
import { RunbookCard } from './RunbookCard';

const runbook: TrainRunbook = {
  trainId: TRAIN_ID,
  rollbackSteps: [
    {
      order: 1,
      wave: 2,
      entityRef: 'component:default/checkout-api',
      targetVersion: '3.0.0',
      ownerRef: 'group:default/team-checkout',
    },
    {
      order: 2,
      wave: 1,
      entityRef: 'component:default/payment-gateway',
      targetVersion: '7.4.0',
      ownerRef: 'group:default/team-payments-core',
      criteria: 'Payment errors above 1%',
      procedureUrl: 'https://runbooks.example.com/payment-gateway',
    },
  ],
  escalation: [
    {
      entityRef: 'component:default/payment-gateway',
      contacts: [
        {
          ref: 'group:default/team-payments-core',
          role: 'owner',
          title: 'Payments Core',
          email: 'payments@example.com',
          links: [
            { title: '#payments', url: 'https://chat.example.com/payments' },
          ],
        },
        { ref: 'group:default/payments-dept', role: 'parent', links: [] },
      ],
      onCall: [
        {
          annotation: 'pagerduty.com/service-id',
          value: 'PX1',
          entityRef: 'component:default/payment-gateway',
          url: 'https://pd.example.com/PX1',
        },
      ],
    },
  ],
  decisionTree: {
    start: 'impact',
    nodes: [
      {
        id: 'impact',
        kind: 'question',
        text: 'Are users affected?',
        options: [
          { label: 'Yes', next: 'roll-back' },
          { label: 'No', next: 'watch' },
        ],
      },
      {
        id: 'roll-back',
        kind: 'action',
        text: 'Roll back in the order of the steps.',
      },
      { id: 'watch', kind: 'action', text: 'Keep watching.' },
    ],
  },
};

describe('RunbookCard', () => {
  it('lists the rollback steps last wave first, the contacts with email, chat and on-call, and walks the tree', async () => {
    await renderPage(
      <RunbookCard
        train={{
          id: TRAIN_ID,
          updatedAt: '2026-12-04T00:00:00Z',
          status: 'active',
        }}
      />,
      [[releaseCoordinationApiRef, { getTrainRunbook: async () => runbook }]],
    );
    const steps = await screen.findByRole('table', {
      name: 'Rollback steps (last wave first)',
    });
    const [, first, second] = within(steps).getAllByRole('row');
    expect(first).toHaveTextContent(
      '1checkout-api23.0.0No rollback plan saved',
    );
    expect(second).toHaveTextContent('Payment errors above 1%');
    expect(
      within(second).getByRole('link', { name: /^procedure/ }),
    ).toHaveAttribute('href', 'https://runbooks.example.com/payment-gateway');
    const contacts = screen.getByTestId(
      'escalation-component:default/payment-gateway',
    );
    expect(
      within(contacts).getByRole('link', { name: /payments@example.com/ }),
    ).toHaveAttribute('href', 'mailto:payments@example.com');
    expect(
      within(contacts).getByRole('link', { name: /^#payments/ }),
    ).toHaveAttribute('href', 'https://chat.example.com/payments');
    expect(
      within(contacts).getByRole('link', {
        name: /On call: pagerduty.com\/service-id PX1/,
      }),
    ).toHaveAttribute('href', 'https://pd.example.com/PX1');
    expect(contacts).toHaveTextContent('escalate to');

    expect(screen.getByTestId('decision-tree-step')).toHaveTextContent(
      'Are users affected?',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Yes' }));
    expect(screen.getByTestId('decision-tree-step')).toHaveTextContent(
      'Roll back in the order of the steps.',
    );
    expect(screen.getByText('Yes', { selector: 'strong' })).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(screen.getByTestId('decision-tree-step')).toHaveTextContent(
      'Are users affected?',
    );
  });

  it('declares an incident during deploy for the participants chosen and says who was told', async () => {
    const declareDeployIncident = vi.fn(async (request: any) => ({
      ...request,
      notified: ['group:default/team-payments-core', 'user:default/alice'],
      declaredBy: 'user:default/carol',
      declaredAt: '2026-12-04T10:00:00.000Z',
    }));
    await renderPage(
      <RunbookCard
        train={{
          id: TRAIN_ID,
          updatedAt: '2026-12-04T00:00:00Z',
          status: 'active',
        }}
      />,
      [
        [
          releaseCoordinationApiRef,
          { getTrainRunbook: async () => runbook, declareDeployIncident },
        ],
      ],
    );
    fireEvent.click(
      await screen.findByRole('button', {
        name: 'Declare incident during deploy',
      }),
    );
    const dialog = screen.getByRole('dialog', {
      name: 'Incident during deploy',
    });
    fireEvent.click(
      within(dialog).getByRole('button', {
        name: 'Tell their escalation contacts',
      }),
    );
    expect(within(dialog).getByRole('alert')).toHaveTextContent(
      'Choose the participants concerned',
    );
    expect(declareDeployIncident).not.toHaveBeenCalled();
    fireEvent.click(
      within(dialog).getByRole('checkbox', {
        name: 'component:default/payment-gateway',
      }),
    );
    fireEvent.change(
      within(dialog).getByRole('textbox', { name: /What happened/ }),
      {
        target: { value: 'Card payments time out' },
      },
    );
    fireEvent.click(
      within(dialog).getByRole('button', {
        name: 'Tell their escalation contacts',
      }),
    );
    expect(
      await screen.findByText(
        /^Declared: group:default\/team-payments-core, user:default\/alice were told/,
      ),
    ).toBeInTheDocument();
    expect(declareDeployIncident).toHaveBeenCalledWith({
      trainId: TRAIN_ID,
      participantRefs: ['component:default/payment-gateway'],
      summary: 'Card payments time out',
    });
  });
});
