import { identityApiRef } from '@backstage/core-plugin-api';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  ReleaseCoordinationApi,
  TrainDetail,
  trainManagePermission,
} from '@release-coordination/plugin-release-coordination-common';
import { act, screen, waitFor } from '@testing-library/react';
import { releaseCoordinationApiRef } from '../../api';
import { checkoutApiWaves } from '../../__testUtils__/dependencyFixtures';
import {
  fakePermissionApi,
  renderPage,
  signedInAs,
  VIEWER_REF,
} from '../../__testUtils__/renderWithApi';
import {
  TRAIN_ID,
  trainWithoutOutcomesApi,
  winterDecisions,
  winterDriftNone,
  winterTrainDetail,
} from '../../__testUtils__/trainFixtures';
import { TrainView } from './TrainPage';

// In this file the policy lets only the ambassador (alice) manage trains: the condition
// IS_AMBASSADOR, which the permission backend decides on the train for the viewer signed in.
let viewer = VIEWER_REF;
const permissionApi = fakePermissionApi(name =>
  name !== trainManagePermission.name || viewer === 'user:default/alice' ? 'allow' : 'deny',
);

/**
 * Answers are cached per permission and train for the whole file (see fakePermissionApi), and
 * they depend on the viewer here: each render shows the train under an id of its own.
 */
let renders = 0;

async function renderTrain(viewerRef: string, shown: TrainDetail = winterTrainDetail) {
  viewer = viewerRef;
  renders += 1;
  const train = { ...shown, id: `${TRAIN_ID.slice(0, -2)}${String(renders).padStart(2, '0')}` };
  const api: Partial<ReleaseCoordinationApi> = {
    getTrain: async () => train,
    listDecisions: async () => ({ items: winterDecisions, totalCount: 2 }),
    getDeploymentWaves: async () => checkoutApiWaves,
    getDependencyDrift: async () => winterDriftNone,
    ...trainWithoutOutcomesApi,
  };
  await renderPage(<TrainView trainId={TRAIN_ID} />, [
    [releaseCoordinationApiRef, api],
    [permissionApiRef, permissionApi],
    [identityApiRef, signedInAs(viewerRef)],
  ]);
  await screen.findByText('2026.12 winter release');
}

describe('TrainView for viewers who may not manage the train', () => {
  it('shows the train and its participants without edit, participant or advance actions', async () => {
    await renderTrain(VIEWER_REF);
    // The owners stay catalog links for everyone.
    expect(await screen.findByRole('link', { name: 'team-catalog' })).toBeInTheDocument();
    // Absent because the policy said no, not because it has not answered yet.
    await waitFor(() => expect(permissionApi.authorize).toHaveBeenCalled());
    await act(() => new Promise(resolve => setTimeout(resolve, 0)));
    expect(screen.getByRole('table', { name: 'Participants' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Edit' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add participant' })).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Remove checkout-api from the train' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Change target version of checkout-api' }),
    ).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Advance to/ })).not.toBeInTheDocument();
    expect(permissionApi.authorize).toHaveBeenCalledWith(
      expect.objectContaining({
        permission: expect.objectContaining({ name: trainManagePermission.name }),
      }),
    );
  });

  it('offers them to the ambassador, whom the policy allows by condition', async () => {
    await renderTrain('user:default/alice');
    expect(await screen.findByRole('button', { name: 'Edit' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Add participant' })).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Remove checkout-api from the train' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Advance to Validation' })).toBeInTheDocument();
  });

  it('offers no changes to a train that is no longer active, even to its ambassador', async () => {
    await renderTrain('user:default/alice', { ...winterTrainDetail, status: 'released' });
    expect(await screen.findByRole('table', { name: 'Participants' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Edit' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add participant' })).not.toBeInTheDocument();
  });

  it('offers marking a released train rolled back to its ambassador only', async () => {
    await renderTrain('user:default/alice', { ...winterTrainDetail, status: 'released' });
    expect(await screen.findByRole('button', { name: 'Mark rolled back' })).toBeInTheDocument();
  });

  it('does not offer marking rolled back to a viewer the policy does not allow', async () => {
    await renderTrain(VIEWER_REF, { ...winterTrainDetail, status: 'released' });
    // The permission answer is cached across this file's tests, so the policy may not be asked
    // again: wait for the page, then for the answer to be applied.
    expect(await screen.findByRole('table', { name: 'Participants' })).toBeInTheDocument();
    await act(() => new Promise(resolve => setTimeout(resolve, 0)));
    expect(screen.queryByRole('button', { name: 'Mark rolled back' })).not.toBeInTheDocument();
  });

  it('offers no rollback of a cancelled train, even to its ambassador', async () => {
    await renderTrain('user:default/alice', { ...winterTrainDetail, status: 'cancelled' });
    expect(await screen.findByRole('table', { name: 'Participants' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Mark rolled back' })).not.toBeInTheDocument();
  });
});
