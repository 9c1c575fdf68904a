import {
  ParticipantRollbackReadiness,
  ReleaseCoordinationApi,
  TrainRollbackReadiness,
} from '@release-coordination/plugin-release-coordination-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { releaseCoordinationApiRef } from '../../api';
import { renderPage } from '../../__testUtils__/renderWithApi';
import { responseError, TRAIN_ID, winterTrainDetail } from '../../__testUtils__/trainFixtures';
import { RollbackReadinessCard } from './RollbackReadinessCard';

const CHECKOUT = 'component:default/checkout-api';
const PRICING = 'component:default/pricing-service';
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

const checkout: ParticipantRollbackReadiness = {
  entityRef: CHECKOUT,
  ownerRef: 'group:default/team-checkout',
  plan: {
    trainId: TRAIN_ID,
    entityRef: CHECKOUT,
    criteria: 'Error rate above 2% for 5 minutes after the canary',
    procedureUrl: 'https://runbooks.example.com/checkout/rollback',
    updatedBy: 'user:default/bob',
    updatedAt: daysAgo(3),
  },
  lastDrill: {
    id: '7',
    entityRef: CHECKOUT,
    result: 'passed',
    rehearsedAt: daysAgo(10),
    evidenceUrl: 'https://ci.example.com/drills/7',
    idempotencyKey: 'drill-7',
    reporter: 'demo-ci',
    recordedAt: daysAgo(10),
  },
  lastPassedDrillAt: daysAgo(10),
  rehearsedWithinDays: true,
  maxAgeDays: 90,
  ready: true,
  reason: 'component:default/checkout-api has a rollback plan and last passed a rollback rehearsal 10 day(s) ago, within 90 days',
  canEditPlan: true,
};

const pricing: ParticipantRollbackReadiness = {
  entityRef: PRICING,
  ownerRef: 'group:default/team-catalog',
  rehearsedWithinDays: false,
  maxAgeDays: 90,
  ready: false,
  reason: 'component:default/pricing-service has no rollback plan for this train and has never passed a rollback rehearsal',
  canEditPlan: false,
};

const readiness: TrainRollbackReadiness = {
  trainId: TRAIN_ID,
  maxAgeDays: 90,
  participants: [checkout, pricing],
};

function fakeApi(overrides: Partial<ReleaseCoordinationApi> = {}) {
  return {
    getRollbackReadiness: vi.fn(async () => readiness),
    saveRollbackPlan: vi.fn(async () => checkout.plan!),
    ...overrides,
  };
}

const rowOf = (name: string) =>
  screen.getByRole('link', { name }).closest('tr') as HTMLElement;

describe('RollbackReadinessCard', () => {
  it('shows per participant its plan, last rehearsal and a status chip', async () => {
    await renderPage(<RollbackReadinessCard train={winterTrainDetail} />, [
      [releaseCoordinationApiRef, fakeApi()],
    ]);
    expect(await screen.findByText('1 of 2 participant(s) ready to roll back.')).toBeInTheDocument();
    expect(screen.getByText('A plan, and a passed rehearsal within 90 days')).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Rollback readiness' });
    expect(within(table).getAllByRole('row')).toHaveLength(3);

    const checkoutRow = rowOf('checkout-api');
    expect(within(checkoutRow).getByText('rehearsed 10 days ago')).toBeInTheDocument();
    expect(within(checkoutRow).getByRole('link', { name: /^Procedure/ })).toHaveAttribute(
      'href',
      'https://runbooks.example.com/checkout/rollback',
    );
    expect(within(checkoutRow).getByRole('link', { name: /^evidence/ })).toBeInTheDocument();
    expect(within(checkoutRow).getByText(/^Ready:/)).toBeInTheDocument();

    const pricingRow = rowOf('pricing-service');
    expect(within(pricingRow).getByText('never rehearsed')).toBeInTheDocument();
    expect(within(pricingRow).getByText('No plan yet')).toBeInTheDocument();
    expect(within(pricingRow).getByText(/^Not ready:.*has no rollback plan/)).toBeInTheDocument();
    // Only those who may change a plan are offered the form.
    expect(
      within(pricingRow).queryByRole('button', { name: /Edit rollback plan/ }),
    ).not.toBeInTheDocument();
  });

  it('says when the last rehearsal is too old', async () => {
    const stale = {
      ...checkout,
      lastPassedDrillAt: daysAgo(120),
      rehearsedWithinDays: false,
      ready: false,
    };
    await renderPage(<RollbackReadinessCard train={winterTrainDetail} />, [
      [releaseCoordinationApiRef, fakeApi({ getRollbackReadiness: async () => ({ ...readiness, participants: [stale] }) })],
    ]);
    expect(await screen.findByText('rehearsed 120 days ago, too long ago')).toBeInTheDocument();
  });

  it('edits the plan, checking the link first, and shows it again', async () => {
    const api = fakeApi();
    await renderPage(<RollbackReadinessCard train={winterTrainDetail} />, [
      [releaseCoordinationApiRef, api],
    ]);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Edit rollback plan of checkout-api' }),
    );
    const dialog = await screen.findByRole('dialog');
    const link = within(dialog).getByLabelText('Procedure link');
    expect(link).toHaveValue('https://runbooks.example.com/checkout/rollback');
    await userEvent.clear(link);
    await userEvent.type(link, 'runbook page');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save plan' }));
    expect(within(dialog).getByText(/Link the written procedure/)).toBeInTheDocument();
    expect(api.saveRollbackPlan).not.toHaveBeenCalled();

    await userEvent.clear(link);
    await userEvent.type(link, 'https://runbooks.example.com/checkout/v2');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save plan' }));
    await waitFor(() =>
      expect(api.saveRollbackPlan).toHaveBeenCalledWith({
        trainId: TRAIN_ID,
        entityRef: CHECKOUT,
        criteria: 'Error rate above 2% for 5 minutes after the canary',
        procedureUrl: 'https://runbooks.example.com/checkout/v2',
      }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.getRollbackReadiness).toHaveBeenCalledTimes(2);
  });

  it('shows why the backend refused a plan', async () => {
    const saveRollbackPlan = vi.fn(async () => {
      throw responseError(409, 'ConflictError', "Train '2026.12 winter release' is released; it can no longer change");
    });
    await renderPage(<RollbackReadinessCard train={winterTrainDetail} />, [
      [releaseCoordinationApiRef, fakeApi({ saveRollbackPlan })],
    ]);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Edit rollback plan of checkout-api' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save plan' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('it can no longer change');
  });

  it('says when the readiness could not be loaded', async () => {
    await renderPage(<RollbackReadinessCard train={winterTrainDetail} />, [
      [
        releaseCoordinationApiRef,
        fakeApi({
          getRollbackReadiness: async () => {
            throw new Error('The backend is not reachable');
          },
        }),
      ],
    ]);
    expect(await screen.findByText(/Could not load the rollback readiness/)).toBeInTheDocument();
  });

  it('says when the train has no participants', async () => {
    await renderPage(<RollbackReadinessCard train={{ ...winterTrainDetail, participants: [] }} />, [
      [
        releaseCoordinationApiRef,
        fakeApi({ getRollbackReadiness: async () => ({ ...readiness, participants: [] }) }),
      ],
    ]);
    expect(await screen.findByText('The train has no participants yet.')).toBeInTheDocument();
  });
});
