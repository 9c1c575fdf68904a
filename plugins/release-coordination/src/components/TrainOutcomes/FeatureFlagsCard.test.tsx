import {
  CreateFeatureFlagRequest,
  FeatureFlag,
  ReleaseCoordinationApi,
} from '@release-coordination/plugin-release-coordination-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { releaseCoordinationApiRef } from '../../api';
import { renderPage } from '../../__testUtils__/renderWithApi';
import { responseError, TRAIN_ID, winterTrainDetail } from '../../__testUtils__/trainFixtures';
import { FeatureFlagsCard } from './FeatureFlagsCard';

const CHECKOUT = 'component:default/checkout-api';
const PRICING = 'component:default/pricing-service';
const DAY = 86_400_000;
const fromNow = (days: number) => new Date(Date.now() + days * DAY).toISOString();
/** A date input's value, `days` from today. */
const dateInput = (days: number) => {
  const date = new Date(Date.now() + days * DAY);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
};

function flag(overrides: Partial<FeatureFlag> & Pick<FeatureFlag, 'id' | 'key'>): FeatureFlag {
  return {
    trainId: TRAIN_ID,
    participantRef: CHECKOUT,
    ownerRef: 'group:default/team-checkout',
    purpose: 'Dark launch of one-click checkout',
    state: 'on',
    createdAt: fromNow(-20),
    createdBy: 'user:default/bob',
    expiresAt: fromNow(30),
    updatedAt: fromNow(-20),
    ...overrides,
  };
}

const flags: FeatureFlag[] = [
  flag({ id: 'f-later', key: 'one-click-checkout' }),
  flag({ id: 'f-gone', key: 'old-cart', state: 'removed', expiresAt: fromNow(-40) }),
  flag({ id: 'f-soon', key: 'price-badges', participantRef: PRICING, ownerRef: 'group:default/team-catalog', expiresAt: fromNow(3) }),
  flag({ id: 'f-expired', key: 'legacy-search', state: 'off', expiresAt: fromNow(-2) }),
];

/** How the four flags above stand, as the backend counts them. */
const counts = { inUse: 3, expired: 1, expiringSoon: 1, removed: 1 };
const noCounts = { inUse: 0, expired: 0, expiringSoon: 0, removed: 0 };

function fakeApi(overrides: Partial<ReleaseCoordinationApi> = {}) {
  return {
    listFeatureFlags: vi.fn(async () => ({
      items: flags,
      totalCount: flags.length,
      expiringWithinDays: 7,
      counts,
    })),
    createFeatureFlag: vi.fn(async () => flags[0]),
    updateFeatureFlag: vi.fn(async () => flags[0]),
    ...overrides,
  };
}

