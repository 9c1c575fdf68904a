import { ConfigReader } from '@backstage/config';
import {
  readPortalMount,
  relocateLink,
  trainPageLink,
  withPortalLinks,
} from './portalLinks';

describe('links in notifications', () => {
  it('lead to the default mount when the app says nothing', () => {
    const mount = readPortalMount(new ConfigReader({}));
    expect(relocateLink(trainPageLink('t-1', 'retrospective'), mount)).toBe(
      '/release-coordination/trains/t-1?tab=retrospective',
    );
  });

  it("follow the new frontend system's page and trains sub-page paths from app.extensions", () => {
    const mount = readPortalMount(
      new ConfigReader({
        app: {
          extensions: [
            'page:catalog',
            { 'entity-card:catalog/about': false },
            { 'page:release-coordination': { config: { path: '/releases/' } } },
            {
              'sub-page:release-coordination/trains': {
                config: { path: 'runs' },
              },
            },
          ],
        },
      }),
    );
    expect(mount).toEqual({ pagePath: '/releases', trainsSegment: 'runs' });
    expect(relocateLink(trainPageLink('t-1'), mount)).toBe(
      '/releases/runs/t-1',
    );
  });

  it('take releaseCoordination.portal.pagePath first, for legacy apps whose routes are code', () => {
    const mount = readPortalMount(
      new ConfigReader({
        releaseCoordination: { portal: { pagePath: '/delivery/releases' } },
        app: {
          extensions: [
            { 'page:release-coordination': { config: { path: '/x' } } },
          ],
        },
      }),
    );
    expect(relocateLink(trainPageLink('t-2', 'deployments'), mount)).toBe(
      '/delivery/releases/trains/t-2?tab=deployments',
    );
  });

  it('refuse a page path that is not absolute', () => {
    expect(() =>
      readPortalMount(
        new ConfigReader({
          releaseCoordination: { portal: { pagePath: 'releases' } },
        }),
      ),
    ).toThrow(/must start with '\/'/);
  });

  it('are moved as they are sent, and other links are left alone', async () => {
    const send = vi.fn(async () => {});
    const notifications = withPortalLinks(
      { send },
      { pagePath: '/releases', trainsSegment: 'trains' },
    );
    await notifications.send({
      recipients: { type: 'entity', entityRef: ['group:default/a'] },
      payload: { title: 'x', link: trainPageLink('t-3', 'rollback') },
    });
    await notifications.send({
      recipients: { type: 'entity', entityRef: ['group:default/a'] },
      payload: { title: 'y', link: '/catalog/default/component/a' },
    });
    expect(
      send.mock.calls.map(([options]: any[]) => options.payload.link),
    ).toEqual([
      '/releases/trains/t-3?tab=rollback',
      '/catalog/default/component/a',
    ]);
  });
});
