import {
  Incident,
  IncidentDetail,
} from '@release-coordination/plugin-release-coordination-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { releaseCoordinationApiRef } from '../../api';
import { renderPage } from '../../__testUtils__/renderWithApi';
import { responseError } from '../../__testUtils__/trainFixtures';
import { IncidentsCard } from './IncidentsCard';

const STOREFRONT = 'component:default/storefront';
const PAYMENTS = 'component:default/payments';

const paymentsDeployment = {
  id: '17',
  trainId: 't-1',
  trainName: '2026.12',
  participantRef: PAYMENTS,
  environment: 'production',
  version: '5.1.0',
  finishedAt: '2026-12-05T09:50:00Z',
};

const incident: Incident = {
  id: '4',
  source: 'pagerduty',
  externalId: 'INC-7',
  title: 'Checkout returns 502',
  entityRef: STOREFRONT,
  ownerRef: 'group:default/team-web',
  severity: 'critical',
  startedAt: '2026-12-05T10:05:00Z',
  resolvedAt: '2026-12-05T10:50:00Z',
  usersAffected: 1200,
  impactMinutes: 45,
  attribution: { state: 'unconfirmed', suggested: paymentsDeployment },
  reporter: 'external:ci',
  reportedAt: '2026-12-05T10:06:00Z',
  updatedAt: '2026-12-05T10:51:00Z',
};

const detail: IncidentDetail = {
  incident,
  windowHours: 24,
  candidates: [
    {
      deployment: paymentsDeployment,
      rank: 1,
      distance: 1,
      path: [STOREFRONT, PAYMENTS],
      minutesBeforeStart: 15,
      reasoning:
        "storefront depends on payments (storefront → payments, 1 hop); its production deployment of 5.1.0 in '2026.12' finished 15 minutes before the incident started.",
    },
  ],
  hidden: { candidates: 1 },
};

function renderCard(api: Record<string, unknown>) {
  return renderPage(<IncidentsCard of={{ trainId: 't-1' }} />, [
    [
      releaseCoordinationApiRef,
      {
        listIncidents: vi.fn(async () => ({
          items: [incident],
          totalCount: 1,
        })),
        getIncident: vi.fn(async () => detail),
        ...api,
      },
    ],
  ]);
}

describe('IncidentsCard', () => {
  it("lists the train's incidents with severity, cause, time to restore and impact", async () => {
    const listIncidents = vi.fn(async () => ({
      items: [incident],
      totalCount: 1,
    }));
    await renderCard({ listIncidents });
    const table = await screen.findByRole('table', { name: 'Incidents' });
    expect(listIncidents).toHaveBeenCalledWith({
      trainId: 't-1',
      limit: 10,
      offset: 0,
    });
    const [, row] = within(table).getAllByRole('row');
    expect(row).toHaveTextContent('critical');
    expect(row).toHaveTextContent('Checkout returns 502');
    expect(row).toHaveTextContent('suggested');
    expect(row).toHaveTextContent('payments 5.1.0 in 2026.12');
    expect(row).toHaveTextContent('45 min');
    expect(row).toHaveTextContent('1,200 users × 45 min');
    expect(
      within(row).getByRole('link', { name: 'storefront' }),
    ).toBeInTheDocument();
  });

  it('says so when no incident concerns the train', async () => {
    await renderCard({
      listIncidents: async () => ({ items: [], totalCount: 0 }),
    });
    expect(
      await screen.findByText(
        'No incident is attributed to a deployment of this train.',
      ),
    ).toBeInTheDocument();
  });

  it('shows the candidate causes with their reasoning, and confirms the one chosen', async () => {
    const attributeIncident = vi.fn(async () => ({
      ...incident,
      attribution: { state: 'confirmed', deployment: paymentsDeployment },
    }));
    await renderCard({ attributeIncident });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Review cause' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'What caused "Checkout returns 502"?',
    });
    expect(
      await within(dialog).findByText(/storefront depends on payments/),
    ).toBeInTheDocument();
    expect(within(dialog).getByText(/1 hop away/)).toBeInTheDocument();
    expect(
      within(dialog).getByText(/1 candidate cause you cannot see/),
    ).toBeInTheDocument();
    await userEvent.type(
      within(dialog).getByLabelText(/Comment/),
      'Timeouts since 5.1.0',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Confirm as cause' }),
    );
    expect(attributeIncident).toHaveBeenCalledWith({
      incidentId: '4',
      state: 'confirmed',
      deploymentId: '17',
      comment: 'Timeouts since 5.1.0',
    });
  });

  it('asks why before saying no deployment caused it, and shows who decides when refused', async () => {
    const attributeIncident = vi.fn(async () => {
      throw responseError(
        403,
        'NotAllowedError',
        'The cause of this incident is decided by members of team-web or team-pay, or a release manager',
      );
    });
    await renderCard({ attributeIncident });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Review cause' }),
    );
    const dialog = await screen.findByRole('dialog');
    await within(dialog).findByText(/storefront depends on payments/);
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'No deployment caused it' }),
    );
    expect(
      within(dialog).getByText('Say why no deployment caused it.'),
    ).toBeInTheDocument();
    expect(attributeIncident).not.toHaveBeenCalled();

    await userEvent.type(
      within(dialog).getByLabelText(/Comment/),
      'A cloud outage',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'No deployment caused it' }),
    );
    await waitFor(() =>
      expect(attributeIncident).toHaveBeenCalledWith({
        incidentId: '4',
        state: 'no-deployment',
        comment: 'A cloud outage',
      }),
    );
    expect(
      await within(dialog).findByText(
        /decided by members of team-web or team-pay/,
      ),
    ).toBeInTheDocument();
  });
});
