import { FreezeWindow } from '@release-coordination/plugin-release-coordination-common';
import { DependencyIndex } from '../dependencies/graph';

/** Whether a freeze is in effect at `at`: from its start (inclusive) to its end (exclusive). */
export function isInEffect(freeze: FreezeWindow, at: Date): boolean {
  const time = at.getTime();
  return (
    Date.parse(freeze.startsAt) <= time && time < Date.parse(freeze.endsAt)
  );
}

/** The System and Domain an entity belongs to, as the dependency graph says. */
function placeOf(index: DependencyIndex, entityRef: string) {
  const node = index.node(entityRef);
  const system = node?.system;
  const domain =
    (system ? index.scopeEntity(system)?.domain : undefined) ?? node?.domain;
  return { system, domain };
}

/** Whether a freeze covers an entity: every freeze of scope `all`, else its System or Domain. */
export function covers(
  freeze: FreezeWindow,
  entityRef: string,
  index: DependencyIndex,
): boolean {
  const { scope } = freeze;
  if (scope.kind === 'all') return true;
  const place = placeOf(index, entityRef);
  return (scope.kind === 'system' ? place.system : place.domain) === scope.ref;
}
