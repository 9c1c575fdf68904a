import {
  CadenceDetail,
  CadenceTrain,
  ReleaseCadence,
  ReleaseCoordinationApi,
} from '@release-coordination/plugin-release-coordination-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { useLocation } from 'react-router-dom';
import { releaseCoordinationApiRef } from '../../api';
import { renderPage } from '../../__testUtils__/renderWithApi';
import {
  responseError,
  winterTrainDetail,
} from '../../__testUtils__/trainFixtures';
import { CadencesContent } from './CadencesPage';

const CADENCE_ID = '7f3c9a1e-2b4d-4e6f-8a0b-1c2d3e4f5a6b';
const FIRST_TRAIN = '1a1a1a1a-1111-4111-8111-111111111111';
const SECOND_TRAIN = '2b2b2b2b-2222-4222-8222-222222222222';
const NEW_TRAIN = '3c3c3c3c-3333-4333-8333-333333333333';
const NEW_CADENCE = '4d4d4d4d-4444-4444-8444-444444444444';

const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';
// The viewer of `renderPage`: on the roster, and the one the rotation suggests next.
const CAROL = 'user:default/carol';
const DAVE = 'user:default/dave';

const fortnightly: ReleaseCadence = {
  id: CADENCE_ID,
  name: 'Fortnightly web',
  description: 'The storefront and payments ship every two weeks',
  intervalDays: 14,
  firstStart: '2027-01-04T00:00:00.000Z',
  stageOffsets: [
    { stage: 'planning', startDay: 0, endDay: 3 },
    { stage: 'integration', startDay: 3, endDay: 8 },
    { stage: 'deployment', startDay: 12, endDay: 14 },
  ],
  teamRefs: ['group:default/team-web', 'group:default/team-pay'],
  createdBy: 'user:default/rm',
  createdAt: '2026-12-20T09:00:00.000Z',
};

const firstTrain: CadenceTrain = {
  trainId: FIRST_TRAIN,
  name: 'Fortnightly web #1',
  occurrence: 1,
  ambassadorRef: ALICE,
  status: 'released',
  createdAt: '2027-01-03T09:00:00.000Z',
};
const secondTrain: CadenceTrain = {
  trainId: SECOND_TRAIN,
  name: 'Fortnightly web #2',
  occurrence: 2,
  ambassadorRef: BOB,
  status: 'active',
  createdAt: '2027-01-17T09:00:00.000Z',
};

const nextWindows = {
  planning: {
    start: '2027-02-01T00:00:00.000Z',
    end: '2027-02-04T00:00:00.000Z',
  },
  integration: {
    start: '2027-02-04T00:00:00.000Z',
    end: '2027-02-09T00:00:00.000Z',
  },
  deployment: {
    start: '2027-02-13T00:00:00.000Z',
    end: '2027-02-15T00:00:00.000Z',
  },
};

const detail: CadenceDetail = {
  ...fortnightly,
  roster: [
    { memberRef: ALICE, position: 0, runs: 1, lastRun: firstTrain },
    { memberRef: BOB, position: 1, runs: 1, lastRun: secondTrain },
    { memberRef: CAROL, position: 2, runs: 0 },
  ],
  next: {
    cadenceId: CADENCE_ID,
    occurrence: 3,
    name: 'Fortnightly web #3',
    stageWindows: nextWindows,
    suggestedAmbassador: {
      memberRef: CAROL,
      reason: 'has not run a train of the series yet',
    },
    latestHandover: {
      id: 'h1',
      trainId: FIRST_TRAIN,
      authorRef: ALICE,
      note: 'Watch the payment provider cut-over on Tuesday',
      createdAt: '2027-01-16T17:00:00.000Z',
    },
  },
  rotationChanges: [
    {
      id: 'r1',
      occurrence: 4,
      kind: 'swap',
      memberRef: ALICE,
      substituteRef: BOB,
      reason: 'Parental leave',
      recordedBy: ALICE,
      recordedAt: '2027-01-20T10:00:00.000Z',
    },
  ],
};

