import {
  StandupGate,
  StandupTeam,
  TrainDecision,
  TrainGate,
  TrainParticipant,
} from '@release-coordination/plugin-release-coordination-common';

/**
 * A standup's sections: per owning team, its participants, the gates that block on it, its
 * checks that failed since and the count of decisions about its participants; and the gates
 * of the train that no team owns.
 */
export function teamSections(input: {
  /** The participants the caller may see. */
  participants: TrainParticipant[];
  /** The gates of the current stage, and the entry gates of the next, that do not pass now. */
  blocking: TrainGate[];
  /** Every gate of the train, for the checks that failed. */
  gates: TrainGate[];
  /** The decisions since, as the caller may see them. */
  decisions: TrainDecision[];
  since: Date;
  /** Whether the train entered its current stage since: all its blocking gates are news. */
  enteredSince: boolean;
}): { teams: StandupTeam[]; trainGates: StandupGate[] } {
  const { participants, blocking, gates, decisions, since, enteredSince } =
    input;
  const asStandup = (gate: TrainGate): StandupGate => ({
    gate,
    becameBlocking:
      enteredSince || Date.parse(gate.updatedAt) >= since.getTime(),
  });

  const teams = new Map<string, StandupTeam>();
  const teamOf = (ref: string) => {
    let team = teams.get(ref);
    if (!team) {
      team = {
        teamRef: ref,
        participantRefs: [],
        blockingGates: [],
        failingChecks: [],
        decisionCount: 0,
      };
      teams.set(ref, team);
    }
    return team;
  };
  const ownerOf = new Map(participants.map(p => [p.entityRef, p.ownerRef]));
  for (const participant of participants) {
    if (participant.ownerRef)
      teamOf(participant.ownerRef).participantRefs.push(participant.entityRef);
  }
  const trainGates: StandupGate[] = [];
  for (const gate of blocking) {
    const owner = gate.participantRef
      ? ownerOf.get(gate.participantRef)
      : undefined;
    const team = gate.kind === 'approval' ? gate.approverRef : owner;
    if (team) teamOf(team).blockingGates.push(asStandup(gate));
    else trainGates.push(asStandup(gate));
  }
  for (const gate of gates) {
    const check = gate.latestCheck;
    const owner = gate.participantRef
      ? ownerOf.get(gate.participantRef)
      : undefined;
    if (
      gate.kind === 'check' &&
      owner &&
      check?.status === 'failed' &&
      Date.parse(check.reportedAt) >= since.getTime()
    ) {
      teamOf(owner).failingChecks.push(check);
    }
  }
  for (const decision of decisions) {
    const owner = decision.entityRef
      ? ownerOf.get(decision.entityRef)
      : undefined;
    if (owner) teamOf(owner).decisionCount += 1;
  }
  return {
    teams: [...teams.values()].sort((a, b) =>
      a.teamRef.localeCompare(b.teamRef),
    ),
    trainGates,
  };
}
