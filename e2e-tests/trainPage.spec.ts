import { expect, Locator, Page, test } from '@playwright/test';
import {
  openTrainTab,
  screenshot,
  screenshotOf,
  signInAs,
  waitForDemoUser,
} from './portal';

/**
 * A train of the demo history (seeded on the first start): released, with deployments, a
 * rollback plan per participant, a retrospective and a long decision log.
 */
const DEMO_TRAIN = 'Train 16: Stock-aware search and multi-currency, take two';

/** A participant of the demo train, whose service page shows it on its release-train card. */
const PARTICIPANT_PAGE = '/catalog/default/component/catalog-service';

/** Each tab of the train page, its id in the URL, and a section only it shows. */
const TABS: Array<{
  name: string;
  id?: string;
  shows: (panel: Locator) => Locator;
}> = [
  {
    name: 'Overview',
    shows: panel => panel.getByRole('table', { name: 'Gates board' }),
  },
  {
    name: 'Deployments',
    id: 'deployments',
    shows: panel => panel.getByText('Deployment waves', { exact: true }),
  },
  {
    name: 'Rollback & flags',
    id: 'rollback',
    shows: panel => panel.getByRole('table', { name: 'Rollback readiness' }),
  },
  {
    name: 'Retrospective',
    id: 'retrospective',
    shows: panel => panel.getByText(/^Action items \(\d+\)$/),
  },
  {
    name: 'Decision log',
    id: 'decision-log',
    shows: panel =>
      panel.getByRole('cell', { name: 'stage.advanced', exact: true }).first(),
  },
];

/** The page is no wider than the window: nothing makes a person scroll sideways. */
async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
}

/** The gates board's card: its title and the board. */
function gatesCard(page: Page) {
  return page
    .getByRole('table', { name: 'Gates board' })
    .locator('xpath=ancestor::div[contains(@class, "MuiCard-root")][1]');
}

test.beforeAll(async () => {
  await waitForDemoUser('alice');
});

test('a demo train in tabs: every tab opens, the URL keeps it, the overview fits the window', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signInAs(page, 'Alice');
  await page.goto('/release-coordination');
  await page.getByRole('link', { name: DEMO_TRAIN }).first().click();
  await expect(page.getByRole('heading', { name: DEMO_TRAIN })).toBeVisible();
  const trainPath = new URL(page.url()).pathname;

  // The overview is where a link without a tab lands.
  await expect(page.getByRole('tab', { name: 'Overview' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  const panel = page.getByRole('tabpanel');
  for (const { name, id, shows } of TABS) {
    await openTrainTab(page, name);
    await expect(shows(panel)).toBeVisible();
    if (id) await expect(page).toHaveURL(new RegExp(`\\?tab=${id}$`));
    else expect(new URL(page.url()).search).toBe('');
    await expectNoSidewaysScroll(page);
    await screenshot(page, `train-page-tab-${id ?? 'overview'}`);
  }

  // A reload keeps the tab, and the back button returns to the one before.
  await page.reload();
  await expect(page.getByRole('tab', { name: 'Decision log' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(TABS[4].shows(panel)).toBeVisible();
  await page.goBack();
  await expect(
    page.getByRole('tab', { name: 'Retrospective' }),
  ).toHaveAttribute('aria-selected', 'true');
  await expect(page).toHaveURL(/\?tab=retrospective$/);

  // The overview and its gates board, on a laptop and on a large screen.
  await page.goto(trainPath);
  for (const { width, height } of [
    { width: 1280, height: 800 },
    { width: 1920, height: 1080 },
  ]) {
    await page.setViewportSize({ width, height });
    await expect(gatesCard(page)).toBeVisible();
    await expectNoSidewaysScroll(page);
    // Every stage's column is readable without scrolling the board sideways either.
    const board = page.getByRole('table', { name: 'Gates board' });
    const { tableWidth, shownWidth } = await board.evaluate(table => ({
      tableWidth: table.scrollWidth,
      shownWidth: table.parentElement!.clientWidth,
    }));
    expect(tableWidth).toBeLessThanOrEqual(shownWidth);
    await screenshot(page, `train-page-overview-${width}`);
    await screenshotOf(gatesCard(page), `train-page-gates-${width}`);
  }
});

test("a service page's release-train card leads to the train's overview", async ({
  page,
}) => {
  await signInAs(page, 'Alice');
  await page.goto(PARTICIPANT_PAGE);
  // The card names the service's active train, or the last one it shipped with.
  const card = page
    .getByText('Release train', { exact: true })
    .locator('xpath=ancestor::div[contains(@class, "MuiCard-root")][1]');
  await expect(card).toBeVisible();
  const train = card.getByRole('link', { name: /Train|release|\d/i }).first();
  await expect(train).toBeVisible();
  await screenshotOf(card, 'train-page-entity-card');
  const name = await train.textContent();
  await train.click();
  await expect(page).toHaveURL(/\/release-coordination\/trains\/[^?]+$/);
  await expect(page.getByRole('heading', { name: name! })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Overview' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(page.getByRole('table', { name: 'Gates board' })).toBeVisible();
});
