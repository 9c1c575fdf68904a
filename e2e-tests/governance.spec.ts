import { expect, test } from '@playwright/test';
import { BACKEND, screenshot, signInAs, tokenOf, waitForDemoUser, waitForDependencyGraph } from './portal';

const API = `${BACKEND}/api/release-coordination`;

test.beforeAll(async () => {
  await waitForDemoUser('dave');
  await waitForDependencyGraph();
});

test("an owner's approval cannot be bypassed: Dave's own train still waits for the payments team", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const trainName = `Shortcut ${Date.now().toString(36)}`;

  // Dave, of team-search, creates a train with the payments team's gateway, as its ambassador.
  await signInAs(page, 'Dave');
  await page.goto('/release-coordination');
  await page.getByRole('button', { name: /New (release )?train/i }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill(trainName);
  await dialog.getByLabel('Objective').fill('Ship the gateway without asking anyone');
  await dialog.getByLabel('Components').fill('payment-gateway');
  await page.getByRole('option', { name: /component:default\/payment-gateway\b/ }).click();
  await dialog.getByLabel('Target version of component:default/payment-gateway').fill('9.9.9');
  await dialog.getByRole('button', { name: 'Create train' }).click();
  await expect(page.getByRole('table', { name: 'Gates board' })).toBeVisible();
  const trainId = page.url().split('/trains/')[1].split(/[?#/]/)[0];

  // The payments team's approval: Dave may neither decide it nor waive it, and is told who can.
  await page
    .getByRole('table', { name: 'Gates board' })
    .getByRole('row', { name: /payment-gateway/ })
    .getByRole('button', { name: /^Participation confirmed/ })
    .click();
  const gateDialog = page.getByRole('dialog');
  await expect(
    gateDialog.getByText('Only members of team-payments-core can approve or reject this gate.'),
  ).toBeVisible();
  await expect(
    gateDialog.getByText(/decided by members of team-payments-core; only a release manager can waive it/),
  ).toBeVisible();
  await expect(gateDialog.getByRole('button', { name: /^(Approve|Waive)$/ })).toHaveCount(0);
  await page.waitForTimeout(500);
  await screenshot(page, 'governance-1-dave-refused', { fullPage: false });
  await gateDialog.getByRole('button', { name: 'Close' }).click();

  // What the page does not offer, the API refuses too: no waiver, no approval ...
  const headers = {
    Authorization: `Bearer ${await tokenOf('dave')}`,
    'Content-Type': 'application/json',
  };
  const train = await (await fetch(`${API}/trains/${trainId}`, { headers })).json();
  const gate = train.gates.find(
    (g: any) => g.kind === 'approval' && g.participantRef === 'component:default/payment-gateway',
  );
  const until = new Date(Date.now() + 3 * 24 * 3600 * 1000).toISOString();
  const waived = await fetch(`${API}/gates/${gate.id}/waive`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ reason: 'I am the ambassador', until }),
  });
  expect(waived.status).toBe(403);
  expect((await waived.json()).error.message).toMatch(/team-payments-core/);
  const approved = await fetch(`${API}/gates/${gate.id}/approve`, {
    method: 'POST',
    headers,
    body: JSON.stringify({}),
  });
  expect(approved.status).toBe(403);

  // ... and the train does not move while the owners have not agreed.
  await page.getByRole('button', { name: 'Advance to Integration' }).click();
  await expect(
    page.getByText(/Participation confirmed/).filter({ hasText: /payment-gateway|block/i }).first(),
  ).toBeVisible();
  await screenshot(page, 'governance-2-advance-blocked');
  const after = await (await fetch(`${API}/trains/${trainId}`, { headers })).json();
  expect(after.currentStage).toBe('planning');
});

test('reads follow the catalog: PCI-scoped card-vault is counted, never named, for people outside its team', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const TRAIN = 'Train 14: Saved cards at checkout';

  // Alice (team-checkout) may not read card-vault in the catalog: the train she opens counts it.
  const alice = await (await browser.newContext()).newPage();
  await signInAs(alice, 'Alice');
  await alice.goto('/release-coordination');
  await alice.getByRole('link', { name: TRAIN }).first().click();
  await expect(alice.getByRole('heading', { name: TRAIN })).toBeVisible();
  await expect(alice.getByText(/1 participant .*you cannot see in the catalog/).first()).toBeVisible();
  await expect(alice.getByRole('link', { name: 'card-vault' })).toHaveCount(0);
  const trainPath = new URL(alice.url()).pathname;
  await screenshot(alice, 'governance-3-pci-hidden');
  // The catalog itself answers her as for an entity that does not exist.
  const seen = await fetch(`${BACKEND}/api/catalog/entities/by-name/component/default/card-vault`, {
    headers: { Authorization: `Bearer ${await tokenOf('alice')}` },
  });
  expect(seen.status).toBe(404);

  // Bob, of card-vault's own team, sees it in the same train.
  const bob = await (await browser.newContext()).newPage();
  await signInAs(bob, 'Bob');
  await bob.goto(trainPath);
  await expect(bob.getByRole('heading', { name: TRAIN })).toBeVisible();
  await expect(bob.getByRole('link', { name: 'card-vault' }).first()).toBeVisible();
  await expect(bob.getByText(/you cannot see in the catalog/)).toHaveCount(0);
});
