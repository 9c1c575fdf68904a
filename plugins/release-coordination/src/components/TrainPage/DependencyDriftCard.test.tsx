import { ResponseError } from '@backstage/errors';
import { signalApiRef } from '@backstage/plugin-signals-react';
import {
  DependencyDriftPoint,
  ReleaseCoordinationApi,
  TrainDependencyDrift,
} from '@release-coordination/plugin-release-coordination-common';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { releaseCoordinationApiRef } from '../../api';
import { fakeSignalApi } from '../../__testUtils__/fakeSignalApi';
import { renderPage } from '../../__testUtils__/renderWithApi';
import { TRAIN_ID, winterTrainDetail } from '../../__testUtils__/trainFixtures';
import { DependencyDriftCard } from './DependencyDriftCard';

const CHECKOUT = 'component:default/checkout-api';
const PRICING = 'component:default/pricing-service';

const enteredPlanning: DependencyDriftPoint = {
  kind: 'entered',
  stage: 'planning',
  at: '2026-11-02T09:00:00Z',
  dependencySnapshotVersion: 3,
};
const enteredIntegration: DependencyDriftPoint = {
  kind: 'entered',
  stage: 'integration',
  at: '2026-11-10T09:00:00Z',
  dependencySnapshotVersion: 4,
};
const now: DependencyDriftPoint = {
  kind: 'now',
  stage: 'integration',
  at: '2026-11-21T06:00:00Z',
  dependencySnapshotVersion: 7,
};

/**
 * pricing-service joined during planning, and checkout-api depended on it; since then the
 * dependency turned around.
 */
const winterDrift: TrainDependencyDrift = {
  trainId: TRAIN_ID,
  steps: [
    {
      from: enteredPlanning,
      to: enteredIntegration,
      added: [{ from: CHECKOUT, to: PRICING }],
      removed: [],
      joined: [PRICING],
    },
    {
      from: enteredIntegration,
      to: now,
      added: [{ from: PRICING, to: CHECKOUT }],
      removed: [{ from: CHECKOUT, to: PRICING }],
    },
  ],
};

function fakeApi(drift: ReleaseCoordinationApi['getDependencyDrift']) {
  return { getDependencyDrift: vi.fn(drift) };
}

const day = (iso: string) => new Date(iso).toLocaleDateString();

