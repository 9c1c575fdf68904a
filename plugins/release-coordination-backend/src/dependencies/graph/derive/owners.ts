import { EntityRecord, GROUP, OTHER, USER } from './records';
import { ProblemLog } from './problems';

/**
 * The owner of a node, System or Domain: its own `ownedBy` first, else the smallest `ownerOf`
 * pointing at it. A missing owner, or one that is not a known Group or User, is reported as
 * `missing-owner`; an unknown owner's ref is kept (as `ownerRef` and as the owner), so people
 * can still see who was meant.
 */
export function settleOwner(
  byRef: Map<string, EntityRecord>,
  problems: ProblemLog,
  record: EntityRecord,
): string | undefined {
  const owner = record.owner ?? record.reverseOwner;
  const ownerCode = owner === undefined ? OTHER : byRef.get(owner)?.code;
  if (owner === undefined) {
    problems.set(`missing-owner\u0001${record.ref}`, {
      type: 'missing-owner',
      entityRef: record.ref,
    });
  } else if (ownerCode !== GROUP && ownerCode !== USER) {
    problems.set(`missing-owner\u0001${record.ref}`, {
      type: 'missing-owner',
      entityRef: record.ref,
      ownerRef: owner,
    });
  }
  return owner;
}
