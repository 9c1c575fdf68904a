import { TrainDetail } from '@release-coordination/plugin-release-coordination-common';
import { screen, waitFor, within } from '@testing-library/react';
import {
  checkoutApi,
  checkoutApiWaves,
  checkoutSystem,
} from '../../__testUtils__/dependencyFixtures';
import { renderEntityContent } from '../../__testUtils__/renderWithApi';
import {
  autumnTrain,
  contractTests,
  noIncidents,
  ownerApproval,
  pageOf,
  TRAIN_ID,
  winterTrain,
  winterTrainDetail,
} from '../../__testUtils__/trainFixtures';
import { EntityReleaseTrainsContent } from './EntityReleaseTrainsContent';

describe('EntityReleaseTrainsContent', () => {
  it('shows each train with stage, the entity gates, its wave and what it waits on', async () => {
    const listEntityTrains = vi.fn(async () => pageOf({
      items: [
        {
          train: winterTrain,
          participant: winterTrainDetail.participants[0],
          gates: [ownerApproval, { ...contractTests, state: 'passed' as const }],
        },
      ],
    }));
    await renderEntityContent(<EntityReleaseTrainsContent />, checkoutApi, {
      listIncidents: noIncidents,
      listEntityTrains,
      getTrain: async () => winterTrainDetail,
      getDeploymentWaves: async () => checkoutApiWaves,
    });
    expect(await screen.findByRole('link', { name: '2026.12 winter release' })).toHaveAttribute(
      'href',
      `/release-coordination/trains/${TRAIN_ID}`,
    );
    expect(listEntityTrains).toHaveBeenCalledWith({
      entityRef: 'component:default/checkout-api',
      limit: 10,
      offset: 0,
    });
    expect(screen.getByText('stage: integration')).toBeInTheDocument();
    const gates = screen.getByRole('list', { name: 'Gates in 2026.12 winter release' });
    expect(within(gates).getAllByRole('listitem')).toHaveLength(2);
    await waitFor(() =>
      expect(screen.getByTestId('participant-wave')).toHaveTextContent('Deployment wave 2 of 2'),
    );
    // It waits on the pending approval only, decided by the owning team.
    expect(screen.getByText(/Owner approval \(integration, pending\)/)).toBeInTheDocument();
    expect(screen.queryByText(/Contract tests \(integration/)).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'team-checkout' })).toBeInTheDocument();
    // Whom to ask about the train.
    expect(screen.getByRole('link', { name: 'alice' }).parentElement).toHaveTextContent(
      'Ambassador: alice',
    );
  });

  it('links the release words it uses to the dictionary, once per train', async () => {
    const term = (id: string, name: string) => ({
      id,
      term: name,
      definition: `What ${name.toLocaleLowerCase('en-US')} means.`,
      aliases: [],
      seeAlso: [],
    });
    await renderEntityContent(<EntityReleaseTrainsContent />, checkoutSystem, {
      listIncidents: noIncidents,
      listEntityTrains: async () => pageOf({
        items: [
          { train: winterTrain, participant: winterTrainDetail.participants[0], gates: [] },
          { train: winterTrain, participant: winterTrainDetail.participants[1], gates: [] },
        ],
      }),
      getTrain: async () => winterTrainDetail,
      getDeploymentWaves: async () => checkoutApiWaves,
      getDictionary: async () => ({
        terms: [
          term('ambassador', 'Release ambassador'),
          term('gate', 'Gate'),
          term('stage', 'Stage'),
          term('waiver', 'Waiver'),
          term('deployment-wave', 'Deployment wave'),
        ],
        responsibilities: [],
        escalationPaths: [],
      }),
    });
    const dictionary = '/release-coordination/dictionary';
    for (const [name, id] of [
      ['Ambassador', 'ambassador'],
      ['Gates', 'gate'],
      ['stage', 'stage'],
      ['waived', 'waiver'],
      ['Deployment wave', 'deployment-wave'],
    ]) {
      // Both components are in the train; only the first mention is a link.
      expect(await screen.findByRole('link', { name })).toHaveAttribute(
        'href',
        `${dictionary}#term-${id}`,
      );
    }
    expect(screen.getAllByTestId('participant-wave')).toHaveLength(2);
  });

  it('says so when the entity is in no train', async () => {
    await renderEntityContent(<EntityReleaseTrainsContent />, checkoutApi, {
      listIncidents: noIncidents,
      listEntityTrains: async () => pageOf({ items: [] }),
    });
    expect(await screen.findByText('checkout-api is in no release train')).toBeInTheDocument();
  });

  it('groups the components of a system by train, each with its gates and wave', async () => {
    const cartApproval = {
      ...ownerApproval,
      id: 'g-owner-cart',
      participantRef: 'component:default/cart-service',
      state: 'passed' as const,
    };
    const winterWithCart: TrainDetail = {
      ...winterTrainDetail,
      participants: [
        ...winterTrainDetail.participants,
        {
          entityRef: 'component:default/cart-service',
          targetVersion: '7.1.0',
          ownerRef: 'group:default/team-checkout',
        },
      ],
    };
    const autumnDetail: TrainDetail = {
      ...autumnTrain,
      participants: [{ entityRef: 'component:default/checkout-api', targetVersion: '4.1.0' }],
      gates: [],
    };
    // One item per participating component of the system, as the backend answers for a System.
    const listEntityTrains = vi.fn(async () => pageOf({
      items: [
        {
          train: winterTrain,
          participant: winterTrainDetail.participants[0],
          gates: [ownerApproval],
        },
        {
          train: winterTrain,
          participant: winterWithCart.participants[2],
          gates: [cartApproval],
        },
        {
          train: autumnTrain,
          participant: autumnDetail.participants[0],
          gates: [],
        },
      ],
    }));
    const getTrain = vi.fn(async ({ trainId }: { trainId: string }) =>
      trainId === TRAIN_ID ? winterWithCart : autumnDetail,
    );
    await renderEntityContent(<EntityReleaseTrainsContent />, checkoutSystem, {
      listIncidents: noIncidents,
      listEntityTrains,
      getTrain,
      getDeploymentWaves: async () => checkoutApiWaves,
    });

    expect(await screen.findByRole('link', { name: '2026.12 winter release' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '2026.10 autumn release' })).toBeInTheDocument();
    expect(listEntityTrains).toHaveBeenCalledWith({
      entityRef: 'system:default/checkout',
      limit: 10,
      offset: 0,
    });

    // Two trains, two cards: the winter one holds both components.
    const checkoutSections = screen.getAllByRole('region', { name: 'checkout-api' });
    expect(checkoutSections).toHaveLength(2);
    const cartSections = screen.getAllByRole('region', { name: 'cart-service' });
    expect(cartSections).toHaveLength(1);
    expect(
      within(checkoutSections[0]).getByRole('link', { name: 'checkout-api' }),
    ).toBeInTheDocument();
    expect(
      within(checkoutSections[0]).getByRole('list', {
        name: 'Gates of checkout-api in 2026.12 winter release',
      }),
    ).toBeInTheDocument();
    expect(within(cartSections[0]).getByText('Target version 7.1.0')).toBeInTheDocument();
    expect(
      within(cartSections[0]).getByRole('list', {
        name: 'Gates of cart-service in 2026.12 winter release',
      }),
    ).toBeInTheDocument();
    expect(
      within(cartSections[0]).getByText('Nothing: all its gates are passed or waived.'),
    ).toBeInTheDocument();
    expect(within(checkoutSections[1]).getByText('No gates for this entity.')).toBeInTheDocument();

    // Providers first: the cart ships in the first wave, checkout in the second.
    await waitFor(() =>
      expect(within(cartSections[0]).getByTestId('participant-wave')).toHaveTextContent(
        'Deployment wave 1 of 2',
      ),
    );
    expect(within(checkoutSections[0]).getByTestId('participant-wave')).toHaveTextContent(
      'Deployment wave 2 of 2',
    );
    // Each train is loaded once, however many of the system's components it carries.
    await waitFor(() => expect(getTrain).toHaveBeenCalledTimes(2));
    expect(getTrain).toHaveBeenCalledWith({ trainId: TRAIN_ID });
    expect(getTrain).toHaveBeenCalledWith({ trainId: autumnTrain.id });
  });

  it('says how many participations of the system\'s components the user cannot see', async () => {
    await renderEntityContent(<EntityReleaseTrainsContent />, checkoutSystem, {
      listIncidents: noIncidents,
      listEntityTrains: async () => ({
        items: [
          { train: winterTrain, participant: winterTrainDetail.participants[0], gates: [] },
        ],
        totalCount: 3,
        hidden: { items: 2 },
      }),
      getTrain: async () => winterTrainDetail,
      getDeploymentWaves: async () => checkoutApiWaves,
    });
    expect(await screen.findByTestId('hidden-entities')).toHaveTextContent(
      '2 participations of components you cannot see in the catalog',
    );
    expect(screen.getByRole('link', { name: '2026.12 winter release' })).toBeInTheDocument();
  });

  it('says so when none of the components of a system is in a train', async () => {
    await renderEntityContent(<EntityReleaseTrainsContent />, checkoutSystem, {
      listIncidents: noIncidents,
      listEntityTrains: async () => pageOf({ items: [] }),
    });
    expect(await screen.findByText('checkout is in no release train')).toBeInTheDocument();
    expect(
      screen.getByText(/None of the components of this system takes part in a release train/),
    ).toBeInTheDocument();
  });
});
