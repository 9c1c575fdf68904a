import { Clock, systemClock } from '@release-coordination/plugin-release-coordination-node';
import { NotFoundError } from '@backstage/errors';
import {
  normalizeEntityRef,
  ScorecardPeriod,
  ScorecardResponse,
  ScorecardScope,
  ScorecardSettings,
} from '@release-coordination/plugin-release-coordination-common';
import { computeScorecard, DEFAULT_SCORECARD_OPTIONS, ScorecardHierarchy } from './engine';
import { DependencyIndex } from '../dependencies/graph';
import { DependencySnapshotService } from '../dependencies/DependencySnapshotService';
import { ScorecardFactSource } from './ScorecardFactSource';

const HOUR_MS = 3_600_000;

/** Computes scorecards from what actually happened. */
export interface ScorecardService {
  getScorecard(scope: ScorecardScope, period: ScorecardPeriod): Promise<ScorecardResponse>;
}

/**
 * Recoveries and hotfixes are looked for up to this long after a period ends. A recovery
 * slower than that is far outside every published reference band; counting it as
 * unrecovered keeps a past period's query bounded.
 */
export const DEFAULT_LOOKAHEAD_HOURS = 30 * 24;

/**
 * The catalog roll-ups of the dependency graph: Group → parent Group, component → System →
 * Domain, a component's owner, and a person's Groups. Users' Groups are indexed once per graph.
 */
const userGroupsByGraph = new WeakMap<DependencyIndex, Map<string, string[]>>();

export function hierarchyOf(index: DependencyIndex): ScorecardHierarchy {
  let userGroups = userGroupsByGraph.get(index);
  if (!userGroups) {
    userGroups = new Map();
    for (const group of index.graph.groups) {
      for (const member of group.members) {
        userGroups.set(member, [...(userGroups.get(member) ?? []), group.ref]);
      }
    }
    userGroupsByGraph.set(index, userGroups);
  }
  const groupsOf = userGroups;
  return {
    parentOf: ref => index.group(ref)?.parent,
    systemOf: ref => index.node(ref)?.system,
    domainOf: ref => {
      const scope = index.scopeEntity(ref);
      return scope?.kind === 'System' ? scope.domain : index.node(ref)?.domain;
    },
    groupsOfUser: ref => groupsOf.get(normalizeEntityRef(ref, 'user')) ?? [],
    ownerOf: ref => index.node(normalizeEntityRef(ref))?.owner,
  };
}

/**
 * The 404 of a scope that names nothing known. Also the answer for a scope the caller may not
 * see in the catalog, so that it tells nothing about what exists beyond their view.
 */
export function unknownScopeError(
  scope: Exclude<ScorecardScope, { kind: 'organization' | 'train' }>,
) {
  switch (scope.kind) {
    case 'system':
      return new NotFoundError(`No System ${scope.ref} in the catalog`);
    case 'domain':
      return new NotFoundError(`No Domain ${scope.ref} in the catalog`);
    case 'component':
      return new NotFoundError(
        `No component ${normalizeEntityRef(scope.ref, 'component')} in the catalog or in any train`,
      );
    default:
      return new NotFoundError(
        `No Group ${normalizeEntityRef(scope.ref, 'group')} in the catalog or in the period's ` +
          'facts',
      );
  }
}

