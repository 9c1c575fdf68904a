import { expect, Locator, Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const BACKEND = 'http://localhost:7007';
export const SCREENSHOTS = join(__dirname, '..', 'e2e-screenshots');

/**
 * Waits until the demo user can sign in, i.e. the catalog has ingested the demo organisation
 * (right after the first start, it is still processing examples/).
 */
export async function waitForDemoUser(userName: string, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${BACKEND}/api/auth/demo/refresh`, {
        headers: { 'x-demo-user': userName },
      });
      if (response.ok) return;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise(resolve => setTimeout(resolve, 2000));
  }
  throw new Error(`Demo user ${userName} could not sign in: ${last}`);
}

/** Signs in through the demo sign-in page as a person of the demo organisation. */
export async function signInAs(page: Page, displayName: string) {
  await page.goto('/');
  await page.getByRole('button', { name: `Sign in as ${displayName}` }).click();
  // The sidebar appears once the session is established.
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Releases', exact: true }),
  ).toBeVisible();
}

/**
 * A demo user's Backstage token, for the steps of people other than those on screen (as their
 * own scripts or another browser would act).
 */
export async function tokenOf(userName: string): Promise<string> {
  const response = await fetch(`${BACKEND}/api/auth/demo/refresh`, {
    headers: { 'x-demo-user': userName },
  });
  if (!response.ok) {
    throw new Error(`Demo user ${userName} could not sign in: ${response.status}`);
  }
  return (await response.json()).backstageIdentity.token;
}

/**
 * Saves what a person sees: the whole page, or only the viewport (e.g. for an open dialog,
 * whose backdrop covers the viewport only). A whole-page picture is taken from the top, or the
 * fixed sidebar would be drawn wherever the page was scrolled to.
 */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}) {
  const fullPage = options.fullPage ?? true;
  mkdirSync(SCREENSHOTS, { recursive: true });
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });
}

/**
 * Opens a tab of a train's page (Overview, Deployments, Rollback & flags, Retrospective,
 * Decision log), as a person clicks it.
 */
export async function openTrainTab(page: Page, name: string) {
  const tab = page.getByRole('tab', { name, exact: true });
  await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
}

/** Saves what one part of the page looks like, e.g. a card, at the size it is drawn. */
export async function screenshotOf(locator: Locator, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await locator.scrollIntoViewIfNeeded();
  await locator.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/** The demo portal's CI token (app-config.yaml), as a pipeline would hold it. */
export const CI_TOKEN = process.env.RELEASE_COORDINATION_CI_TOKEN ?? 'demo-ci-token-change-me';

/**
 * Waits until the dependency graph covers the whole demo organisation. Right after the first
 * start the catalog may still be ingesting when the graph is first derived; the scheduled
 * refresh (every minute in the demo) catches up. CI's token may read the snapshot but not ask
 * for a refresh: it is restricted to reporting.
 */
export async function waitForDependencyGraph(minNodes = 56, timeoutMs = 180_000) {
  const api = `${BACKEND}/api/release-coordination/dependencies`;
  const headers = { Authorization: `Bearer ${CI_TOKEN}` };
  const deadline = Date.now() + timeoutMs;
  let nodes = 0;
  while (Date.now() < deadline) {
    const response = await fetch(`${api}/snapshot`, { headers });
    if (response.ok) {
      nodes = (await response.json()).snapshot.nodeCount;
      if (nodes >= minNodes) return;
    }
    await new Promise(resolve => setTimeout(resolve, 3000));
  }
  throw new Error(`The dependency graph has ${nodes} nodes, expected at least ${minNodes}`);
}

/**
 * Opens one of the plugin's entity tabs (Release trains, Dependency matrix, Ownership). In the
 * new frontend system they sit in the entity page's Deployment group, a menu of its own.
 */
export async function openEntityTab(page: Page, name: string) {
  const direct = page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name, exact: true });
  const group = page.getByRole('button', { name: 'Deployment', exact: true });
  await expect(direct.or(group).first()).toBeVisible();
  if (await group.isVisible()) {
    await group.click();
    await page.getByRole('menuitemradio', { name, exact: true }).or(page.getByRole('link', { name, exact: true })).first().click();
  } else {
    await direct.click();
  }
}

/** What a person does through the plugin's API: another browser, or their own script. */
export async function asPerson(user: string, method: string, path: string, body?: object) {
  const response = await fetch(`${BACKEND}/api/release-coordination${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${await tokenOf(user)}`,
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}
