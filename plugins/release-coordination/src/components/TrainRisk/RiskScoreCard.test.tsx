import { TrainRiskScore } from '@release-coordination/plugin-release-coordination-common';
import { screen, within } from '@testing-library/react';
import { releaseCoordinationApiRef } from '../../api';
import { renderPage } from '../../__testUtils__/renderWithApi';
import { RiskScoreCard } from './RiskScoreCard';

const TRAIN = { id: 't-1', updatedAt: '2027-03-01T00:00:00Z' };

const risk: TrainRiskScore = {
  trainId: 't-1',
  score: 36.4,
  level: 'medium',
  computedAt: '2027-03-01T00:00:00Z',
  factors: [
    {
      id: 'blast-radius',
      value: 1,
      fullAt: 10,
      normalized: 0.1,
      weight: 30,
      contribution: 2.7,
      detail: '1 entities of 1 team(s) depend on the participants',
    },
    {
      id: 'cross-team-edges',
      value: 1,
      fullAt: 5,
      normalized: 0.2,
      weight: 10,
      contribution: 1.8,
      detail: '1 dependency edge(s) between participants of different teams',
    },
    {
      id: 'cycles',
      value: 0,
      fullAt: 1,
      normalized: 0,
      weight: 10,
      contribution: 0,
      detail: '0 participant(s) in a dependency cycle',
    },
    {
      id: 'change-failure-rate',
      value: 0.5,
      fullAt: 0.3,
      normalized: 1,
      weight: 15,
      contribution: 13.6,
      detail:
        '1 of 2 production deployments of the participants in the last 90 days failed or were rolled back',
    },
    {
      id: 'freeze-proximity',
      value: 1,
      fullAt: 1,
      normalized: 1,
      weight: 5,
      contribution: 4.5,
      detail: 'The deployment window crosses the freeze "Quarter close"',
    },
  ],
};

describe('RiskScoreCard', () => {
  it('shows the score, its level, the points of each factor and what was measured', async () => {
    const getTrainRisk = vi.fn(async () => risk);
    await renderPage(<RiskScoreCard train={TRAIN} />, [
      [releaseCoordinationApiRef, { getTrainRisk }],
    ]);
    expect(await screen.findByLabelText('36.4 of 100')).toHaveTextContent(
      '36.4',
    );
    expect(screen.getByText('Medium risk')).toBeInTheDocument();
    const chart = screen.getByRole('img', {
      name: 'Points per factor, 36.4 in all',
    });
    // Factors that add nothing take no room in the bar.
    expect(
      within(chart)
        .getAllByLabelText(/points$/)
        .map(s => s.getAttribute('aria-label')),
    ).toEqual([
      'Blast radius: 2.7 points',
      'Cross-team edges: 1.8 points',
      'Recent change failure rate: 13.6 points',
      'Freeze proximity: 4.5 points',
    ]);
    const rows = within(
      screen.getByRole('table', { name: 'Risk score' }),
    ).getAllByRole('row');
    expect(rows).toHaveLength(6);
    expect(rows[4]).toHaveTextContent(
      'Recent change failure rate1 of 2 production deployments of the participants in the last 90 days failed or were rolled back100% (full at 0.3)1513.6',
    );
    expect(getTrainRisk).toHaveBeenCalledWith({ trainId: 't-1' });
  });

  it('says why the score could not be loaded', async () => {
    await renderPage(<RiskScoreCard train={TRAIN} />, [
      [
        releaseCoordinationApiRef,
        {
          getTrainRisk: async () => {
            throw new Error('Backend unavailable');
          },
        },
      ],
    ]);
    expect(
      await screen.findByText(/Could not load the risk score/),
    ).toBeInTheDocument();
  });
});
