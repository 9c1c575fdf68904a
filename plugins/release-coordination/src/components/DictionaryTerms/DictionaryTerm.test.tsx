import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { ReleaseCoordinationApi } from '@release-coordination/plugin-release-coordination-common';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { releaseCoordinationApiRef } from '../../api';
import { dictionaryRouteRef } from '../../routes';
import { renderPage } from '../../__testUtils__/renderWithApi';
import { DictionaryTerm } from './DictionaryTerm';

const dictionary = {
  terms: [
    {
      id: 'waiver',
      term: 'Waiver',
      definition: 'Letting a gate through on purpose, with who, why and until when.',
      aliases: [],
      seeAlso: [],
    },
  ],
  responsibilities: [],
  escalationPaths: [],
};

describe('DictionaryTerm', () => {
  it('links to the entry with its definition as tooltip, asking the backend once', async () => {
    const getDictionary = vi.fn(async () => dictionary);
    const api: Partial<ReleaseCoordinationApi> = { getDictionary };
    await renderPage(
      <p>
        Each <DictionaryTerm id="waiver">waiver</DictionaryTerm> is logged; a second{' '}
        <DictionaryTerm id="waiver" dictionaryPath="/docs/release-words">
          waiver
        </DictionaryTerm>{' '}
        and an{' '}
        <span data-testid="undefined-term">
          <DictionaryTerm id="freeze">unknown word</DictionaryTerm>
        </span>
        .
      </p>,
      [[releaseCoordinationApiRef, api]],
    );
    const [first, second] = await screen.findAllByRole('link', { name: 'waiver' });
    expect(first).toHaveAttribute('href', '/release-coordination/dictionary#term-waiver');
    expect(second).toHaveAttribute('href', '/docs/release-words#term-waiver');
    // A term the dictionary does not define is not a link to nothing.
    await waitFor(() =>
      expect(screen.queryByRole('link', { name: 'unknown word' })).not.toBeInTheDocument(),
    );
    expect(screen.getByTestId('undefined-term')).toHaveTextContent('unknown word');

    await userEvent.hover(first);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'Waiver: Letting a gate through on purpose',
    );
    expect(getDictionary).toHaveBeenCalledTimes(1);
  });
});

describe('DictionaryTerm in an app that mounts the dictionary page elsewhere', () => {
  it('links to where the app mounts it', async () => {
    const api: Partial<ReleaseCoordinationApi> = { getDictionary: async () => dictionary };
    await renderInTestApp(
      <TestApiProvider apis={[[releaseCoordinationApiRef, api]]}>
        <DictionaryTerm id="waiver">waiver</DictionaryTerm>
      </TestApiProvider>,
      { mountedRoutes: { '/handbook/release-words': dictionaryRouteRef } },
    );
    expect(await screen.findByRole('link', { name: 'waiver' })).toHaveAttribute(
      'href',
      '/handbook/release-words#term-waiver',
    );
  });
});
