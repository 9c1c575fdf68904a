import {
  ReleaseCoordinationApi,
  ReleaseDictionary,
} from '@release-coordination/plugin-release-coordination-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { releaseCoordinationApiRef } from '../../api';
import { renderPage } from '../../__testUtils__/renderWithApi';
import { DictionaryPageContent } from './DictionaryPage';
import { escalationAnchor, filterDictionary } from './filterDictionary';

const dictionary: ReleaseDictionary = {
  terms: [
    {
      id: 'gate',
      term: 'Gate',
      definition: 'A condition that guards entering or leaving a stage.',
      aliases: [],
      seeAlso: ['waiver'],
    },
    {
      id: 'waiver',
      term: 'Waiver',
      definition: 'Letting a gate through on purpose, with who, why and until when.',
      aliases: ['waive'],
      seeAlso: ['gate'],
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
      steps: [
        { title: 'Platform team', contact: 'group:default/platform', contactRef: 'group:default/platform' },
        { title: 'Chat', contact: '#release-help' },
      ],
    },
  ],
};

function renderDictionary(api: Partial<ReleaseCoordinationApi>, routeEntries?: string[]) {
  return renderPage(<DictionaryPageContent />, [[releaseCoordinationApiRef, api]], {
    routeEntries,
  });
}

describe('DictionaryPageContent', () => {
  it('shows terms with anchors, responsibilities and escalation paths with catalog links', async () => {
    await renderDictionary({ getDictionary: async () => dictionary });
    const waiver = await screen.findByRole('region', { name: 'Waiver' });
    expect(waiver).toHaveAttribute('id', 'term-waiver');
    expect(within(waiver).getByText('Also: waive')).toBeInTheDocument();
    expect(within(waiver).getByRole('link', { name: 'Gate' })).toHaveAttribute(
      'href',
      expect.stringMatching(/#term-gate$/),
    );
    expect(screen.getByText('Release ambassador')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Release blocked' })).toHaveAttribute(
      'href',
      expect.stringMatching(/#escalation-release-blocked$/),
    );
    const path = screen.getByRole('region', { name: 'Release blocked' });
    expect(path).toHaveAttribute('id', 'escalation-release-blocked');
    expect(within(path).getByRole('link', { name: 'platform' })).toBeInTheDocument();
    expect(within(path).getByText(/#release-help/)).toBeInTheDocument();
  });

  it('filters every section by the search box, and says when nothing matches', async () => {
    await renderDictionary({ getDictionary: async () => dictionary });
    const search = await screen.findByLabelText('Search the dictionary');
    await userEvent.type(search, 'waive');
    expect(screen.getByRole('region', { name: 'Waiver' })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Gate' })).not.toBeInTheDocument();
    expect(screen.getByText('Release ambassador')).toBeInTheDocument();
    expect(screen.getByText('No escalation path matches.')).toBeInTheDocument();

    await userEvent.clear(search);
    await userEvent.type(search, 'kubernetes');
    expect(screen.getByText(/Nothing in the dictionary matches/)).toBeInTheDocument();
  });

  it('brings the linked entry into view', async () => {
    const scrolled: string[] = [];
    const original = Element.prototype.scrollIntoView;
    Element.prototype.scrollIntoView = function scroll(this: Element) {
      scrolled.push(this.id);
    };
    try {
      await renderDictionary({ getDictionary: async () => dictionary }, [
        '/release-coordination/dictionary#term-waiver',
      ]);
      await screen.findByRole('region', { name: 'Waiver' });
      expect(scrolled).toContain('term-waiver');
    } finally {
      Element.prototype.scrollIntoView = original;
    }
  });

  it('shows loading errors and an empty dictionary', async () => {
    const { unmount } = await renderDictionary({
      getDictionary: async () => {
        throw new Error('backend unavailable');
      },
    });
    expect(await screen.findByText('Error: Could not load the dictionary')).toBeInTheDocument();
    unmount();
    await renderDictionary({
      getDictionary: async () => ({ terms: [], responsibilities: [], escalationPaths: [] }),
    });
    expect(await screen.findByText('The release dictionary is empty')).toBeInTheDocument();
  });
});

describe('filterDictionary', () => {
  it('matches every word in any field, ignoring case', () => {
    expect(filterDictionary(dictionary, 'GATE purpose').terms.map(t => t.id)).toEqual(['waiver']);
    expect(filterDictionary(dictionary, 'platform').escalationPaths).toHaveLength(1);
    expect(filterDictionary(dictionary, '  ')).toBe(dictionary);
  });

  it('makes anchors from escalation path names', () => {
    expect(escalationAnchor('Production incident during a release!')).toBe(
      'escalation-production-incident-during-a-release',
    );
  });
});
