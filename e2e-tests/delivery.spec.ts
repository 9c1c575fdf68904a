import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import {
  BACKEND,
  CI_TOKEN,
  openTrainTab,
  screenshot,
  screenshotOf,
  signInAs,
  tokenOf,
  waitForDemoUser,
  waitForDependencyGraph,
} from './portal';

const API = `${BACKEND}/api/release-coordination`;
const CHECKOUT_API = 'component:default/checkout-api';
const PAYMENT_GATEWAY = 'component:default/payment-gateway';
const CLI = join(
  __dirname,
  '..',
  'packages',
  'cli',
  'bin',
  'release-coordination',
);

/** The CLI as a pipeline step runs it: URL and token from the environment; its exit code. */
function cli(...args: string[]): { code: number; out: string; err: string } {
  const run = spawnSync(process.execPath, [CLI, ...args], {
    env: {
      ...process.env,
      RELEASE_COORDINATION_URL: BACKEND,
      RELEASE_COORDINATION_TOKEN: CI_TOKEN,
    },
  });
  return {
    code: run.status ?? -1,
    out: run.stdout.toString(),
    err: run.stderr.toString(),
  };
}

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
  const answer = await response.json();
  if (!response.ok)
    throw new Error(
      `${method} ${path}: ${response.status} ${JSON.stringify(answer)}`,
    );
  return answer;
}

/** CI's own reports the CLI has no command for (rollback rehearsals), with its token. */
async function asCi(path: string, body: object) {
  const response = await fetch(`${API}${path}`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${CI_TOKEN}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify(body),
  });
  expect(response.status, await response.clone().text()).toBeLessThan(300);
}

test.beforeAll(async () => {
  await waitForDemoUser('alice');
  await waitForDemoUser('bob');
  await waitForDependencyGraph();
});

