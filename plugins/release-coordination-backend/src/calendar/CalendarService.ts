import { InputError } from '@backstage/errors';
import {
  CalendarTrain,
  FreezeWindow,
  normalizeEntityRef,
  ReleaseCalendar,
  TrainCollision,
} from '@release-coordination/plugin-release-coordination-common';
import {
  Clock,
  systemClock,
} from '@release-coordination/plugin-release-coordination-node';
import { CallerVisibility, hiddenCounts } from '../access/visibility';
import { PageRequest } from '../database/paging';
import { DependencySnapshotService } from '../dependencies/DependencySnapshotService';
import { DependencyIndex } from '../dependencies/graph';
import { FreezeService } from '../freezes/FreezeService';
import { requireTrain, TrainLookup } from '../outcomes/access';
import { trainStages } from '../trains/model';
import { CalendarFilter, DatabaseCalendarStore } from './DatabaseCalendarStore';
import { collisionsOf, deploymentWindowOf, PlannedTrain } from './collisions';

/** The calendar's period and filters, validated by the router. */
export interface CalendarQuery {
  from: Date;
  to: Date;
  team?: string;
  system?: string;
  domain?: string;
}

/** The release calendar and the collisions of trains' plans. */
export interface CalendarService {
  /** A page of the trains planned in the period, with the freezes and their collisions. */
  calendar(
    query: CalendarQuery,
    page: PageRequest,
    caller: CallerVisibility,
  ): Promise<ReleaseCalendar>;
  /** The collisions of one train (404 for an unknown one), as the caller may see them. */
  collisionsOfTrain(
    trainId: string,
    caller: CallerVisibility,
  ): Promise<{ collisions: TrainCollision[]; hiddenCount: number }>;
  /** Every collision of one train, for the `no-collisions` gate rule: nothing is hidden from a rule. */
  collisionsForRule(trainId: string): Promise<TrainCollision[]>;
}

export function createCalendarService(options: {
  store: DatabaseCalendarStore;
  trains: TrainLookup;
  freezes: Pick<FreezeService, 'overlapping'>;
  snapshots: Pick<DependencySnapshotService, 'current'>;
  clock?: Clock;
}): CalendarService {
  const { store, trains, freezes, snapshots } = options;
  const clock = options.clock ?? systemClock;

  /** The collisions of each train of `subjects` with the active trains and the freezes. */
  async function collide(
    subjects: PlannedTrain[],
    index: DependencyIndex,
  ): Promise<Map<string, TrainCollision[]>> {
    const found = new Map<string, TrainCollision[]>();
    const active = subjects.filter(s => s.train.status === 'active');
    if (active.length === 0) return found;
    const [others, crossed] = await Promise.all([
      store.activeTrains(),
      freezesCrossedBy(active),
    ]);
    for (const subject of active) {
      found.set(
        subject.train.id,
        collisionsOf(subject, others, crossed, index),
      );
    }
    return found;
  }

  /** The freezes that overlap one of the trains' deployment windows. */
  async function freezesCrossedBy(
    subjects: PlannedTrain[],
  ): Promise<FreezeWindow[]> {
    const windows = subjects.flatMap(
      s => deploymentWindowOf(s.train.stagePlan) ?? [],
    );
    if (windows.length === 0) return [];
    const start = Math.min(...windows.map(w => Date.parse(w.start)));
    const end = Math.max(...windows.map(w => Date.parse(w.end)));
    return freezes.overlapping(new Date(start), new Date(end));
  }

  /** The participants filter of a team, System or Domain; a 400 naming the field when unknown. */
  function filterOf(
    query: CalendarQuery,
    index: DependencyIndex,
  ): CalendarFilter {
    const filter: CalendarFilter = { from: query.from, to: query.to };
    if (query.team) {
      const team = index.group(query.team);
      if (!team) throw unknownFilter('team', query.team);
      filter.ownerRefs = index.groupAndDescendants(team.ref);
    }
    for (const kind of ['system', 'domain'] as const) {
      const ref = query[kind];
      if (!ref) continue;
      const entity = index.scopeEntity(normalizeEntityRef(ref, kind));
      if (!entity || entity.kind.toLowerCase() !== kind)
        throw unknownFilter(kind, ref);
      const refs =
        kind === 'system'
          ? index.nodesInSystem(entity.ref)
          : index.nodesInDomain(entity.ref);
      const inScope = new Set(refs);
      filter.entityRefs = filter.entityRefs
        ? filter.entityRefs.filter(r => inScope.has(r))
        : refs;
    }
    return filter;
  }

  return {
    async calendar(query, page, caller) {
      const { index } = await snapshots.current();
      const filter = filterOf(query, index);
      const [{ trains: planned, totalCount }, standing] = await Promise.all([
        store.trainsPlannedIn(filter, page),
        freezes.overlapping(query.from, query.to),
      ]);
      const collisions = await collide(planned, index);
      const visibility = await caller.of([
        ...planned.flatMap(p => p.participants.map(x => x.entityRef)),
        ...[...collisions.values()].flat().flatMap(c => refsOf(c)),
      ]);
      const now = clock.now();
      let hiddenParticipants = 0;
      let hiddenCollisions = 0;
      const shown: TrainCollision[] = [];
      const items = planned.map(({ train, participants }): CalendarTrain => {
        const seen = participants.filter(p =>
          visibility.isVisible(p.entityRef),
        );
        hiddenParticipants += participants.length - seen.length;
        const all = collisions.get(train.id) ?? [];
        const visible = all.filter(c =>
          refsOf(c).every(ref => visibility.isVisible(ref)),
        );
        hiddenCollisions += all.length - visible.length;
        shown.push(...visible);
        return {
          id: train.id,
          name: train.name,
          status: train.status,
          currentStage: train.currentStage,
          ambassadorRef: train.ambassadorRef,
          stages: trainStages(train, now),
          participantRefs: seen.map(p => p.entityRef),
          teamRefs: [
            ...new Set(seen.flatMap(p => (p.ownerRef ? [p.ownerRef] : []))),
          ],
          collisionCount: visible.length,
        };
      });
      return {
        from: query.from.toISOString(),
        to: query.to.toISOString(),
        items,
        totalCount,
        freezes: standing,
        collisions: shown,
        ...hiddenCounts({
          participants: hiddenParticipants,
          items: hiddenCollisions,
        }),
      };
    },

    async collisionsOfTrain(trainId, caller) {
      const all = await this.collisionsForRule(trainId);
      const visibility = await caller.of(all.flatMap(refsOf));
      const collisions = all.filter(c =>
        refsOf(c).every(ref => visibility.isVisible(ref)),
      );
      return { collisions, hiddenCount: all.length - collisions.length };
    },

    async collisionsForRule(trainId) {
      const [subject, { index }] = await Promise.all([
        requireTrain(trains, trainId),
        snapshots.current(),
      ]);
      return (await collide([subject], index)).get(trainId) ?? [];
    },
  };
}

/** The 400 of a calendar filter naming no Group, System or Domain of the catalog. */
export function unknownFilter(
  field: 'team' | 'system' | 'domain',
  ref: string,
): InputError {
  const kind = { team: 'Group', system: 'System', domain: 'Domain' }[field];
  return new InputError(`${field}: ${ref} is not a ${kind} in the catalog`);
}

/** The catalog entities a collision names (the people to talk to are Groups and Users). */
function refsOf(collision: TrainCollision): string[] {
  return [
    collision.entityRef,
    ...(collision.otherEntityRef ? [collision.otherEntityRef] : []),
  ];
}
