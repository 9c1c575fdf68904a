import { analyticsApiRef } from '@backstage/core-plugin-api';
import { mockApis } from '@backstage/test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import {
  ReleaseCoordinationApi,
  TrainReleaseReview,
} from '@release-coordination/plugin-release-coordination-common';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { releaseCoordinationApiRef } from '../../api';
import { checkoutApiWaves, entity } from '../../__testUtils__/dependencyFixtures';
import { renderPage } from '../../__testUtils__/renderWithApi';
import {
  emptyRunbook,
  lowRisk,
  quietStandup,
  noIncidents,
  ownerApproval,
  responseError,
  TRAIN_ID,
  winterDecisions,
  winterDriftNone,
  winterTrainDetail,
} from '../../__testUtils__/trainFixtures';
import { TrainView } from './TrainPage';

const CHECKOUT = 'component:default/checkout-api';

/** What the outcome and retrospective sections of the winter train show. */
const winterOutcomes = {
  readiness: {
    trainId: TRAIN_ID,
    maxAgeDays: 90,
    participants: [
      {
        entityRef: CHECKOUT,
        ownerRef: 'group:default/team-checkout',
        rehearsedWithinDays: false,
        maxAgeDays: 90,
        ready: false,
        reason: 'component:default/checkout-api has never passed a rollback rehearsal',
        canEditPlan: true,
      },
    ],
  },
  flags: {
    expiringWithinDays: 7,
    totalCount: 1,
    counts: { inUse: 1, expired: 0, expiringSoon: 0, removed: 0 },
    items: [
      {
        id: 'f1',
        trainId: TRAIN_ID,
        key: 'one-click-checkout',
        participantRef: CHECKOUT,
        ownerRef: 'group:default/team-checkout',
        purpose: 'Dark launch of one-click checkout',
        state: 'on' as const,
        createdAt: '2026-11-10T09:00:00Z',
        createdBy: 'user:default/bob',
        expiresAt: '2099-01-31T00:00:00Z',
        updatedAt: '2026-11-10T09:00:00Z',
      },
    ],
  },
  deployments: {
    items: [
      {
        id: 'd1',
        deploymentId: 'deploy-41',
        trainId: TRAIN_ID,
        participantRef: CHECKOUT,
        ownerRef: 'group:default/team-checkout',
        environment: 'production',
        version: '4.2.0',
        startedAt: '2026-11-20T10:00:00Z',
        finishedAt: '2026-11-20T10:05:00Z',
        result: 'succeeded' as const,
        hotfix: false,
        reporter: 'demo-ci',
        reportedAt: '2026-11-20T10:05:00Z',
        updatedAt: '2026-11-20T10:05:00Z',
      },
    ],
    totalCount: 1,
  },
  retrospective: {
    trainId: TRAIN_ID,
    notes: {
      'went-well': {
        items: [
          {
            id: 'n1',
            trainId: TRAIN_ID,
            column: 'went-well' as const,
            text: 'Contract tests caught the pricing break before validation',
            authorRef: 'user:default/bob',
            createdAt: '2026-11-21T10:00:00Z',
          },
        ],
        totalCount: 1,
      },
      'to-improve': { items: [], totalCount: 0 },
    },
    actionItems: {
      items: [
        {
          id: 'a1',
          trainId: TRAIN_ID,
          trainName: '2026.12 winter release',
          title: 'Rehearse the checkout-api rollback',
          ownerRef: 'group:default/team-checkout',
          dueAt: '2099-01-31T23:59:59Z',
          status: 'open' as const,
          createdAt: '2026-11-21T10:10:00Z',
          updatedAt: '2026-11-21T10:10:00Z',
          version: 1,
        },
      ],
      totalCount: 1,
    },
    carriedOver: { items: [], totalCount: 0 },
  },
};

/** The review of the winter train before anyone signed off: one team, no risk registered yet. */
const winterReview: TrainReleaseReview = {
  trainId: TRAIN_ID,
  held: false,
  teams: [{ teamRef: 'group:default/team-checkout', participantRefs: [CHECKOUT], canSignOff: true }],
  register: { totalCount: 0, openCount: 0, unmitigatedCount: 0 },
  canEditRegister: true,
  agenda: {
    risk: lowRisk,
    waves: [[CHECKOUT]],
    drift: winterDriftNone,
    rollbackReadiness: [{ entityRef: CHECKOUT, ownerRef: 'group:default/team-checkout', planned: false }],
    openFlags: { items: [], totalCount: 0 },
    openActionItems: { items: [], totalCount: 0 },
    collisions: [],
  },
};

