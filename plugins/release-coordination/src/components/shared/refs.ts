import { UNOWNED } from '@release-coordination/plugin-release-coordination-common';
import { englishT, ReleaseCoordinationT } from './translation';

/**
 * The kind of a ref as the dependency graph writes it (`component:default/x` → `component`),
 * `''` when it has none.
 */
export function kindOfRef(ref: string): string {
  const colon = ref.indexOf(':');
  return colon > 0 ? ref.slice(0, colon) : '';
}

/** True for a `kind:namespace/name` ref; the backend masks refs the caller may not see. */
export function isFullEntityRef(ref: string): boolean {
  return /^[^:/]+:[^:/]+\/[^:/]+$/.test(ref);
}

/**
 * A short name for a ref in places where a link does not fit (titles, aria labels):
 * `group:default/team-checkout` → `team-checkout`, `group:ops/sre` → `ops/sre`; `unowned` as
 * `t` names it ("No owner").
 */
export function shortRef(ref: string, t: ReleaseCoordinationT = englishT): string {
  if (ref === UNOWNED) {
    return t('shared.noOwner');
  }
  if (!isFullEntityRef(ref)) {
    return ref;
  }
  const rest = ref.slice(ref.indexOf(':') + 1);
  return rest.startsWith('default/') ? rest.slice('default/'.length) : rest;
}

/** Catalog refs compare case-insensitively; the dependency graph keeps them lowercase. */
export function sameRef(a: string | undefined, b: string | undefined): boolean {
  return (a ?? UNOWNED).toLocaleLowerCase('en-US') === (b ?? UNOWNED).toLocaleLowerCase('en-US');
}