export function createScorecardService(options: {
  facts: ScorecardFactSource;
  snapshots: Pick<DependencySnapshotService, 'current'>;
  settings?: Partial<ScorecardSettings>;
  /** Where "now" comes from; the system clock unless a replay of history sets it. */
  clock?: Clock;
}): ScorecardService {
  const { facts, snapshots } = options;
  const clock = options.clock ?? systemClock;
  const now = () => clock.now();
  const settings: ScorecardSettings = {
    productionEnvironment:
      options.settings?.productionEnvironment ?? DEFAULT_SCORECARD_OPTIONS.productionEnvironment,
    hotfixWindowHours:
      options.settings?.hotfixWindowHours ?? DEFAULT_SCORECARD_OPTIONS.hotfixWindowHours,
    lookaheadHours: options.settings?.lookaheadHours ?? DEFAULT_LOOKAHEAD_HOURS,
  };
  // The lookahead must at least cover the hotfix window, or hotfixes after the period end
  // would be missed.
  const lookaheadMs = Math.max(settings.lookaheadHours, settings.hotfixWindowHours) * HOUR_MS;

  /**
   * A scope that names nothing the catalog knows is a 404, not an empty scorecard. Teams and
   * components are checked against the facts too, once they are read (see below).
   */
  function requireKnown(scope: ScorecardScope, index: DependencyIndex) {
    switch (scope.kind) {
      case 'system':
      case 'domain': {
        const entity = index.scopeEntity(scope.ref);
        if (entity?.kind.toLowerCase() !== scope.kind) throw unknownScopeError(scope);
        return;
      }
      default:
        return;
    }
  }

  async function getScorecard(
    scope: ScorecardScope,
    period: ScorecardPeriod,
  ): Promise<ScorecardResponse> {
    const generatedAt = now();
    const { index } = await snapshots.current();
    requireKnown(scope, index);
    const to = Date.parse(period.to);
    const observedUntil = new Date(Math.min(generatedAt.getTime(), to + lookaheadMs));
    const deploymentWindow = {
      from: period.from,
      to: new Date(Math.max(to, observedUntil.getTime())).toISOString(),
    };
    const [deployments, gateDecisions, actionItems, incidents, indicators] = await Promise.all([
      facts.listDeployments(deploymentWindow),
      facts.listGateDecisions(period),
      facts.listActionItems(period),
      facts.listIncidents(period),
      facts.listIndicators(period),
    ]);
    const trainIds = new Set<string>([
      ...deployments.map(d => d.trainId),
      ...gateDecisions.map(g => g.trainId),
      ...actionItems.map(a => a.trainId),
      ...incidents.flatMap(i => (i.attributedTrainId ? [i.attributedTrainId] : [])),
      ...(scope.kind === 'train' ? [scope.id] : []),
    ]);
    const trains = await facts.listTrains(period, { trainIds: [...trainIds] });

    if (scope.kind === 'train' && !trains.some(t => t.id === scope.id)) {
      throw new NotFoundError(`No train ${scope.id}`);
    }
    // A team or component gone from the catalog keeps its history: it is known if the facts
    // of the period name it.
    if (scope.kind === 'component') {
      const ref = normalizeEntityRef(scope.ref, 'component');
      const known =
        index.node(ref) !== undefined ||
        deployments.some(d => normalizeEntityRef(d.participantRef) === ref) ||
        trains.some(t => t.participants.some(p => normalizeEntityRef(p.entityRef) === ref));
      if (!known) throw unknownScopeError(scope);
    }
    if (scope.kind === 'team') {
      const ref = normalizeEntityRef(scope.ref, 'group');
      const named = (owner: string | undefined) =>
        owner !== undefined && normalizeEntityRef(owner, 'group') === ref;
      const known =
        index.group(ref) !== undefined ||
        deployments.some(d => named(d.ownerRef)) ||
        gateDecisions.some(g => named(g.ownerRef)) ||
        actionItems.some(a => named(a.ownerRef)) ||
        incidents.some(i => named(i.ownerRef)) ||
        indicators.some(f => named(f.ownerRef)) ||
        trains.some(t => t.participants.some(p => named(p.ownerRef)));
      if (!known) throw unknownScopeError(scope);
    }

    const scorecard = computeScorecard({
      facts: { deployments, trains, gateDecisions, actionItems, incidents, indicators },
      scope,
      period,
      hierarchy: hierarchyOf(index),
      options: {
        productionEnvironment: settings.productionEnvironment,
        hotfixWindowHours: settings.hotfixWindowHours,
        now: generatedAt.toISOString(),
        observedUntil: observedUntil.toISOString(),
      },
    });
    return { ...scorecard, settings, generatedAt: generatedAt.toISOString() };
  }

  return { getScorecard };
}