function LocationProbe() {
  const location = useLocation();
  return (
    <span data-testid="location">{`${location.pathname}${location.search}`}</span>
  );
}

function fakeApi(
  overrides: Partial<ReleaseCoordinationApi> = {},
): Partial<ReleaseCoordinationApi> {
  return {
    listCadences: vi.fn(async () => ({ items: [fortnightly], totalCount: 1 })),
    getCadence: vi.fn(async () => detail),
    listCadenceTrains: vi.fn(async () => ({
      items: [secondTrain, firstTrain],
      totalCount: 2,
    })),
    ...overrides,
  };
}

async function renderCadences(
  api: Partial<ReleaseCoordinationApi>,
  route = `/?cadence=${CADENCE_ID}`,
) {
  await renderPage(
    <>
      <CadencesContent />
      <LocationProbe />
    </>,
    [[releaseCoordinationApiRef, api]],
    { routeEntries: [route] },
  );
  return api;
}

/** The cadence view, once its cards show. */
async function nextTrainCard() {
  const title = await screen.findByText('Next train');
  return title.closest('.MuiCard-root') as HTMLElement;
}

describe('the list of cadences', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2027-01-25T12:00:00.000Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('lists each cadence with its interval, teams and next occurrence, and opens one', async () => {
    const api = await renderCadences(fakeApi(), '/');
    const link = await screen.findByRole('link', { name: 'Fortnightly web' });
    expect(api.listCadences).toHaveBeenCalledWith({ limit: 20, offset: 0 });
    expect(link).toHaveAttribute('href', `/?cadence=${CADENCE_ID}`);
    const row = link.closest('tr') as HTMLElement;
    expect(row).toHaveTextContent('every 14 days');
    expect(within(row).getByRole('link', { name: 'team-web' })).toHaveAttribute(
      'href',
      '/catalog/default/group/team-web',
    );
    expect(row).toHaveTextContent(
      `#3 from ${new Date('2027-02-01T00:00:00.000Z').toLocaleDateString()}`,
    );
    expect(screen.getByText('Cadences (1)')).toBeInTheDocument();

    fireEvent.click(link);
    expect(await screen.findByText('Next train')).toBeInTheDocument();
    expect(api.getCadence).toHaveBeenCalledWith({ cadenceId: CADENCE_ID });
    expect(screen.getByTestId('location')).toHaveTextContent(
      `/?cadence=${CADENCE_ID}`,
    );

    fireEvent.click(screen.getByRole('button', { name: 'All cadences' }));
    expect(
      await screen.findByRole('link', { name: 'Fortnightly web' }),
    ).toBeInTheDocument();
  });

  it('shows a progress while the cadences load', async () => {
    await renderCadences(
      fakeApi({ listCadences: () => new Promise(() => {}) }),
      '/',
    );
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('says when there is no cadence yet', async () => {
    await renderCadences(
      fakeApi({ listCadences: async () => ({ items: [], totalCount: 0 }) }),
      '/',
    );
    expect(
      await screen.findByText('No release cadences yet'),
    ).toBeInTheDocument();
  });

  it('says when the cadences cannot be loaded', async () => {
    await renderCadences(
      fakeApi({
        listCadences: async () => {
          throw new Error('database unavailable');
        },
      }),
      '/',
    );
    expect(
      await screen.findByText(/Could not load the release cadences/),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/database unavailable/)[0]).toBeInTheDocument();
  });
});

