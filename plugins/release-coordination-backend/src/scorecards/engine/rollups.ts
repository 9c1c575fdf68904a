import {
  entityRefKind,
  normalizeEntityRef,
  ScorecardScope,
} from '@release-coordination/plugin-release-coordination-common';
import { compareStrings } from '../../dependencies/graph';
import {
  ActionItemFact,
  DeploymentFact,
  GateDecisionFact,
  IncidentFact,
  IndicatorFact,
  ScorecardFacts,
  ScorecardHierarchy,
  TrainFact,
} from './facts';

/**
 * Which facts belong to a scope. Each kind of fact has its own rule because each carries a
 * different link to the catalog.
 */
export interface ScorecardFactFilter {
  deployment(fact: DeploymentFact): boolean;
  train(fact: TrainFact): boolean;
  gate(fact: GateDecisionFact): boolean;
  actionItem(fact: ActionItemFact): boolean;
  incident(fact: IncidentFact): boolean;
  indicator(fact: IndicatorFact): boolean;
}

/**
 * A {@link ScorecardHierarchy} from plain maps of normalised refs, e.g. for tests or a
 * hierarchy read once from the dependency graph.
 */
export function hierarchyFromMaps(maps: {
  parents?: Record<string, string>;
  systems?: Record<string, string>;
  domains?: Record<string, string>;
  userGroups?: Record<string, string[]>;
  /** The owner of each component (or other owned entity). */
  owners?: Record<string, string>;
}): ScorecardHierarchy {
  const lookup = (map: Record<string, string> | undefined, ref: string) =>
    map && Object.prototype.hasOwnProperty.call(map, ref) ? map[ref] : undefined;
  return {
    parentOf: ref => lookup(maps.parents, ref),
    systemOf: ref => lookup(maps.systems, ref),
    domainOf: ref => lookup(maps.domains, ref),
    groupsOfUser: ref =>
      maps.userGroups && Object.prototype.hasOwnProperty.call(maps.userGroups, ref)
        ? maps.userGroups[ref]
        : [],
    ownerOf: ref => lookup(maps.owners, ref),
  };
}

/** A Group and its ancestors, nearest first; stops at a `childOf` loop. */
function groupChain(hierarchy: ScorecardHierarchy, groupRef: string): string[] {
  const chain = [groupRef];
  const seen = new Set(chain);
  let parent = hierarchy.parentOf(groupRef);
  while (parent !== undefined && !seen.has(parent)) {
    seen.add(parent);
    chain.push(parent);
    parent = hierarchy.parentOf(parent);
  }
  return chain;
}

/**
 * The Groups an owner stands for: a Group itself, the Groups a User is a member of (a catalog
 * owner may be a person), or the team that owns a Component (an action item may be owned by
 * a component; it is the owning team's lesson). A component whose owner the catalog does not
 * know stands for no team.
 */
function ownerGroups(
  hierarchy: ScorecardHierarchy,
  ownerRef: string,
  seen: Set<string> = new Set(),
): string[] {
  const kind = entityRefKind(ownerRef);
  if (kind === 'group') return [ownerRef];
  if (kind === 'user') {
    return (hierarchy.groupsOfUser?.(ownerRef) ?? []).map(ref => normalizeEntityRef(ref, 'group'));
  }
  const owner = hierarchy.ownerOf?.(ownerRef);
  // An entity owned by another entity is followed once; a loop ends in no team.
  if (owner === undefined || seen.has(ownerRef)) return [];
  seen.add(ownerRef);
  return ownerGroups(hierarchy, normalizeEntityRef(owner, 'group'), seen);
}

/** Whether an owner is the team, one of its descendant Groups, or a member of either. */
export function isOwnedWithinTeam(
  hierarchy: ScorecardHierarchy,
  ownerRef: string | undefined,
  teamRef: string,
): boolean {
  if (ownerRef === undefined) return false;
  const owner = normalizeEntityRef(ownerRef, 'group');
  if (owner === teamRef) return true;
  return ownerGroups(hierarchy, owner).some(group => groupChain(hierarchy, group).includes(teamRef));
}

/** The System of a component, and the Domain through that System or directly. */
function placeOf(hierarchy: ScorecardHierarchy, componentRef: string) {
  const system = hierarchy.systemOf(componentRef);
  const domain =
    (system !== undefined ? hierarchy.domainOf(system) : undefined) ??
    hierarchy.domainOf(componentRef);
  return { system, domain };
}

