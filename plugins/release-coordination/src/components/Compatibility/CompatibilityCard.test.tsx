import { translationApiRef } from '@backstage/frontend-plugin-api';
import { TrainCompatibilityMatrix } from '@release-coordination/plugin-release-coordination-common';
import { screen, within } from '@testing-library/react';
import { releaseCoordinationApiRef } from '../../api';
import { renderPage } from '../../__testUtils__/renderWithApi';
import { translationApiWith } from '../../__testUtils__/translations';
import { CompatibilityCard } from './CompatibilityCard';

const STOREFRONT = 'component:default/storefront';
const PAYMENTS = 'component:default/payments';
const LEDGER = 'component:default/ledger';

const matrix: TrainCompatibilityMatrix = {
  pairs: [
    {
      from: STOREFRONT,
      to: PAYMENTS,
      fromVersion: '2.0.0',
      toVersion: '5.1.0',
      via: ['dependsOn'],
      state: 'tested',
      evidence: [
        {
          checkName: 'contract-tests',
          status: 'passed',
          againstVersion: '5.1.0',
          reportedAt: '2026-12-04T10:00:00Z',
          evidenceUrl: 'https://ci.example.com/runs/4711',
        },
      ],
    },
    {
      from: PAYMENTS,
      to: LEDGER,
      fromVersion: '5.1.0',
      toVersion: '3.0.0',
      via: ['api:default/ledger-api'],
      state: 'untested',
      evidence: [],
    },
  ],
  gapCount: 1,
  hidden: { items: 1 },
};

function renderCard(value: TrainCompatibilityMatrix, extra: any[] = []) {
  const getCompatibilityMatrix = vi.fn(async () => value);
  return renderPage(<CompatibilityCard trainId="t-1" />, [
    [releaseCoordinationApiRef, { getCompatibilityMatrix }],
    ...extra,
  ]).then(() => getCompatibilityMatrix);
}

describe('CompatibilityCard', () => {
  it('shows each edge with its versions, state and newest evidence, and counts the gaps', async () => {
    const load = await renderCard(matrix);
    expect(load).toHaveBeenCalledWith({ trainId: 't-1' });
    const table = await screen.findByRole('table', {
      name: 'Compatibility matrix',
    });
    const [, tested, untested] = within(table).getAllByRole('row');
    expect(
      within(tested).getByRole('link', { name: 'storefront' }),
    ).toHaveAttribute('href', '/catalog/default/component/storefront');
    expect(tested).toHaveTextContent('2.0.0');
    expect(within(tested).getByText('tested')).toBeInTheDocument();
    expect(tested).toHaveTextContent(/contract-tests passed against 5\.1\.0/);
    expect(within(tested).getByRole('link', { name: /^run/ })).toHaveAttribute(
      'href',
      'https://ci.example.com/runs/4711',
    );
    expect(within(untested).getByText('no evidence')).toBeInTheDocument();
    expect(untested).toHaveTextContent('api:default/ledger-api');
    expect(
      screen.getByText(
        '1 dependency edge has no passing check against the target version.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByTestId('hidden-entities')).toHaveTextContent(
      /^1 .*you cannot see/,
    );
  });

  it('says when every edge was tested, and when no participant depends on another', async () => {
    await renderCard({ pairs: [matrix.pairs[0]], gapCount: 0 });
    expect(
      await screen.findByText(
        'Every dependency edge was tested against the target versions.',
      ),
    ).toBeInTheDocument();
  });

  it('has an empty state', async () => {
    await renderCard({ pairs: [], gapCount: 0 });
    expect(
      await screen.findByText(
        'No participant of this train depends on another one.',
      ),
    ).toBeInTheDocument();
  });

  it('reads its words through the translation ref', async () => {
    await renderCard(matrix, [
      [
        translationApiRef,
        translationApiWith({
          'compatibility.states.tested': 'zusammen getestet',
        }),
      ],
    ]);
    expect(await screen.findByText('zusammen getestet')).toBeInTheDocument();
    expect(screen.getByText('no evidence')).toBeInTheDocument();
  });
});
