/**
 * Entity refs as the dependency graph uses them: lowercase `kind:namespace/name`.
 */

const DEFAULT_NAMESPACE = 'default';

/**
 * Normalises an entity ref to lowercase `kind:namespace/name`; the namespace defaults to
 * `default`. Catalog refs are compared case-insensitively, so every ref that enters the graph
 * or a query goes through here once.
 *
 * A ref without a kind takes `defaultKind` when given; without one it stays kind-less
 * (`namespace/name`) and will match no entity.
 *
 * @public
 */
export function normalizeEntityRef(ref: string, defaultKind?: string): string {
  // The common case: already normalised. Checked without allocating, as queries and index
  // lookups normalise every ref they are given.
  if (isNormalizedRef(ref)) {
    return ref;
  }
  const lower = ref.trim().toLowerCase();
  const colon = lower.indexOf(':');
  const slash = lower.indexOf('/', colon + 1);
  if (colon > 0 && slash > colon + 1) {
    return lower;
  }
  const kind = colon > 0 ? lower.slice(0, colon) : defaultKind?.toLowerCase();
  const rest = colon >= 0 ? lower.slice(colon + 1) : lower;
  const namespaced = rest.includes('/') ? rest : `${DEFAULT_NAMESPACE}/${rest}`;
  return kind ? `${kind}:${namespaced}` : namespaced;
}

/** Whether a ref is a full `kind:namespace/name` in lowercase ASCII, without spaces. */
function isNormalizedRef(ref: string): boolean {
  let colon = -1;
  let slash = -1;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c <= 32 || c >= 127) {
      return false;
    }
    if (c === 58 && colon === -1) {
      colon = i;
    } else if (c === 47 && colon !== -1 && slash === -1) {
      slash = i;
    }
  }
  return colon > 0 && slash > colon + 1 && slash < ref.length - 1;
}

/**
 * The lowercase kind of a normalised ref (`component` for `component:default/x`), or `''` for
 * a kind-less ref.
 *
 * @public
 */
export function entityRefKind(ref: string): string {
  const colon = ref.indexOf(':');
  return colon > 0 ? ref.slice(0, colon) : '';
}
