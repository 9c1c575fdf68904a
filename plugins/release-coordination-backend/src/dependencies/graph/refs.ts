/**
 * Refs and ordering inside the graph code. Refs are lowercase `kind:namespace/name`, as
 * `normalizeEntityRef` of the common package writes them.
 */

const DEFAULT_NAMESPACE = 'default';

/** The normalised ref of a catalog entity. */
export function refOfEntity(kind: string, namespace: string | undefined, name: string): string {
  const ns = (namespace || DEFAULT_NAMESPACE).toLowerCase();
  return `${kind.toLowerCase()}:${ns}/${name.toLowerCase()}`;
}

/** Code-unit order, the same on every machine (unlike `localeCompare`). */
export function compareStrings(a: string, b: string): number {
  if (a < b) {
    return -1;
  }
  return a > b ? 1 : 0;
}