describe('FeatureFlagsCard', () => {
  it('lists expired flags first in red, then those expiring soon in amber', async () => {
    await renderPage(<FeatureFlagsCard train={winterTrainDetail} />, [
      [releaseCoordinationApiRef, fakeApi()],
    ]);
    const table = await screen.findByRole('table', { name: 'Feature flags' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map(row => within(row).getByText(/^[a-z-]+$/, { selector: 'code' }).textContent)).toEqual([
      'legacy-search',
      'price-badges',
      'one-click-checkout',
      'old-cart',
    ]);
    // Red when expired, amber when expiring soon: the chip takes its tone's class.
    const expired = within(rows[0]).getByText('expired');
    expect(expired.closest('.MuiChip-root')!.className).toMatch(/-error-/);
    const soon = within(rows[1]).getByText('expires in 3 days');
    expect(soon.closest('.MuiChip-root')!.className).toMatch(/-warning-/);
    expect(within(rows[2]).queryByText(/expire/)).not.toBeInTheDocument();
    // Nothing left to do about a removed flag.
    expect(within(rows[3]).queryByText('expired')).not.toBeInTheDocument();
    expect(within(rows[3]).queryByRole('button')).not.toBeInTheDocument();
    expect(screen.getByText(/1 flag\(s\) past their expiry are still in use/)).toBeInTheDocument();
    expect(
      screen.getByText('3 in use: 1 expired, 1 expiring within 7 days; 1 removed.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Pages of feature flags' })).not.toBeInTheDocument();
  });

  it('pages through the flags, and counts the expired ones of the whole train', async () => {
    // Thirty expired flags in use, then five removed ones: more than one page.
    const expiredFlags = Array.from({ length: 30 }, (_, i) =>
      flag({ id: `x${i}`, key: `stale-${String(i).padStart(2, '0')}`, expiresAt: fromNow(-60 + i) }),
    );
    const removed = Array.from({ length: 5 }, (_, i) =>
      flag({ id: `r${i}`, key: `gone-${i}`, state: 'removed', expiresAt: fromNow(-90 + i) }),
    );
    const all = [...expiredFlags, ...removed];
    const listFeatureFlags = vi.fn(
      async (request: { trainId: string; limit?: number; offset?: number }) => {
        const offset = request.offset ?? 0;
        return {
          items: all.slice(offset, offset + (request.limit ?? 50)),
          totalCount: all.length,
          expiringWithinDays: 7,
          counts: { inUse: 30, expired: 30, expiringSoon: 0, removed: 5 },
        };
      },
    );
    await renderPage(<FeatureFlagsCard train={winterTrainDetail} />, [
      [releaseCoordinationApiRef, fakeApi({ listFeatureFlags })],
    ]);
    const table = await screen.findByRole('table', { name: 'Feature flags' });
    expect(within(table).getAllByRole('row').slice(1)).toHaveLength(25);
    expect(listFeatureFlags).toHaveBeenCalledWith({ trainId: TRAIN_ID, limit: 25, offset: 0 });
    // Every expired flag of the train, not only the 25 on this page.
    expect(screen.getByText(/30 flag\(s\) past their expiry are still in use/)).toBeInTheDocument();

    const pages = screen.getByRole('navigation', { name: 'Pages of feature flags' });
    expect(within(pages).getByText('1-25 of 35')).toBeInTheDocument();
    fireEvent.click(within(pages).getByRole('button', { name: 'Next page' }));
    await waitFor(() =>
      expect(listFeatureFlags).toHaveBeenLastCalledWith({ trainId: TRAIN_ID, limit: 25, offset: 25 }),
    );
    expect(await screen.findByText('gone-0')).toBeInTheDocument();
    expect(screen.queryByText('stale-00')).not.toBeInTheDocument();
    const rows = within(screen.getByRole('table', { name: 'Feature flags' })).getAllByRole('row');
    expect(rows.slice(1)).toHaveLength(10);
    expect(within(pages).getByText('26-35 of 35')).toBeInTheDocument();
    // The warning is about the train, whatever the page shows.
    expect(screen.getByText(/30 flag\(s\) past their expiry are still in use/)).toBeInTheDocument();

    fireEvent.click(within(pages).getByRole('button', { name: 'Previous page' }));
    await waitFor(() =>
      expect(listFeatureFlags).toHaveBeenLastCalledWith({ trainId: TRAIN_ID, limit: 25, offset: 0 }),
    );
    expect(await screen.findByText('stale-00')).toBeInTheDocument();
  });

  it('adds a flag owned by the participant\'s team, with an expiry in the future', async () => {
    const createFeatureFlag = vi.fn(
      async (_request: CreateFeatureFlagRequest & { trainId: string }) => flags[0],
    );
    const api = fakeApi({ createFeatureFlag });
    await renderPage(<FeatureFlagsCard train={winterTrainDetail} />, [
      [releaseCoordinationApiRef, api],
    ]);
    await userEvent.click(await screen.findByRole('button', { name: 'Add flag' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByLabelText('Owner')).toHaveValue('group:default/team-checkout');
    await userEvent.type(within(dialog).getByLabelText('Key'), 'express-shipping');
    await userEvent.type(within(dialog).getByLabelText('Purpose'), 'Staged rollout of express shipping');
    fireEvent.change(within(dialog).getByLabelText('Expires on'), {
      target: { value: dateInput(-1) },
    });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add flag' }));
    expect(within(dialog).getByText('The expiry must be in the future.')).toBeInTheDocument();
    expect(createFeatureFlag).not.toHaveBeenCalled();

    fireEvent.change(within(dialog).getByLabelText('Expires on'), {
      target: { value: dateInput(14) },
    });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add flag' }));
    await waitFor(() => expect(createFeatureFlag).toHaveBeenCalledTimes(1));
    const [request] = createFeatureFlag.mock.calls[0];
    expect(request).toMatchObject({
      trainId: TRAIN_ID,
      participantRef: CHECKOUT,
      key: 'express-shipping',
      ownerRef: 'group:default/team-checkout',
      purpose: 'Staged rollout of express shipping',
    });
    expect(new Date(request.expiresAt).getTime()).toBeGreaterThan(Date.now() + 13 * DAY);
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.listFeatureFlags).toHaveBeenCalledTimes(2);
  });

  it('marks a flag removed, and shows why the backend refused a change', async () => {
    const updateFeatureFlag = vi.fn(async () => {
      throw responseError(403, 'NotAllowedError', "Only the ambassador, the flag's owner … can change flag 'legacy-search'");
    });
    await renderPage(<FeatureFlagsCard train={winterTrainDetail} />, [
      [releaseCoordinationApiRef, fakeApi({ updateFeatureFlag })],
    ]);
    await userEvent.click(await screen.findByRole('button', { name: 'Change flag legacy-search' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.mouseDown(within(dialog).getByRole('button', { name: /off/ }));
    fireEvent.click(await screen.findByRole('option', { name: 'removed' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(updateFeatureFlag).toHaveBeenCalledWith({ flagId: 'f-expired', state: 'removed' }),
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      "can change flag 'legacy-search'",
    );
  });

  it('says when there are no flags, and offers no form on a finished train', async () => {
    await renderPage(<FeatureFlagsCard train={{ ...winterTrainDetail, status: 'released' }} />, [
      [
        releaseCoordinationApiRef,
        fakeApi({
          listFeatureFlags: async () => ({
            items: [],
            totalCount: 0,
            expiringWithinDays: 7,
            counts: noCounts,
          }),
        }),
      ],
    ]);
    expect(await screen.findByText(/No feature flags/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add flag' })).not.toBeInTheDocument();
  });

  it('says when the flags could not be loaded', async () => {
    await renderPage(<FeatureFlagsCard train={winterTrainDetail} />, [
      [
        releaseCoordinationApiRef,
        fakeApi({
          listFeatureFlags: async () => {
            throw new Error('The backend is not reachable');
          },
        }),
      ],
    ]);
    expect(await screen.findByText(/Could not load the feature flags/)).toBeInTheDocument();
  });
});
