import { TrainStandup } from '@release-coordination/plugin-release-coordination-common';
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
import { newCollisions } from './newCollisions';
import { teamSections } from './teamSections';

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
      const { teams, trainGates } = teamSections({
        participants: seen,
        blocking,
        gates,
        decisions: decisions.items,
        since,
        enteredSince,
      });

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
        teams,
        decisions: decisions.items,
        decisionCount: decisions.totalCount,
        newCollisions: await newCollisions(
          { trains, freezes },
          visibleCollisions,
          since,
        ),
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