describe('a cadence', () => {
  it('shows the next train pre-filled, the suggested ambassador and why, and the latest handover', async () => {
    await renderCadences(fakeApi());
    const card = await nextTrainCard();
    expect(within(card).getByText('Fortnightly web #3')).toBeInTheDocument();
    const windows = within(card).getByRole('table', {
      name: 'Stage windows of the next train',
    });
    const rows = within(windows).getAllByRole('row');
    expect(rows.map(row => row.textContent)).toEqual([
      'StageStartEnd',
      `Planning${new Date(nextWindows.planning.start).toLocaleDateString()}${new Date(nextWindows.planning.end).toLocaleDateString()}`,
      `Integration${new Date(nextWindows.integration.start).toLocaleDateString()}${new Date(nextWindows.integration.end).toLocaleDateString()}`,
      `Deployment${new Date(nextWindows.deployment.start).toLocaleDateString()}${new Date(nextWindows.deployment.end).toLocaleDateString()}`,
    ]);
    expect(within(card).getByRole('link', { name: 'carol' })).toHaveAttribute(
      'href',
      '/catalog/default/user/carol',
    );
    expect(
      within(card).getByText('Why: has not run a train of the series yet'),
    ).toBeInTheDocument();
    expect(
      within(card).getByText('Watch the payment provider cut-over on Tuesday'),
    ).toBeInTheDocument();
    expect(within(card).getByRole('link', { name: 'alice' })).toHaveAttribute(
      'href',
      '/catalog/default/user/alice',
    );
    expect(screen.getByText(detail.description!)).toBeInTheDocument();
  });

  it('shows the roster with runs as bars, last runs and the skips and swaps', async () => {
    await renderCadences(fakeApi());
    const roster = await screen.findByRole('table', {
      name: 'Ambassador roster',
    });
    const [, alice, bob, carol] = within(roster).getAllByRole('row');
    expect(
      within(alice).getByRole('img', { name: 'alice: 1 train run' }),
    ).toBeInTheDocument();
    expect(
      within(alice).getByRole('link', { name: '#1 Fortnightly web #1' }),
    ).toHaveAttribute('href', `/release-coordination/trains/${FIRST_TRAIN}`);
    expect(
      within(bob).getByRole('link', { name: '#2 Fortnightly web #2' }),
    ).toHaveAttribute('href', `/release-coordination/trains/${SECOND_TRAIN}`);
    expect(
      within(carol).getByRole('img', { name: 'carol: 0 trains run' }),
    ).toBeInTheDocument();
    expect(carol).toHaveTextContent('Suggested next');
    expect(carol).toHaveTextContent('Not yet');

    const changes = screen.getByRole('table', {
      name: 'Skips and swaps of the rotation',
    });
    const [, swap] = within(changes).getAllByRole('row');
    expect(swap).toHaveTextContent('#4');
    expect(swap).toHaveTextContent('Swap');
    expect(swap).toHaveTextContent('Parental leave');
    expect(swap).toHaveTextContent('runs it instead: bob');
  });

  it('lists the trains of the series, newest first, each linking to its page', async () => {
    const api = await renderCadences(fakeApi());
    const history = await screen.findByRole('table', {
      name: 'Trains of the cadence',
    });
    expect(api.listCadenceTrains).toHaveBeenCalledWith({
      cadenceId: CADENCE_ID,
      limit: 10,
      offset: 0,
    });
    const [, second, first] = within(history).getAllByRole('row');
    expect(
      within(second).getByRole('link', { name: 'Fortnightly web #2' }),
    ).toHaveAttribute('href', `/release-coordination/trains/${SECOND_TRAIN}`);
    expect(
      within(second).getByRole('link', { name: 'bob' }),
    ).toBeInTheDocument();
    expect(second).toHaveTextContent('#2');
    expect(second).toHaveTextContent('active');
    expect(first).toHaveTextContent('released');
  });

  it('creates the next train with the suggested windows and ambassador, then opens it', async () => {
    const createCadenceTrain = vi.fn(async () => ({
      ...winterTrainDetail,
      id: NEW_TRAIN,
      name: 'Fortnightly web #3',
    }));
    await renderCadences(fakeApi({ createCadenceTrain }));
    const card = await nextTrainCard();
    fireEvent.click(
      within(card).getByRole('button', { name: 'Create next train' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Create train #3 of Fortnightly web',
    });
    expect(within(dialog).getByLabelText(/^Name/)).toHaveValue(
      'Fortnightly web #3',
    );
    expect(within(dialog).getByLabelText(/^Ambassador/)).toHaveValue(CAROL);
    expect(within(dialog).getByLabelText('Planning start')).toHaveValue(
      '2027-02-01',
    );
    expect(within(dialog).getByLabelText('Deployment end')).toHaveValue(
      '2027-02-15',
    );
    expect(
      within(dialog).getByText(
        'Suggested by the rotation: has not run a train of the series yet',
      ),
    ).toBeInTheDocument();

    // Without an objective and a participant, nothing is sent.
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Create train' }),
    );
    expect(
      await within(dialog).findByText(
        'Add at least one participant, with the version this train ships.',
      ),
    ).toBeInTheDocument();
    expect(createCadenceTrain).not.toHaveBeenCalled();

    fireEvent.change(within(dialog).getByLabelText(/^Objective/), {
      target: { value: 'Saved carts across devices' },
    });
    fireEvent.change(within(dialog).getByLabelText('Participant 1'), {
      target: { value: 'component:default/checkout-api' },
    });
    fireEvent.change(within(dialog).getByLabelText('Target version 1'), {
      target: { value: '4.3.0' },
    });
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Create train' }),
    );

    await waitFor(() =>
      expect(createCadenceTrain).toHaveBeenCalledWith({
        cadenceId: CADENCE_ID,
        name: 'Fortnightly web #3',
        objective: 'Saved carts across devices',
        ambassadorRef: CAROL,
        stageWindows: nextWindows,
        participants: [
          {
            entityRef: 'component:default/checkout-api',
            targetVersion: '4.3.0',
          },
        ],
      }),
    );
    await waitFor(() =>
      expect(screen.getByTestId('location')).toHaveTextContent(
        `/release-coordination/trains/${NEW_TRAIN}`,
      ),
    );
  });

  it('sends a window someone changed as the days they typed, and every participant row filled in', async () => {
    const createCadenceTrain = vi.fn(async () => ({
      ...winterTrainDetail,
      id: NEW_TRAIN,
    }));
    await renderCadences(fakeApi({ createCadenceTrain }));
    const card = await nextTrainCard();
    fireEvent.click(
      within(card).getByRole('button', { name: 'Create next train' }),
    );
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Deployment end'), {
      target: { value: '2027-02-16' },
    });
    fireEvent.change(within(dialog).getByLabelText(/^Objective/), {
      target: { value: 'Saved carts across devices' },
    });
    fireEvent.change(within(dialog).getByLabelText('Participant 1'), {
      target: { value: 'storefront' },
    });
    fireEvent.change(within(dialog).getByLabelText('Target version 1'), {
      target: { value: '2.0.0' },
    });
    // A second participant in a row of its own; an empty third one is left out.
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Add participant' }),
    );
    fireEvent.change(within(dialog).getByLabelText('Participant 2'), {
      target: { value: 'component:default/payments' },
    });
    fireEvent.change(within(dialog).getByLabelText('Target version 2'), {
      target: { value: '1.9.0' },
    });
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Add participant' }),
    );
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Add participant' }),
    );
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Remove participant 4' }),
    );
    expect(within(dialog).queryByLabelText('Participant 4')).toBeNull();
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Create train' }),
    );
    await waitFor(() => expect(createCadenceTrain).toHaveBeenCalled());
    expect(createCadenceTrain).toHaveBeenCalledWith(
      expect.objectContaining({
        stageWindows: {
          ...nextWindows,
          deployment: {
            start: nextWindows.deployment.start,
            end: '2027-02-16T23:59:59.000Z',
          },
        },
        // A bare name is a Component of the default namespace.
        participants: [
          { entityRef: 'component:default/storefront', targetVersion: '2.0.0' },
          { entityRef: 'component:default/payments', targetVersion: '1.9.0' },
        ],
      }),
    );
  });

  it("shows the backend's refusal when another train of the occurrence exists meanwhile", async () => {
    const createCadenceTrain = vi.fn(async () => {
      throw responseError(
        409,
        'ConflictError',
        "Occurrence #3 of 'Fortnightly web' has a train already",
      );
    });
    const api = await renderCadences(fakeApi({ createCadenceTrain }));
    const card = await nextTrainCard();
    fireEvent.click(
      within(card).getByRole('button', { name: 'Create next train' }),
    );
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(/^Objective/), {
      target: { value: 'Saved carts across devices' },
    });
    fireEvent.change(within(dialog).getByLabelText('Participant 1'), {
      target: { value: 'component:default/checkout-api' },
    });
    fireEvent.change(within(dialog).getByLabelText('Target version 1'), {
      target: { value: '4.3.0' },
    });
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Create train' }),
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      "Occurrence #3 of 'Fortnightly web' has a train already",
    );
    expect(screen.getByTestId('location')).toHaveTextContent(
      `/?cadence=${CADENCE_ID}`,
    );

    // Closing it asks for the cadence again: its next train has moved on.
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(api.getCadence).toHaveBeenCalledTimes(2));
  });

  it("records the viewer's skip with its reason and shows the rotation again", async () => {
    const recordRotationChange = vi.fn(async () => ({
      id: 'r2',
      occurrence: 3,
      kind: 'skip' as const,
      memberRef: CAROL,
      reason: 'On call that week',
      recordedBy: CAROL,
      recordedAt: '2027-01-25T12:00:00.000Z',
    }));
    const api = await renderCadences(fakeApi({ recordRotationChange }));
    fireEvent.click(await screen.findByRole('button', { name: 'Skip' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'Skip a turn of Fortnightly web',
    });
    // The viewer is on the roster: their own turn is the one picked.
    expect(
      within(dialog).getByRole('button', { name: /Member/ }),
    ).toHaveTextContent('carol');
    expect(
      within(dialog).getByText('Leave empty for the next one, #3'),
    ).toBeInTheDocument();

    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Record skip' }),
    );
    expect(await within(dialog).findByText('Say why.')).toBeInTheDocument();
    expect(recordRotationChange).not.toHaveBeenCalled();

    fireEvent.change(within(dialog).getByLabelText(/^Reason/), {
      target: { value: 'On call that week' },
    });
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Record skip' }),
    );
    await waitFor(() =>
      expect(recordRotationChange).toHaveBeenCalledWith({
        cadenceId: CADENCE_ID,
        kind: 'skip',
        memberRef: CAROL,
        reason: 'On call that week',
      }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(api.getCadence).toHaveBeenCalledTimes(2);
  });

  it('records a swap for a later occurrence, and shows why the backend refuses it', async () => {
    const recordRotationChange = vi.fn(async () => {
      throw responseError(
        403,
        'NotAllowedError',
        'Only the members concerned and release managers change the rotation',
      );
    });
    await renderCadences(fakeApi({ recordRotationChange }));
    fireEvent.click(await screen.findByRole('button', { name: 'Swap' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'Swap a turn of Fortnightly web',
    });
    fireEvent.mouseDown(within(dialog).getByRole('button', { name: /Member/ }));
    fireEvent.click(await screen.findByRole('option', { name: 'alice' }));
    fireEvent.mouseDown(
      within(dialog).getByRole('button', { name: /Substitute/ }),
    );
    // Nobody swaps with themselves.
    const options = await screen.findAllByRole('option');
    expect(options.map(option => option.textContent)).toEqual(['bob', 'carol']);
    fireEvent.click(screen.getByRole('option', { name: 'bob' }));
    fireEvent.change(within(dialog).getByLabelText(/^Occurrence/), {
      target: { value: '5' },
    });
    fireEvent.change(within(dialog).getByLabelText(/^Reason/), {
      target: { value: 'Conference' },
    });
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Record swap' }),
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Only the members concerned and release managers change the rotation',
    );
    expect(recordRotationChange).toHaveBeenCalledWith({
      cadenceId: CADENCE_ID,
      kind: 'swap',
      memberRef: ALICE,
      substituteRef: BOB,
      occurrence: 5,
      reason: 'Conference',
    });
  });

  it('leaves handover notes on a train of the series', async () => {
    const addCadenceHandover = vi.fn(async () => ({
      id: 'h2',
      trainId: SECOND_TRAIN,
      authorRef: CAROL,
      note: 'Feature flags of the cart are still on',
      createdAt: '2027-01-30T10:00:00.000Z',
    }));
    const api = await renderCadences(fakeApi({ addCadenceHandover }));
    fireEvent.click(
      await screen.findByRole('button', {
        name: 'Handover notes of Fortnightly web #2',
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Handover notes of Fortnightly web #2',
    });
    fireEvent.change(within(dialog).getByLabelText(/^Notes/), {
      target: { value: 'Feature flags of the cart are still on' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save notes' }));
    await waitFor(() =>
      expect(addCadenceHandover).toHaveBeenCalledWith({
        cadenceId: CADENCE_ID,
        trainId: SECOND_TRAIN,
        note: 'Feature flags of the cart are still on',
      }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(api.getCadence).toHaveBeenCalledTimes(2);
  });

  it('shows a progress while the cadence loads', async () => {
    await renderCadences(fakeApi({ getCadence: () => new Promise(() => {}) }));
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('says when the cadence cannot be loaded', async () => {
    await renderCadences(
      fakeApi({
        getCadence: async () => {
          throw new Error(`No cadence with id '${CADENCE_ID}'`);
        },
      }),
    );
    expect(
      await screen.findByText(/Could not load the cadence/),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/No cadence with id/)[0]).toBeInTheDocument();
  });

  it('says when the series has no train yet, and when the roster is empty', async () => {
    await renderCadences(
      fakeApi({
        getCadence: async () => ({
          ...detail,
          roster: [],
          rotationChanges: [],
          next: {
            cadenceId: CADENCE_ID,
            occurrence: 1,
            name: 'Fortnightly web #1',
            stageWindows: {},
          },
        }),
        listCadenceTrains: async () => ({ items: [], totalCount: 0 }),
      }),
    );
    expect(
      await screen.findByText('No train of this cadence yet.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No roster yet: a release manager sets who rotates.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'The roster suggests nobody: it is empty, or every member skips this occurrence.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('No skip or swap recorded.')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Skip' }),
    ).not.toBeInTheDocument();
  });
});

describe('release managers', () => {
  const weekly: ReleaseCadence = {
    id: NEW_CADENCE,
    name: 'Weekly mobile',
    description: 'The apps ship every week',
    intervalDays: 7,
    firstStart: '2027-03-01T00:00:00.000Z',
    stageOffsets: [
      { stage: 'planning', startDay: 0, endDay: 2 },
      { stage: 'integration', startDay: 2, endDay: 4 },
      { stage: 'deployment', startDay: 5, endDay: 7 },
    ],
    teamRefs: ['group:default/team-mobile', 'group:default/team-pay'],
    createdBy: 'user:default/rm',
    createdAt: '2027-01-25T12:00:00.000Z',
  };

  async function openNewCadenceDialog() {
    fireEvent.click(await screen.findByRole('button', { name: 'New cadence' }));
    return screen.findByRole('dialog', { name: 'New release cadence' });
  }

  function fillIn(dialog: HTMLElement, label: RegExp | string, value: string) {
    fireEvent.change(within(dialog).getByLabelText(label), {
      target: { value },
    });
  }

  it('creates a cadence with its teams and stage offsets, then opens it', async () => {
    const createCadence = vi.fn(async () => weekly);
    const listCadences = vi
      .fn()
      .mockResolvedValueOnce({ items: [fortnightly], totalCount: 1 })
      .mockResolvedValue({ items: [fortnightly, weekly], totalCount: 2 });
    const api = await renderCadences(
      fakeApi({ createCadence, listCadences }),
      '/',
    );
    const dialog = await openNewCadenceDialog();
    // The usual plan of stages, ready to adjust.
    expect(
      ['Stage 1', 'Stage 2', 'Stage 3', 'Stage 4'].map(
        label =>
          (within(dialog).getByLabelText(label) as HTMLInputElement).value,
      ),
    ).toEqual(['planning', 'integration', 'validation', 'deployment']);
    expect(within(dialog).getByLabelText('Start day 4')).toHaveValue(9);
    expect(within(dialog).getByLabelText('End day 4')).toHaveValue(11);

    // What is missing or wrong is said where it is, and nothing is sent.
    fillIn(dialog, /^Interval in days/, '0');
    fillIn(dialog, 'End day 1', '0');
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Create cadence' }),
    );
    expect(
      await within(dialog).findByText('Give the cadence a name.'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText('A whole number of days from 1 to 366.'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText('Pick the day the first train starts.'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText('Add at least one team taking part.'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText('A later day than the start day.'),
    ).toBeInTheDocument();
    expect(createCadence).not.toHaveBeenCalled();

    fillIn(dialog, /^Name/, '  Weekly mobile ');
    fillIn(dialog, /^Description/, 'The apps ship every week');
    fillIn(dialog, /^Interval in days/, '7');
    fillIn(dialog, /^First start/, '2027-03-01');
    // A bare name is a Group of the default namespace.
    fillIn(dialog, 'Team 1', 'team-mobile');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add team' }));
    fillIn(dialog, 'Team 2', 'group:default/team-pay');
    fillIn(dialog, 'End day 1', '2');
    fillIn(dialog, 'Start day 2', '2');
    fillIn(dialog, 'End day 2', '4');
    // This cadence plans no validation window.
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Remove stage 3' }),
    );
    expect(within(dialog).getByLabelText('Stage 3')).toHaveValue('deployment');
    fillIn(dialog, 'Start day 3', '5');
    fillIn(dialog, 'End day 3', '7');
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Create cadence' }),
    );

    await waitFor(() => expect(createCadence).toHaveBeenCalledTimes(1));
    expect(createCadence).toHaveBeenCalledWith({
      name: 'Weekly mobile',
      description: 'The apps ship every week',
      intervalDays: 7,
      firstStart: '2027-03-01T00:00:00.000Z',
      stageOffsets: [
        { stage: 'planning', startDay: 0, endDay: 2 },
        { stage: 'integration', startDay: 2, endDay: 4 },
        { stage: 'deployment', startDay: 5, endDay: 7 },
      ],
      teamRefs: ['group:default/team-mobile', 'group:default/team-pay'],
    });
    // The new cadence opens.
    await waitFor(() =>
      expect(screen.getByTestId('location')).toHaveTextContent(
        `/?cadence=${NEW_CADENCE}`,
      ),
    );
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    await waitFor(() =>
      expect(api.getCadence).toHaveBeenCalledWith({ cadenceId: NEW_CADENCE }),
    );

    // The list lists it.
    fireEvent.click(
      await screen.findByRole('button', { name: 'All cadences' }),
    );
    expect(
      await screen.findByRole('link', { name: 'Weekly mobile' }),
    ).toHaveAttribute('href', `/?cadence=${NEW_CADENCE}`);
  });

  it('offers a new cadence when there is none yet', async () => {
    await renderCadences(
      fakeApi({ listCadences: async () => ({ items: [], totalCount: 0 }) }),
      '/',
    );
    expect(
      await screen.findByText('No release cadences yet'),
    ).toBeInTheDocument();
    expect(await openNewCadenceDialog()).toBeInTheDocument();
  });

  it("shows the backend's refusal of a name taken, and stays on the list", async () => {
    const createCadence = vi.fn(async () => {
      throw responseError(
        409,
        'ConflictError',
        "A cadence named 'Fortnightly web' exists already",
      );
    });
    await renderCadences(fakeApi({ createCadence }), '/');
    const dialog = await openNewCadenceDialog();
    fillIn(dialog, /^Name/, 'Fortnightly web');
    fillIn(dialog, /^First start/, '2027-03-01');
    fillIn(dialog, 'Team 1', 'group:default/team-web');
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Create cadence' }),
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      "A cadence named 'Fortnightly web' exists already",
    );
    expect(createCadence).toHaveBeenCalledWith(
      expect.objectContaining({
        name: 'Fortnightly web',
        intervalDays: 14,
        teamRefs: ['group:default/team-web'],
        stageOffsets: [
          { stage: 'planning', startDay: 0, endDay: 3 },
          { stage: 'integration', startDay: 3, endDay: 6 },
          { stage: 'validation', startDay: 6, endDay: 9 },
          { stage: 'deployment', startDay: 9, endDay: 11 },
        ],
      }),
    );
    expect(screen.getByTestId('location')).toHaveTextContent(/^\/$/);
  });

  it('reorders the roster, removes and adds members, and shows the roster the backend answers', async () => {
    const setCadenceRoster = vi.fn(async () => ({
      ...detail,
      roster: [
        { memberRef: CAROL, position: 0, runs: 0 },
        { memberRef: BOB, position: 1, runs: 1, lastRun: secondTrain },
        { memberRef: DAVE, position: 2, runs: 0 },
      ],
    }));
    const api = await renderCadences(fakeApi({ setCadenceRoster }));
    fireEvent.click(await screen.findByRole('button', { name: 'Edit roster' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'Roster of Fortnightly web',
    });
    const members = () =>
      within(
        within(dialog).getByRole('list', { name: 'Members in rotation order' }),
      )
        .getAllByRole('listitem')
        .map(item => item.textContent);
    expect(members()).toEqual(['1. alice', '2. bob', '3. carol']);
    expect(
      within(dialog).getByRole('button', { name: 'Move alice up' }),
    ).toBeDisabled();
    expect(
      within(dialog).getByRole('button', { name: 'Move carol down' }),
    ).toBeDisabled();

    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Move carol up' }),
    );
    expect(members()).toEqual(['1. alice', '2. carol', '3. bob']);
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Remove alice' }),
    );
    expect(members()).toEqual(['1. carol', '2. bob']);

    // Only Users, each once.
    fillIn(dialog, /^Member to add/, 'group:default/team-web');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add member' }));
    expect(
      within(dialog).getByText('Not a User: group:default/team-web'),
    ).toBeInTheDocument();
    fillIn(dialog, /^Member to add/, 'Bob');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add member' }));
    expect(
      within(dialog).getByText('Already on the roster.'),
    ).toBeInTheDocument();
    fillIn(dialog, /^Member to add/, 'dave');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add member' }));
    expect(members()).toEqual(['1. carol', '2. bob', '3. dave']);
    expect(within(dialog).getByLabelText(/^Member to add/)).toHaveValue('');

    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Save roster' }),
    );
    await waitFor(() =>
      expect(setCadenceRoster).toHaveBeenCalledWith({
        cadenceId: CADENCE_ID,
        memberRefs: [CAROL, BOB, DAVE],
      }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    // The card shows the roster as the backend answered it, without asking again.
    const roster = screen.getByRole('table', { name: 'Ambassador roster' });
    const [, ...rows] = within(roster).getAllByRole('row');
    expect(
      rows.map(row => within(row).getAllByRole('cell')[1].textContent),
    ).toEqual(['carolSuggested next', 'bob', 'dave']);
    expect(api.getCadence).toHaveBeenCalledTimes(1);
  });

  it('shows why the backend refuses a roster, and keeps the dialog open', async () => {
    const setCadenceRoster = vi.fn(async () => {
      throw responseError(
        400,
        'InputError',
        "memberRefs: not Users of the cadence's teams (group:default/team-web, group:default/team-pay): user:default/zed",
      );
    });
    await renderCadences(fakeApi({ setCadenceRoster }));
    fireEvent.click(await screen.findByRole('button', { name: 'Edit roster' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'Roster of Fortnightly web',
    });
    // A member typed but not added is not dropped silently.
    fillIn(dialog, /^Member to add/, 'user:default/zed');
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Save roster' }),
    );
    expect(
      within(dialog).getByText(
        'Add this member to the roster, or clear the field.',
      ),
    ).toBeInTheDocument();
    expect(setCadenceRoster).not.toHaveBeenCalled();

    fireEvent.click(within(dialog).getByRole('button', { name: 'Add member' }));
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Save roster' }),
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      "memberRefs: not Users of the cadence's teams (group:default/team-web, group:default/team-pay): user:default/zed",
    );
    expect(setCadenceRoster).toHaveBeenCalledWith({
      cadenceId: CADENCE_ID,
      memberRefs: [ALICE, BOB, CAROL, 'user:default/zed'],
    });
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });
});
