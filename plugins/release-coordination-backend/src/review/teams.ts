import {
  ReviewSignOff,
  TrainParticipant,
} from '@release-coordination/plugin-release-coordination-common';
import { DependencyIndex } from '../dependencies/graph';
import { ownerOfParticipant } from '../outcomes/access';
import { RegisterCounts } from './DatabaseReviewStore';

/** The teams that sign a review off: the owning Groups of the participants, each with its own. */
export function reviewTeams(
  participants: TrainParticipant[],
  index: Pick<DependencyIndex, 'node'>,
): Map<string, string[]> {
  const teams = new Map<string, string[]>();
  for (const participant of participants) {
    const owner = ownerOfParticipant(index, participant);
    if (!owner) continue;
    teams.set(owner, [...(teams.get(owner) ?? []), participant.entityRef]);
  }
  return teams;
}

/**
 * Whether a review is held: every owning team signed off and no open risk lacks a mitigation.
 * What the `release-review-held` gate rule and the review page both answer.
 */
export function isReviewHeld(
  teamRefs: Iterable<string>,
  signOffs: ReviewSignOff[],
  register: RegisterCounts,
): { held: boolean; waitingOn: string[] } {
  const signed = new Set(signOffs.map(s => s.teamRef));
  const waitingOn = [...teamRefs].filter(team => !signed.has(team)).sort();
  return {
    held: waitingOn.length === 0 && register.unmitigatedCount === 0,
    waitingOn,
  };
}
