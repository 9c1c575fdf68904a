import { AuthService, BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { HiddenEntityCounts } from '@release-coordination/plugin-release-coordination-common';
import { EntityVisibility, HIDDEN_ENTITY, resolveVisibility } from '../dependencies/visibility';

export type { EntityVisibility } from '../dependencies/visibility';

/**
 * What one request's caller may see of the catalog. Refs are decided in bulk, by the catalog
 * with the caller's credentials, and each ref once per request however many parts of the
 * answer ask about it.
 */
export interface CallerVisibility {
  of(refs: Iterable<string>): Promise<EntityVisibility>;
}

/** Makes a {@link CallerVisibility} per request; the catalog and the plugin's auth are shared. */
export interface VisibilityResolver {
  forCaller(credentials: BackstageCredentials): CallerVisibility;
}

export function createVisibilityResolver(options: {
  catalog: CatalogService;
  auth: AuthService;
}): VisibilityResolver {
  return {
    forCaller(credentials) {
      const decided = new Map<string, boolean>();
      const visibility: EntityVisibility = {
        isVisible: ref => decided.get(ref) === true,
        redact: ref => (decided.get(ref) ? ref : HIDDEN_ENTITY),
      };
      return {
        async of(refs) {
          const open = [...new Set(refs)].filter(ref => !decided.has(ref));
          if (open.length > 0) {
            const answer = await resolveVisibility({ ...options, credentials, refs: open });
            for (const ref of open) decided.set(ref, answer.isVisible(ref));
          }
          return visibility;
        },
      };
    },
  };
}

/**
 * Counts of left-out items as the API shows them: only the lists that lost something, and no
 * `hidden` at all when nothing was left out.
 */
export function hiddenCounts(
  counts: HiddenEntityCounts,
): { hidden: HiddenEntityCounts } | Record<string, never> {
  const nonZero = Object.fromEntries(
    Object.entries(counts).filter(([, count]) => (count ?? 0) > 0),
  ) as HiddenEntityCounts;
  return Object.keys(nonZero).length > 0 ? { hidden: nonZero } : {};
}

/**
 * A page without the items naming an entity the caller may not see (`refsOf` says which refs
 * an item names), those counted in `hidden.items`. The rest of the page, `totalCount` included,
 * is as the service answered.
 */
export async function visibleItems<P extends { items: unknown[] }>(
  page: P,
  refsOf: (item: P['items'][number]) => (string | undefined)[],
  caller: CallerVisibility,
): Promise<P & { hidden?: HiddenEntityCounts }> {
  const refs = (item: P['items'][number]) =>
    refsOf(item).filter((ref): ref is string => ref !== undefined);
  const visibility = await caller.of(page.items.flatMap(refs));
  const items = page.items.filter(item => refs(item).every(ref => visibility.isVisible(ref)));
  return { ...page, items, ...hiddenCounts({ items: page.items.length - items.length }) };
}