function fakeApi(overrides: Partial<ReleaseCoordinationApi> = {}): Partial<ReleaseCoordinationApi> {
  return {
    getTrain: vi.fn(async () => winterTrainDetail),
    listDecisions: async () => ({ items: winterDecisions, totalCount: 2 }),
    getDeploymentWaves: async () => checkoutApiWaves,
    getDependencyDrift: async () => winterDriftNone,
    getRollbackReadiness: vi.fn(async () => winterOutcomes.readiness),
    listFeatureFlags: vi.fn(async () => winterOutcomes.flags),
    listDeployments: vi.fn(async () => winterOutcomes.deployments),
    getCompatibilityMatrix: vi.fn(async () => ({ pairs: [], gapCount: 0 })),
    getTrainCollisions: vi.fn(async () => ({ trainId: TRAIN_ID, collisions: [] })),
    getTrainRisk: vi.fn(async () => lowRisk),
    getTrainStandup: vi.fn(async () => quietStandup),
    getTrainRunbook: vi.fn(async () => emptyRunbook),
    getTrainReview: vi.fn(async () => winterReview),
    listReviewRisks: vi.fn(async () => ({ items: [], totalCount: 0 })),
    listIncidents: vi.fn(noIncidents),
    getEnvironmentMatrix: vi.fn(async () => ({
      environments: ['staging', 'production'],
      participants: winterTrainDetail.participants.map(p => ({
        entityRef: p.entityRef,
        targetVersion: p.targetVersion,
        cells: [
          { environment: 'staging', atTarget: false },
          { environment: 'production', atTarget: false },
        ],
      })),
    })),
    getRetrospective: vi.fn(async () => winterOutcomes.retrospective),
    ...overrides,
  };
}

/** The sections of the winter train's page by their titles, tab by tab. */
const SECTIONS_BY_TAB = {
  Overview: ['Stages', 'Gates', 'Participants (2)', 'Risk score', 'Collisions with other trains and freezes'],
  Standup: ['Standup', 'Decisions since then (0)'],
  Review: ['Release review', 'Sign-offs', 'Risk register', 'Agenda', 'Deployment waves', 'Rollback readiness'],
  Deployments: ['Environments', 'Deployments', 'Deployment waves', 'Dependency drift'],
  'Rollback & flags': ['Rollback readiness', 'Feature flags', 'Runbook'],
  Retrospective: ['Retrospective'],
  'Decision log': ['Decision log'],
};
// The review's agenda has parts named like the cards of other tabs: each title once.
const ALL_SECTION_TITLES = [...new Set(Object.values(SECTIONS_BY_TAB).flat())];

/** The section titles the selected tab shows, top to bottom. */
function sectionsShown(): string[] {
  const panel = screen.getByRole('tabpanel');
  const found = ALL_SECTION_TITLES.flatMap(title => {
    // A card's title is a heading; the tab of the same name is outside the panel.
    const element = within(panel).queryAllByText(title)[0];
    return element ? [{ title, element }] : [];
  });
  found.sort((a, b) =>
    a.element.compareDocumentPosition(b.element) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1,
  );
  return found.map(({ title }) => title);
}

