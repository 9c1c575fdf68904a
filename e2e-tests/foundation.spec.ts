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
  await screenshot(page, 'foundation-component');

  await page.goto('/release-coordination');
  await expect(page.getByText('Release trains').first()).toBeVisible();
  await screenshot(page, 'foundation-release-coordination');
});
