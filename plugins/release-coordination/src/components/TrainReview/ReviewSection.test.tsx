import {
  ReviewRisk,
  ReviewRiskPage,
  TrainReleaseReview,
} from '@release-coordination/plugin-release-coordination-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { releaseCoordinationApiRef } from '../../api';
import { renderPage } from '../../__testUtils__/renderWithApi';
import { responseError, TRAIN_ID } from '../../__testUtils__/trainFixtures';
import { ReviewSection } from './ReviewSection';

const TRAIN = { id: TRAIN_ID, updatedAt: '2026-12-04T08:00:00Z' };
const PAYMENTS = 'group:default/team-payments-core';
const CHECKOUT_TEAM = 'group:default/team-checkout';
const GATEWAY = 'component:default/payment-gateway';
const CHECKOUT = 'component:default/checkout-api';

const review: TrainReleaseReview = {
  trainId: TRAIN_ID,
  held: false,
  teams: [
    {
      teamRef: CHECKOUT_TEAM,
      participantRefs: [CHECKOUT],
      signOff: {
        teamRef: CHECKOUT_TEAM,
        signedBy: 'user:default/alice',
        signedAt: '2026-12-04T07:00:00.000Z',
        comment: 'Rollback rehearsed on staging',
      },
      canSignOff: false,
    },
    {
      teamRef: PAYMENTS,
      participantRefs: [GATEWAY],
      canSignOff: true,
    },
  ],
  register: { totalCount: 2, openCount: 1, unmitigatedCount: 1 },
  canEditRegister: true,
  agenda: {
    risk: {
      trainId: TRAIN_ID,
      score: 42.5,
      level: 'medium',
      computedAt: '2026-12-04T08:00:00.000Z',
      factors: [
        {
          id: 'blast-radius',
          value: 4,
          fullAt: 10,
          normalized: 0.4,
          weight: 30,
          contribution: 12,
          detail: '4 entities of 2 team(s) depend on the participants',
        },
        {
          id: 'dependency-drift',
          value: 1,
          fullAt: 3,
          normalized: 0.33,
          weight: 10,
          contribution: 3.3,
          detail: '1 dependency edge(s) appeared since planning',
        },
      ],
    },
    waves: [[GATEWAY], [CHECKOUT]],
    drift: {
      trainId: TRAIN_ID,
      steps: [
        {
          from: {
            kind: 'entered',
            stage: 'planning',
            at: '2026-11-20T00:00:00.000Z',
            dependencySnapshotVersion: 3,
          },
          to: {
            kind: 'now',
            stage: 'integration',
            at: '2026-12-04T00:00:00.000Z',
            dependencySnapshotVersion: 5,
          },
          added: [{ from: CHECKOUT, to: GATEWAY }],
          removed: [],
        },
      ],
    },
    rollbackReadiness: [
      {
        entityRef: GATEWAY,
        ownerRef: PAYMENTS,
        planned: true,
        criteria: 'Payment errors above 1%',
        procedureUrl: 'https://runbooks.example.com/payment-gateway',
        lastRehearsedAt: '2026-11-30T10:00:00.000Z',
      },
      { entityRef: CHECKOUT, ownerRef: CHECKOUT_TEAM, planned: false },
    ],
    openFlags: {
      items: [
        {
          id: 'f1',
          trainId: TRAIN_ID,
          participantRef: CHECKOUT,
          key: 'one-click-checkout',
          ownerRef: CHECKOUT_TEAM,
          purpose: 'Dark launch',
          state: 'on',
          createdAt: '2026-11-10T09:00:00Z',
          createdBy: 'user:default/bob',
          expiresAt: '2099-01-31T00:00:00Z',
          updatedAt: '2026-11-10T09:00:00Z',
        },
      ],
      totalCount: 3,
    },
    openActionItems: { items: [], totalCount: 0 },
    collisions: [],
  },
};

const unmitigated: ReviewRisk = {
  id: '1',
  trainId: TRAIN_ID,
  title: 'Payment provider may throttle',
  ownerRef: PAYMENTS,
  likelihood: 'medium',
  impact: 'high',
  status: 'open',
  createdBy: 'user:default/bob',
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedBy: 'user:default/bob',
  updatedAt: '2026-12-01T10:00:00.000Z',
  version: 1,
};

const mitigated: ReviewRisk = {
  ...unmitigated,
  id: '2',
  title: 'Cache warm-up after deploy',
  ownerRef: CHECKOUT_TEAM,
  likelihood: 'low',
  impact: 'medium',
  mitigation: 'Warm the cache before switching traffic',
  status: 'mitigated',
};

const risks: ReviewRiskPage = {
  items: [unmitigated, mitigated],
  totalCount: 2,
};

