import { discoveryApiRef } from '@backstage/core-plugin-api';
import { mockApis } from '@backstage/test-utils';
import { ReleaseCoordinationApi } from '@release-coordination/plugin-release-coordination-common';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation, useNavigate } from 'react-router-dom';
import { releaseCoordinationApiRef } from '../../api';
import { renderPage } from '../../__testUtils__/renderWithApi';
import {
  AUTUMN_TRAIN_ID,
  autumnTrainScorecard,
  COMMERCE_DEPT,
  commerceScorecard,
  emptyScorecard,
  LAST_90_DAYS,
  NOW,
  organisationScorecard,
  TEAM_CHECKOUT,
} from '../../__testUtils__/scorecardFixtures';
import { ScorecardsPage } from './ScorecardsPage';

/**
 * jsdom lays nothing out and has no ResizeObserver: the charts' containers are told they are
 * 960 px wide, so that recharts draws them as in a browser at 1280 px.
 */
class FixedSizeResizeObserver {
  constructor(private readonly callback: (entries: unknown[], observer: unknown) => void) {}
  observe(target: Element) {
    this.callback([{ target, contentRect: { width: 960, height: 280 } }], this);
  }
  unobserve() {}
  disconnect() {}
}

/** Shows the query string, and goes back like the browser's back button. */
function LocationProbe() {
  const location = useLocation();
  const navigate = useNavigate();
  return (
    <>
      <output data-testid="search">{location.search}</output>
      <button type="button" onClick={() => navigate(-1)}>
        Browser back
      </button>
    </>
  );
}

function searchParams(): URLSearchParams {
  return new URLSearchParams(screen.getByTestId('search').textContent ?? '');
}

type ScorecardRequest = Parameters<ReleaseCoordinationApi['getScorecard']>[0];

/** Answers with the scorecard of each scope the page asks for. */
function scorecardsByScope() {
  return vi.fn(async ({ scope }: ScorecardRequest) => {
    if (scope.kind === 'team' && scope.ref === COMMERCE_DEPT) return commerceScorecard;
    if (scope.kind === 'team' && scope.ref === TEAM_CHECKOUT) {
      return { ...commerceScorecard, scope, children: [] };
    }
    if (scope.kind === 'train') return autumnTrainScorecard;
    return organisationScorecard;
  });
}

function renderScorecards(api: Partial<ReleaseCoordinationApi>, search = '') {
  return renderPage(
    <>
      <ScorecardsPage />
      <LocationProbe />
    </>,
    [
      [releaseCoordinationApiRef, api],
      [discoveryApiRef, mockApis.discovery({ baseUrl: 'https://portal.example.com' })],
    ],
    { routeEntries: [`/release-coordination/scorecards${search}`] },
  );
}

function tile(title: string): HTMLElement {
  return screen.getByRole('region', { name: title });
}

beforeAll(() => {
  vi.stubGlobal('ResizeObserver', FixedSizeResizeObserver);
});

afterAll(() => {
  vi.unstubAllGlobals();
});

