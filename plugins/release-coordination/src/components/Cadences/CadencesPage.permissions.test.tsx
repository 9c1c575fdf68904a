import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  CadenceDetail,
  cadenceManagePermission,
  ReleaseCadence,
  ReleaseCoordinationApi,
} from '@release-coordination/plugin-release-coordination-common';
import { act, screen, waitFor } from '@testing-library/react';
import { releaseCoordinationApiRef } from '../../api';
import {
  fakePermissionApi,
  renderPage,
  VIEWER_REF,
} from '../../__testUtils__/renderWithApi';
import { CadencesContent } from './CadencesPage';

// In this file the policy lets the viewer (carol) do everything but manage cadences: she is no
// release manager. `usePermission` asks once per file and keeps the answer (see
// fakePermissionApi), so what tells that it answered is a count of its own.
let managerAsked = 0;
const permissionApi = fakePermissionApi(name => {
  if (name !== cadenceManagePermission.name) return 'allow';
  managerAsked += 1;
  return 'deny';
});

const CADENCE_ID = '7f3c9a1e-2b4d-4e6f-8a0b-1c2d3e4f5a6b';

const cadence: ReleaseCadence = {
  id: CADENCE_ID,
  name: 'Fortnightly web',
  intervalDays: 14,
  firstStart: '2027-01-04T00:00:00.000Z',
  stageOffsets: [{ stage: 'planning', startDay: 0, endDay: 3 }],
  teamRefs: ['group:default/team-web'],
  createdBy: 'user:default/rm',
  createdAt: '2026-12-20T09:00:00.000Z',
};

const detail: CadenceDetail = {
  ...cadence,
  roster: [
    { memberRef: 'user:default/alice', position: 0, runs: 1 },
    { memberRef: VIEWER_REF, position: 1, runs: 0 },
  ],
  next: {
    cadenceId: CADENCE_ID,
    occurrence: 2,
    name: 'Fortnightly web #2',
    stageWindows: {},
  },
  rotationChanges: [],
};

async function renderCadences(
  api: Partial<ReleaseCoordinationApi>,
  route: string,
) {
  await renderPage(
    <CadencesContent />,
    [
      [releaseCoordinationApiRef, api],
      [permissionApiRef, permissionApi],
    ],
    { routeEntries: [route] },
  );
}

/** Until the policy answered: a button it hides is absent for that reason, not for waiting. */
async function policyAnswered() {
  await waitFor(() => expect(managerAsked).toBeGreaterThan(0));
  await act(() => new Promise(resolve => setTimeout(resolve, 0)));
}

describe('the cadences for viewers who are no release managers', () => {
  it('lists the cadences without "New cadence"', async () => {
    await renderCadences(
      { listCadences: async () => ({ items: [cadence], totalCount: 1 }) },
      '/',
    );
    expect(
      await screen.findByRole('link', { name: 'Fortnightly web' }),
    ).toBeInTheDocument();
    await policyAnswered();
    expect(
      screen.queryByRole('button', { name: 'New cadence' }),
    ).not.toBeInTheDocument();
  });

  it('offers no "New cadence" when there is no cadence yet', async () => {
    await renderCadences(
      { listCadences: async () => ({ items: [], totalCount: 0 }) },
      '/',
    );
    expect(
      await screen.findByText('No release cadences yet'),
    ).toBeInTheDocument();
    await policyAnswered();
    expect(
      screen.queryByRole('button', { name: 'New cadence' }),
    ).not.toBeInTheDocument();
  });

  it('lets a member of the roster skip or swap their turn, but not edit the roster', async () => {
    await renderCadences(
      {
        getCadence: async () => detail,
        listCadenceTrains: async () => ({ items: [], totalCount: 0 }),
      },
      `/?cadence=${CADENCE_ID}`,
    );
    expect(
      await screen.findByRole('button', { name: 'Skip' }),
    ).toBeInTheDocument();
    await policyAnswered();
    expect(screen.getByRole('button', { name: 'Swap' })).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Edit roster' }),
    ).not.toBeInTheDocument();
  });
});
