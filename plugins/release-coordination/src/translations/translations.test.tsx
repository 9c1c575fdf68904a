import { translationApiRef } from '@backstage/frontend-plugin-api';
import { screen } from '@testing-library/react';
import { releaseCoordinationApiRef } from '../api';
import { GateDialog } from '../components/GateDialog';
import {
  MyApprovalsHomeCardContent,
  MyApprovalsList,
} from '../components/MyApprovals';
import { DeploymentsCard } from '../components/TrainOutcomes';
import { TrainsPage } from '../components/TrainsPage/TrainsPage';
import { renderPage } from '../__testUtils__/renderWithApi';
import { translationApiWith } from '../__testUtils__/translations';
import {
  ownerApproval,
  pageOf,
  winterTrain,
  winterTrainDetail,
} from '../__testUtils__/trainFixtures';
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

  it('rewords My approvals, its page and its home-page widget', async () => {
    await renderPage(<MyApprovalsList />, [
      [
        releaseCoordinationApiRef,
        {
          listMyApprovals: async () =>
            pageOf({ items: [{ train: winterTrain, gate: ownerApproval }] }),
        },
      ],
      [
        translationApiRef,
        translationApiWith({ 'approvals.columns.gate': 'Tor' }),
      ],
    ]);
    expect(await screen.findByText('Tor')).toBeInTheDocument();
    expect(
      screen.getByText('Waiting for your decision (1)'),
    ).toBeInTheDocument();
  });

  it('rewords the home-page widget', async () => {
    await renderPage(<MyApprovalsHomeCardContent />, [
      [
        releaseCoordinationApiRef,
        { listMyApprovals: async () => pageOf({ items: [] }) },
      ],
      [
        translationApiRef,
        translationApiWith({ 'approvals.homeCard.none': 'Nichts wartet.' }),
      ],
    ]);
    expect(await screen.findByText('Nichts wartet.')).toBeInTheDocument();
  });

  it("rewords a gate's dialog", async () => {
    await renderPage(
      <GateDialog gate={ownerApproval} open onClose={() => {}} />,
      [
        [releaseCoordinationApiRef, {}],
        [
          translationApiRef,
          translationApiWith({
            'gates.decide': 'Entscheiden',
            'gates.close': 'Schließen',
          }),
        ],
      ],
    );
    expect(await screen.findByText('Entscheiden')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Schließen' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Evidence')).toBeInTheDocument();
  });

  it("rewords a train's deployments card", async () => {
    await renderPage(<DeploymentsCard train={winterTrainDetail} />, [
      [
        releaseCoordinationApiRef,
        { listDeployments: async () => ({ items: [], totalCount: 0 }) },
      ],
      [
        translationApiRef,
        translationApiWith({ 'outcomes.deployments.title': 'Auslieferungen' }),
      ],
    ]);
    expect(await screen.findByText('Auslieferungen')).toBeInTheDocument();
    expect(
      screen.getByText(
        'No deployments reported yet. CI reports each rollout when it starts and when it ends.',
      ),
    ).toBeInTheDocument();
  });
});
