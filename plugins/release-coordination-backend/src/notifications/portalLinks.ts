import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { NotificationService } from '@backstage/plugin-notifications-node';

/** Where the frontend plugin mounts its page when the app does not say otherwise. */
export const DEFAULT_PAGE_PATH = '/release-coordination';

/** The train pages' segment under the plugin's page (the trains sub-page's default path). */
const DEFAULT_TRAINS_SEGMENT = 'trains';

/** Train page tabs a notification may open; the page keeps its tab in `?tab=`. */
export type TrainPageTab =
  'deployments' | 'rollback' | 'retrospective' | 'standup' | 'review';

/**
 * A train page's link as the notifications of this plugin carry it, on the plugin's default
 * mount. {@link withPortalLinks} moves it to where the app really mounts the page.
 */
export function trainPageLink(trainId: string, tab?: TrainPageTab): string {
  const query = tab ? `?tab=${tab}` : '';
  return `${DEFAULT_PAGE_PATH}/${DEFAULT_TRAINS_SEGMENT}/${encodeURIComponent(trainId)}${query}`;
}

/** Where the app mounts the train pages: the page's path and the trains segment under it. */
export interface PortalMount {
  pagePath: string;
  trainsSegment: string;
}

type ExtensionEntry = string | Record<string, unknown>;

/** The `config.path` an entry of `app.extensions` gives the extension `id`, if any. */
function configuredPath(
  entries: ExtensionEntry[],
  id: string,
): string | undefined {
  for (const entry of entries) {
    if (typeof entry !== 'object' || entry === null || !(id in entry)) continue;
    const value = entry[id];
    if (typeof value !== 'object' || value === null) continue;
    const path = (value as { config?: { path?: unknown } }).config?.path;
    if (typeof path === 'string' && path.length > 0) return path;
  }
  return undefined;
}

const trimSlashes = (path: string) => path.replace(/^\/+|\/+$/g, '');

/**
 * Reads where the app mounts the plugin's page, so that links in notifications open it there:
 * - `releaseCoordination.portal.pagePath` when set (legacy frontend system apps, whose routes
 *   live in code, say it here);
 * - otherwise what the new frontend system's `app.extensions` gives `page:release-coordination`
 *   and `sub-page:release-coordination/trains` as `config.path` — the same config the app reads;
 * - otherwise the plugin's defaults, `/release-coordination` and `trains`.
 */
export function readPortalMount(config: Config): PortalMount {
  const entries = (
    config.getOptional<ExtensionEntry[]>('app.extensions') ?? []
  ).filter(
    entry =>
      typeof entry === 'string' ||
      (typeof entry === 'object' && entry !== null),
  );
  const explicit = config.getOptionalString(
    'releaseCoordination.portal.pagePath',
  );
  const pagePath =
    explicit ??
    configuredPath(entries, 'page:release-coordination') ??
    DEFAULT_PAGE_PATH;
  if (!pagePath.startsWith('/')) {
    throw new InputError(
      `releaseCoordination.portal.pagePath must start with '/', got '${pagePath}'`,
    );
  }
  const trainsSegment =
    configuredPath(entries, 'sub-page:release-coordination/trains') ??
    DEFAULT_TRAINS_SEGMENT;
  return {
    pagePath: `/${trimSlashes(pagePath)}`.replace(/^\/$/, ''),
    trainsSegment: trimSlashes(trainsSegment),
  };
}

/** `link` moved from the plugin's default mount to `mount`; other links are left alone. */
export function relocateLink(link: string, mount: PortalMount): string {
  const prefix = `${DEFAULT_PAGE_PATH}/${DEFAULT_TRAINS_SEGMENT}/`;
  if (!link.startsWith(prefix)) return link;
  return `${mount.pagePath}/${mount.trainsSegment}/${link.slice(prefix.length)}`;
}

/**
 * The notification service as this plugin's senders use it, with every link moved to where the
 * app mounts the train pages. The senders build links on the default mount
 * ({@link trainPageLink}) and stay free of configuration.
 */
export function withPortalLinks(
  notifications: Pick<NotificationService, 'send'>,
  mount: PortalMount,
): Pick<NotificationService, 'send'> {
  return {
    send: options => {
      const link = options.payload.link;
      if (!link) return notifications.send(options);
      return notifications.send({
        ...options,
        payload: { ...options.payload, link: relocateLink(link, mount) },
      });
    },
  };
}