/** Opens a tab of the train page, as a person clicks it. */
async function openTab(name: keyof typeof SECTIONS_BY_TAB) {
  await userEvent.click(await screen.findByRole('tab', { name }));
  await waitFor(() =>
    expect(screen.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true'),
  );
}

/** The location the test app's router is at, shown for the test to read. */
function LocationProbe() {
  const location = useLocation();
  return <span data-testid="location">{`${location.pathname}${location.search}`}</span>;
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
  it('shows header, stages, the gates board and participants first, waves and the decision log in their tabs', async () => {
    await renderPage(<TrainView trainId={TRAIN_ID} />, [[releaseCoordinationApiRef, fakeApi()]]);
    expect(await screen.findByText('2026.12 winter release')).toBeInTheDocument();
    expect(screen.getByText('One-click checkout for returning customers')).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Overview' })).toHaveAttribute('aria-selected', 'true');
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
    expect(screen.getByRole('table', { name: 'Participants' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'team-catalog' })).toBeInTheDocument();

    await openTab('Deployments');
    expect(await screen.findByRole('listitem', { name: 'Wave 2' })).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: 'Gates board' })).not.toBeInTheDocument();

    await openTab('Decision log');
    expect(await screen.findByText('stage.advanced')).toBeInTheDocument();
    // A service actor (CI) is shown by name, not as a catalog link.
    expect(screen.getByText('demo-ci')).toBeInTheDocument();
    expect(screen.getByText('Planning review done')).toBeInTheDocument();
  });

  it('says how many participants and gates the catalog keeps from the user', async () => {
    const api = fakeApi({
      getTrain: vi.fn(async () => ({ ...winterTrainDetail, hidden: { participants: 2, gates: 5 } })),
    });
    await renderPage(<TrainView trainId={TRAIN_ID} />, [[releaseCoordinationApiRef, api]]);
    expect(await screen.findByTestId('hidden-entities')).toHaveTextContent(
      '2 participants and 5 gates you cannot see in the catalog',
    );
  });

  it('shows rollback readiness, feature flags, deployments and the retrospective of the train in their tabs', async () => {
    const api = fakeApi();
    await renderPage(<TrainView trainId={TRAIN_ID} />, [[releaseCoordinationApiRef, api]]);
    await openTab('Rollback & flags');
    expect(
      await screen.findByRole('table', { name: 'Rollback readiness' }),
    ).toBeInTheDocument();
    expect(screen.getByText('never rehearsed')).toBeInTheDocument();
    expect(await screen.findByText('one-click-checkout')).toBeInTheDocument();
    await openTab('Deployments');
    expect(
      await screen.findByRole('region', { name: 'Deployments of checkout-api' }),
    ).toBeInTheDocument();
    await openTab('Retrospective');
    expect(
      await screen.findByText('Contract tests caught the pricing break before validation'),
    ).toBeInTheDocument();
    expect(screen.getByText('Rehearse the checkout-api rollback')).toBeInTheDocument();
    for (const call of [
      api.getRollbackReadiness,
      api.listFeatureFlags,
      api.listDeployments,
      api.getEnvironmentMatrix,
      api.getCompatibilityMatrix,
      api.getRetrospective,
    ]) {
      expect(call).toHaveBeenCalledWith(expect.objectContaining({ trainId: TRAIN_ID }));
    }
  });

  it('loads a tab\'s sections only once the tab is opened', async () => {
    const api = fakeApi();
    await renderPage(<TrainView trainId={TRAIN_ID} />, [[releaseCoordinationApiRef, api]]);
    await screen.findByRole('table', { name: 'Gates board' });
    expect(api.listDeployments).not.toHaveBeenCalled();
    expect(api.getRetrospective).not.toHaveBeenCalled();
    await openTab('Deployments');
    await waitFor(() => expect(api.listDeployments).toHaveBeenCalled());
  });

  it('orders the sections of each tab as an ambassador works, the retrospective in its own tab while the train runs', async () => {
    await renderPage(<TrainView trainId={TRAIN_ID} />, [[releaseCoordinationApiRef, fakeApi()]]);
    await screen.findByRole('table', { name: 'Participants' });
    expect(screen.getAllByRole('tab').map(tab => tab.textContent)).toEqual(
      Object.keys(SECTIONS_BY_TAB),
    );
    expect(sectionsShown()).toEqual(SECTIONS_BY_TAB.Overview);
    await openTab('Review');
    await screen.findByRole('button', { name: 'Sign off' });
    expect(sectionsShown()).toEqual(SECTIONS_BY_TAB.Review);
    await openTab('Deployments');
    await screen.findByRole('listitem', { name: 'Wave 2' });
    expect(sectionsShown()).toEqual(SECTIONS_BY_TAB.Deployments);
    await openTab('Rollback & flags');
    await screen.findByText('one-click-checkout');
    expect(sectionsShown()).toEqual(SECTIONS_BY_TAB['Rollback & flags']);
    await openTab('Retrospective');
    await screen.findByText('Rehearse the checkout-api rollback');
    expect(sectionsShown()).toEqual(SECTIONS_BY_TAB.Retrospective);
    await openTab('Decision log');
    await screen.findByText('stage.advanced');
    expect(sectionsShown()).toEqual(SECTIONS_BY_TAB['Decision log']);
  });

  it.each(['released', 'rolled-back'] as const)(
    'puts the retrospective on the overview, right after the stages, once the train is %s',
    async status => {
      const finished = { ...winterTrainDetail, status };
      await renderPage(<TrainView trainId={TRAIN_ID} />, [
        [releaseCoordinationApiRef, fakeApi({ getTrain: vi.fn(async () => finished) })],
      ]);
      await screen.findByText('Rehearse the checkout-api rollback');
      expect(sectionsShown()).toEqual(['Stages', 'Retrospective', 'Gates', 'Participants (2)']);
    },
  );

  it('keeps the selected tab in the URL, and opens the tab a link names', async () => {
    await renderPage(
      <>
        <TrainView trainId={TRAIN_ID} />
        <LocationProbe />
      </>,
      [[releaseCoordinationApiRef, fakeApi()]],
      { routeEntries: [`/release-coordination/trains/${TRAIN_ID}?tab=rollback`] },
    );
    // A link to a tab opens that tab.
    expect(await screen.findByRole('tab', { name: 'Rollback & flags' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(await screen.findByRole('table', { name: 'Rollback readiness' })).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: 'Gates board' })).not.toBeInTheDocument();

    await openTab('Decision log');
    expect(await screen.findByText('stage.advanced')).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: 'Rollback readiness' })).not.toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent(
      `/release-coordination/trains/${TRAIN_ID}?tab=decision-log`,
    );

    // The overview is the plain link of the train.
    await openTab('Overview');
    expect(await screen.findByRole('table', { name: 'Gates board' })).toBeInTheDocument();
    expect(screen.getByTestId('location').textContent).toBe(
      `/release-coordination/trains/${TRAIN_ID}`,
    );
  });

  it('opens the overview for a tab it does not know', async () => {
    await renderPage(<TrainView trainId={TRAIN_ID} />, [[releaseCoordinationApiRef, fakeApi()]], {
      routeEntries: [`/release-coordination/trains/${TRAIN_ID}?tab=gates`],
    });
    expect(await screen.findByRole('table', { name: 'Gates board' })).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Overview' })).toHaveAttribute('aria-selected', 'true');
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

  it('counts an approval and an advance that went through, and nothing that was refused', async () => {
    const analytics = mockApis.analytics.mock();
    const approveGate = vi.fn(async () => ({ ...ownerApproval, state: 'passed' as const }));
    const advanceStage = vi.fn(async () => ({ ...winterTrainDetail, currentStage: 'validation' }));
    await renderPage(<TrainView trainId={TRAIN_ID} />, [
      [releaseCoordinationApiRef, fakeApi({ approveGate, advanceStage })],
      [analyticsApiRef, analytics],
    ]);
    await userEvent.click(await screen.findByRole('button', { name: 'Owner approval: pending' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(await within(dialog).findByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(approveGate).toHaveBeenCalled());
    await waitFor(() =>
      expect(analytics.captureEvent).toHaveBeenCalledWith(
        expect.objectContaining({
          action: 'approve',
          subject: 'Owner approval',
          attributes: expect.objectContaining({ trainId: TRAIN_ID, gateId: 'g-owner-checkout' }),
        }),
      ),
    );
    await userEvent.keyboard('{Escape}');
    await userEvent.click(await screen.findByRole('button', { name: 'Advance to Validation' }));
    await waitFor(() =>
      expect(analytics.captureEvent).toHaveBeenCalledWith(
        expect.objectContaining({
          action: 'advance',
          subject: winterTrainDetail.name,
          attributes: { trainId: TRAIN_ID, fromStage: 'integration', toStage: 'validation' },
        }),
      ),
    );
    expect(analytics.captureEvent).toHaveBeenCalledTimes(2);
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

/**
 * A catalog that knows the demo organisation's users and components, searched by the pickers
 * as the catalog does: of one kind, names containing the typed term.
 */
const catalogApi = {
  queryEntities: vi.fn(
    async (request?: { filter?: { kind?: string }; fullTextFilter?: { term: string } }) => {
      const all =
        request?.filter?.kind === 'User'
          ? [entity('User', 'alice'), entity('User', 'dana')]
          : [
              entity('Component', 'checkout-api'),
              entity('Component', 'pricing-service'),
              entity('Component', 'search-api'),
            ];
      const term = request?.fullTextFilter?.term.toLocaleLowerCase('en-US') ?? '';
      const items = all.filter(found => found.metadata.name.includes(term));
      return { items, totalItems: items.length, pageInfo: {} };
    },
  ),
};

describe('Editing a train', () => {
  it('sends only what changed and shows why the backend refuses', async () => {
    const updateTrain = vi.fn(async () => {
      throw responseError(
        409,
        'ConflictError',
        'The train changed since you opened it: it is now in validation',
      );
    });
    await renderPage(<TrainView trainId={TRAIN_ID} />, [
      [releaseCoordinationApiRef, fakeApi({ updateTrain })],
      [catalogApiRef, catalogApi],
    ]);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Edit' }));
    const dialog = await screen.findByRole('dialog', { name: /Edit 2026.12 winter release/ });
    expect(within(dialog).getByLabelText(/Name/)).toHaveValue('2026.12 winter release');
    expect(within(dialog).getByLabelText('Integration end')).toHaveValue('2026-11-18');

    // The same checks as when creating: an emptied name and a window ending before it starts.
    await user.clear(within(dialog).getByLabelText(/Name/));
    fireEvent.change(within(dialog).getByLabelText('Validation end'), {
      target: { value: '2026-11-01' },
    });
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(within(dialog).getByText('Give the train a name.')).toBeInTheDocument();
    expect(within(dialog).getByText('The start must not be after the end.')).toBeInTheDocument();
    expect(updateTrain).not.toHaveBeenCalled();

    await user.type(within(dialog).getByLabelText(/Name/), '2026.12 winter release (extended)');
    fireEvent.change(within(dialog).getByLabelText('Validation end'), {
      target: { value: '2026-12-03' },
    });
    await user.click(within(dialog).getByLabelText(/Ambassador/));
    await user.click(await screen.findByRole('option', { name: 'user:default/dana' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(updateTrain).toHaveBeenCalledTimes(1));
    expect(updateTrain).toHaveBeenCalledWith({
      trainId: TRAIN_ID,
      name: '2026.12 winter release (extended)',
      ambassadorRef: 'user:default/dana',
      stageWindows: {
        validation: { start: '2026-11-19T00:00:00.000Z', end: '2026-12-03T23:59:59.000Z' },
      },
    });
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'The train changed since you opened it: it is now in validation',
    );
  });

  it('refuses to empty a planned window, then saves and reloads the train', async () => {
    const updateTrain = vi.fn(async () => ({ ...winterTrainDetail, objective: 'Faster checkout' }));
    const api = fakeApi({ updateTrain });
    await renderPage(<TrainView trainId={TRAIN_ID} />, [
      [releaseCoordinationApiRef, api],
      [catalogApiRef, catalogApi],
    ]);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Edit' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Planning start'), { target: { value: '' } });
    fireEvent.change(within(dialog).getByLabelText('Planning end'), { target: { value: '' } });
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(
      within(dialog).getByText('A planned window cannot be removed; change its dates.'),
    ).toBeInTheDocument();

    fireEvent.change(within(dialog).getByLabelText('Planning start'), {
      target: { value: '2026-11-02' },
    });
    fireEvent.change(within(dialog).getByLabelText('Planning end'), {
      target: { value: '2026-11-09' },
    });
    await user.clear(within(dialog).getByLabelText(/Objective/));
    await user.type(within(dialog).getByLabelText(/Objective/), 'Faster checkout');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(updateTrain).toHaveBeenCalledWith({ trainId: TRAIN_ID, objective: 'Faster checkout' }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await waitFor(() => expect(api.getTrain).toHaveBeenCalledTimes(2));
  });
});

describe('Marking a train rolled back', () => {
  it('asks for a reason, sends it, and shows the train as rolled back', async () => {
    const rolledBack = { ...winterTrainDetail, status: 'rolled-back' as const };
    const rollBackTrain = vi.fn(async () => rolledBack);
    const getTrain = vi
      .fn()
      .mockResolvedValueOnce(winterTrainDetail)
      .mockResolvedValue(rolledBack);
    await renderPage(<TrainView trainId={TRAIN_ID} />, [
      [releaseCoordinationApiRef, fakeApi({ getTrain, rollBackTrain })],
    ]);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Mark rolled back' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'Mark 2026.12 winter release rolled back?',
    });
    await user.click(within(dialog).getByRole('button', { name: 'Mark rolled back' }));
    expect(
      within(dialog).getByText('Say what was rolled back and why: a reason is required.'),
    ).toBeInTheDocument();
    expect(rollBackTrain).not.toHaveBeenCalled();

    await user.type(
      within(dialog).getByLabelText(/Reason/),
      '  Checkout error rate doubled after the deploy ',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Mark rolled back' }));
    await waitFor(() =>
      expect(rollBackTrain).toHaveBeenCalledWith({
        trainId: TRAIN_ID,
        reason: 'Checkout error rate doubled after the deploy',
      }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await screen.findByText('rolled-back')).toBeInTheDocument();
    // Rolled back is final: the action is gone, and so is editing.
    expect(screen.queryByRole('button', { name: 'Mark rolled back' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Edit' })).not.toBeInTheDocument();
    expect(getTrain).toHaveBeenCalledTimes(2);
  });

  it('shows why the backend refuses and keeps the dialog open', async () => {
    const rollBackTrain = vi.fn(async () => {
      throw responseError(409, 'ConflictError', "Train '2026.12 winter release' is cancelled");
    });
    await renderPage(<TrainView trainId={TRAIN_ID} />, [
      [releaseCoordinationApiRef, fakeApi({ rollBackTrain })],
    ]);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Mark rolled back' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText(/Reason/), 'Payments timed out');
    await user.click(within(dialog).getByRole('button', { name: 'Mark rolled back' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      "Train '2026.12 winter release' is cancelled",
    );
    expect(rollBackTrain).toHaveBeenCalledTimes(1);
  });
});

describe('Managing participants', () => {
  it('adds a component with its target version', async () => {
    const addParticipant = vi.fn(async () => winterTrainDetail);
    const api = fakeApi({ addParticipant });
    await renderPage(<TrainView trainId={TRAIN_ID} />, [
      [releaseCoordinationApiRef, api],
      [catalogApiRef, catalogApi],
    ]);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Add participant' }));
    const dialog = await screen.findByRole('dialog', { name: /Add a participant/ });
    await user.click(within(dialog).getByRole('button', { name: 'Add participant' }));
    expect(within(dialog).getByText('Pick the component that joins the train.')).toBeInTheDocument();
    expect(within(dialog).getByText('Give the version this train ships.')).toBeInTheDocument();

    await user.click(within(dialog).getByLabelText(/Component/));
    // Components already in the train are not offered again.
    expect(
      screen.queryByRole('option', { name: 'component:default/checkout-api' }),
    ).not.toBeInTheDocument();
    await user.click(await screen.findByRole('option', { name: 'component:default/search-api' }));
    await user.type(within(dialog).getByLabelText(/Target version/), '1.4.0');
    await user.click(within(dialog).getByRole('button', { name: 'Add participant' }));

    await waitFor(() =>
      expect(addParticipant).toHaveBeenCalledWith({
        trainId: TRAIN_ID,
        entityRef: 'component:default/search-api',
        targetVersion: '1.4.0',
      }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await waitFor(() => expect(api.getTrain).toHaveBeenCalledTimes(2));
  });

  it('changes a target version', async () => {
    const updateParticipant = vi.fn(async () => winterTrainDetail);
    await renderPage(<TrainView trainId={TRAIN_ID} />, [
      [releaseCoordinationApiRef, fakeApi({ updateParticipant })],
    ]);
    const user = userEvent.setup();
    await user.click(
      await screen.findByRole('button', { name: 'Change target version of pricing-service' }),
    );
    const dialog = await screen.findByRole('dialog');
    const version = within(dialog).getByLabelText(/Target version/);
    expect(version).toHaveValue('2.9.1');
    await user.clear(version);
    await user.type(version, '2.10.0');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(updateParticipant).toHaveBeenCalledWith({
        trainId: TRAIN_ID,
        entityRef: 'component:default/pricing-service',
        targetVersion: '2.10.0',
      }),
    );
  });

  it('removes a participant only with a reason, and shows a refusal', async () => {
    const removeParticipant = vi.fn(async () => {
      throw responseError(400, 'InputError', 'reason must not be longer than 2000 characters');
    });
    await renderPage(<TrainView trainId={TRAIN_ID} />, [
      [releaseCoordinationApiRef, fakeApi({ removeParticipant })],
    ]);
    const user = userEvent.setup();
    await user.click(
      await screen.findByRole('button', { name: 'Remove checkout-api from the train' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Remove checkout-api from 2026.12 winter release?',
    });
    await user.click(within(dialog).getByRole('button', { name: 'Remove' }));
    expect(
      within(dialog).getByText('Say why it leaves the train: a reason is required.'),
    ).toBeInTheDocument();
    expect(removeParticipant).not.toHaveBeenCalled();

    await user.type(within(dialog).getByLabelText(/Reason/), 'Moved to the spring train');
    await user.click(within(dialog).getByRole('button', { name: 'Remove' }));
    await waitFor(() =>
      expect(removeParticipant).toHaveBeenCalledWith({
        trainId: TRAIN_ID,
        entityRef: 'component:default/checkout-api',
        reason: 'Moved to the spring train',
      }),
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'reason must not be longer than 2000 characters',
    );
  });
});

