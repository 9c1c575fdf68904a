import { expect, test } from '@playwright/test';
import { screenshot, signInAs, waitForDemoUser } from './portal';

test.beforeAll(async () => {
  await waitForDemoUser('alice');
});

test('an engineer signs in and opens a service of the demo organisation', async ({ page }) => {
  await signInAs(page, 'Alice');

  // The catalog is the home page and lists the demo organisation's components.
  await expect(page.getByRole('link', { name: 'checkout-api' }).first()).toBeVisible();

  await page.goto('/catalog/default/component/checkout-api');
  await expect(page.getByRole('heading', { name: 'checkout-api' }).first()).toBeVisible();
  await expect(page.getByText('team-checkout').first()).toBeVisible();
  await expect(page.getByText(/Orchestrates checkout/)).toBeVisible();
  // The relations graph draws the APIs it provides and consumes.
  await expect(page.getByText('auth-api').first()).toBeVisible();
  await screenshot(page, 'foundation-component');

  await page.goto('/release-coordination');
  // The trains list, or its empty state on a fresh demo database.
  await expect(page.getByText(/No release trains yet|Release trains \(\d+\)/)).toBeVisible();
  await screenshot(page, 'foundation-release-coordination');
});
