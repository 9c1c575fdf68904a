import { expect, test } from '@playwright/test';
import {
  asPerson,
  openTrainTab,
  screenshot,
  screenshotOf,
  signInAs,
  waitForDemoUser,
  waitForDependencyGraph,
} from './portal';

const DAY = 86_400_000;
/** Midnight UTC, `days` from today. */
const day = (days: number) =>
  new Date(Math.floor(Date.now() / DAY) * DAY + days * DAY).toISOString();
/** Names of this run only: a retried run meets nothing of the failed one. */
const RUN = Date.now().toString(36).slice(-5);
const CADENCE = `Payments fortnightly ${RUN}`;
const PRICING = `Pricing ${RUN}`;

/** What the journey made, shared by its steps and undone at the end. */
const made: {
  cadenceId?: string;
  trainId?: string;
  pricingId?: string;
  freezeId?: string;
} = {};

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  await waitForDemoUser('alice');
  await waitForDependencyGraph();
  // Carol, a release manager, runs a fortnightly cadence of payments and platform teams: the
  // deployment of its first train falls on days 10 to 12. Bob, first on the roster, is on
  // leave that fortnight.
  const cadence = await asPerson('carol', 'POST', '/cadences', {
    name: CADENCE,
    intervalDays: 14,
    firstStart: day(1),
    stageOffsets: [
      { stage: 'planning', startDay: 0, endDay: 3 },
      { stage: 'integration', startDay: 3, endDay: 6 },
      { stage: 'validation', startDay: 6, endDay: 9 },
      { stage: 'deployment', startDay: 9, endDay: 11 },
    ],
    teamRefs: [
      'group:default/team-payments-core',
      'group:default/team-platform-infra',
      'group:default/team-checkout',
    ],
  });
  made.cadenceId = cadence.id;
  await asPerson('carol', 'PUT', `/cadences/${cadence.id}/roster`, {
    memberRefs: [
      'user:default/bob',
      'user:default/carol',
      'user:default/alice',
    ],
  });
  await asPerson('bob', 'POST', `/cadences/${cadence.id}/rotation`, {
    kind: 'skip',
    memberRef: 'user:default/bob',
    reason: 'On leave that fortnight',
  });
  // Alice's pricing train deploys currency-service at the same time, and the platform team
  // freezes the payment-processing System over part of it.
  const pricing = await asPerson('alice', 'POST', '/trains', {
    name: PRICING,
    objective: 'Ship multi-currency pricing',
    ambassadorRef: 'user:default/alice',
    stageWindows: {
      planning: { start: day(1), end: day(4) },
      integration: { start: day(4), end: day(7) },
      validation: { start: day(7), end: day(10) },
      deployment: { start: day(10), end: day(12) },
    },
    participants: ['pricing-service', 'currency-service'].map(name => ({
      entityRef: `component:default/${name}`,
      targetVersion: '4.2.0',
    })),
  });
  made.pricingId = pricing.id;
  const freeze = await asPerson('carol', 'POST', '/freezes', {
    startsAt: day(11),
    endsAt: day(12),
    reason: `Ledger migration ${RUN}`,
    scope: { kind: 'system', ref: 'system:default/payment-processing' },
  });
  made.freezeId = freeze.id;
});

test.afterAll(async () => {
  // Nothing of this journey stays active for the next ones.
  if (made.trainId)
    await asPerson('carol', 'POST', `/trains/${made.trainId}/cancel`, {
      reason: 'Rituals journey done',
    });
  if (made.pricingId)
    await asPerson('alice', 'POST', `/trains/${made.pricingId}/cancel`, {
      reason: 'Rituals journey done',
    });
  if (made.freezeId)
    await asPerson('carol', 'DELETE', `/freezes/${made.freezeId}`);
});

