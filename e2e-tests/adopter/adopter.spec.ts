import { expect, Page, test } from '@playwright/test';

/*
 * What an adopter sees after following the README: the Release trains page, an entity's
 * Dependency matrix tab and the Release train card on its overview, with data from the
 * adopter's own catalog (scripts/adopter/portal/examples), in each frontend system's app.
 */
const BACKEND = process.env.ADOPTER_BACKEND_URL ?? 'http://localhost:7007';
/** `new=http://localhost:7007,legacy=http://localhost:3001`: the apps to check. */
const APPS = (process.env.ADOPTER_APPS ?? `new=${BACKEND}`).split(',').map(entry => {
  const [system, url] = entry.split('=');
  return { system, url };
});
const TRAIN = `Adopter train ${process.env.ADOPTER_RUN_ID ?? Date.now()}`;
const API = `${BACKEND}/api/release-coordination`;

async function poll<T>(what: string, attempt: () => Promise<T | undefined>, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const result = await attempt();
      if (result !== undefined) return result;
    } catch (error) {
      last = error;
    }
    await new Promise(resolve => setTimeout(resolve, 2000));
  }
  throw new Error(`Timed out waiting for ${what}${last ? `: ${last}` : ''}`);
}

/** The guest's token, as the app's sign-in gets it (the guest is user:default/ada). */
async function guestToken(): Promise<string> {
  const response = await fetch(`${BACKEND}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!response.ok) throw new Error(`guest sign-in: ${response.status} ${await response.text()}`);
  return (await response.json()).backstageIdentity.token;
}

async function call(token: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${API}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return JSON.parse(text);
}

test.beforeAll(async () => {
  test.setTimeout(300_000);
  const token = await poll('the guest to sign in', guestToken);
  // The catalog ingests the adopter's entities while the backend starts; the graph is derived
  // from their relations, so wait until both dependsOn edges are stitched.
  await poll('the catalog to relate the components', async () => {
    const response = await fetch(`${BACKEND}/api/catalog/entities/by-query?filter=kind=component`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const { items } = await response.json();
    const related = (items ?? []).filter((entity: any) =>
      (entity.relations ?? []).some((relation: any) => relation.type === 'dependsOn'),
    );
    return items?.length >= 3 && related.length >= 2 ? true : undefined;
  });
  await call(token, 'POST', '/dependencies/refresh', {});
  // Once per run: a retried or restarted worker finds the train already there.
  const { items } = await call(token, 'GET', '/trains?limit=500');
  if (items.some((train: { name: string }) => train.name === TRAIN)) return;
  await call(token, 'POST', '/trains', {
    name: TRAIN,
    objective: 'Ship the new checkout flow',
    ambassadorRef: 'user:default/ada',
    participants: [
      { entityRef: 'component:default/shop-web', targetVersion: '3.1.0' },
      { entityRef: 'component:default/basket-api', targetVersion: '2.4.0' },
    ],
  });
});

async function signIn(page: Page, url: string) {
  await page.goto(url);
  // The guest sign-in page asks once; later visits carry the session.
  const enter = page.getByRole('button', { name: 'Enter' });
  // The legacy sidebar's item is the README's "Release trains"; the new system's item is the
  // plugin's page, "Releases".
  const catalog = page.getByRole('link', { name: /^(Release trains|Releases)$/ });
  await expect(enter.or(catalog).first()).toBeVisible();
  if (await enter.isVisible()) await enter.click();
  await expect(catalog.first()).toBeVisible();
}

for (const { system, url } of APPS) {
  test(`${system} frontend system: release trains, dependency matrix and overview card`, async ({
    page,
  }) => {
    await signIn(page, url);

    await page
      .getByRole('link', { name: /^(Release trains|Releases)$/ })
      .first()
      .click();
    // The new system's page opens its first tab, the trains.
    await expect(page).toHaveURL(/\/release-coordination(\/trains)?$/);
    await expect(page.getByRole('link', { name: TRAIN })).toBeVisible();

    await page.goto(`${url}/catalog/default/component/basket-api`);
    const card = page.locator('article, .MuiCard-root', { hasText: 'Release train' }).filter({
      hasText: TRAIN,
    });
    await expect(card.first()).toBeVisible();
    await expect(card.first().getByText(/stage:/)).toBeVisible();

    // A tab in the legacy entity layout; in the new one a link in the Deployment group's menu.
    const legacyTab = page.getByRole('tab', { name: 'Dependency matrix' });
    const group = page.getByRole('button', { name: 'Deployment', exact: true });
    await expect(legacyTab.or(group).first()).toBeVisible();
    if (await group.isVisible()) {
      await group.click();
      await page
        .getByRole('menuitemradio', { name: 'Dependency matrix', exact: true })
        .or(page.getByRole('link', { name: 'Dependency matrix', exact: true }))
        .first()
        .click();
    } else {
      await legacyTab.click();
    }
    await expect(page.getByText(/Depends on \(upstream\): 1/)).toBeVisible();
    await expect(page.getByRole('link', { name: 'checkout-api' }).first()).toBeVisible();
    await expect(page.getByText(/Depended on by \(downstream\): 1/)).toBeVisible();
    await expect(page.getByRole('link', { name: 'shop-web' }).first()).toBeVisible();
  });
}
