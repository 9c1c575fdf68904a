import { AuthService, BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { isServicePrincipal, isUserPrincipal } from '../access/principals';
import { DEPENDENCY_ENTITY_KINDS } from './readCatalog';

/** Shown instead of an entity the requesting user may not read. */
export const HIDDEN_ENTITY = '(hidden)';

/**
 * Which entities the requesting user may read in the catalog. The snapshot is derived with the
 * plugin's own credentials, so every response is passed through this before it leaves.
 */
export interface EntityVisibility {
  isVisible(ref: string): boolean;
  /** The ref itself when visible, {@link HIDDEN_ENTITY} otherwise. */
  redact(ref: string): string;
}

const everything: EntityVisibility = { isVisible: () => true, redact: ref => ref };
const nothing: EntityVisibility = { isVisible: () => false, redact: () => HIDDEN_ENTITY };

const LOOKUP_CHUNK = 500;

/**
 * How long the answer to "does this user see every graph entity?" is reused. Permission
 * policies and the catalog change slowly; a minute of delay is what the catalog's own
 * processing adds anyway, and it spares two catalog queries on almost every request.
 */
const SEES_EVERYTHING_TTL_MS = 60_000;
const seesEverythingCache = new Map<string, { value: boolean; expiresAt: number }>();

function userKey(credentials: BackstageCredentials): string | undefined {
  return isUserPrincipal(credentials) ? credentials.principal.userEntityRef : undefined;
}

/**
 * Decides the visibility of `refs` for the caller by asking the catalog itself, with the
 * caller's credentials, so that whatever the permission policy says about catalog reads holds
 * here too.
 *
 * The common case costs two count queries, and their answer is reused for a minute per user:
 * when the caller sees as many graph entities as the plugin does, they see all of them (a
 * subset of equal size is the whole set). Otherwise the refs of the response are looked up in
 * batches and the ones the catalog does not return to the caller are hidden.
 */
export async function resolveVisibility(options: {
  catalog: CatalogService;
  auth: AuthService;
  credentials: BackstageCredentials;
  refs: Iterable<string>;
}): Promise<EntityVisibility> {
  const { catalog, auth, credentials } = options;
  // Other backends see the graph as the plugin does. A token with access restrictions, such as
  // CI's, was given some permissions of this plugin and no catalog reads: it sees no entity.
  if (isServicePrincipal(credentials)) {
    return credentials.principal.accessRestrictions ? nothing : everything;
  }

  const countVisibleTo = async (asWho: BackstageCredentials) =>
    (
      await catalog.queryEntities(
        { filter: { kind: DEPENDENCY_ENTITY_KINDS }, limit: 1, fields: ['kind'] },
        { credentials: asWho },
      )
    ).totalItems;
  const key = userKey(credentials);
  const now = Date.now();
  let seesEverything = key ? seesEverythingCache.get(key) : undefined;
  if (!seesEverything || seesEverything.expiresAt <= now) {
    const [visibleToCaller, visibleToPlugin] = await Promise.all([
      countVisibleTo(credentials),
      countVisibleTo(await auth.getOwnServiceCredentials()),
    ]);
    seesEverything = {
      value: visibleToCaller === visibleToPlugin,
      expiresAt: now + SEES_EVERYTHING_TTL_MS,
    };
    if (key) {
      if (seesEverythingCache.size > 10_000) seesEverythingCache.clear();
      seesEverythingCache.set(key, seesEverything);
    }
  }
  if (seesEverything.value) return everything;

  const refs = [...new Set(options.refs)].filter(ref => ref.includes(':'));
  const visible = new Set<string>();
  for (let i = 0; i < refs.length; i += LOOKUP_CHUNK) {
    const chunk = refs.slice(i, i + LOOKUP_CHUNK);
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs: chunk, fields: ['kind', 'metadata.name'] },
      { credentials },
    );
    items.forEach((item, j) => {
      if (item) visible.add(chunk[j]);
    });
  }
  return {
    isVisible: ref => visible.has(ref),
    redact: ref => (visible.has(ref) ? ref : HIDDEN_ENTITY),
  };
}
