import {
  ActionItem,
  TrainParticipant,
  normalizeEntityRef,
} from '@release-coordination/plugin-release-coordination-common';
import { DependencyIndex } from '../dependencies/graph';

/**
 * The owner refs whose action items concern these participants: each participant itself and
 * its owner. The owner comes from the newest dependency graph when it knows the participant (an
 * owner changed in the catalog since the train was created counts), else from the train.
 */
export function refsConcerning(
  participants: TrainParticipant[],
  dependencies?: Pick<DependencyIndex, 'node'>,
): string[] {
  const refs = new Set<string>();
  for (const participant of participants) {
    const ref = normalizeEntityRef(participant.entityRef);
    refs.add(ref);
    const owner = dependencies?.node(ref)?.owner ?? participant.ownerRef;
    if (owner) refs.add(normalizeEntityRef(owner));
  }
  return [...refs].sort();
}

/** An action item in a sentence, for gate reasons and notifications. */
export function describeActionItem(item: ActionItem): string {
  const due = item.dueAt ? `, due ${item.dueAt.slice(0, 10)}` : '';
  return `'${item.title}' (${item.ownerRef}, from train '${item.trainName}'${due})`;
}
