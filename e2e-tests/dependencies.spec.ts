import { expect, test } from '@playwright/test';
import {
  openEntityTab,
  screenshot,
  signInAs,
  waitForDemoUser,
  waitForDependencyGraph,
} from './portal';

test.beforeAll(async () => {
  await waitForDemoUser('alice');
  await waitForDependencyGraph();
});

test('an engineer sees what a service depends on, who owns those, what depends on it, and the deployment order', async ({
  page,
}) => {
  await signInAs(page, 'Alice');
  await page.goto('/catalog/default/component/checkout-api');
  await openEntityTab(page, 'Dependency matrix');

  // Upstream: derived from dependsOn and from the APIs checkout-api consumes.
  const upstream = page.locator('table', { hasText: 'auth-service' }).first();
  await expect(page.getByText(/Depends on \(upstream\): \d+/)).toBeVisible();
  const paymentGateway = upstream.locator('tr', { hasText: 'payment-gateway' });
  await expect(paymentGateway.getByRole('link', { name: 'Payments Core' })).toBeVisible();
  await expect(paymentGateway.getByRole('link', { name: 'payment-api' })).toBeVisible();
  await expect(paymentGateway.getByText('Cross-team')).toBeVisible();

  // Downstream: who breaks when checkout-api does.
  await expect(page.getByText(/Depended on by \(downstream\): \d+/)).toBeVisible();
  await expect(page.getByRole('link', { name: 'storefront-web' }).first()).toBeVisible();

  // Deployment order: providers first; the fraud-scorer / payment-gateway cycle is flagged.
  await expect(page.getByText('Deployment order')).toBeVisible();
  await expect(page.getByText('Wave 1', { exact: true })).toBeVisible();
  await expect(page.getByText(/Cycle: no order can satisfy these dependencies/).first()).toBeVisible();
  await screenshot(page, 'dependencies-checkout-api');

  // The seeded cycle, from one of its members.
  await page.goto('/catalog/default/component/pricing-service/dependency-matrix');
  await expect(page.getByText('Dependency cycle').first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'promotions-service' }).first()).toBeVisible();
  await screenshot(page, 'dependencies-pricing-service-cycle');

  // A team's matrix, drilled down to the edges behind one cell.
  await page.goto('/catalog/default/group/team-checkout/dependency-matrix');
  await expect(page.getByText('Team dependency matrix')).toBeVisible();
  await page.getByRole('button', { name: /depends on .*payments/i }).first().click();
  await expect(page.getByRole('link', { name: 'payment-gateway' }).first()).toBeVisible();
  await screenshot(page, 'dependencies-team-checkout-matrix');

  // Ownership: who to ask, and the component whose team no longer exists.
  await page.goto('/catalog/default/component/payment-gateway/ownership');
  await expect(page.getByText('Escalation path')).toBeVisible();
  await expect(page.getByRole('link', { name: /Bob/ }).first()).toBeVisible();
  await screenshot(page, 'ownership-payment-gateway');
  await page.goto('/catalog/default/component/legacy-reporting/ownership');
  await expect(page.getByText(/team-legacy-reports is not in the catalog/)).toBeVisible();
});
