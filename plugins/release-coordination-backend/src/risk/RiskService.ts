import {
  FreezeWindow,
  RiskFactorId,
  TrainDependencyDrift,
  TrainRiskScore,
} from '@release-coordination/plugin-release-coordination-common';
import {
  Clock,
  systemClock,
} from '@release-coordination/plugin-release-coordination-node';
import { CalendarService } from '../calendar/CalendarService';
import { deploymentWindowOf, overlapOf } from '../calendar/collisions';
import { DependencySnapshotService } from '../dependencies/DependencySnapshotService';
import {
  DependencyIndex,
  downstreamOf,
  isCrossTeam,
} from '../dependencies/graph';
import { FreezeService } from '../freezes/FreezeService';
import { covers } from '../freezes/freezeWindows';
import { requireTrain } from '../outcomes/access';
import { refsConcerning } from '../retrospectives/carryOver';
import { RetrospectiveStore } from '../retrospectives/RetrospectiveStore';
import { TrainStore } from '../trains/TrainStore';
import { DatabaseRiskFacts } from './DatabaseRiskFacts';
import { RiskMeasures, scoreRisk } from './riskScore';

const DAY_MS = 86_400_000;
/** The participants' change failure rate is taken over this many days. */
export const CHANGE_FAILURE_DAYS = 90;
/** A freeze this close to the deployment window (before or after) counts half. */
export const FREEZE_NEAR_DAYS = 3;

/** How risky a train is now, each factor explained. */
export interface RiskService {
  /** 404 for an unknown train. */
  trainRisk(trainId: string): Promise<TrainRiskScore>;
}

export function createRiskService(options: {
  trains: Pick<TrainStore, 'getTrain' | 'listParticipants' | 'listGates'>;
  drift: (trainId: string) => Promise<TrainDependencyDrift>;
  facts: Pick<DatabaseRiskFacts, 'finishedDeployments'>;
  actionItems: Pick<RetrospectiveStore, 'queryCarriedOver'>;
  calendar: Pick<CalendarService, 'collisionsForRule'>;
  freezes: Pick<FreezeService, 'overlapping'>;
  snapshots: Pick<DependencySnapshotService, 'current'>;
  weights: Record<RiskFactorId, number>;
  productionEnvironment: string;
  clock?: Clock;
}): RiskService {
  const { trains, facts, actionItems, calendar, freezes, snapshots, weights } =
    options;
  const clock = options.clock ?? systemClock;

  return {
    async trainRisk(trainId) {
      const { train, participants } = await requireTrain(trains, trainId);
      const now = clock.now();
      const refs = participants.map(p => p.entityRef);
      const deploys = deploymentWindowOf(train.stagePlan);
      const [{ index }, drift, deployments, gates, collisions, nearFreezes] =
        await Promise.all([
          snapshots.current(),
          options.drift(trainId),
          facts.finishedDeployments(
            refs,
            options.productionEnvironment,
            new Date(now.getTime() - CHANGE_FAILURE_DAYS * DAY_MS),
          ),
          trains.listGates(trainId),
          calendar.collisionsForRule(trainId),
          deploys
            ? freezes.overlapping(
                new Date(Date.parse(deploys.start) - FREEZE_NEAR_DAYS * DAY_MS),
                new Date(Date.parse(deploys.end) + FREEZE_NEAR_DAYS * DAY_MS),
              )
            : Promise.resolve([]),
        ]);
      // Owners come from the graph, so the items of a team that took a participant over count.
      const openItems = await actionItems.queryCarriedOver(
        trainId,
        refsConcerning(participants, index),
        { limit: 1, offset: 0 },
      );
      const failingChecks = gates.filter(
        gate => gate.kind === 'check' && gate.latestCheck?.status === 'failed',
      );
      const measures: RiskMeasures = {
        ...graphMeasures(index, refs),
        'dependency-drift': driftMeasure(drift),
        'change-failure-rate': {
          value:
            deployments.finished > 0
              ? deployments.failed / deployments.finished
              : 0,
          detail: `${deployments.failed} of ${deployments.finished} production deployments of the participants in the last ${CHANGE_FAILURE_DAYS} days failed or were rolled back`,
        },
        'open-action-items': {
          value: openItems.totalCount,
          detail: `${openItems.totalCount} open action item(s) of earlier trains concern the participants or their teams`,
        },
        'failing-checks': {
          value: failingChecks.length,
          detail: `${failingChecks.length} check gate(s) whose latest result failed`,
        },
        collisions: {
          value: collisions.length,
          detail: `${collisions.length} collision(s) with other trains and freezes`,
        },
        'freeze-proximity': freezeMeasure(index, refs, deploys, nearFreezes),
      };
      return scoreRisk(trainId, measures, weights, now);
    },
  };
}

/** Blast radius, cross-team edges and cycles: what the dependency graph says of the participants. */
function graphMeasures(
  index: DependencyIndex,
  refs: string[],
): Pick<RiskMeasures, 'blast-radius' | 'cross-team-edges' | 'cycles'> {
  const participants = new Set(refs);
  const reached = downstreamOf(index, refs).filter(
    entity => !participants.has(entity.ref),
  );
  const teams = new Set(
    reached.map(entity => entity.owner).filter(owner => owner !== undefined),
  );
  const edges = refs.flatMap(ref =>
    index
      .outgoing(ref)
      .filter(edge => participants.has(edge.to) && isCrossTeam(index, edge)),
  );
  const inCycles = refs.filter(ref => index.cyclesOf(ref).length > 0);
  return {
    'blast-radius': {
      value: teams.size,
      detail: `${reached.length} entities of ${teams.size} team(s) depend on the participants`,
    },
    'cross-team-edges': {
      value: edges.length,
      detail: `${edges.length} dependency edge(s) between participants of different teams`,
    },
    cycles: {
      value: inCycles.length,
      detail: `${inCycles.length} participant(s) in a dependency cycle`,
    },
  };
}

/** Edges among the participants that appeared since the first recording and are still there. */
function driftMeasure(
  drift: TrainDependencyDrift,
): RiskMeasures['dependency-drift'] {
  const added = new Set<string>();
  for (const step of drift.steps) {
    for (const edge of step.added) added.add(`${edge.from}>${edge.to}`);
    for (const edge of step.removed) added.delete(`${edge.from}>${edge.to}`);
  }
  return {
    value: added.size,
    detail: `${added.size} dependency edge(s) among the participants appeared since planning`,
  };
}

/**
 * 1 when the deployment window crosses a freeze that covers a participant, ½ when such a
 * freeze comes within a few days of it, 0 otherwise (also without a deployment window).
 */
function freezeMeasure(
  index: DependencyIndex,
  refs: string[],
  deploys: { start: string; end: string } | undefined,
  nearFreezes: FreezeWindow[],
): RiskMeasures['freeze-proximity'] {
  if (!deploys)
    return { value: 0, detail: 'The train has no deployment window' };
  const covering = nearFreezes.filter(freeze =>
    refs.some(ref => covers(freeze, ref, index)),
  );
  const crossed = covering.find(freeze =>
    overlapOf(deploys, { start: freeze.startsAt, end: freeze.endsAt }),
  );
  if (crossed)
    return {
      value: 1,
      detail: `The deployment window crosses the freeze "${crossed.reason}"`,
    };
  if (covering.length > 0) {
    return {
      value: 0.5,
      detail: `The freeze "${covering[0].reason}" comes within ${FREEZE_NEAR_DAYS} days of the deployment window`,
    };
  }
  return {
    value: 0,
    detail: `No freeze within ${FREEZE_NEAR_DAYS} days of the deployment window`,
  };
}
