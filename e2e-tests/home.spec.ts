import { expect, test } from '@playwright/test';
import {
  BACKEND,
  screenshot,
  signInAs,
  tokenOf,
  waitForDemoUser,
} from './portal';

const API = `${BACKEND}/api/release-coordination`;
const TRAIN = `Home card ${Date.now()}`;

test.beforeAll(async () => {
  await waitForDemoUser('bob');
  await waitForDemoUser('alice');
  // Alice starts a train with payment-gateway: its owners, Bob's team, are asked to confirm.
  const response = await fetch(`${API}/trains`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${await tokenOf('alice')}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({
      name: TRAIN,
      objective: 'Show the gates waiting for a team on its home page',
      ambassadorRef: 'user:default/alice',
      participants: [
        {
          entityRef: 'component:default/payment-gateway',
          targetVersion: '9.1.0',
        },
      ],
    }),
  });
  expect(response.status).toBe(201);
});

test("an owner's home page lists the gates waiting for the team, each leading to its train", async ({
  page,
}) => {
  await signInAs(page, 'Bob');
  // The sidebar's item, not the logo (which leads to the catalog at /).
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .locator('a[href="/home"]')
    .click();
  await expect(page).toHaveURL(/\/home$/);

  // The widget the demo app places on the home page: Bob's team has gates of the demo trains.
  const waiting = page.getByRole('list', {
    name: 'Gates waiting for your teams',
  });
  await expect(waiting).toBeVisible();
  await expect(
    page.getByText(/^\d+ gates? waiting for your teams$/),
  ).toBeVisible();
  const gate = waiting.getByRole('link', { name: new RegExp(`· ${TRAIN}$`) });
  await expect(gate).toBeVisible();
  // Each gate links its participant and its approver team (by title) to the catalog.
  await expect(
    waiting.getByRole('link', { name: 'payment-gateway' }).first(),
  ).toHaveAttribute('href', '/catalog/default/component/payment-gateway');
  await expect(
    waiting.getByRole('link', { name: 'Payments Core' }).first(),
  ).toHaveAttribute('href', '/catalog/default/group/team-payments-core');
  await screenshot(page, 'home-1-my-approvals-card');

  // The gate's link opens its train on the plugin's trains tab.
  await gate.click();
  await expect(page).toHaveURL(/\/release-coordination\/trains\/[^/?]+$/);
  await expect(page.getByRole('table', { name: 'Gates board' })).toBeVisible();
  await expect(page.getByRole('heading', { name: TRAIN })).toBeVisible();
});
