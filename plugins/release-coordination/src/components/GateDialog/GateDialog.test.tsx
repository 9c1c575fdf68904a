import { identityApiRef } from '@backstage/core-plugin-api';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  gateApprovePermission,
  gateWaivePermission,
  trainManagePermission,
  TrainGate,
} from '@release-coordination/plugin-release-coordination-common';
import { screen, within } from '@testing-library/react';
import { releaseCoordinationApiRef } from '../../api';
import {
  fakePermissionApi,
  PolicyAnswer,
  renderPage,
  signedInAs,
  VIEWER_REF,
} from '../../__testUtils__/renderWithApi';
import { contractTests, ownerApproval } from '../../__testUtils__/trainFixtures';
import { GateDialog } from './GateDialog';

const pricingApproval: TrainGate = {
  ...ownerApproval,
  id: 'g-owner-pricing',
  participantRef: 'component:default/pricing-service',
  approverRef: 'group:default/team-catalog',
  approvals: [],
};
const searchApproval: TrainGate = {
  ...pricingApproval,
  id: 'g-owner-search',
  participantRef: 'component:default/search-api',
};

/** The contract tests of a train that the viewer runs: the policy lets them manage it. */
const contractTestsOfOwnTrain: TrainGate = {
  ...contractTests,
  trainId: '7d1e6a8e-3c1f-4d57-9f0e-1f2a3b4c5d6e',
};

/** The pricing gate on a train that the viewer runs: the policy lets them manage it. */
const pricingApprovalOfOwnTrain: TrainGate = {
  ...pricingApproval,
  id: 'g-pricing-own-train',
  trainId: '7d1e6a8e-3c1f-4d57-9f0e-1f2a3b4c5d6e',
};

// One answer per permission and gate (or train) for the whole file (see fakePermissionApi):
// the policy lets the viewer decide the checkout gate, not the pricing gate, has not answered
// for the search gate yet, lets nobody waive outright and lets the viewer manage only the train
// they run (as a policy answers its ambassador, by condition).
function policy(name: string, resourceRef?: string): PolicyAnswer {
  if (name === gateApprovePermission.name) {
    if (resourceRef === ownerApproval.id) return 'allow';
    if (resourceRef === searchApproval.id) return 'pending';
    return 'deny';
  }
  if (name === gateWaivePermission.name) return 'deny';
  if (name === trainManagePermission.name) {
    return resourceRef === pricingApprovalOfOwnTrain.trainId ? 'allow' : 'deny';
  }
  return 'allow';
}

async function renderDialog(gate: TrainGate, viewerRef = VIEWER_REF) {
  const permissionApi = fakePermissionApi(policy);
  await renderPage(
    <GateDialog gate={gate} open onClose={() => {}} />,
    [
      [releaseCoordinationApiRef, {}],
      [permissionApiRef, permissionApi],
      [identityApiRef, signedInAs(viewerRef)],
    ],
  );
  return { dialog: await screen.findByRole('dialog'), permissionApi };
}

describe('GateDialog permissions', () => {
  it('offers approve and reject when the policy lets the viewer decide this gate', async () => {
    const { dialog, permissionApi } = await renderDialog(ownerApproval);
    expect(await within(dialog).findByRole('button', { name: 'Approve' })).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Reject' })).toBeInTheDocument();
    // Asked for this very gate: the policy decides per gate.
    expect(permissionApi.authorize).toHaveBeenCalledWith(
      expect.objectContaining({
        permission: expect.objectContaining({ name: gateApprovePermission.name }),
        resourceRef: ownerApproval.id,
      }),
    );
  });

  it('says who may decide instead of offering approve and reject when the policy denies', async () => {
    const { dialog } = await renderDialog(pricingApproval);
    expect(
      await within(dialog).findByText(
        'Only members of team-catalog can approve or reject this gate.',
      ),
    ).toBeInTheDocument();
    expect(within(dialog).queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument();
    expect(within(dialog).queryByRole('button', { name: 'Reject' })).not.toBeInTheDocument();
    expect(within(dialog).queryByLabelText('Comment')).not.toBeInTheDocument();
    // The evidence is for everyone.
    expect(within(dialog).getByText(/Approvals \(0 of 2 needed\)/)).toBeInTheDocument();
  });

  it('shows a progress while the policy has not answered', async () => {
    const { dialog } = await renderDialog(searchApproval);
    expect(
      await within(dialog).findByRole('progressbar', {
        name: 'Checking whether you may decide this gate',
      }),
    ).toBeInTheDocument();
    expect(within(dialog).queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument();
  });

  it('offers the waiver of a check gate to whoever the policy lets manage the train, e.g. its ambassador', async () => {
    const { dialog, permissionApi } = await renderDialog(contractTestsOfOwnTrain);
    expect(await within(dialog).findByRole('button', { name: 'Waive' })).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Reason for the waiver')).toBeInTheDocument();
    expect(permissionApi.authorize).toHaveBeenCalledWith(
      expect.objectContaining({
        permission: expect.objectContaining({ name: trainManagePermission.name }),
        resourceRef: contractTestsOfOwnTrain.trainId,
      }),
    );
  });

  it("never offers the ambassador alone the waiver of an owner's approval, and says who decides", async () => {
    const { dialog } = await renderDialog(pricingApprovalOfOwnTrain);
    expect(
      await within(dialog).findByText(
        `'${pricingApproval.title}' is decided by members of team-catalog; only a release manager can waive it.`,
      ),
    ).toBeInTheDocument();
    expect(within(dialog).queryByRole('button', { name: 'Waive' })).not.toBeInTheDocument();
    expect(within(dialog).queryByLabelText('Reason for the waiver')).not.toBeInTheDocument();
  });

  it('says who may waive a check gate to a viewer who is neither the ambassador nor allowed', async () => {
    const { dialog } = await renderDialog(contractTests);
    expect(
      await within(dialog).findByText(
        'Only the ambassador of this train or a release manager can waive a gate.',
      ),
    ).toBeInTheDocument();
    expect(within(dialog).queryByRole('button', { name: 'Waive' })).not.toBeInTheDocument();
  });
});
