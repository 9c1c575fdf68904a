import { expect, Page, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import {
  BACKEND,
  CI_TOKEN,
  openTrainTab,
  screenshot,
  signInAs,
  waitForDemoUser,
  waitForDependencyGraph,
} from './portal';

const API = `${BACKEND}/api/release-coordination`;

/** A signed-in demo user's token, for the steps of people other than the two on screen. */
async function tokenOf(userName: string): Promise<string> {
  const response = await fetch(`${BACKEND}/api/auth/demo/refresh`, {
    headers: { 'x-demo-user': userName },
  });
  return (await response.json()).backstageIdentity.token;
}

/** CI reports a check result exactly as the README tells pipelines to: curl and a token. */
function reportCheck(trainId: string, participantRef: string, status: 'passed' | 'failed') {
  const body = JSON.stringify({
    participantRef,
    checkName: 'contract-tests',
    status,
    evidenceUrl: `https://ci.example.com/runs/${trainId.slice(0, 8)}/${participantRef.split('/')[1]}`,
    idempotencyKey: `${trainId}-${participantRef}-contract-tests`,
  });
  const output = execFileSync('curl', [
    '-sS', '--fail-with-body', '-X', 'POST', `${API}/trains/${trainId}/checks`,
    '-H', `Authorization: Bearer ${CI_TOKEN}`,
    '-H', 'Content-Type: application/json',
    '-d', body,
  ]);
  return JSON.parse(output.toString());
}

function gateButton(page: Page, participant: string, gateTitle: string) {
  return page
    .getByRole('table', { name: 'Gates board' })
    .getByRole('row', { name: new RegExp(participant) })
    .getByRole('button', { name: new RegExp(`^${gateTitle}`) });
}

test.beforeAll(async () => {
  await waitForDemoUser('alice');
  await waitForDependencyGraph();
  await waitForDemoUser('bob');
});

test('a release crosses teams: create, approve, a failing check blocks, a waiver unblocks, the stage advances', async ({
  page,
  browser,
}) => {
  test.setTimeout(300_000);
  const trainName = `Winter release ${Date.now().toString(36)}`;

  // Alice, ambassador of team-checkout, creates a train with components of three teams.
  await signInAs(page, 'Alice');
  await page.goto('/release-coordination');
  await page.getByRole('button', { name: /New (release )?train/i }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill(trainName);
  await dialog.getByLabel('Objective').fill('One-click checkout for returning customers');
  for (const component of ['checkout-api', 'payment-gateway', 'search-api']) {
    await dialog.getByLabel('Components').fill(component);
    await page.getByRole('option', { name: new RegExp(`component:default/${component}\\b`) }).click();
    await dialog.getByLabel(`Target version of component:default/${component}`).fill('2.4.0');
  }
  await dialog.getByRole('button', { name: 'Create train' }).click();
  await expect(page.getByRole('table', { name: 'Gates board' })).toBeVisible();
  const trainId = page.url().split('/trains/')[1].split(/[?#/]/)[0];
  await screenshot(page, 'trains-1-created');

  // Each owning team confirms participation: Alice for checkout-api on the train page ...
  await gateButton(page, 'checkout-api', 'Participation confirmed').click();
  await page.getByRole('dialog').getByRole('button', { name: 'Approve' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  await expect(gateButton(page, 'checkout-api', 'Participation confirmed')).toHaveAccessibleName(/passed/);

  // ... Bob of team-payments-core from his approvals, where the gate waits for his team ...
  const bobContext = await browser.newContext();
  const bob = await bobContext.newPage();
  await signInAs(bob, 'Bob');
  await bob.goto('/release-coordination/approvals');
  await bob
    .getByRole('button', { name: new RegExp(`^Approve Participation confirmed .* of ${trainName}`) })
    .click();
  await expect(bob.getByRole('dialog').getByText('Evidence', { exact: false }).first()).toBeVisible();
  // Let the dialog finish fading in before the picture is taken.
  await bob.waitForTimeout(500);
  await screenshot(bob, 'trains-2-bob-evidence');
  await bob.getByRole('dialog').getByRole('button', { name: 'Approve' }).click();
  // Decided: the dialog closes and the gate leaves Bob's list.
  await expect(bob.getByRole('dialog')).toBeHidden();
  await expect(
    bob.getByRole('button', { name: new RegExp(`^Approve .* of ${trainName}`) }),
  ).toHaveCount(0);

  // ... and Dave of team-search through the API.
  const train = await (
    await fetch(`${API}/trains/${trainId}`, {
      headers: { Authorization: `Bearer ${await tokenOf('dave')}` },
    })
  ).json();
  const searchGate = train.gates.find(
    (gate: any) =>
      gate.participantRef === 'component:default/search-api' && gate.kind === 'approval',
  );
  const approved = await fetch(`${API}/gates/${searchGate.id}/approve`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${await tokenOf('dave')}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({ comment: 'search-api 2.4.0 is ready' }),
  });
  expect(approved.status).toBe(200);

  // Planning is done: Alice advances to integration.
  await page.reload();
  await page.getByRole('button', { name: 'Advance to Integration' }).click();
  await expect(page.getByRole('button', { name: 'Advance to Validation' })).toBeVisible();

  // CI reports contract tests: payment-gateway fails, which blocks the advance.
  expect(reportCheck(trainId, 'component:default/checkout-api', 'passed').status).toBe('passed');
  expect(reportCheck(trainId, 'component:default/search-api', 'passed').status).toBe('passed');
  expect(reportCheck(trainId, 'component:default/payment-gateway', 'failed').status).toBe('failed');
  // A retry of the same report changes nothing.
  reportCheck(trainId, 'component:default/payment-gateway', 'failed');
  await page.reload();
  await page.getByRole('button', { name: 'Advance to Validation' }).click();
  await expect(page.getByText(/Contract tests pass/).filter({ hasText: /payment-gateway|block/i }).first()).toBeVisible();
  await screenshot(page, 'trains-3-blocked');

  // Alice waives the failed check with a reason; the advance goes through.
  await gateButton(page, 'payment-gateway', 'Contract tests pass').click();
  const gateDialog = page.getByRole('dialog');
  await expect(gateDialog.getByRole('link', { name: /evidence/i }).first()).toBeVisible();
  await gateDialog.getByLabel('Reason for the waiver').fill(
    'Known flaky consumer contract; fixed in 2.4.1, tracked with the payments team',
  );
  const until = new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  await gateDialog.getByLabel('Waived until').fill(until);
  await gateDialog.getByRole('button', { name: 'Waive' }).last().click();
  await gateDialog.getByRole('button', { name: 'Close' }).click();
  await expect(gateButton(page, 'payment-gateway', 'Contract tests pass')).toHaveAccessibleName(/waived/);
  await page.getByRole('button', { name: 'Advance to Validation' }).click();
  await expect(page.getByRole('button', { name: 'Advance to Deployment' })).toBeVisible();

  // The decision log, in its tab, tells the story.
  await openTrainTab(page, 'Decision log');
  await expect(page).toHaveURL(/[?&]tab=decision-log/);
  await expect(page.getByRole('heading', { name: 'Decision log' })).toBeVisible();
  for (const action of [
    'train.created',
    'gate.approved',
    'check.reported',
    'gate.waived',
    'stage.advanced',
  ]) {
    await expect(page.getByRole('cell', { name: action, exact: true }).first()).toBeVisible();
  }
  // Gates are named as people know them: the waived one by its title and participant.
  await expect(
    page
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: 'gate.waived', exact: true }) })
      .getByText('Contract tests pass (component:default/payment-gateway)'),
  ).toBeVisible();
  await screenshot(page, 'trains-4-advanced');

  // The owner was notified: Bob's team had a gate waiting.
  await bob.goto('/notifications');
  await expect(bob.getByText(new RegExp(`${trainName}.*await`)).first()).toBeVisible();
  await screenshot(bob, 'trains-5-bob-notified');
  await bobContext.close();
});
