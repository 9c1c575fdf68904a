import { translationApiRef } from '@backstage/frontend-plugin-api';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  ReleaseCoordinationApi,
  ReleaseDictionary,
  Retrospective,
} from '@release-coordination/plugin-release-coordination-common';
import { screen, within } from '@testing-library/react';
import { releaseCoordinationApiRef } from '../api';
import { EntityDependencyMatrixContent } from '../components/DependencyMatrix';
import { DictionaryPageContent } from '../components/DictionaryPage';
import { EntityOwnershipContent } from '../components/Ownership';
import { RetrospectiveCard } from '../components/Retrospective';
import { ScorecardsPage } from '../components/Scorecards/ScorecardsPage';
import {
  checkoutApi,
  checkoutApiBlastRadius,
  checkoutApiDependencies,
  checkoutApiOwnership,
  checkoutApiWaves,
} from '../__testUtils__/dependencyFixtures';
import { renderPage } from '../__testUtils__/renderWithApi';
import { organisationScorecard } from '../__testUtils__/scorecardFixtures';
import { TRAIN_ID, winterTrainDetail } from '../__testUtils__/trainFixtures';
import { translationApiWith } from '../__testUtils__/translations';

/** jsdom has no ResizeObserver, which the scorecards' charts need. */
class FixedSizeResizeObserver {
  constructor(
    private readonly callback: (entries: unknown[], observer: unknown) => void,
  ) {}
  observe(target: Element) {
    this.callback([{ target, contentRect: { width: 960, height: 280 } }], this);
  }
  unobserve() {}
  disconnect() {}
}

beforeAll(() => {
  vi.stubGlobal('ResizeObserver', FixedSizeResizeObserver);
});

afterAll(() => {
  vi.unstubAllGlobals();
});

const retrospective: Retrospective = {
  trainId: TRAIN_ID,
  notes: {
    'went-well': {
      items: [
        {
          id: 'n1',
          trainId: TRAIN_ID,
          column: 'went-well',
          text: 'Contract tests caught the pricing break before validation',
          authorRef: 'user:default/bob',
          createdAt: '2026-11-21T10:00:00Z',
        },
      ],
      totalCount: 1,
    },
    'to-improve': { items: [], totalCount: 0 },
  },
  actionItems: { items: [], totalCount: 0 },
  carriedOver: { items: [], totalCount: 0 },
};

const dictionary: ReleaseDictionary = {
  terms: [
    {
      id: 'gate',
      term: 'Gate',
      definition: 'A condition that guards entering or leaving a stage.',
      aliases: [],
      seeAlso: [],
    },
  ],
  responsibilities: [
    {
      role: 'Release ambassador',
      description: 'Runs the train and waives gates only with a reason.',
      escalation: 'Release blocked',
    },
  ],
  escalationPaths: [
    {
      name: 'Release blocked',
      steps: [{ title: 'Chat', contact: '#release-help' }],
    },
  ],
};

describe('the insight areas read their strings through the translation ref', () => {
  it('rewords the dependency matrix, ownership and shared snapshot texts of an entity', async () => {
    const api: Partial<ReleaseCoordinationApi> = {
      getEntityDependencies: async () => checkoutApiDependencies,
      getBlastRadius: async () => checkoutApiBlastRadius,
      getDeploymentWaves: async () => checkoutApiWaves,
      getOwnership: async () => checkoutApiOwnership,
    };
    await renderPage(
      <EntityProvider entity={checkoutApi}>
        <EntityDependencyMatrixContent />
        <EntityOwnershipContent />
      </EntityProvider>,
      [
        [releaseCoordinationApiRef, api],
        [
          translationApiRef,
          translationApiWith({
            'dependencies.tables.upstreamTitle': 'Hängt ab von (vorgelagert)',
            'ownership.teams.dependsOn.title': 'Abhängig von Teams',
            'shared.snapshotAge.derived': 'Aus dem Katalog abgeleitet',
          }),
        ],
      ],
    );

    expect(
      await screen.findByText('Hängt ab von (vorgelagert)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Depended on by (downstream): 2'),
    ).toBeInTheDocument();

    expect(
      await screen.findByRole('list', { name: 'Abhängig von Teams' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('list', { name: 'Depended on by teams' }),
    ).toBeInTheDocument();

    const ages = screen.getAllByTestId('snapshot-age');
    expect(ages.length).toBeGreaterThan(1);
    for (const age of ages) {
      expect(age).toHaveTextContent(/^Aus dem Katalog abgeleitet$/);
    }
    // A shared block of another kind keeps its English.
    expect(
      screen.getByRole('list', { name: 'Escalation path, nearest first' }),
    ).toBeInTheDocument();
  });

  it('rewords the scorecards, down to the formatters of the tiles', async () => {
    await renderPage(<ScorecardsPage />, [
      [
        releaseCoordinationApiRef,
        { getScorecard: async () => organisationScorecard },
      ],
      [
        translationApiRef,
        translationApiWith({
          'scorecards.tiles.sections.delivery': 'Lieferung',
          'scorecards.samples.deployments': '45 Deployments',
        }),
      ],
    ]);

    const delivery = await screen.findByRole('region', { name: 'Lieferung' });
    expect(
      within(delivery).getByRole('heading', { name: 'Lieferung' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('region', { name: 'Stability' }),
    ).toBeInTheDocument();

    const cfr = screen.getByRole('region', { name: 'Change failure rate' });
    expect(within(cfr).getByText('from 45 Deployments')).toBeInTheDocument();
    expect(
      within(screen.getByRole('region', { name: 'Cycle time' })).getByText(
        'from 2 shipped trains',
      ),
    ).toBeInTheDocument();
  });

  it('rewords the retrospective board and the release dictionary', async () => {
    const api: Partial<ReleaseCoordinationApi> = {
      getRetrospective: async () => retrospective,
      getDictionary: async () => dictionary,
    };
    await renderPage(
      <>
        <RetrospectiveCard train={winterTrainDetail} />
        <DictionaryPageContent />
      </>,
      [
        [releaseCoordinationApiRef, api],
        [
          translationApiRef,
          translationApiWith({
            'retrospectives.board.columns.wentWell': 'Was gut lief',
            'dictionary.responsibilities.title': 'Verantwortlichkeiten',
          }),
        ],
      ],
    );

    const wentWell = await screen.findByRole('list', {
      name: 'Was gut lief (1)',
    });
    expect(
      within(wentWell).getByText(/Contract tests caught/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'What to improve (0)' }),
    ).toBeInTheDocument();

    expect(await screen.findByText('Verantwortlichkeiten')).toBeInTheDocument();
    expect(screen.getByText('Escalation paths')).toBeInTheDocument();
  });
});
