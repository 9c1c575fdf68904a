import { screen, within } from '@testing-library/react';
import { checkoutApi, checkoutApiWaves } from '../../testing/dependencyFixtures';
import { renderEntityContent } from '../../testing/renderWithApi';
import {
  contractTests,
  ownerApproval,
  TRAIN_ID,
  winterTrain,
  winterTrainDetail,
} from '../../testing/trainFixtures';
import { EntityReleaseTrainsContent } from './EntityReleaseTrainsContent';

describe('EntityReleaseTrainsContent', () => {
  it('shows each train with stage, the entity gates, its wave and what it waits on', async () => {
    const listEntityTrains = vi.fn(async () => ({
      items: [
        {
          train: winterTrain,
          participant: winterTrainDetail.participants[0],
          gates: [ownerApproval, { ...contractTests, state: 'passed' as const }],
        },
      ],
    }));
    await renderEntityContent(<EntityReleaseTrainsContent />, checkoutApi, {
      listEntityTrains,
      getTrain: async () => winterTrainDetail,
      getDeploymentWaves: async () => checkoutApiWaves,
    });
    expect(await screen.findByRole('link', { name: '2026.12 winter release' })).toHaveAttribute(
      'href',
      `/release-coordination/trains/${TRAIN_ID}`,
    );
    expect(listEntityTrains).toHaveBeenCalledWith({ entityRef: 'component:default/checkout-api' });
    expect(screen.getByText('stage: integration')).toBeInTheDocument();
    const gates = screen.getByRole('list', { name: 'Gates in 2026.12 winter release' });
    expect(within(gates).getAllByRole('listitem')).toHaveLength(2);
    expect(await screen.findByText('Deployment wave 2 of 2')).toBeInTheDocument();
    // It waits on the pending approval only, decided by the owning team.
    expect(screen.getByText(/Owner approval \(integration, pending\)/)).toBeInTheDocument();
    expect(screen.queryByText(/Contract tests \(integration/)).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'team-checkout' })).toBeInTheDocument();
  });

  it('says so when the entity is in no train', async () => {
    await renderEntityContent(<EntityReleaseTrainsContent />, checkoutApi, {
      listEntityTrains: async () => ({ items: [] }),
    });
    expect(await screen.findByText('checkout-api is in no release train')).toBeInTheDocument();
  });
});