describe('DependencyDriftCard', () => {
  it('lists each stage change with the dependencies it added and removed', async () => {
    const api = fakeApi(async () => winterDrift);
    await renderPage(<DependencyDriftCard train={winterTrainDetail} />, [
      [releaseCoordinationApiRef, api],
    ]);

    const planning = await screen.findByRole('listitem', { name: 'Planning → Integration' });
    expect(api.getDependencyDrift).toHaveBeenCalledWith({ trainId: TRAIN_ID });
    expect(within(planning).getByRole('heading')).toHaveTextContent(
      `Planning → Integration (${day('2026-11-10T09:00:00Z')})`,
    );
    expect(within(planning).getByText('dependency graph v3 → v4')).toBeInTheDocument();
    expect(within(planning).getByText(/Joined the train:/)).toHaveTextContent(
      'Joined the train: pricing-service',
    );
    const [planningChange] = within(planning).getAllByRole('listitem');
    expect(planningChange).toHaveTextContent('checkout-api now depends on pricing-service');
    expect(within(planningChange).getByRole('link', { name: 'checkout-api' })).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout-api',
    );
    expect(within(planningChange).getByRole('link', { name: 'pricing-service' })).toHaveAttribute(
      'href',
      '/catalog/default/component/pricing-service',
    );

    const sinceIntegration = screen.getByRole('listitem', { name: 'Integration → Now' });
    expect(within(sinceIntegration).getByRole('heading')).toHaveTextContent(
      `Integration → Now (catalog as of ${day('2026-11-21T06:00:00Z')})`,
    );
    const [added, removed] = within(sinceIntegration).getAllByRole('listitem');
    expect(added).toHaveTextContent('pricing-service now depends on checkout-api');
    expect(removed).toHaveTextContent('checkout-api no longer depends on pricing-service');
    expect(removed).toHaveStyle({ textDecoration: 'line-through' });
    expect(added).not.toHaveStyle({ textDecoration: 'line-through' });
    expect(within(sinceIntegration).queryByText(/Joined the train/)).not.toBeInTheDocument();
  });

  it('shows progress while the drift loads', async () => {
    let answer: (drift: TrainDependencyDrift) => void = () => {};
    const pending = new Promise<TrainDependencyDrift>(resolve => {
      answer = resolve;
    });
    await renderPage(<DependencyDriftCard train={winterTrainDetail} />, [
      [releaseCoordinationApiRef, fakeApi(() => pending)],
    ]);
    expect(await screen.findByRole('progressbar', { name: 'Loading' })).toBeInTheDocument();
    await act(async () => answer(winterDrift));
    expect(
      await screen.findByRole('listitem', { name: 'Planning → Integration' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
  });

  it('says that a stage changed nothing when other stages did', async () => {
    const unchanged: TrainDependencyDrift = {
      trainId: TRAIN_ID,
      steps: [
        { from: enteredPlanning, to: enteredIntegration, added: [], removed: [] },
        winterDrift.steps[1],
      ],
    };
    await renderPage(<DependencyDriftCard train={winterTrainDetail} />, [
      [releaseCoordinationApiRef, fakeApi(async () => unchanged)],
    ]);
    const planning = await screen.findByRole('listitem', { name: 'Planning → Integration' });
    expect(
      within(planning).getByText('No change in the dependencies among participants.'),
    ).toBeInTheDocument();
    expect(within(planning).queryAllByRole('listitem')).toHaveLength(0);
  });

  it('says there is no drift when no step changed a dependency', async () => {
    const steady: TrainDependencyDrift = {
      trainId: TRAIN_ID,
      steps: [
        { from: enteredPlanning, to: enteredIntegration, added: [], removed: [] },
        { from: enteredIntegration, to: now, added: [], removed: [] },
      ],
    };
    await renderPage(<DependencyDriftCard train={winterTrainDetail} />, [
      [releaseCoordinationApiRef, fakeApi(async () => steady)],
    ]);
    expect(
      await screen.findByText(
        'No drift: the dependencies among participants are the same since the train was created.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Dependency drift by stage' })).not.toBeInTheDocument();
  });

  it('says when drift will appear while there is nothing to compare', async () => {
    await renderPage(<DependencyDriftCard train={winterTrainDetail} />, [
      [releaseCoordinationApiRef, fakeApi(async () => ({ trainId: TRAIN_ID, steps: [] }))],
    ]);
    expect(
      await screen.findByText('Drift appears once the train has changed stage.'),
    ).toBeInTheDocument();
  });

  it('shows why the drift could not be loaded', async () => {
    // As the client throws it: parsed from the backend's JSON error body.
    const notFound = () =>
      ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: { name: 'NotFoundError', message: `No release train with id '${TRAIN_ID}'` },
            response: { statusCode: 404 },
          }),
          { status: 404, statusText: 'Not Found', headers: { 'Content-Type': 'application/json' } },
        ),
      );
    await renderPage(<DependencyDriftCard train={winterTrainDetail} />, [
      [
        releaseCoordinationApiRef,
        fakeApi(async () => {
          throw await notFound();
        }),
      ],
    ]);
    expect(await screen.findByText(/Could not load the dependency drift/)).toBeInTheDocument();
    expect(screen.getAllByText(/No release train with id/).length).toBeGreaterThan(0);
  });

  it('refetches when the backend signals a change of this train, not of another', async () => {
    const signals = fakeSignalApi();
    const api = fakeApi(async () => winterDrift);
    await renderPage(<DependencyDriftCard train={winterTrainDetail} />, [
      [releaseCoordinationApiRef, api],
      [signalApiRef, signals.api],
    ]);
    await screen.findByRole('listitem', { name: 'Planning → Integration' });
    expect(api.getDependencyDrift).toHaveBeenCalledTimes(1);
    act(() => signals.emit({ type: 'train-changed', trainId: 'another-train' }));
    act(() => signals.emit({ type: 'train-changed', trainId: TRAIN_ID }));
    await waitFor(() => expect(api.getDependencyDrift).toHaveBeenCalledTimes(2));
  });

  it('refetches when the train shown moves to another stage', async () => {
    const api = fakeApi(async () => winterDrift);
    function AdvancingTrain() {
      const [train, setTrain] = useState(winterTrainDetail);
      return (
        <>
          <button type="button" onClick={() => setTrain({ ...train, currentStage: 'validation' })}>
            Advance
          </button>
          <DependencyDriftCard train={train} />
        </>
      );
    }
    await renderPage(<AdvancingTrain />, [[releaseCoordinationApiRef, api]]);
    await screen.findByRole('listitem', { name: 'Planning → Integration' });
    expect(api.getDependencyDrift).toHaveBeenCalledTimes(1);
    await userEvent.click(screen.getByRole('button', { name: 'Advance' }));
    await waitFor(() => expect(api.getDependencyDrift).toHaveBeenCalledTimes(2));
    // The previous drift stays in sight while the new one loads.
    expect(screen.getByRole('listitem', { name: 'Planning → Integration' })).toBeInTheDocument();
  });
});