test('Alice creates the next train of the cadence, pre-filled, and sees its collisions, the freeze and its risk', async ({
  page,
}) => {
  await signInAs(page, 'Alice');
  await page.goto('/release-coordination/calendar');
  await expect(page.getByTestId(`calendar-row-${PRICING}`)).toBeVisible();

  // The cadence's next train: its windows, and Carol, as Bob skips this one.
  await page.goto('/release-coordination/cadences');
  await page.getByRole('link', { name: CADENCE }).click();
  const next = page
    .getByText('Next train', { exact: true })
    .locator('xpath=ancestor::*[contains(@class, "MuiCard-root")][1]');
  await expect(next).toContainText(`${CADENCE} #1`);
  await expect(next.getByRole('link', { name: 'Carol Jensen' })).toBeVisible();
  await expect(next).toContainText('user:default/bob skip(s) this one');
  await expect(
    next
      .getByRole('table', { name: 'Stage windows of the next train' })
      .getByRole('row'),
  ).toHaveCount(5);
  await screenshot(page, 'rituals-1-cadence');

  await next.getByRole('button', { name: 'Create next train' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByLabel(/^Name/)).toHaveValue(`${CADENCE} #1`);
  await expect(dialog.getByLabel(/^Ambassador/)).toHaveValue(
    'user:default/carol',
  );
  await dialog
    .getByLabel(/^Objective/)
    .fill('Settle payouts in the payee currency');
  await dialog
    .getByLabel('Participant 1', { exact: true })
    .fill('component:default/currency-service');
  await dialog.getByLabel('Target version 1', { exact: true }).fill('7.1.0');
  await dialog.getByRole('button', { name: 'Add participant' }).click();
  await dialog
    .getByLabel('Participant 2', { exact: true })
    .fill('component:default/observability-lib');
  await dialog.getByLabel('Target version 2', { exact: true }).fill('3.0.0');
  await screenshot(page, 'rituals-2-create-next-train', { fullPage: false });
  await dialog.getByRole('button', { name: 'Create train' }).click();

  // The train's page: it collides with the pricing train and with the freeze.
  await expect(
    page.getByRole('heading', { name: `${CADENCE} #1` }),
  ).toBeVisible();
  made.trainId = page.url().match(/trains\/([0-9a-f-]{36})/)![1];
  await expect(page.getByText('Cadence train #1')).toBeVisible();
  const collisions = page
    .getByText('Collisions with other trains and freezes')
    .locator('xpath=ancestor::*[contains(@class, "MuiCard-root")][1]');
  await expect(
    collisions
      .getByRole('row')
      .filter({ hasText: 'Same component in two trains' }),
  ).toContainText(`in ${PRICING}`);
  await expect(
    collisions
      .getByRole('row')
      .filter({ hasText: 'Deploys during a freeze' })
      .first(),
  ).toContainText(`Ledger migration ${RUN}`);
  await screenshotOf(collisions, 'rituals-3-collisions');
  const risk = page.getByRole('table', { name: 'Risk score' });
  await expect(
    risk.getByRole('row').filter({ hasText: 'Collisions' }),
  ).toContainText('collision(s) with other trains and freezes');
  await expect(
    risk.getByRole('row').filter({ hasText: 'Freeze proximity' }),
  ).toContainText(`Ledger migration ${RUN}`);
  await screenshotOf(
    page
      .getByText('Risk score', { exact: true })
      .locator('xpath=ancestor::*[contains(@class, "MuiCard-root")][1]'),
    'rituals-4-risk',
  );
});

test("Carol holds the review: Bob's team and hers sign off, one risk registered", async ({
  page,
}) => {
  // Bob signs off for Payments Core from his own browser.
  const asBob = await asPerson('bob', 'GET', `/trains/${made.trainId}/review`);
  const payments = asBob.teams.find(
    (t: { teamRef: string }) =>
      t.teamRef === 'group:default/team-payments-core',
  );
  expect(payments.canSignOff).toBe(true);
  await asPerson('bob', 'POST', `/trains/${made.trainId}/review/sign-offs`, {
    teamRef: payments.teamRef,
    comment: 'Currency rollback rehearsed',
  });

  await signInAs(page, 'Carol');
  await page.goto(`/release-coordination/trains/${made.trainId}`);
  await openTrainTab(page, 'Review');
  await expect(page.getByRole('heading', { name: 'Agenda' })).toBeVisible();
  await expect(page.getByText('Review not held')).toBeVisible();

  await page.getByRole('button', { name: 'Register risk' }).click();
  const dialog = page.getByRole('dialog', { name: 'Register a risk' });
  await dialog
    .getByRole('textbox', { name: /^Risk/ })
    .fill('Freeze leaves no slot to roll currency-service back');
  await dialog
    .getByRole('textbox', { name: /^Owner/ })
    .fill('group:default/team-payments-core');
  await dialog
    .getByRole('textbox', { name: /^Mitigation/ })
    .fill('Deploy currency-service on day 10, before the freeze');
  await dialog.getByRole('button', { name: 'Register' }).click();
  await expect(dialog).toBeHidden();
  await expect(
    page.getByRole('table', { name: 'Registered risks' }).getByRole('row'),
  ).toHaveCount(2);

  const platform = page.getByTestId(
    'review-team-group:default/team-platform-infra',
  );
  await platform.getByRole('button', { name: 'Sign off' }).click();
  await page.getByRole('button', { name: 'Confirm sign-off' }).click();
  await expect(page.getByText('Review held', { exact: true })).toBeVisible();
  await expect(
    page.getByTestId('review-team-group:default/team-payments-core'),
  ).toContainText('Signed off');
  await screenshot(page, 'rituals-5-review');
});

test('At the standup Alice sees the gate that began to hold the train; the runbook rolls back the last wave first', async ({
  page,
}) => {
  await signInAs(page, 'Alice');
  await page.goto(`/release-coordination/trains/${made.trainId}`);
  await openTrainTab(page, 'Standup');
  const payments = page.getByTestId(
    'standup-team-group:default/team-payments-core',
  );
  await expect(payments.getByText(/^Holding the train \(\d+\)$/)).toBeVisible();
  await expect(
    payments.getByLabel('Began to hold the train since then').first(),
  ).toBeVisible();
  await expect(payments).toContainText(
    'Participation confirmed by the owning team',
  );
  await screenshot(page, 'rituals-6-standup');

  // currency-service deploys after observability-lib, so it rolls back first.
  await openTrainTab(page, 'Rollback & flags');
  const steps = page.getByRole('table', {
    name: 'Rollback steps (last wave first)',
  });
  await expect(steps.getByRole('row').nth(1)).toContainText('currency-service');
  await expect(steps.getByRole('row').nth(2)).toContainText(
    'observability-lib',
  );
  const escalation = page.getByTestId(
    'escalation-component:default/currency-service',
  );
  await expect(
    escalation.getByRole('link', { name: 'Payments Core' }),
  ).toBeVisible();
  await screenshot(page, 'rituals-7-runbook');
});
