import { expect, test } from '@playwright/test';
import {
  BACKEND,
  openTrainTab,
  screenshot,
  screenshotOf,
  signInAs,
  tokenOf,
  waitForDemoUser,
  waitForDependencyGraph,
} from './portal';

const API = `${BACKEND}/api/release-coordination`;
const DAY = 86_400_000;
/** Midnight UTC, `days` from today. */
const day = (days: number) =>
  new Date(Math.floor(Date.now() / DAY) * DAY + days * DAY).toISOString();
const window = (start: number, end: number) => ({
  start: day(start),
  end: day(end),
});
/** Names of this run only: a retried run meets no train of the failed one. */
const RUN = Date.now().toString(36).slice(-5);

/** What a person does through the API: another browser or their own script. */
async function asPerson(
  user: string,
  method: string,
  path: string,
  body?: object,
) {
  const response = await fetch(`${API}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${await tokenOf(user)}`,
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok)
    throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** A train whose deployment runs from day `deploys[0]` to day `deploys[1]` from now. */
function plannedTrain(
  name: string,
  ambassador: string,
  components: string[],
  deploys: [number, number],
) {
  return {
    name,
    objective: 'Ship multi-currency pricing',
    ambassadorRef: `user:default/${ambassador}`,
    stageWindows: {
      planning: window(1, 4),
      integration: window(4, 7),
      validation: window(7, deploys[0]),
      deployment: window(...deploys),
    },
    participants: components.map(name => ({
      entityRef: `component:default/${name}`,
      targetVersion: '4.2.0',
    })),
  };
}

/** What the journey made, to undo: each train with its ambassador, who may cancel it. */
const created: {
  trains: { id: string; ambassador: string }[];
  freezeId?: string;
} = { trains: [] };

test.beforeAll(async () => {
  await waitForDemoUser('alice');
  await waitForDependencyGraph();
});

test.afterAll(async () => {
  // Nothing of this journey stays active for the next ones.
  for (const { id, ambassador } of created.trains) {
    await asPerson(ambassador, 'POST', `/trains/${id}/cancel`, {
      reason: 'Calendar journey done',
    });
  }
  if (created.freezeId)
    await asPerson('carol', 'DELETE', `/freezes/${created.freezeId}`);
});

test('Alice sees on the calendar where two trains collide with each other and with a freeze, the risk they add, the standup and the runbook', async ({
  page,
}) => {
  // pricing-service (team-catalog) depends on currency-service (team-payments-core).
  const pricing = await asPerson(
    'alice',
    'POST',
    '/trains',
    plannedTrain(
      `Pricing ${RUN}`,
      'alice',
      ['pricing-service', 'currency-service'],
      [10, 12],
    ),
  );
  const currency = await asPerson(
    'carol',
    'POST',
    '/trains',
    plannedTrain(`Currency ${RUN}`, 'carol', ['currency-service'], [11, 13]),
  );
  created.trains.push(
    { id: pricing.id, ambassador: 'alice' },
    { id: currency.id, ambassador: 'carol' },
  );
  // The platform team declares a freeze of the payment-processing System over both deployments.
  const freeze = await asPerson('carol', 'POST', '/freezes', {
    startsAt: day(11),
    endsAt: day(12),
    reason: `Ledger migration ${RUN}`,
    scope: { kind: 'system', ref: 'system:default/payment-processing' },
  });
  created.freezeId = freeze.id;

  await signInAs(page, 'Alice');
  await page.goto('/release-coordination/calendar');
  const pricingRow = page.getByTestId(`calendar-row-Pricing ${RUN}`);
  await expect(pricingRow).toBeVisible();
  await expect(pricingRow.getByText('3 collisions')).toBeVisible();
  await expect(
    pricingRow.getByRole('img', {
      name: new RegExp(`^Deployment of Pricing ${RUN}`),
    }),
  ).toBeVisible();
  await expect(
    page.getByTestId(`calendar-row-Currency ${RUN}`).getByText('3 collisions'),
  ).toBeVisible();
  await expect(
    page.getByRole('img', {
      name: new RegExp(`^Change freeze: Ledger migration ${RUN}`),
    }),
  ).toBeVisible();

  // The collisions, with the owners to talk to.
  const collisions = page.getByRole('table').filter({ hasText: 'Talk to' });
  const dependent = collisions
    .getByRole('row')
    .filter({ hasText: 'Dependent deployments overlap' })
    .filter({ hasText: /pricing-service\s*depends on currency-service/ });
  await expect(dependent).toContainText(`in Currency ${RUN}`);
  // The owners by their catalog titles, and the other train's ambassador.
  await expect(
    dependent.getByRole('link', { name: 'Catalog', exact: true }),
  ).toHaveAttribute('href', '/catalog/default/group/team-catalog');
  await expect(
    dependent.getByRole('link', { name: 'Payments Core' }),
  ).toHaveAttribute('href', '/catalog/default/group/team-payments-core');
  await expect(
    dependent.getByRole('link', { name: 'Carol Jensen' }),
  ).toBeVisible();
  await expect(
    collisions
      .getByRole('row')
      .filter({ hasText: 'Deploys during a freeze' })
      .first(),
  ).toContainText(`Freeze: Ledger migration ${RUN}`);
  await screenshot(page, 'calendar-1-collisions', { fullPage: true });

  // Only the trains with a participant of team-catalog.
  await page
    .getByRole('textbox', { name: 'Team' })
    .fill('group:default/team-catalog');
  await page.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(page).toHaveURL(/team=group%3Adefault%2Fteam-catalog/);
  await expect(page.getByTestId(`calendar-row-Currency ${RUN}`)).toHaveCount(0);
  await expect(pricingRow).toBeVisible();

  // The train's own page lists its collisions on the overview.
  await pricingRow.getByRole('link', { name: `Pricing ${RUN}` }).click();
  const card = page
    .getByText('Collisions with other trains and freezes')
    .locator('xpath=ancestor::*[contains(@class, "MuiCard-root")][1]');
  await expect(
    card.getByRole('row').filter({ hasText: 'Same component in two trains' }),
  ).toContainText(`in Currency ${RUN}`);
  await screenshotOf(card, 'calendar-2-train-collisions');

  // Its risk score says what it is made of: the collisions and the freeze among the factors.
  const risk = page.getByRole('table', { name: 'Risk score' });
  await expect(
    risk.getByRole('row').filter({ hasText: 'Collisions' }),
  ).toContainText('3 collision(s) with other trains and freezes');
  await expect(
    risk.getByRole('row').filter({ hasText: 'Freeze proximity' }),
  ).toContainText(
    `The deployment window crosses the freeze "Ledger migration ${RUN}"`,
  );
  await expect(
    risk.getByRole('row').filter({ hasText: 'Cross-team edges' }),
  ).toContainText(
    '1 dependency edge(s) between participants of different teams',
  );
  await screenshotOf(
    page
      .getByText('Risk score', { exact: true })
      .locator('xpath=ancestor::*[contains(@class, "MuiCard-root")][1]'),
    'calendar-3-risk',
  );

  // At the standup, each team sees what of it holds the train: new, as the train began today.
  await openTrainTab(page, 'Standup');
  const payments = page.getByTestId(
    'standup-team-group:default/team-payments-core',
  );
  await expect(payments.getByText(/^Holding the train \(\d+\)$/)).toBeVisible();
  await expect(
    payments.getByLabel('Began to hold the train since then').first(),
  ).toBeVisible();
  await expect(
    page.getByTestId('standup-team-group:default/team-catalog'),
  ).toBeVisible();
  await screenshot(page, 'calendar-4-standup', { fullPage: true });

  // The runbook: pricing-service deploys after currency-service, so it rolls back first.
  await openTrainTab(page, 'Rollback & flags');
  const steps = page.getByRole('table', {
    name: 'Rollback steps (last wave first)',
  });
  await expect(steps.getByRole('row').nth(1)).toContainText('pricing-service');
  await expect(steps.getByRole('row').nth(2)).toContainText('currency-service');
  const escalation = page.getByTestId(
    'escalation-component:default/currency-service',
  );
  await expect(
    escalation.getByRole('link', { name: 'Payments Core' }),
  ).toBeVisible();
  await expect(escalation).toContainText('escalate to');
  await expect(page.getByTestId('decision-tree-step')).toContainText(
    'Are users affected',
  );
  await page.getByRole('button', { name: 'Yes', exact: true }).click();
  await expect(page.getByTestId('decision-tree-step')).toContainText(
    'rollback criteria',
  );
  await screenshot(page, 'calendar-5-runbook', { fullPage: true });
});