/** The scope with its ref normalised the way facts are compared. */
export function normalizeScorecardScope(scope: ScorecardScope): ScorecardScope {
  switch (scope.kind) {
    case 'organization':
    case 'train':
      return scope;
    case 'team':
      return { kind: 'team', ref: normalizeEntityRef(scope.ref, 'group') };
    default:
      return { kind: scope.kind, ref: normalizeEntityRef(scope.ref, scope.kind) };
  }
}

const norm = (ref: string) => normalizeEntityRef(ref);

/** A predicate over refs that answers each distinct ref once. */
function memoized(
  predicate: (ref: string | undefined) => boolean,
): (ref: string | undefined) => boolean {
  const answers = new Map<string | undefined, boolean>();
  return ref => {
    let answer = answers.get(ref);
    if (answer === undefined) {
      answer = predicate(ref);
      answers.set(ref, answer);
    }
    return answer;
  };
}

/**
 * The facts of one scope.
 *
 * - organization: everything.
 * - team: deployments by their owner at the time, gates by their owner, action items by
 *   their owner (a person's items count for their Groups); trains that have a participant
 *   the team owned when it joined.
 * - component, system, domain: deployments and per-participant gates of the components in it,
 *   trains with such a participant, and the action items of those trains (items are owned
 *   by teams, so a component has no items of its own: it has the lessons of its trains).
 * - train: everything of that train, and the incidents confirmed as caused by its deployments.
 *
 * Incidents count for the entity they hit (and its System and Domain) and for the team that
 * owned it when they started; the deployment that caused one counts it apart, in the
 * incident-based change failure rate of the deployment's scope.
 */
export function scopeFilter(
  rawScope: ScorecardScope,
  hierarchy: ScorecardHierarchy,
  facts: Pick<ScorecardFacts, 'trains'>,
): ScorecardFactFilter {
  const scope = normalizeScorecardScope(rawScope);
  switch (scope.kind) {
    case 'organization':
      return {
        deployment: () => true,
        train: () => true,
        gate: () => true,
        actionItem: () => true,
        incident: () => true,
        indicator: () => true,
      };
    case 'train': {
      const participants = new Set(
        facts.trains
          .filter(t => t.id === scope.id)
          .flatMap(t => t.participants.map(p => norm(p.entityRef))),
      );
      return {
        deployment: d => d.trainId === scope.id,
        train: t => t.id === scope.id,
        gate: g => g.trainId === scope.id,
        actionItem: a => a.trainId === scope.id,
        incident: i => i.attributedTrainId === scope.id,
        // What the train's participants measured in the period.
        indicator: f => participants.has(norm(f.entityRef)),
      };
    }
    case 'team': {
      // Facts name few owners many times: each owner's place in the organisation is worked
      // out once per filter, not once per fact.
      const within = memoized((owner: string | undefined) =>
        isOwnedWithinTeam(hierarchy, owner, scope.ref),
      );
      return {
        deployment: d => within(d.ownerRef),
        train: t => t.participants.some(p => within(p.ownerRef)),
        gate: g => within(g.ownerRef),
        actionItem: a => within(a.ownerRef),
        incident: i => within(i.ownerRef),
        indicator: f => within(f.ownerRef),
      };
    }
    default: {
      const contains = memoized((componentRef: string | undefined): boolean => {
        if (componentRef === undefined) return false;
        const ref = norm(componentRef);
        if (scope.kind === 'component') return ref === scope.ref;
        const place = placeOf(hierarchy, ref);
        return (scope.kind === 'system' ? place.system : place.domain) === scope.ref;
      });
      const trainIds = new Set(
        facts.trains.filter(t => t.participants.some(p => contains(p.entityRef))).map(t => t.id),
      );
      return {
        deployment: d => contains(d.participantRef),
        train: t => trainIds.has(t.id),
        gate: g => contains(g.participantRef),
        actionItem: a => trainIds.has(a.trainId),
        incident: i => contains(i.entityRef),
        indicator: f => contains(f.entityRef),
      };
    }
  }
}

/**
 * Facts in both scopes: a narrower scope within a wider one, e.g. a team's part of a train.
 */
export function intersectFilters(a: ScorecardFactFilter, b: ScorecardFactFilter): ScorecardFactFilter {
  return {
    deployment: f => a.deployment(f) && b.deployment(f),
    train: f => a.train(f) && b.train(f),
    gate: f => a.gate(f) && b.gate(f),
    actionItem: f => a.actionItem(f) && b.actionItem(f),
    incident: f => a.incident(f) && b.incident(f),
    indicator: f => a.indicator(f) && b.indicator(f),
  };
}

