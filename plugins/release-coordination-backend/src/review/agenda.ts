import {
  ReviewAgenda,
  TrainDependencyDrift,
  TrainParticipant,
} from '@release-coordination/plugin-release-coordination-common';
import {
  Clock,
  systemClock,
} from '@release-coordination/plugin-release-coordination-node';
import {
  CallerVisibility,
  EntityVisibility,
  visibleItems,
} from '../access/visibility';
import { CalendarService } from '../calendar/CalendarService';
import { DependencyIndex, deploymentWaves } from '../dependencies/graph';
import { OutcomeStore } from '../outcomes/OutcomeStore';
import { refsConcerning } from '../retrospectives/carryOver';
import { RetrospectiveStore } from '../retrospectives/RetrospectiveStore';
import { RiskService } from '../risk/RiskService';
import { TrainRecord } from '../trains/TrainStore';
import { visibleDependencyDrift } from '../trains/visibleTrains';

/** Flags and action items the agenda names; more are counted. */
export const AGENDA_ITEMS = 20;

/** What the agenda is assembled from: the services that answer each of its parts. */
export interface AgendaSources {
  risk: Pick<RiskService, 'trainRisk'>;
  drift: (trainId: string) => Promise<TrainDependencyDrift>;
  outcomes: Pick<
    OutcomeStore,
    | 'listRollbackPlans'
    | 'summarizeDrills'
    | 'queryTrainFlags'
    | 'countTrainFlags'
  >;
  actionItems: Pick<RetrospectiveStore, 'queryCarriedOver'>;
  calendar: Pick<CalendarService, 'collisionsForRule'>;
  clock?: Clock;
}

/**
 * A review's agenda, from what the plugin already knows of the train: each part is the answer
 * of the feature that owns it, so the review says what the train page says. `visibility` has
 * decided the participants already; entities the caller may not see are left out.
 */
export async function assembleAgenda(
  sources: AgendaSources,
  input: {
    train: TrainRecord;
    participants: TrainParticipant[];
    index: DependencyIndex;
    visibility: EntityVisibility;
    caller: CallerVisibility;
    ownerOf: (participant: TrainParticipant) => string | undefined;
  },
): Promise<{ agenda: ReviewAgenda; hiddenItems: number }> {
  const { train, participants, index, visibility, caller, ownerOf } = input;
  const clock = sources.clock ?? systemClock;
  const now = clock.now();
  const seen = participants.filter(p => visibility.isVisible(p.entityRef));
  const seenRefs = seen.map(p => p.entityRef);
  const [risk, drift, plans, drills, flags, flagCounts, items, collisions] =
    await Promise.all([
      sources.risk.trainRisk(train.id),
      sources.drift(train.id).then(d => visibleDependencyDrift(d, caller)),
      sources.outcomes.listRollbackPlans(train.id),
      sources.outcomes.summarizeDrills(seenRefs),
      sources.outcomes.queryTrainFlags(train.id, {
        limit: AGENDA_ITEMS,
        offset: 0,
      }),
      sources.outcomes.countTrainFlags(train.id, { now, expiringBy: now }),
      sources.actionItems.queryCarriedOver(
        train.id,
        refsConcerning(participants, index),
        { limit: AGENDA_ITEMS, offset: 0 },
      ),
      train.status === 'active'
        ? sources.calendar.collisionsForRule(train.id)
        : Promise.resolve([]),
    ]);

  const shownItems = await visibleItems(items, item => [item.ownerRef], caller);
  const planOf = new Map(plans.map(plan => [plan.entityRef, plan]));
  const others = await caller.of([
    ...flags.items.map(f => f.participantRef),
    ...collisions.flatMap(c => [
      c.entityRef,
      ...(c.otherEntityRef ? [c.otherEntityRef] : []),
    ]),
  ]);
  const openFlags = flags.items.filter(
    f => f.state !== 'removed' && others.isVisible(f.participantRef),
  );
  const shownCollisions = collisions.filter(c =>
    [c.entityRef, ...(c.otherEntityRef ? [c.otherEntityRef] : [])].every(ref =>
      others.isVisible(ref),
    ),
  );
  return {
    agenda: {
      risk,
      waves: deploymentWaves(index, seenRefs).waves.map(wave => wave.members),
      drift,
      rollbackReadiness: seen.map(participant => {
        const plan = planOf.get(participant.entityRef);
        const owner = ownerOf(participant);
        const rehearsed = drills.get(participant.entityRef)?.lastPassedDrillAt;
        return {
          entityRef: participant.entityRef,
          ...(owner ? { ownerRef: owner } : {}),
          planned: plan !== undefined,
          ...(plan
            ? { criteria: plan.criteria, procedureUrl: plan.procedureUrl }
            : {}),
          ...(rehearsed ? { lastRehearsedAt: rehearsed } : {}),
        };
      }),
      openFlags: { items: openFlags, totalCount: flagCounts.inUse },
      openActionItems: {
        items: shownItems.items,
        totalCount: shownItems.totalCount,
      },
      collisions: shownCollisions,
    },
    hiddenItems:
      flags.items.filter(f => f.state !== 'removed').length -
      openFlags.length +
      (collisions.length - shownCollisions.length) +
      (shownItems.hidden?.items ?? 0),
  };
}
