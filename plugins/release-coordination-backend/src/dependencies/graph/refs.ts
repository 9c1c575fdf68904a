/**
 * Refs and ordering inside the graph code. Refs are lowercase `kind:namespace/name`, as
 * `normalizeEntityRef` of the common package writes them.
 */

import { normalizeEntityRef } from '@release-coordination/plugin-release-coordination-common';

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

/** The distinct normalised refs of one ref or several, sorted. */
export function normalizedRefs(refs: string | Iterable<string>): string[] {
  const list = typeof refs === 'string' ? [refs] : refs;
  const unique = new Set<string>();
  for (const ref of list) {
    unique.add(normalizeEntityRef(ref));
  }
  return [...unique].sort();
}