beforeEach(() => {
  // Only the clock: promises and MUI's transitions keep their real timers.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('ScorecardsPage', () => {
  it('shows every metric as a tile with its value in its unit and what it rests on', async () => {
    const getScorecard = scorecardsByScope();
    await renderScorecards({ getScorecard });

    expect(await screen.findByRole('region', { name: 'Cycle time' })).toBeInTheDocument();
    expect(getScorecard).toHaveBeenCalledTimes(1);
    expect(getScorecard).toHaveBeenCalledWith({
      scope: { kind: 'organization' },
      period: LAST_90_DAYS,
    });

    // 50.4 h median, p90 62 h.
    expect(within(tile('Cycle time')).getByText('2.1 d')).toBeInTheDocument();
    expect(within(tile('Cycle time')).getByText('p90 2.6 d')).toBeInTheDocument();
    expect(within(tile('Cycle time')).getByText('from 2 shipped trains')).toBeInTheDocument();
    expect(within(tile('Deployment frequency')).getByText('3.5 per week')).toBeInTheDocument();
    expect(within(tile('Deployment frequency')).getByText('45 in 12.9 weeks')).toBeInTheDocument();
    // 6 of 45 deployments.
    const cfr = tile('Change failure rate');
    expect(within(cfr).getByText('13.3%')).toBeInTheDocument();
    expect(within(cfr).getByText('6 of 45')).toBeInTheDocument();
    expect(within(cfr).getByText('from 45 deployments')).toBeInTheDocument();
    expect(within(cfr).getByText('failed: 4')).toBeInTheDocument();
    expect(within(tile('Failed deployment recovery time')).getByText('45 min')).toBeInTheDocument();
    expect(within(tile('Approval latency')).getByText('5.5 h')).toBeInTheDocument();
    expect(within(tile('Gate first-pass rate')).getByText('80%')).toBeInTheDocument();
    expect(within(tile('Open action items carried over')).getByText('3')).toBeInTheDocument();
    // Incidents, and the incident-based change failure rate beside the deployment-based one.
    const incidentCfr = tile('Change failure rate (incident-based)');
    expect(within(incidentCfr).getByText('6.7%')).toBeInTheDocument();
    expect(within(incidentCfr).getByText('3 of 45')).toBeInTheDocument();
    expect(within(tile('Incident frequency')).getByText('0.5 per week')).toBeInTheDocument();
    expect(within(tile('Incident frequency')).getByText('from 7 incidents')).toBeInTheDocument();
    expect(within(tile('Time to restore')).getByText('1.5 h')).toBeInTheDocument();
    expect(within(tile('Time to restore')).getByText('not resolved yet: 1')).toBeInTheDocument();
    expect(within(tile('Customer impact (user-minutes)')).getByText('54,000')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Incidents' })).toBeInTheDocument();
    // Leading indicators, as CI reported them.
    expect(screen.getByRole('heading', { name: 'Leading indicators' })).toBeInTheDocument();
    expect(within(tile('Review coverage')).getByText('80%')).toBeInTheDocument();
    expect(within(tile('Review coverage')).getByText('from 25 merged changes')).toBeInTheDocument();
    expect(within(tile('Test health')).getByText('96%')).toBeInTheDocument();
    expect(within(tile('Test health')).getByText('flaky tests: 1')).toBeInTheDocument();
    expect(within(tile('Time to merge')).getByText('4 h')).toBeInTheDocument();
    // The settings the numbers were computed with.
    expect(screen.getByText(/23 Aug 2026 – 20 Nov 2026 \(UTC\)/)).toBeInTheDocument();
    expect(screen.getByText(/deployments to production count for delivery/)).toBeInTheDocument();
  });

  it('shows the definition of a metric on hover and on keyboard focus', async () => {
    const user = userEvent.setup();
    await renderScorecards({ getScorecard: scorecardsByScope() });
    const cfrName = within(await screen.findByRole('region', { name: 'Change failure rate' }))
      .getByRole('button', { name: 'Change failure rate' });

    await user.hover(cfrName);
    const tooltip = await screen.findByRole('tooltip');
    expect(tooltip).toHaveTextContent('Numerator: deployments that needed immediate intervention');
    expect(tooltip).toHaveTextContent('Denominator: all production deployments');
    expect(tooltip).toHaveTextContent('Time anchor: The deployment finished in the period.');
    await user.unhover(cfrName);
    await waitFor(() => expect(screen.queryByRole('tooltip')).not.toBeInTheDocument());

    // The name is a button in the tab order: the keyboard reaches the definition too.
    const latencyName = within(tile('Approval latency')).getByRole('button', {
      name: 'Approval latency',
    });
    // Tab from the tile before it.
    act(() =>
      within(tile('Gate first-pass rate'))
        .getByRole('button', { name: 'Gate first-pass rate' })
        .focus(),
    );
    await user.tab();
    expect(latencyName).toHaveFocus();
    const latencyTooltip = await screen.findByRole('tooltip');
    expect(latencyTooltip).toHaveTextContent('Numerator: gate pending → decided');
    expect(latencyTooltip).toHaveTextContent('Time anchor: The gate\'s latest decision in the period.');
    expect(latencyName).toHaveAttribute('aria-describedby', latencyTooltip.id);
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('tooltip')).not.toBeInTheDocument());
    expect(latencyName).toHaveFocus();
  });

  it('says "no data", what is missing and how to send it', async () => {
    await renderScorecards({ getScorecard: scorecardsByScope() });
    const rollback = await screen.findByRole('region', { name: 'Rollback duration' });
    expect(within(rollback).getByText('no data')).toBeInTheDocument();
    expect(
      within(rollback).getByText(
        'No rolled-back production deployment with a rollback start and finish; 1 rollback has no finish time and is left out',
      ),
    ).toBeInTheDocument();
    expect(
      within(rollback).getByText(
        /rolled-back with rollbackStartedAt and rollbackFinishedAt/,
      ),
    ).toHaveTextContent('POST /api/release-coordination/trains/{id}/deployments');
    // A metric with a value gets no instructions.
    expect(within(tile('Cycle time')).queryByText(/POST/)).not.toBeInTheDocument();
  });

  it('sets the DORA 2024 reference beside the metrics it applies to, and rates no one', async () => {
    await renderScorecards({ getScorecard: scorecardsByScope() });
    await screen.findByRole('region', { name: 'Change failure rate' });
    for (const [title, column, elite] of [
      ['Deployment frequency', 'Deployment frequency', 'on demand'],
      ['Change failure rate', 'Change fail rate', '~5%'],
      ['Failed deployment recovery time', 'Recovery time', '< 1 hour'],
      ['Cycle time', 'Lead time', '< 1 day'],
    ]) {
      const reference = within(tile(title)).getByRole('group', {
        name: `DORA 2024 reference for ${title}: ${column}`,
      });
      expect(reference).toHaveTextContent(`elite${elite}`);
    }
    expect(within(tile('Cycle time')).getByText(/cycle time here starts at planning/)).toBeInTheDocument();
    expect(within(tile('Rollback frequency')).queryByRole('group')).not.toBeInTheDocument();
    expect(screen.getByText(/It is not a rating of this team/)).toBeInTheDocument();
    expect(document.body.textContent).not.toMatch(/you are|your team is|performer/i);
  });

  it('draws the trend, stage time and team comparison with summaries for screen readers', async () => {
    const { container } = await renderScorecards({ getScorecard: scorecardsByScope() });
    const trend = await screen.findByRole('img', { name: /^Trend across 2 trains, ordered by start/ });
    expect(trend.getAttribute('aria-label')).toContain(
      '2026.10 autumn release: cycle time 1.7 d, change failure rate 10%, gate first-pass rate 75%',
    );
    expect(trend.getAttribute('aria-label')).toContain(
      '2026.12 winter release: cycle time no data, change failure rate 16%',
    );
    expect(
      screen.getByRole('img', {
        name: 'Median time per stage: planning 5 d, integration 8.3 d, validation 4 d, deployment no data.',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: 'Comparison of teams: commerce-dept: deployment frequency 2.5 per week, change failure rate 12%; payments-dept: deployment frequency 1 per week, change failure rate 16%.',
      }),
    ).toBeInTheDocument();
    // The trend's table adds incidents and the leading indicators per train.
    const trendTable = screen.getByRole('table', { name: 'Trend across trains as a table' });
    expect(within(trendTable).getByRole('columnheader', { name: 'Review coverage' })).toBeInTheDocument();
    const autumn = within(trendTable).getByText('2026.10 autumn release').closest('tr')!;
    expect(autumn).toHaveTextContent('90%');
    // recharts drew the three charts.
    await waitFor(() => expect(container.querySelectorAll('.recharts-wrapper')).toHaveLength(3));
    const stageTable = screen.getByRole('table', { name: 'Time per stage as a table' });
    // The stage no train left yet: no median, one train still in it.
    const deployment = within(stageTable).getByText('deployment').closest('tr')!;
    expect([...deployment.querySelectorAll('td, th')].map(cell => cell.textContent)).toEqual([
      'deployment',
      'no data',
      '–',
      '0',
      '1',
    ]);
  });

  it('asks for the new period when the period changes, and keeps it in the URL', async () => {
    const user = userEvent.setup();
    const getScorecard = scorecardsByScope();
    await renderScorecards({ getScorecard });
    await screen.findByRole('region', { name: 'Cycle time' });

    await user.selectOptions(screen.getByLabelText('Period'), '30d');
    await waitFor(() =>
      expect(getScorecard).toHaveBeenLastCalledWith({
        scope: { kind: 'organization' },
        period: { from: '2026-10-22T00:00:00.000Z', to: '2026-11-21T00:00:00.000Z' },
      }),
    );
    expect(searchParams().get('period')).toBe('30d');

    // Custom dates start from the period shown, then follow the fields.
    await user.selectOptions(screen.getByLabelText('Period'), 'custom');
    expect(screen.getByLabelText('First day (UTC)')).toHaveValue('2026-10-22');
    expect(screen.getByLabelText('Last day (UTC)')).toHaveValue('2026-11-20');
    fireEvent.change(screen.getByLabelText('First day (UTC)'), { target: { value: '2026-09-01' } });
    fireEvent.change(screen.getByLabelText('Last day (UTC)'), { target: { value: '2026-09-30' } });
    await waitFor(() =>
      expect(getScorecard).toHaveBeenLastCalledWith({
        scope: { kind: 'organization' },
        period: { from: '2026-09-01T00:00:00.000Z', to: '2026-10-01T00:00:00.000Z' },
      }),
    );
    expect(searchParams().toString()).toBe(
      'scope=organization&period=custom&from=2026-09-01&to=2026-09-30',
    );

    // A last day before the first is not sent.
    const calls = getScorecard.mock.calls.length;
    fireEvent.change(screen.getByLabelText('Last day (UTC)'), { target: { value: '2026-08-01' } });
    expect(screen.getByText('The last day must not be before the first.')).toBeInTheDocument();
    expect(getScorecard).toHaveBeenCalledTimes(calls);
    expect(searchParams().get('to')).toBe('2026-09-30');
  });

  it('drills down from a team row into the team, then up again through the breadcrumb', async () => {
    const user = userEvent.setup();
    const getScorecard = scorecardsByScope();
    await renderScorecards({ getScorecard });
    const teams = await screen.findByRole('table', { name: 'Teams compared' });
    // The name is a catalog link; the rest of the row opens the team's scorecard.
    expect(within(teams).getByRole('link', { name: 'commerce-dept' })).toHaveAttribute(
      'href',
      '/catalog/default/group/commerce-dept',
    );
    await user.click(within(teams).getByText('12%'));

    await waitFor(() =>
      expect(getScorecard).toHaveBeenLastCalledWith({
        scope: { kind: 'team', ref: COMMERCE_DEPT },
        period: LAST_90_DAYS,
      }),
    );
    expect(searchParams().get('scope')).toBe('team');
    expect(searchParams().get('ref')).toBe(COMMERCE_DEPT);
    const crumbs = screen.getByRole('navigation', { name: 'Scorecard scope' });
    expect(within(crumbs).getByRole('button', { name: 'Organization' })).toBeInTheDocument();
    expect(within(crumbs).getByRole('link', { name: 'commerce-dept' })).toHaveAttribute(
      'href',
      '/catalog/default/group/commerce-dept',
    );

    // The department's teams and its own component, each with a keyboard way in.
    const children = await screen.findByRole('table', { name: 'Teams and components compared' });
    expect(within(children).getByRole('link', { name: 'checkout-api' })).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout-api',
    );
    await user.click(
      within(children).getByRole('button', { name: 'Open the scorecard of team-checkout' }),
    );
    await waitFor(() =>
      expect(getScorecard).toHaveBeenLastCalledWith({
        scope: { kind: 'team', ref: TEAM_CHECKOUT },
        period: LAST_90_DAYS,
      }),
    );
    expect(searchParams().getAll('trail')).toEqual([`team:${COMMERCE_DEPT}`]);
    expect(
      within(screen.getByRole('navigation', { name: 'Scorecard scope' })).getByRole('link', {
        name: 'commerce-dept in the catalog',
      }),
    ).toHaveAttribute('href', '/catalog/default/group/commerce-dept');

    await user.click(
      within(screen.getByRole('navigation', { name: 'Scorecard scope' })).getByRole('button', {
        name: 'team commerce-dept',
      }),
    );
    await waitFor(() => expect(searchParams().get('ref')).toBe(COMMERCE_DEPT));
    expect(searchParams().getAll('trail')).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Organization' }));
    await waitFor(() => expect(searchParams().get('scope')).toBe('organization'));
    expect(searchParams().get('ref')).toBeNull();
    expect(getScorecard).toHaveBeenLastCalledWith({
      scope: { kind: 'organization' },
      period: LAST_90_DAYS,
    });
  });

  it('goes back up with the browser back button', async () => {
    const user = userEvent.setup();
    const getScorecard = scorecardsByScope();
    await renderScorecards({ getScorecard });
    await user.click(
      await screen.findByRole('button', { name: 'Open the scorecard of commerce-dept' }),
    );
    await screen.findByRole('table', { name: 'Teams and components compared' });

    await user.click(screen.getByRole('button', { name: 'Browser back' }));
    expect(await screen.findByRole('table', { name: 'Teams compared' })).toBeInTheDocument();
    expect(searchParams().get('scope')).toBeNull();
    expect(getScorecard).toHaveBeenLastCalledWith({
      scope: { kind: 'organization' },
      period: LAST_90_DAYS,
    });
  });

  it('says how many narrower scopes the user cannot see in the catalog', async () => {
    const getScorecard = vi.fn(async () => ({ ...organisationScorecard, hidden: { children: 1 } }));
    await renderScorecards({ getScorecard });
    expect(await screen.findByTestId('hidden-entities')).toHaveTextContent(
      '1 scope you cannot see in the catalog',
    );
  });

  it('opens a train from the trend table', async () => {
    const user = userEvent.setup();
    const getScorecard = scorecardsByScope();
    const getTrain = vi.fn();
    await renderScorecards({ getScorecard, getTrain });
    const trend = await screen.findByRole('table', { name: 'Trend across trains as a table' });
    expect(
      within(trend).getByRole('link', { name: 'Train page of 2026.10 autumn release' }),
    ).toHaveAttribute('href', `/release-coordination/trains/${AUTUMN_TRAIN_ID}`);

    await user.click(
      within(trend).getByRole('button', { name: 'Open the scorecard of 2026.10 autumn release' }),
    );
    await waitFor(() =>
      expect(getScorecard).toHaveBeenLastCalledWith({
        scope: { kind: 'train', id: AUTUMN_TRAIN_ID },
        period: LAST_90_DAYS,
      }),
    );
    expect(searchParams().get('ref')).toBe(AUTUMN_TRAIN_ID);
    const crumbs = screen.getByRole('navigation', { name: 'Scorecard scope' });
    expect(
      await within(crumbs).findByRole('link', { name: '2026.10 autumn release' }),
    ).toHaveAttribute('href', `/release-coordination/trains/${AUTUMN_TRAIN_ID}`);
    // The trend named the train: no need to look it up.
    expect(getTrain).not.toHaveBeenCalled();
  });

  it('reads scope, period and trail from a shared link', async () => {
    const getScorecard = scorecardsByScope();
    const getTrain = vi.fn(async () => ({ name: '2026.10 autumn release' }) as any);
    await renderScorecards(
      { getScorecard, getTrain },
      `?scope=team&ref=${encodeURIComponent(TEAM_CHECKOUT)}&period=custom&from=2026-09-01&to=2026-09-30&trail=train:${AUTUMN_TRAIN_ID}`,
    );
    await screen.findByRole('region', { name: 'Cycle time' });
    expect(getScorecard).toHaveBeenCalledWith({
      scope: { kind: 'team', ref: TEAM_CHECKOUT },
      period: { from: '2026-09-01T00:00:00.000Z', to: '2026-10-01T00:00:00.000Z' },
    });
    expect(screen.getByLabelText('Period')).toHaveValue('custom');
    // The train passed through is not in this scorecard: its name is looked up.
    const crumbs = screen.getByRole('navigation', { name: 'Scorecard scope' });
    expect(
      await within(crumbs).findByRole('button', { name: 'train 2026.10 autumn release' }),
    ).toBeInTheDocument();
    expect(getTrain).toHaveBeenCalledWith({ trainId: AUTUMN_TRAIN_ID });
  });

  it('shows the error when the backend fails', async () => {
    await renderScorecards({
      getScorecard: async () => {
        throw new Error("scope 'team' needs the ref of a group, not of a component");
      },
    });
    expect(await screen.findByText(/Could not load the scorecard/)).toBeInTheDocument();
    expect(screen.getAllByText(/needs the ref of a group/).length).toBeGreaterThan(0);
    // The period can still be changed.
    expect(screen.getByLabelText('Period')).toBeInTheDocument();
  });

  it('says what is missing and how CI reports deployments when nothing happened', async () => {
    await renderScorecards({ getScorecard: async () => emptyScorecard });
    expect(await screen.findByText('No trains or deployments in this period')).toBeInTheDocument();
    expect(
      screen.getByText(/Nothing was counted for the organization in 23 Aug 2026 – 20 Nov 2026/),
    ).toBeInTheDocument();
    const command = screen.getByLabelText('Report a deployment from CI');
    expect(command).toHaveTextContent(
      'curl -X POST "https://portal.example.com/api/release-coordination/trains/$TRAIN_ID/deployments"',
    );
    expect(command).toHaveTextContent('"environment": "production"');
    expect(command).toHaveTextContent('"result": "succeeded"');
    expect(screen.queryByRole('region', { name: 'Cycle time' })).not.toBeInTheDocument();
  });
});
