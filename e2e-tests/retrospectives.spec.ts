import { expect, Page, test } from '@playwright/test';
import {
  BACKEND,
  openTrainTab,
  screenshot,
  signInAs,
  tokenOf,
  waitForDemoUser,
  waitForDependencyGraph,
} from './portal';

const API = `${BACKEND}/api/release-coordination`;

/**
 * The components of this journey, used by no other one: a component of team-storefront, whose
 * lessons carry over to the next train, and one of Alice's own team-checkout.
 */
const STOREFRONT_COMPONENT = 'component:default/mobile-bff';
const STOREFRONT_TEAM = 'group:default/team-storefront';
const CHECKOUT_COMPONENT = 'component:default/tax-service';

/** Every train of this journey is named so, which tells its leftovers from the demo's. */
const TRAIN_PREFIX = 'Mobile storefront';

const LESSONS_GATE = 'Action items of earlier trains closed';

/** A date input's value, `days` from today. */
function dayFromNow(days: number): string {
  const date = new Date(Date.now() + days * 24 * 3600 * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

async function api(userName: string, path: string, init: RequestInit = {}) {
  const response = await fetch(`${API}${path}`, {
    ...init,
    headers: {
      Authorization: `Bearer ${await tokenOf(userName)}`,
      'Content-Type': 'application/json',
      ...init.headers,
    },
  });
  const body = response.status === 204 ? undefined : await response.json();
  if (!response.ok) {
    throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${JSON.stringify(body)}`);
  }
  return body;
}

type ActionItem = { id: string; title: string; trainName: string; ownerRef: string; version: number };

async function openActionItemsOwnedBy(ownerRef: string): Promise<ActionItem[]> {
  const query = new URLSearchParams({ ownerRef, status: 'open', limit: '500' });
  return (await api('alice', `/action-items?${query}`)).items;
}

/**
 * A run stopped halfway leaves its items open, and they would keep the next run's lessons gate
 * failed: Alice, the ambassador of those trains, drops them. Items of anyone else's trains
 * (the demo history's) are left alone, and none may concern the storefront component, or the
 * gate could never pass here.
 */
async function dropLeftoversOfEarlierRuns() {
  for (const ownerRef of [STOREFRONT_TEAM, STOREFRONT_COMPONENT, CHECKOUT_COMPONENT]) {
    for (const item of await openActionItemsOwnedBy(ownerRef)) {
      if (!item.trainName.startsWith(`${TRAIN_PREFIX} `)) {
        throw new Error(
          `'${item.title}' of '${item.trainName}' is open and concerns ${ownerRef}: ` +
            'the lessons gate of this journey could not pass',
        );
      }
      await api('alice', `/action-items/${item.id}`, {
        method: 'PATCH',
        body: JSON.stringify({
          status: 'dropped',
          comment: 'Left open by an interrupted run of the browser journey',
          expectedVersion: item.version,
        }),
      });
    }
  }
}

/** Alice creates a train on the trains page and lands on its page; gives its id. */
async function createTrain(
  page: Page,
  name: string,
  objective: string,
  components: Array<{ ref: string; version: string }>,
): Promise<string> {
  await page.goto('/release-coordination');
  await page.getByRole('button', { name: /New (release )?train/i }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByLabel('Objective').fill(objective);
  for (const { ref, version } of components) {
    await dialog.getByLabel('Components').fill(ref.split('/')[1]);
    await page.getByRole('option', { name: new RegExp(`${ref}\\b`) }).click();
    await dialog.getByLabel(`Target version of ${ref}`).fill(version);
  }
  await dialog.getByRole('button', { name: 'Create train' }).click();
  await expect(page.getByRole('table', { name: 'Gates board' })).toBeVisible();
  return page.url().split('/trains/')[1].split(/[?#/]/)[0];
}

/** The owning team's member confirms a participant's participation, as from their approvals. */
async function confirmParticipation(trainId: string, participantRef: string, member: string) {
  const train = await api(member, `/trains/${trainId}`);
  const gate = train.gates.find(
    (g: any) => g.participantRef === participantRef && g.kind === 'approval' && g.stage === 'planning',
  );
  await api(member, `/gates/${gate.id}/approve`, {
    method: 'POST',
    body: JSON.stringify({ comment: `${participantRef.split('/')[1]} takes part` }),
  });
}

function gateButton(page: Page, participant: string, gateTitle: string) {
  return page
    .getByRole('table', { name: 'Gates board' })
    .getByRole('row', { name: new RegExp(participant) })
    .getByRole('button', { name: new RegExp(`^${gateTitle}`) });
}

/** Adds a note to a column of the retrospective board. */
async function addNote(page: Page, column: 'what went well' | 'what to improve', text: string) {
  const field = page.getByLabel(`Add to ${column}`);
  await field.fill(text);
  await page
    .locator('form')
    .filter({ has: field })
    .getByRole('button', { name: 'Add', exact: true })
    .click();
  await expect(page.getByText(text, { exact: true })).toBeVisible();
}

async function addActionItem(page: Page, title: string, ownerRef: string, due: string) {
  const form = page.getByRole('form', { name: 'New action item' });
  await form.getByLabel('Action item').fill(title);
  await form.getByLabel('Owner').fill(ownerRef);
  await form.getByLabel('Due').fill(due);
  await form.getByRole('button', { name: 'Add action item' }).click();
  await expect(page.getByRole('cell', { name: title })).toBeVisible();
}

test.beforeAll(async () => {
  await waitForDemoUser('alice');
  await waitForDependencyGraph();
  await waitForDemoUser('carol');
  await dropLeftoversOfEarlierRuns();
});

test("lessons carry over: a retro's open action item blocks the next train until it is closed", async ({
  page,
}) => {
  test.setTimeout(300_000);
  const run = Date.now().toString(36);
  const lesson = `Add contract tests for the mobile-bff review summary (${run})`;
  const ownLesson = `Rehearse the tax-service rollback in staging (${run})`;

  // Alice, ambassador of team-checkout, runs a train with a storefront component and one of
  // her own team's.
  await signInAs(page, 'Alice');
  const trainA = await createTrain(
    page,
    `${TRAIN_PREFIX} ${run}.1`,
    'Review summaries in the mobile app, with tax shown per line',
    [
      { ref: STOREFRONT_COMPONENT, version: '3.2.0' },
      { ref: CHECKOUT_COMPONENT, version: '1.8.0' },
    ],
  );

  // Its retrospective: what went well, what to improve, and two action items with owners and
  // due dates, one of them for the storefront component's owning team.
  await openTrainTab(page, 'Retrospective');
  await addNote(page, 'what went well', 'Contract tests caught the mobile-bff schema change early');
  await addNote(page, 'what to improve', 'The tax-service rollback was never rehearsed');
  await addActionItem(page, lesson, STOREFRONT_TEAM, dayFromNow(14));
  await addActionItem(page, ownLesson, CHECKOUT_COMPONENT, dayFromNow(30));
  const items = page.getByRole('table', { name: 'Action items (2)' });
  // The catalog shows team-storefront by its title.
  await expect(items.getByRole('row').filter({ hasText: lesson })).toContainText('Storefront');
  await screenshot(page, 'retrospectives-1-retro');

  // The next train with the same storefront component: its lessons gate holds the train in
  // planning while the item is open, even once the owning team confirmed participation.
  const trainB = await createTrain(
    page,
    `${TRAIN_PREFIX} ${run}.2`,
    'Review summaries in the mobile app, second step',
    [{ ref: STOREFRONT_COMPONENT, version: '3.3.0' }],
  );
  expect(trainB).not.toBe(trainA);
  await expect(gateButton(page, 'mobile-bff', LESSONS_GATE)).toBeVisible();
  await confirmParticipation(trainB, STOREFRONT_COMPONENT, 'rupert');
  await page.reload();
  await expect(gateButton(page, 'mobile-bff', 'Participation confirmed')).toHaveAccessibleName(
    /passed/,
  );

  const advance = await api('alice', `/trains/${trainB}/advance`, {
    method: 'POST',
    body: JSON.stringify({ expectedStage: 'planning' }),
  }).catch((error: Error) => error);
  expect(String(advance)).toMatch(/409/);
  expect(String(advance)).toContain(LESSONS_GATE);

  await page.getByRole('button', { name: 'Advance to Integration' }).click();
  await expect(page.getByRole('alert').filter({ hasText: LESSONS_GATE })).toBeVisible();
  await expect(gateButton(page, 'mobile-bff', LESSONS_GATE)).toHaveAccessibleName(/failed/);
  await screenshot(page, 'retrospectives-2-blocked');

  // The gate says which item, and from which train.
  await gateButton(page, 'mobile-bff', LESSONS_GATE).click();
  const gateDialog = page.getByRole('dialog');
  await expect(gateDialog.getByText(lesson, { exact: false })).toBeVisible();
  await page.waitForTimeout(500);
  await screenshot(page, 'retrospectives-3-gate-reason', { fullPage: false });
  await gateDialog.getByRole('button', { name: 'Close' }).click();

  // The item is carried over into this train's retrospective, where Alice, the ambassador of
  // the train that decided it, closes it as done.
  await openTrainTab(page, 'Retrospective');
  const carried = page.getByRole('table', { name: 'Carried over (1)' });
  // The train it comes from is linked on its Retrospective tab.
  await expect(carried.getByRole('link', { name: `${TRAIN_PREFIX} ${run}.1` })).toHaveAttribute(
    'href',
    `/release-coordination/trains/${trainA}?tab=retrospective`,
  );
  await carried.getByLabel(`Status of ${lesson}`).selectOption('done');
  await expect(page.getByText('Carried over (0)')).toBeVisible();

  // Now the gate passes and the train leaves planning.
  await openTrainTab(page, 'Overview');
  await page.getByRole('button', { name: 'Advance to Integration' }).click();
  await expect(page.getByRole('button', { name: 'Advance to Validation' })).toBeVisible();
  await expect(gateButton(page, 'mobile-bff', LESSONS_GATE)).toHaveAccessibleName(/passed/);
  await screenshot(page, 'retrospectives-4-advanced');

  // The decision logs tell it: this train's gate was evaluated and the stage advanced; the
  // train that decided the item records who closed it.
  await openTrainTab(page, 'Decision log');
  for (const action of ['gate.evaluated', 'stage.advanced']) {
    await expect(page.getByRole('cell', { name: action, exact: true }).first()).toBeVisible();
  }
  await page.goto(`/release-coordination/trains/${trainA}?tab=decision-log`);
  await expect(page.getByRole('cell', { name: 'action-item.updated', exact: true }).first()).toBeVisible();
  await openTrainTab(page, 'Retrospective');
  await expect(
    page.getByRole('table', { name: 'Action items (2)' }).getByLabel(`Status of ${lesson}`),
  ).toHaveValue('done');
});

test('a leader reads the scorecards: changes the period and drills into a team', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signInAs(page, 'Carol');
  // One sidebar item for the plugin; the scorecards are a tab of its page.
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Releases', exact: true })
    .click();
  await page.getByRole('tab', { name: 'Scorecards' }).click();
  await expect(page).toHaveURL(/\/release-coordination\/scorecards/);
  const period = page.getByLabel('Period');
  await expect(period).toBeVisible();
  await expect(page.getByRole('region', { name: 'Cycle time' })).toBeVisible();

  // The demo history spans about four months: half a year shows all of it.
  await period.selectOption('180d');
  await expect(page).toHaveURL(/period=180d/);
  await expect(page.getByText('Trend across trains')).toBeVisible();
  await expect(page.locator('.recharts-surface').first()).toBeVisible();
  await screenshot(page, 'retrospectives-5-scorecards');

  // Drill down to a department, then to a team of it.
  await page.getByRole('button', { name: 'Open the scorecard of commerce-dept' }).click();
  await expect(page).toHaveURL(/scope=team&ref=group%3Adefault%2Fcommerce-dept/);
  await page.getByRole('button', { name: 'Open the scorecard of team-storefront' }).click();
  await expect(page).toHaveURL(/ref=group%3Adefault%2Fteam-storefront/);
  const breadcrumbs = page.getByRole('navigation', { name: 'Scorecard scope' });
  await expect(breadcrumbs).toContainText('commerce-dept');
  // Teams are named by their catalog titles.
  await expect(breadcrumbs).toContainText('Storefront');
  await expect(page).toHaveURL(/period=180d/);

  // The team's own figures: a deployment frequency and a trend with its trains.
  const frequency = page.getByRole('region', { name: 'Deployment frequency' });
  await expect(frequency).toContainText(/\d/);
  await expect(page.getByText('Trend across trains')).toBeVisible();
  await expect(page.locator('.recharts-surface').first()).toBeVisible();
  await page.waitForTimeout(500);
  await screenshot(page, 'retrospectives-6-team-scorecard');
});

test("a service page's release words lead to the release dictionary", async ({ page }) => {
  await signInAs(page, 'Alice');
  // mobile-bff takes part in this journey's trains.
  await page.goto('/catalog/default/component/mobile-bff/release-trains');
  const wave = page.getByRole('link', { name: 'Deployment wave' }).first();
  await wave.hover();
  await expect(page.getByRole('tooltip')).toContainText('Deployment wave:');
  // Let the tooltip finish fading in before the picture is taken.
  await page.waitForTimeout(500);
  await screenshot(page, 'retrospectives-7-term-tooltip', { fullPage: false });
  await wave.click();
  await expect(page).toHaveURL(/\/release-coordination\/dictionary#term-deployment-wave$/);
  await expect(page.getByRole('region', { name: 'Deployment wave' })).toBeVisible();
  // The plugin's sidebar item is current, and on its page the dictionary's tab.
  const sidebar = page.getByRole('navigation', { name: 'sidebar nav' });
  await expect(
    sidebar.getByRole('link', { name: 'Releases', exact: true }),
  ).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('tab', { name: 'Release dictionary' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await screenshot(page, 'retrospectives-8-dictionary', { fullPage: false });
});