function sortedScopes<T extends ScorecardScope>(scopes: Iterable<T>, key: (s: T) => string): T[] {
  return [...scopes].sort((x, y) => compareStrings(key(x), key(y)));
}

/**
 * The narrower scopes to drill into from a scope, found from the facts themselves (only
 * scopes with something in them appear):
 *
 * - organization: the top-level teams; when the organisation has a single root Group, the
 *   level below it, and so on, so that the rows are never one row;
 * - team: its child Groups, and the components the team itself owned deployments of;
 * - system: its components; domain: its systems (and components directly in it);
 * - train: the teams that owned its participants or deployments;
 * - component: none.
 */
export function childScopes(
  rawScope: ScorecardScope,
  hierarchy: ScorecardHierarchy,
  facts: ScorecardFacts,
  filter: ScorecardFactFilter,
): ScorecardScope[] {
  const scope = normalizeScorecardScope(rawScope);
  const deployments = facts.deployments.filter(filter.deployment);
  const trains = facts.trains.filter(filter.train);
  const owners = new Set<string>();
  const addOwner = (ref: string | undefined) => {
    if (ref === undefined) return;
    for (const group of ownerGroups(hierarchy, normalizeEntityRef(ref, 'group'))) owners.add(group);
  };
  const components = new Set<string>();
  for (const d of deployments) components.add(norm(d.participantRef));
  for (const t of trains) for (const p of t.participants) components.add(norm(p.entityRef));

  switch (scope.kind) {
    case 'component':
      return [];
    case 'train': {
      for (const d of deployments) addOwner(d.ownerRef);
      for (const t of trains) for (const p of t.participants) addOwner(p.ownerRef);
      return sortedScopes(
        [...owners].map(ref => ({ kind: 'team' as const, ref })),
        s => s.ref,
      );
    }
    case 'system':
      return sortedScopes(
        [...components]
          .filter(ref => placeOf(hierarchy, ref).system === scope.ref)
          .map(ref => ({ kind: 'component' as const, ref })),
        s => s.ref,
      );
    case 'domain': {
      const rows = new Map<string, ScorecardScope & { ref: string }>();
      for (const ref of components) {
        const place = placeOf(hierarchy, ref);
        if (place.domain !== scope.ref) continue;
        if (place.system !== undefined) {
          rows.set(place.system, { kind: 'system', ref: place.system });
        } else {
          rows.set(ref, { kind: 'component', ref });
        }
      }
      return sortedScopes(rows.values(), s => `${s.kind}:${s.ref}`);
    }
    default: {
      for (const d of deployments) addOwner(d.ownerRef);
      for (const t of trains) for (const p of t.participants) addOwner(p.ownerRef);
      for (const g of facts.gateDecisions.filter(filter.gate)) addOwner(g.ownerRef);
      for (const a of facts.actionItems.filter(filter.actionItem)) addOwner(a.ownerRef);
      // Each owner's path from the top of the organisation down to it.
      const paths = [...owners].map(owner => groupChain(hierarchy, owner).reverse());
      if (scope.kind === 'team') {
        const next = new Set<string>();
        for (const path of paths) {
          const at = path.indexOf(scope.ref);
          if (at >= 0 && at + 1 < path.length) next.add(path[at + 1]);
        }
        const ownComponents = new Set<string>();
        for (const d of deployments) {
          if (d.ownerRef !== undefined && normalizeEntityRef(d.ownerRef, 'group') === scope.ref) {
            ownComponents.add(norm(d.participantRef));
          }
        }
        return [
          ...sortedScopes(
            [...next].map(ref => ({ kind: 'team' as const, ref })),
            s => s.ref,
          ),
          ...sortedScopes(
            [...ownComponents].map(ref => ({ kind: 'component' as const, ref })),
            s => s.ref,
          ),
        ];
      }
      // Organization: descend while the whole organisation sits under a single Group.
      let level = new Set(paths.map(path => path[0]));
      for (let depth = 1; level.size === 1; depth++) {
        const deeper = depth;
        if (!paths.every(path => path.length > deeper)) break;
        level = new Set(paths.map(path => path[deeper]));
      }
      return sortedScopes(
        [...level].map(ref => ({ kind: 'team' as const, ref })),
        s => s.ref,
      );
    }
  }
}
