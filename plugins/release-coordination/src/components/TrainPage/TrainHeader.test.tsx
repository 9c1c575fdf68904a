import { screen } from '@testing-library/react';
import { renderPage } from '../../__testUtils__/renderWithApi';
import { winterTrainDetail } from '../../__testUtils__/trainFixtures';
import { TrainHeader } from './TrainHeader';

const CADENCE_ID = '7f3c9a1e-2b4d-4e6f-8a0b-1c2d3e4f5a6b';

describe('TrainHeader', () => {
  it("names a cadence train's occurrence, linking to its cadence", async () => {
    await renderPage(
      <TrainHeader
        train={{
          ...winterTrainDetail,
          cadence: { cadenceId: CADENCE_ID, occurrence: 3 },
        }}
        canManage={false}
        canRollBack={false}
        onChanged={() => {}}
      />,
      [],
    );
    expect(
      await screen.findByRole('link', { name: 'Cadence train #3' }),
    ).toHaveAttribute(
      'href',
      `/release-coordination/cadences?cadence=${CADENCE_ID}`,
    );
  });

  it('says nothing of a cadence for a train outside any', async () => {
    await renderPage(
      <TrainHeader
        train={winterTrainDetail}
        canManage={false}
        canRollBack={false}
        onChanged={() => {}}
      />,
      [],
    );
    expect(await screen.findByText(winterTrainDetail.name)).toBeInTheDocument();
    expect(screen.queryByTestId('cadence-train')).not.toBeInTheDocument();
  });
});
