import { translationApiRef } from '@backstage/frontend-plugin-api';
import { screen } from '@testing-library/react';
import { releaseCoordinationApiRef } from '../api';
import { TrainsPage } from '../components/TrainsPage/TrainsPage';
import { renderPage } from '../__testUtils__/renderWithApi';
import { translationApiWith } from '../__testUtils__/translations';
import { winterTrain } from '../__testUtils__/trainFixtures';
import { releaseCoordinationTranslationRef } from '.';

describe('releaseCoordinationTranslationRef', () => {
  it('is the one ref of the plugin, with its id', () => {
    expect(releaseCoordinationTranslationRef.id).toBe('release-coordination');
  });

  it("lets an app reword the plugin's strings; what it leaves out stays English", async () => {
    await renderPage(<TrainsPage />, [
      [
        releaseCoordinationApiRef,
        { listTrains: async () => ({ totalCount: 1, items: [winterTrain] }) },
      ],
      [
        translationApiRef,
        translationApiWith({
          'trains.newTrain': 'Neuer Zug',
          'trains.columns.ambassador': 'Botschafterin',
        }),
      ],
    ]);
    expect(
      await screen.findByRole('button', { name: 'Neuer Zug' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Botschafterin')).toBeInTheDocument();
    expect(screen.getByText('Objective')).toBeInTheDocument();
  });
});
