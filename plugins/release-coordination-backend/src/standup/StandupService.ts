import {
  StandupGate,
  StandupTeam,
  TrainCollision,
  TrainGate,
  TrainStandup,
} from '@release-coordination/plugin-release-coordination-common';
import {
  Clock,
  systemClock,
} from '@release-coordination/plugin-release-coordination-node';
import { CallerVisibility, hiddenCounts } from '../access/visibility';
import { CalendarService } from '../calendar/CalendarService';
import { FreezeService } from '../freezes/FreezeService';
import { requireTrain } from '../outcomes/access';
import { trainStages, withExpiry } from '../trains/model';
import { nextStageOf } from '../trains/trainRows';
import { TrainStore } from '../trains/TrainStore';
import { visibleDecisions } from '../trains/visibleTrains';

/** The decisions a standup lists; more are counted. */
export const STANDUP_DECISIONS = 200;

/** A train's standup: what changed since a time, one section per team. */
export interface StandupService {
  /** 404 for an unknown train. Entities the caller may not see are left out and counted. */
  standup(
    trainId: string,
    since: Date,
    caller: CallerVisibility,
  ): Promise<TrainStandup>;
}

export function createStandupService(options: {
  trains: Pick<
    TrainStore,
    'getTrain' | 'listParticipants' | 'listGates' | 'listDecisions'
  >;
  calendar: Pick<CalendarService, 'collisionsForRule'>;
  freezes: Pick<FreezeService, 'overlapping'>;
  clock?: Clock;
}): StandupService {
  const { trains, calendar, freezes } = options;
  const clock = options.clock ?? systemClock;

  /** Collisions with a train created, or a freeze declared, at or after `since`. */
  async function newCollisions(
    collisions: TrainCollision[],
    since: Date,
  ): Promise<TrainCollision[]> {
    const otherIds = [
      ...new Set(
        collisions.flatMap(c => (c.otherTrain ? [c.otherTrain.id] : [])),
      ),
    ];
    const createdSince = new Set<string>();
    for (const id of otherIds) {
      const other = await trains.getTrain(id);
      if (other && Date.parse(other.createdAt) >= since.getTime())
        createdSince.add(id);
    }
    const declaredSince = new Set<string>();
    const crossed = collisions.flatMap(c => (c.freeze ? [c.freeze] : []));
    if (crossed.length > 0) {
      const starts = Math.min(...crossed.map(f => Date.parse(f.startsAt)));
      const ends = Math.max(...crossed.map(f => Date.parse(f.endsAt)));
      for (const freeze of await freezes.overlapping(
        new Date(starts),
        new Date(ends),
      )) {
        if (
          freeze.declaredAt &&
          Date.parse(freeze.declaredAt) >= since.getTime()
        ) {
          declaredSince.add(freeze.id);
        }
      }
    }
    return collisions.filter(
      c =>
        (c.otherTrain !== undefined && createdSince.has(c.otherTrain.id)) ||
        (c.freeze !== undefined && declaredSince.has(c.freeze.id)),
    );
  }

  return {
    async standup(trainId, since, caller) {
      const { train, participants } = await requireTrain(trains, trainId);
      const now = clock.now();
      const [gates, logged, collisions] = await Promise.all([
        trains.listGates(trainId),
        trains.listDecisions(
          trainId,
          { limit: STANDUP_DECISIONS, offset: 0 },
          { since },
        ),
        train.status === 'active'
          ? calendar.collisionsForRule(trainId)
          : Promise.resolve([]),
      ]);
      const visibility = await caller.of([
        ...participants.map(p => p.entityRef),
        ...collisions.flatMap(c => [
          c.entityRef,
          ...(c.otherEntityRef ? [c.otherEntityRef] : []),
        ]),
      ]);
      const seen = participants.filter(p => visibility.isVisible(p.entityRef));
      const decisions = await visibleDecisions(logged, caller);

      // Every gate of the current stage, and the entry gates of the next, that does not pass now.
      const next = nextStageOf(train.stagePlan, train.currentStage);
      const enteredSince =
        Date.parse(train.createdAt) >= since.getTime() ||
        logged.items.some(d => d.action === 'stage.advanced');
      const blocking = (train.status === 'active' ? gates : [])
        .map(gate => withExpiry(gate, now))
        .filter(
          gate =>
            (gate.stage === train.currentStage ||
              (gate.stage === next && gate.phase === 'entry')) &&
            gate.state !== 'passed' &&
            gate.state !== 'waived',
        )
        .filter(
          gate =>
            !gate.participantRef || visibility.isVisible(gate.participantRef),
        );
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
      const ownerOf = new Map(seen.map(p => [p.entityRef, p.ownerRef]));
      for (const participant of seen) {
        if (participant.ownerRef)
          teamOf(participant.ownerRef).participantRefs.push(
            participant.entityRef,
          );
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
      for (const decision of decisions.items) {
        const owner = decision.entityRef
          ? ownerOf.get(decision.entityRef)
          : undefined;
        if (owner) teamOf(owner).decisionCount += 1;
      }

      const current =
        train.status === 'active'
          ? trainStages(train, now).find(stage => stage.status === 'current')
          : undefined;
      const visibleCollisions = collisions.filter(c =>
        [c.entityRef, ...(c.otherEntityRef ? [c.otherEntityRef] : [])].every(
          ref => visibility.isVisible(ref),
        ),
      );
      return {
        trainId,
        since: since.toISOString(),
        until: now.toISOString(),
        ...(current ? { currentStage: current } : {}),
        trainGates,
        teams: [...teams.values()].sort((a, b) =>
          a.teamRef.localeCompare(b.teamRef),
        ),
        decisions: decisions.items,
        decisionCount: decisions.totalCount,
        newCollisions: await newCollisions(visibleCollisions, since),
        ...hiddenCounts({
          participants: participants.length - seen.length,
          items:
            (decisions.hidden?.items ?? 0) +
            (collisions.length - visibleCollisions.length),
        }),
      };
    },
  };
}
