import { screen, within } from '@testing-library/react';
import { checkoutApi } from '../../__testUtils__/dependencyFixtures';
import { renderEntityContent } from '../../__testUtils__/renderWithApi';
import {
  autumnTrain,
  contractTests,
  ownerApproval,
  pageOf,
  TRAIN_ID,
  winterTrain,
  winterTrainDetail,
} from '../../__testUtils__/trainFixtures';
import { EntityReleaseTrainCard } from './EntityReleaseTrainCard';

const participant = winterTrainDetail.participants[0];

describe('EntityReleaseTrainCard', () => {
  it("shows the current train, its stage and the entity's gates holding it, with links", async () => {
    const listEntityTrains = vi.fn(async () =>
      pageOf({
        items: [
          {
            train: winterTrain,
            participant,
            gates: [ownerApproval, { ...contractTests, state: 'passed' as const }],
          },
          { train: autumnTrain, participant, gates: [] },
        ],
      }),
    );
    await renderEntityContent(<EntityReleaseTrainCard />, checkoutApi, { listEntityTrains });

    expect(await screen.findByRole('link', { name: '2026.12 winter release' })).toHaveAttribute(
      'href',
      `/release-coordination/trains/${TRAIN_ID}`,
    );
    expect(listEntityTrains).toHaveBeenCalledWith({
      entityRef: 'component:default/checkout-api',
      limit: 10,
      offset: 0,
    });
    expect(screen.getByText('stage: Integration')).toBeInTheDocument();
    expect(screen.getByText('late')).toBeInTheDocument();
    // Only the open gate holds it, with the team that decides it.
    const waiting = screen.getByRole('list');
    expect(within(waiting).getAllByRole('listitem')).toHaveLength(1);
    expect(within(waiting).getByText(/Owner approval \(integration, pending\)/)).toBeInTheDocument();
    expect(within(waiting).getByRole('link', { name: 'team-checkout' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'alice' })).toBeInTheDocument();
    // A released train is history, not what the entity is in now.
    expect(screen.queryByText('2026.10 autumn release')).not.toBeInTheDocument();
  });

  it('names the last train when the entity is in no active one', async () => {
    await renderEntityContent(<EntityReleaseTrainCard />, checkoutApi, {
      listEntityTrains: async () => pageOf({ items: [{ train: autumnTrain, participant, gates: [] }] }),
    });
    expect(await screen.findByText(/In no active release train/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '2026.10 autumn release' })).toBeInTheDocument();
  });

  it('says so when the entity never took part in a train', async () => {
    await renderEntityContent(<EntityReleaseTrainCard />, checkoutApi, {
      listEntityTrains: async () => pageOf({ items: [] }),
    });
    expect(await screen.findByText('Not in any release train yet.')).toBeInTheDocument();
  });

  it('shows what went wrong when the trains cannot be read', async () => {
    await renderEntityContent(<EntityReleaseTrainCard />, checkoutApi, {
      listEntityTrains: async () => {
        throw new Error('release-coordination is down');
      },
    });
    expect(
      await screen.findByText('Error: Could not load the release trains'),
    ).toBeInTheDocument();
  });
});