test('a pipeline drives a train with the CLI; production waits for the owners; an incident is traced to the gateway', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const run = Date.now().toString(36);
  const gatewayVersion = `8.0.0-${run}`;
  const checkoutVersion = `9.0.0-${run}`;

  // Alice, of team-checkout, plans the train: checkout-api and the payment gateway it depends on.
  let train = await asPerson('alice', 'POST', '/trains', {
    name: `Card payments ${run}`,
    objective: 'Charge saved cards through the new gateway',
    ambassadorRef: 'user:default/alice',
    participants: [
      { entityRef: CHECKOUT_API, targetVersion: checkoutVersion },
      { entityRef: PAYMENT_GATEWAY, targetVersion: gatewayVersion },
    ],
  });

  // The pipeline asks before deploying: refused, with the reasons and who decides.
  const early = cli(
    'can-deploy',
    '--entity',
    PAYMENT_GATEWAY,
    '--version',
    gatewayVersion,
    '--environment',
    'production',
  );
  expect(early.code).toBe(1);
  expect(early.out).toContain(
    `not allowed: ${PAYMENT_GATEWAY} ${gatewayVersion} to production`,
  );
  expect(early.out).toMatch(/team-payments-core/);

  // The owners confirm their participation; Alice advances to integration.
  const approve = async (
    user: string,
    participantRef: string,
    templateId: string,
  ) => {
    train = await asPerson('alice', 'GET', `/trains/${train.id}`);
    const gate = train.gates.find(
      (g: any) =>
        g.templateId === templateId && g.participantRef === participantRef,
    );
    await asPerson(user, 'POST', `/gates/${gate.id}/approve`, {});
  };
  await approve('alice', CHECKOUT_API, 'planning-participation');
  await approve('bob', PAYMENT_GATEWAY, 'planning-participation');
  const advance = async (from: string) =>
    (train = await asPerson('alice', 'POST', `/trains/${train.id}/advance`, {
      expectedStage: from,
    }));
  await advance('planning');

  // Contract tests, checkout-api's against the gateway's release candidate: the
  // compatibility matrix's evidence.
  const check = (
    entity: string,
    version: string,
    name: string,
    ...more: string[]
  ) => {
    const result = cli(
      'report-check',
      '--entity',
      entity,
      '--version',
      version,
      '--check',
      name,
      '--status',
      'passed',
      '--key',
      `${run}-${entity}-${name}`,
      '--evidence-url',
      `https://ci.example.com/${run}/${name}`,
      ...more,
    );
    expect(result.code, result.err).toBe(0);
    return result.out;
  };
  expect(
    check(
      CHECKOUT_API,
      checkoutVersion,
      'contract-tests',
      '--against',
      `${PAYMENT_GATEWAY}@${gatewayVersion}`,
    ),
  ).toContain(`against ${PAYMENT_GATEWAY}@${gatewayVersion}`);
  check(PAYMENT_GATEWAY, gatewayVersion, 'contract-tests');
  await advance('integration');
  check(PAYMENT_GATEWAY, gatewayVersion, 'canary-analysis');
  check(CHECKOUT_API, checkoutVersion, 'canary-analysis');

  // Nothing reaches production without a rehearsed way back.
  for (const [participantRef, owner] of [
    [CHECKOUT_API, 'alice'],
    [PAYMENT_GATEWAY, 'bob'],
  ]) {
    await asPerson(
      owner,
      'PUT',
      `/trains/${train.id}/participants/${encodeURIComponent(participantRef)}/rollback-plan`,
      {
        criteria: 'Error rate above 2% for 5 minutes',
        procedureUrl: 'https://runbooks.example.com/rollback',
      },
    );
    await asCi('/rollback-drills', {
      entityRef: participantRef,
      result: 'passed',
      rehearsedAt: new Date(Date.now() - 3_600_000).toISOString(),
      evidenceUrl: `https://ci.example.com/${run}/drill`,
      idempotencyKey: `${run}-${participantRef}-drill`,
    });
  }
  // The joint release review: each owning team signs it off before deployment.
  for (const user of ['alice', 'bob']) {
    const review = await asPerson(user, 'GET', `/trains/${train.id}/review`);
    for (const team of review.teams.filter((t: any) => t.canSignOff)) {
      await asPerson(user, 'POST', `/trains/${train.id}/review/sign-offs`, {
        teamRef: team.teamRef,
      });
    }
  }
  await advance('validation');
  expect(train.currentStage).toBe('deployment');

  // Staging first, then production: the gateway's wave before checkout-api's.
  const deploy = (
    entity: string,
    version: string,
    environment: string,
    minutesAgo: number,
  ) => {
    const finished = new Date(Date.now() - minutesAgo * 60_000);
    const result = cli(
      'report-deployment',
      '--entity',
      entity,
      '--version',
      version,
      '--environment',
      environment,
      '--deployment-id',
      `${run}-${entity}-${environment}`,
      '--started-at',
      new Date(finished.getTime() - 5 * 60_000).toISOString(),
      '--result',
      'succeeded',
      '--finished-at',
      finished.toISOString(),
    );
    expect(result.code, result.err).toBe(0);
  };
  const beforeStaging = cli(
    'can-deploy',
    '--entity',
    PAYMENT_GATEWAY,
    '--version',
    gatewayVersion,
    '--environment',
    'production',
  );
  expect(beforeStaging.code).toBe(1);
  expect(beforeStaging.out).toMatch(/staging/);
  deploy(PAYMENT_GATEWAY, gatewayVersion, 'staging', 50);
  deploy(CHECKOUT_API, checkoutVersion, 'staging', 45);
  const allowed = cli(
    'can-deploy',
    '--entity',
    PAYMENT_GATEWAY,
    '--version',
    gatewayVersion,
    '--environment',
    'production',
  );
  expect(allowed.code, allowed.out).toBe(0);
  expect(allowed.out).toContain(
    `allowed: ${PAYMENT_GATEWAY} ${gatewayVersion} to production`,
  );
  deploy(PAYMENT_GATEWAY, gatewayVersion, 'production', 30);

  // Leading indicators of both components, from the same pipelines.
  for (const entity of [CHECKOUT_API, PAYMENT_GATEWAY]) {
    const reported = cli(
      'report-indicators',
      '--entity',
      entity,
      '--key',
      `${run}-${entity}`,
      '--merged',
      '12',
      '--reviewed',
      entity === CHECKOUT_API ? '12' : '9',
      '--tests-executed',
      '420',
      '--tests-passed',
      '417',
      '--tests-flaky',
      '3',
      '--merge-hours',
      '2,5.5,20',
    );
    expect(reported.code, reported.err).toBe(0);
  }

  // Checkout starts failing card payments 20 minutes after the gateway reached production.
  const incidentId = `INC-${run}`;
  const incident = cli(
    'report-incident',
    '--entity',
    CHECKOUT_API,
    '--id',
    incidentId,
    '--title',
    `Card payments fail at checkout (${incidentId})`,
    '--severity',
    'critical',
    '--started-at',
    new Date(Date.now() - 10 * 60_000).toISOString(),
    '--users-affected',
    '2500',
    '--impact-minutes',
    '10',
  );
  expect(incident.code, incident.err).toBe(0);

  // Bob, of the payments team, sees it on the train's Deployments tab, suggested as caused by
  // his deployment, and confirms it after reading why.
  await signInAs(page, 'Bob');
  await page.goto(`/release-coordination/trains/${train.id}`);
  await openTrainTab(page, 'Deployments');
  const environments = page.getByRole('table', { name: /Environment matrix/i });
  await expect(environments).toContainText(gatewayVersion);
  await expect(
    page.getByRole('table', { name: 'Compatibility matrix' }),
  ).toContainText('tested');
  const row = page
    .getByRole('table', { name: 'Incidents' })
    .getByRole('row', { name: new RegExp(incidentId) });
  await expect(row).toContainText('suggested');
  await expect(row).toContainText(`payment-gateway ${gatewayVersion}`);
  await screenshot(page, 'delivery-1-deployments-tab');

  await row.getByRole('button', { name: 'Review cause' }).click();
  const dialog = page.getByRole('dialog', { name: /What caused/ });
  const likeliest = dialog.getByRole('listitem').first();
  await expect(likeliest).toContainText(
    /checkout-api depends on payment-gateway \(checkout-api → payment-gateway, 1 hop\)/,
  );
  await expect(likeliest).toContainText(
    'finished 20 minutes before the incident started',
  );
  await page.waitForTimeout(300);
  await screenshot(page, 'delivery-2-candidates', { fullPage: false });
  await dialog
    .getByLabel(/Comment/)
    .fill('The new gateway rejects tokens of saved cards');
  await likeliest.getByRole('button', { name: 'Confirm as cause' }).click();
  await expect(likeliest.getByText('Confirmed cause')).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(row).toContainText('confirmed');

  const decided = await asPerson(
    'alice',
    'GET',
    `/incidents?trainId=${train.id}`,
  );
  expect(decided.items[0].attribution).toMatchObject({
    state: 'confirmed',
    decidedBy: 'user:default/bob',
    deployment: { participantRef: PAYMENT_GATEWAY, version: gatewayVersion },
  });
  const log = await asPerson(
    'alice',
    'GET',
    `/trains/${train.id}/decisions?limit=100`,
  );
  expect(log.items.map((d: any) => d.action)).toContain('incident.attributed');

  // The organisation's scorecard shows incident frequency and the leading indicators.
  await page.goto('/release-coordination/scorecards');
  for (const tile of [
    'Incident frequency',
    'Change failure rate (incident-based)',
    'Review coverage',
    'Test health',
    'Time to merge',
  ]) {
    await expect(page.getByRole('region', { name: tile })).toBeVisible();
  }
  await expect(
    page.getByRole('region', { name: 'Review coverage' }),
  ).not.toContainText('No data');
  await screenshotOf(
    page.getByRole('heading', { name: 'Leading indicators' }).locator('..'),
    'delivery-3-indicators',
  );
  await screenshot(page, 'delivery-4-scorecard');
});
