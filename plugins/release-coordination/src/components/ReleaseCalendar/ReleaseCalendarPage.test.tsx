import {
  ReleaseCalendar,
  TrainCollision,
} from '@release-coordination/plugin-release-coordination-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { releaseCoordinationApiRef } from '../../api';
import { renderPage } from '../../__testUtils__/renderWithApi';
import { responseError } from '../../__testUtils__/trainFixtures';
import { ReleaseCalendarContent } from './ReleaseCalendarPage';
import { TrainCollisionsCard } from './TrainCollisionsCard';

const CHECKOUT = '11111111-1111-4111-8111-111111111111';
const PAYMENTS_TRAIN = '22222222-2222-4222-8222-222222222222';

const sharedPayments: TrainCollision = {
  kind: 'shared-participant',
  trainId: CHECKOUT,
  entityRef: 'component:default/payments',
  otherTrain: {
    id: PAYMENTS_TRAIN,
    name: '2027.02',
    ambassadorRef: 'user:default/bob',
  },
  otherEntityRef: 'component:default/payments',
  contacts: ['group:default/team-pay', 'user:default/bob'],
};
const storefrontUpstream: TrainCollision = {
  kind: 'dependent-deployments',
  trainId: CHECKOUT,
  entityRef: 'component:default/storefront',
  otherTrain: {
    id: PAYMENTS_TRAIN,
    name: '2027.02',
    ambassadorRef: 'user:default/bob',
  },
  otherEntityRef: 'component:default/payments',
  direction: 'upstream',
  overlap: {
    start: '2027-03-11T00:00:00.000Z',
    end: '2027-03-12T00:00:00.000Z',
  },
  contacts: [
    'group:default/team-web',
    'group:default/team-pay',
    'user:default/bob',
  ],
};
const freezeCrossed: TrainCollision = {
  kind: 'freeze',
  trainId: CHECKOUT,
  entityRef: 'component:default/payments',
  freeze: {
    id: '1',
    reason: 'Billing migration',
    startsAt: '2027-03-11T00:00:00.000Z',
    endsAt: '2027-03-20T00:00:00.000Z',
    scope: { kind: 'system', ref: 'system:default/billing' },
  },
  overlap: {
    start: '2027-03-11T00:00:00.000Z',
    end: '2027-03-12T00:00:00.000Z',
  },
  contacts: ['group:default/team-pay'],
};

const stages = (planning: [string, string], deployment: [string, string]) => [
  {
    name: 'planning',
    title: 'Planning',
    status: 'current' as const,
    late: false,
    window: { start: planning[0], end: planning[1] },
  },
  {
    name: 'deployment',
    title: 'Deployment',
    status: 'upcoming' as const,
    late: false,
    window: { start: deployment[0], end: deployment[1] },
  },
];

const calendar: ReleaseCalendar = {
  from: '2027-03-01T00:00:00.000Z',
  to: '2027-05-31T00:00:00.000Z',
  items: [
    {
      id: CHECKOUT,
      name: '2027.01',
      status: 'active',
      currentStage: 'planning',
      ambassadorRef: 'user:default/alice',
      stages: stages(
        ['2027-03-01T00:00:00Z', '2027-03-05T00:00:00Z'],
        ['2027-03-10T00:00:00Z', '2027-03-12T00:00:00Z'],
      ),
      participantRefs: [
        'component:default/storefront',
        'component:default/payments',
      ],
      teamRefs: ['group:default/team-web', 'group:default/team-pay'],
      collisionCount: 3,
    },
  ],
  totalCount: 1,
  freezes: [
    {
      id: '1',
      startsAt: '2027-03-11T00:00:00.000Z',
      endsAt: '2027-03-20T00:00:00.000Z',
      reason: 'Billing migration',
      scope: { kind: 'system', ref: 'system:default/billing' },
      source: 'api',
    },
  ],
  collisions: [sharedPayments, storefrontUpstream, freezeCrossed],
  hidden: { participants: 2 },
};

function renderCalendar(
  getReleaseCalendar: (...args: any[]) => Promise<ReleaseCalendar>,
  route = '/?from=2027-03-01&weeks=13',
) {
  const api = { getReleaseCalendar: vi.fn(getReleaseCalendar) };
  return renderPage(
    <ReleaseCalendarContent />,
    [[releaseCoordinationApiRef, api]],
    {
      routeEntries: [route],
    },
  ).then(() => api.getReleaseCalendar);
}

