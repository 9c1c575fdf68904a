import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import {
  BACKEND,
  CI_TOKEN,
  openEntityTab,
  screenshot,
  signInAs,
  tokenOf,
  waitForDemoUser,
  waitForDependencyGraph,
} from './portal';

const API = `${BACKEND}/api/release-coordination`;
const CHECKOUT_API = 'component:default/checkout-api';
const CLI = join(__dirname, '..', 'packages', 'cli', 'bin', 'release-coordination');

/** The CLI as a pipeline step runs it: URL and token from the environment. */
function cli(...args: string[]): string {
  return execFileSync(process.execPath, [CLI, ...args], {
    env: {
      ...process.env,
      RELEASE_COORDINATION_URL: BACKEND,
      RELEASE_COORDINATION_TOKEN: CI_TOKEN,
    },
  }).toString();
}

test.beforeAll(async () => {
  await waitForDemoUser('bob');
  await waitForDependencyGraph();
});

test('an incident on checkout-api is attributed through the graph to the payment-gateway deployment, and its owner confirms it', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const headers = { Authorization: `Bearer ${await tokenOf('bob')}` };

  // Train 14 shipped payment-gateway 7.4.0 to production (the demo history); the incident
  // tool reports a new incident on checkout-api, which depends on it, 45 minutes later.
  const known = await (
    await fetch(`${API}/incidents?entityRef=${encodeURIComponent(CHECKOUT_API)}`, { headers })
  ).json();
  const shipped = known.items.find(
    (i: any) => i.attribution.deployment?.participantRef === 'component:default/payment-gateway',
  ).attribution.deployment;
  const startedAt = new Date(Date.parse(shipped.finishedAt) + 45 * 60_000).toISOString();
  // Unique per run: a portal started before keeps the incidents of earlier runs.
  const externalId = `INC-${Date.now().toString(36)}`;
  const title = `Checkout times out on card payments (${externalId})`;
  const out = cli(
    'report-incident',
    '--entity', CHECKOUT_API,
    '--id', externalId,
    '--title', title,
    '--severity', 'critical',
    '--source', 'pagerduty',
    '--started-at', startedAt,
    '--users-affected', '2500',
    '--impact-minutes', '30',
  );
  expect(out).toMatch(new RegExp(`^reported: incident ${externalId} on ${CHECKOUT_API}`));

  // Bob, of the payments team, finds it on checkout-api's Release trains tab, the likeliest
  // cause suggested: his team's deployment.
  await signInAs(page, 'Bob');
  await page.goto('/catalog/default/component/checkout-api');
  await openEntityTab(page, 'Release trains');
  const incidents = page.getByRole('table', { name: 'Incidents' });
  const row = incidents.getByRole('row', { name: new RegExp(externalId) });
  await expect(row).toContainText('suggested');
  await expect(row).toContainText('payment-gateway 7.4.0');
  await expect(row).toContainText('2,500 users × 30 min');
  await screenshot(page, 'incidents-1-entity-tab');

  // The candidate causes, with the reasoning; he confirms his team's deployment.
  await row.getByRole('button', { name: 'Review cause' }).click();
  const dialog = page.getByRole('dialog', { name: /What caused/ });
  const likeliest = dialog.getByRole('listitem').first();
  await expect(likeliest).toContainText('#1');
  await expect(likeliest).toContainText(
    /checkout-api depends on payment-gateway \(checkout-api → payment-gateway, 1 hop\)/,
  );
  await expect(likeliest).toContainText('finished 45 minutes before the incident started');
  await page.waitForTimeout(300);
  await screenshot(page, 'incidents-2-candidates', { fullPage: false });
  await dialog.getByLabel(/Comment/).fill('The new token format reached checkout before card-vault');
  await likeliest.getByRole('button', { name: 'Confirm as cause' }).click();
  await expect(likeliest.getByText('Confirmed cause')).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(row).toContainText('confirmed');

  // The API says the same, and the train's decision log has the decision.
  const after = await (
    await fetch(`${API}/incidents?entityRef=${encodeURIComponent(CHECKOUT_API)}`, { headers })
  ).json();
  const decided = after.items.find((i: any) => i.externalId === externalId);
  expect(decided.attribution).toMatchObject({
    state: 'confirmed',
    decidedBy: 'user:default/bob',
    deployment: { participantRef: 'component:default/payment-gateway', version: '7.4.0' },
  });

  // The organisation's scorecard counts it: incidents beside the delivery figures.
  await page.goto('/release-coordination/scorecards');
  await expect(page.getByRole('heading', { name: 'Incidents' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Incident frequency' })).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Change failure rate (incident-based)' }),
  ).toBeVisible();
  await screenshot(page, 'incidents-3-scorecard');
});