function fakeApi(overrides: Record<string, unknown> = {}) {
  return {
    getTrainReview: vi.fn(async () => review),
    listReviewRisks: vi.fn(async () => risks),
    registerReviewRisk: vi.fn(),
    updateReviewRisk: vi.fn(),
    signOffReview: vi.fn(),
    ...overrides,
  };
}

async function renderSection(api: ReturnType<typeof fakeApi>) {
  await renderPage(<ReviewSection train={TRAIN} />, [
    [releaseCoordinationApiRef, api],
  ]);
}

describe('ReviewSection', () => {
  it('says the review is not held and what it waits for, and lets only the members of a team sign off for it', async () => {
    await renderSection(fakeApi());
    const status = await screen.findByTestId('review-status');
    expect(within(status).getByText('Review not held')).toBeInTheDocument();
    expect(status).toHaveTextContent(
      'Waiting for the sign-off of team-payments-core',
    );
    expect(status).toHaveTextContent('1 open risk has no mitigation');
    expect(status).toHaveTextContent('2 risk(s) registered, 1 open');
    for (const heading of ['Sign-offs', 'Risk register', 'Agenda']) {
      expect(
        screen.getByRole('heading', { name: heading }),
      ).toBeInTheDocument();
    }

    const payments = screen.getByTestId(`review-team-${PAYMENTS}`);
    expect(
      within(payments).getByRole('link', { name: 'team-payments-core' }),
    ).toBeInTheDocument();
    expect(
      within(payments).getByRole('link', { name: 'payment-gateway' }),
    ).toBeInTheDocument();
    expect(within(payments).getByText('Waiting')).toBeInTheDocument();
    expect(
      within(payments).getByRole('button', { name: 'Sign off' }),
    ).toBeInTheDocument();

    const checkout = screen.getByTestId(`review-team-${CHECKOUT_TEAM}`);
    expect(within(checkout).getByText('Signed off')).toBeInTheDocument();
    expect(
      within(checkout).getByRole('link', { name: 'alice' }),
    ).toBeInTheDocument();
    expect(checkout).toHaveTextContent('Rollback rehearsed on staging');
    expect(
      within(checkout).queryByRole('button', { name: 'Sign off' }),
    ).toBeNull();
    expect(screen.getAllByRole('button', { name: 'Sign off' })).toHaveLength(1);
  });

  it('signs off for the team with a comment, then asks the review again', async () => {
    const signed: TrainReleaseReview = {
      ...review,
      teams: review.teams.map(team =>
        team.teamRef === PAYMENTS
          ? {
              ...team,
              canSignOff: false,
              signOff: {
                teamRef: PAYMENTS,
                signedBy: 'user:default/carol',
                signedAt: '2026-12-04T09:00:00.000Z',
                comment: 'Go',
              },
            }
          : team,
      ),
    };
    const getTrainReview = vi
      .fn()
      .mockResolvedValueOnce(review)
      .mockResolvedValue(signed);
    const signOffReview = vi.fn(async () => signed.teams[1].signOff!);
    await renderSection(fakeApi({ getTrainReview, signOffReview }));
    const payments = await screen.findByTestId(`review-team-${PAYMENTS}`);
    fireEvent.click(within(payments).getByRole('button', { name: 'Sign off' }));
    const dialog = screen.getByRole('dialog', {
      name: 'Sign off the review for team-payments-core',
    });
    fireEvent.change(within(dialog).getByRole('textbox', { name: /Comment/ }), {
      target: { value: '  Go  ' },
    });
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Confirm sign-off' }),
    );
    await waitFor(() =>
      expect(signOffReview).toHaveBeenCalledWith({
        trainId: TRAIN_ID,
        teamRef: PAYMENTS,
        comment: 'Go',
      }),
    );
    await waitFor(() =>
      expect(
        within(screen.getByTestId(`review-team-${PAYMENTS}`)).getByText(
          'Signed off',
        ),
      ).toBeInTheDocument(),
    );
    expect(getTrainReview).toHaveBeenCalledTimes(2);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Sign off' })).toBeNull();
  });

  it('lists the register a page at a time, and registers a risk with the values of the form', async () => {
    const registerReviewRisk = vi.fn(async (request: any) => ({
      ...unmitigated,
      ...request,
      id: '3',
    }));
    const api = fakeApi({ registerReviewRisk });
    await renderSection(api);
    const table = await screen.findByRole('table', {
      name: 'Registered risks',
    });
    const [, first, second] = within(table).getAllByRole('row');
    expect(first).toHaveTextContent('Payment provider may throttle');
    expect(first).toHaveTextContent('MediumHigh');
    expect(first).toHaveTextContent('None yetneeds a mitigationOpen');
    expect(
      within(first).getByRole('link', { name: 'team-payments-core' }),
    ).toBeInTheDocument();
    expect(second).toHaveTextContent('Warm the cache before switching traffic');
    expect(second).toHaveTextContent('Mitigated');
    expect(api.listReviewRisks).toHaveBeenCalledWith({
      trainId: TRAIN_ID,
      limit: 10,
      offset: 0,
    });

    fireEvent.click(screen.getByRole('button', { name: 'Register risk' }));
    const dialog = screen.getByRole('dialog', { name: 'Register a risk' });
    // Nothing is sent without a title.
    fireEvent.click(within(dialog).getByRole('button', { name: 'Register' }));
    expect(within(dialog).getByText('Say what could go wrong.')).toBeVisible();
    expect(registerReviewRisk).not.toHaveBeenCalled();

    fireEvent.change(within(dialog).getByRole('textbox', { name: /^Risk/ }), {
      target: { value: 'Schema migration locks the orders table' },
    });
    // The viewer's team is the owner a new risk starts with.
    expect(within(dialog).getByRole('textbox', { name: /^Owner/ })).toHaveValue(
      PAYMENTS,
    );
    fireEvent.mouseDown(
      within(dialog).getByRole('button', { name: /Likelihood/ }),
    );
    fireEvent.click(await screen.findByRole('option', { name: 'High' }));
    fireEvent.change(
      within(dialog).getByRole('textbox', { name: /^Mitigation/ }),
      { target: { value: 'Run it online with pt-osc' } },
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Register' }));
    await waitFor(() =>
      expect(registerReviewRisk).toHaveBeenCalledWith({
        trainId: TRAIN_ID,
        title: 'Schema migration locks the orders table',
        ownerRef: PAYMENTS,
        likelihood: 'high',
        impact: 'medium',
        mitigation: 'Run it online with pt-osc',
        status: 'open',
      }),
    );
    await waitFor(() => expect(api.listReviewRisks).toHaveBeenCalledTimes(2));
    expect(api.getTrainReview).toHaveBeenCalledTimes(2);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it("shows the backend's refusal of a new risk as it says it", async () => {
    const registerReviewRisk = vi.fn(async () => {
      throw responseError(
        403,
        'NotAllowedError',
        'Only the ambassador, release managers and members of the teams taking part keep the risk register',
      );
    });
    await renderSection(fakeApi({ registerReviewRisk }));
    fireEvent.click(
      await screen.findByRole('button', { name: 'Register risk' }),
    );
    const dialog = screen.getByRole('dialog', { name: 'Register a risk' });
    fireEvent.change(within(dialog).getByRole('textbox', { name: /^Risk/ }), {
      target: { value: 'Late vendor release' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Register' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Only the ambassador, release managers and members of the teams taking part keep the risk register',
    );
  });

  it('changes a risk at the version it was read, and after a change meanwhile offers to reload it', async () => {
    const changedMeanwhile: ReviewRisk = {
      ...unmitigated,
      mitigation: 'Raise the provider quota',
      version: 2,
    };
    const listReviewRisks = vi
      .fn()
      .mockResolvedValueOnce(risks)
      .mockResolvedValue({ ...risks, items: [changedMeanwhile, mitigated] });
    const updateReviewRisk = vi.fn(async () => {
      throw responseError(
        409,
        'ConflictError',
        'Risk 1 is at version 2, not 1; reload it',
      );
    });
    await renderSection(fakeApi({ listReviewRisks, updateReviewRisk }));
    fireEvent.click(
      await screen.findByRole('button', {
        name: 'Change risk Payment provider may throttle',
      }),
    );
    const dialog = screen.getByRole('dialog', { name: 'Change risk' });
    expect(within(dialog).getByRole('textbox', { name: /^Risk/ })).toHaveValue(
      'Payment provider may throttle',
    );
    fireEvent.change(
      within(dialog).getByRole('textbox', { name: /^Mitigation/ }),
      { target: { value: 'Retry with backoff' } },
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Someone changed this risk meanwhile. Reload it to see their change, then make yours again.',
    );
    expect(updateReviewRisk).toHaveBeenCalledWith({
      trainId: TRAIN_ID,
      riskId: '1',
      expectedVersion: 1,
      mitigation: 'Retry with backoff',
    });
    expect(within(dialog).getByRole('button', { name: 'Save' })).toBeDisabled();

    fireEvent.click(within(dialog).getByRole('button', { name: 'Reload' }));
    await waitFor(() =>
      expect(
        within(screen.getByRole('dialog', { name: 'Change risk' })).getByRole(
          'textbox',
          { name: /^Mitigation/ },
        ),
      ).toHaveValue('Raise the provider quota'),
    );
    const reloaded = screen.getByRole('dialog', { name: 'Change risk' });
    expect(within(reloaded).queryByRole('alert')).toBeNull();
    expect(
      within(reloaded).getByRole('button', { name: 'Save' }),
    ).toBeEnabled();
  });

  it('removes a mitigation that is emptied, and leaves out what did not change', async () => {
    const updateReviewRisk = vi.fn(async () => ({
      ...mitigated,
      version: 2,
    }));
    await renderSection(fakeApi({ updateReviewRisk }));
    fireEvent.click(
      await screen.findByRole('button', {
        name: 'Change risk Cache warm-up after deploy',
      }),
    );
    const dialog = screen.getByRole('dialog', { name: 'Change risk' });
    fireEvent.change(
      within(dialog).getByRole('textbox', { name: /^Mitigation/ }),
      { target: { value: '  ' } },
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(updateReviewRisk).toHaveBeenCalledWith({
        trainId: TRAIN_ID,
        riskId: '2',
        expectedVersion: 1,
        mitigation: null,
      }),
    );
  });

  it('offers no register or sign-off to a viewer who may not', async () => {
    await renderSection(
      fakeApi({
        getTrainReview: async () => ({
          ...review,
          canEditRegister: false,
          teams: review.teams.map(team => ({ ...team, canSignOff: false })),
        }),
      }),
    );
    await screen.findByRole('table', { name: 'Registered risks' });
    expect(screen.queryByRole('button', { name: 'Register risk' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Change risk/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Sign off' })).toBeNull();
  });

  it('says when the review is held', async () => {
    await renderSection(
      fakeApi({
        getTrainReview: async () => ({
          ...review,
          held: true,
          teams: review.teams.filter(team => team.signOff),
          register: { totalCount: 0, openCount: 0, unmitigatedCount: 0 },
        }),
        listReviewRisks: async () => ({ items: [], totalCount: 0 }),
      }),
    );
    const status = await screen.findByTestId('review-status');
    expect(within(status).getByText('Review held')).toBeInTheDocument();
    expect(status).toHaveTextContent(
      'Every owning team signed off and every open risk has a mitigation.',
    );
    expect(
      await screen.findByText('No risk registered yet.'),
    ).toBeInTheDocument();
  });

  it('goes through the agenda: risk factors, waves, drift, rollback readiness, flags, action items and collisions', async () => {
    await renderSection(fakeApi());
    const factors = await screen.findByRole('table', { name: 'Risk factors' });
    expect(screen.getByText('Risk score 42.5 of 100')).toBeInTheDocument();
    expect(screen.getByText('Medium risk')).toBeInTheDocument();
    const [, blast, drift] = within(factors).getAllByRole('row');
    expect(blast).toHaveTextContent(
      'Blast radius4 entities of 2 team(s) depend on the participants43012',
    );
    expect(drift).toHaveTextContent('Drift since planning');

    const waves = screen.getByRole('list', {
      name: 'Deployment waves, first to last',
    });
    const [first, second] = within(waves).getAllByRole('listitem');
    expect(first).toHaveAccessibleName('Wave 1');
    expect(
      within(first).getByRole('link', { name: 'payment-gateway' }),
    ).toBeInTheDocument();
    expect(
      within(second).getByRole('link', { name: 'checkout-api' }),
    ).toBeInTheDocument();

    expect(
      screen.getByText(
        '1 dependencies among the participants appeared and 0 went away since planning.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('list', { name: 'Dependencies changed since planning' }),
    ).toHaveTextContent('checkout-api now depends on payment-gateway');

    const readiness = screen.getByRole('table', {
      name: 'Rollback readiness per participant',
    });
    const [, gateway, checkout] = within(readiness).getAllByRole('row');
    expect(gateway).toHaveTextContent('Yes');
    expect(
      within(gateway).getByRole('link', { name: /^procedure/ }),
    ).toHaveAttribute('href', 'https://runbooks.example.com/payment-gateway');
    expect(checkout).toHaveTextContent('No');
    expect(checkout).toHaveTextContent('never');

    expect(screen.getByText('3 flags in use')).toBeInTheDocument();
    expect(
      screen.getByRole('list', {
        name: 'Feature flags in use, those needing attention first',
      }),
    ).toHaveTextContent('one-click-checkout');
    expect(
      screen.getByText(
        'The first 1 of 3 are shown; the Rollback & flags tab has them all.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'No open action item of an earlier train concerns the participants.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No collision with other trains or freezes.'),
    ).toBeInTheDocument();
  });

  it('shows a progress while the review loads', async () => {
    await renderSection(
      fakeApi({ getTrainReview: () => new Promise(() => {}) }),
    );
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Sign-offs' })).toBeNull();
  });

  it('says why the review could not be loaded', async () => {
    await renderSection(
      fakeApi({
        getTrainReview: async () => {
          throw new Error('Backend unavailable');
        },
      }),
    );
    expect(
      await screen.findByText(/Could not load the release review/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Risk register' })).toBeNull();
  });
});