describe('ReleaseCalendarContent', () => {
  it("draws each train's stage windows, the freezes, and lists the collisions with who to talk to", async () => {
    const load = await renderCalendar(async () => calendar);
    expect(load).toHaveBeenCalledWith({
      from: '2027-03-01T00:00:00.000Z',
      to: '2027-05-31T00:00:00.000Z',
      limit: 20,
      offset: 0,
    });
    const row = await screen.findByTestId('calendar-row-2027.01');
    expect(within(row).getByRole('link', { name: '2027.01' })).toHaveAttribute(
      'href',
      `/release-coordination/trains/${CHECKOUT}`,
    );
    expect(within(row).getByText('3 collisions')).toBeInTheDocument();
    expect(within(row).getByRole('link', { name: 'team-web' })).toHaveAttribute(
      'href',
      '/catalog/default/group/team-web',
    );
    expect(
      within(row).getByRole('img', { name: /^Deployment of 2027.01: / }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', { name: /^Change freeze: Billing migration/ }),
    ).toBeInTheDocument();

    const table = screen.getByRole('table');
    const [, shared, dependent, frozen] = within(table).getAllByRole('row');
    expect(shared).toHaveTextContent('Same component in two trains');
    expect(
      within(shared).getByRole('link', { name: 'in 2027.02' }),
    ).toHaveAttribute('href', `/release-coordination/trains/${PAYMENTS_TRAIN}`);
    expect(within(shared).getByRole('link', { name: 'bob' })).toHaveAttribute(
      'href',
      '/catalog/default/user/bob',
    );
    expect(dependent).toHaveTextContent('Dependent deployments overlap');
    expect(dependent).toHaveTextContent('depends on payments');
    expect(frozen).toHaveTextContent('Freeze: Billing migration');
    expect(screen.getByTestId('hidden-entities')).toHaveTextContent(
      /^2 participants you cannot see/,
    );
    expect(screen.getByRole('link', { name: 'billing' })).toHaveAttribute(
      'href',
      '/catalog/default/system/billing',
    );
  });

  it('asks again with the filters and period a person applies', async () => {
    const load = await renderCalendar(async () => calendar);
    await screen.findByTestId('calendar-row-2027.01');
    fireEvent.change(screen.getByRole('textbox', { name: 'Team' }), {
      target: { value: 'group:default/team-pay' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() =>
      expect(load).toHaveBeenLastCalledWith(
        expect.objectContaining({ team: 'group:default/team-pay' }),
      ),
    );
  });

  it('says when no train plans anything in the period', async () => {
    await renderCalendar(async () => ({
      ...calendar,
      items: [],
      totalCount: 0,
      collisions: [],
    }));
    expect(
      await screen.findByText('No train plans anything in this period'),
    ).toBeInTheDocument();
  });

  it("shows the backend's refusal of a filter", async () => {
    await renderCalendar(async () => {
      throw responseError(
        400,
        'InputError',
        'team: group:default/ghosts is not a Group in the catalog',
      );
    }, '/?team=group:default/ghosts');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not load the release calendar: team: group:default/ghosts is not a Group in the catalog',
    );
  });
});

describe('TrainCollisionsCard', () => {
  it("lists the train's collisions and counts those it may not show", async () => {
    const getTrainCollisions = vi.fn(async () => ({
      trainId: CHECKOUT,
      collisions: [storefrontUpstream],
      hidden: { items: 1 },
    }));
    await renderPage(
      <TrainCollisionsCard
        train={{
          id: CHECKOUT,
          status: 'active',
          updatedAt: '2027-03-01T00:00:00Z',
        }}
      />,
      [[releaseCoordinationApiRef, { getTrainCollisions }]],
    );
    const table = await screen.findByRole('table');
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    expect(
      within(table).getByRole('link', { name: 'storefront' }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('hidden-entities')).toHaveTextContent(
      /^1 collision you cannot see/,
    );
    expect(getTrainCollisions).toHaveBeenCalledWith({ trainId: CHECKOUT });
  });

  it('says when the plan collides with nothing', async () => {
    await renderPage(
      <TrainCollisionsCard
        train={{
          id: CHECKOUT,
          status: 'active',
          updatedAt: '2027-03-01T00:00:00Z',
        }}
      />,
      [
        [
          releaseCoordinationApiRef,
          {
            getTrainCollisions: async () => ({
              trainId: CHECKOUT,
              collisions: [],
            }),
          },
        ],
      ],
    );
    expect(await screen.findByText(/^No collision:/)).toBeInTheDocument();
  });
});
