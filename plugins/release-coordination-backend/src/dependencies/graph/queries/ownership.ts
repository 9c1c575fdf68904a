import {
  DependencyGroup,
  DependencyUser,
  entityRefKind,
  normalizeEntityRef,
  OwnershipInfo,
  UNOWNED,
} from '@release-coordination/plugin-release-coordination-common';
import { DependencyIndex } from '../DependencyIndex';
import { compareStrings } from '../refs';

function countByTeam(teams: string[]): Array<{ team: string; count: number }> {
  const counts = new Map<string, number>();
  for (const team of teams) {
    counts.set(team, (counts.get(team) ?? 0) + 1);
  }
  return [...counts]
    .map(([team, count]) => ({ team, count }))
    .sort((a, b) => b.count - a.count || compareStrings(a.team, b.team));
}

function membersOf(index: DependencyIndex, group: DependencyGroup): DependencyUser[] {
  return group.members.map(ref => index.user(ref) ?? { ref });
}

/**
 * Who owns an entity and whom to escalate to: for a Component, Resource, System or Domain its
 * owner, the owner's members and the owner group's ancestors; for a Group (or a User) the
 * group (user) itself and the nodes it owns directly. With the teams the entity's nodes depend
 * on and that depend on them (edge counts, its own owner excluded), and warnings for gaps in
 * the catalog. `undefined` when the ref is none of these.
 */
export function ownershipOf(index: DependencyIndex, ref: string): OwnershipInfo | undefined {
  const entityRef = normalizeEntityRef(ref);
  const kind = entityRefKind(entityRef);
  const node = index.node(entityRef);
  const scope = index.scopeEntity(entityRef);
  const ownGroup = kind === 'group' ? index.group(entityRef) : undefined;
  const ownUser = kind === 'user' ? index.user(entityRef) : undefined;
  if (!node && !scope && !ownGroup && !ownUser) {
    return undefined;
  }

  const warnings: string[] = [];
  let owner: string | undefined;
  let nodeRefs: readonly string[];
  let owns: string[] = [];
  if (ownGroup || ownUser) {
    owner = (ownGroup ?? ownUser)!.ref;
    owns = [...index.nodesOwnedBy(owner)];
    nodeRefs = owns;
  } else {
    owner = node ? node.owner : scope!.owner;
    if (node) {
      nodeRefs = [node.ref];
    } else if (scope!.kind === 'API') {
      // An API's teams are those of the components that provide it; consumers are counted
      // below through their edges to the providers via this API.
      nodeRefs = [];
    } else {
      nodeRefs =
        scope!.kind === 'System' ? index.nodesInSystem(entityRef) : index.nodesInDomain(entityRef);
    }
  }

  const ownerGroup = owner === undefined ? undefined : index.group(owner);
  const ownerUser = owner === undefined || ownerGroup ? undefined : index.user(owner);
  let members: DependencyUser[] = [];
  let escalationPath: DependencyGroup[] = [];
  if (owner === undefined) {
    warnings.push('No owner is set in the catalog');
  } else if (ownerGroup) {
    members = membersOf(index, ownerGroup);
    if (members.length === 0) {
      warnings.push(`Group ${ownerGroup.ref} has no members`);
    }
    escalationPath = index.ancestorGroups(ownerGroup.ref);
    const last = escalationPath.length > 0 ? escalationPath[escalationPath.length - 1] : ownerGroup;
    if (last.parent !== undefined && !index.group(last.parent)) {
      warnings.push(`Parent group ${last.parent} of ${last.ref} is not in the catalog`);
    }
  } else if (ownerUser) {
    members = [ownerUser];
  } else if (entityRefKind(owner) === 'group' || entityRefKind(owner) === 'user') {
    warnings.push(`Owner ${owner} is not in the catalog`);
  } else {
    warnings.push(`Owner ${owner} is not a Group or User`);
  }

  const ownTeam = owner ?? UNOWNED;
  const dependsOnTeams: string[] = [];
  const dependedOnByTeams: string[] = [];
  if (scope?.kind === 'API') {
    // The API depends on its providers' teams; its consumers' teams depend on it.
    for (const edge of index.graph.edges) {
      if (!edge.apis.includes(entityRef)) continue;
      const consumerTeam = index.ownerOf(edge.from);
      if (consumerTeam !== ownTeam) dependedOnByTeams.push(consumerTeam);
      const providerTeam = index.ownerOf(edge.to);
      if (providerTeam !== ownTeam) dependsOnTeams.push(providerTeam);
    }
  }
  for (const nodeRef of nodeRefs) {
    for (const edge of index.outgoing(nodeRef)) {
      const team = index.ownerOf(edge.to);
      if (team !== ownTeam) {
        dependsOnTeams.push(team);
      }
    }
    for (const edge of index.incoming(nodeRef)) {
      const team = index.ownerOf(edge.from);
      if (team !== ownTeam) {
        dependedOnByTeams.push(team);
      }
    }
  }

  const info: OwnershipInfo = {
    entityRef,
    members,
    escalationPath,
    owns,
    dependsOnTeams: countByTeam(dependsOnTeams),
    dependedOnByTeams: countByTeam(dependedOnByTeams),
    warnings,
  };
  if (owner !== undefined) {
    info.owner = owner;
  }
  if (ownerGroup) {
    info.ownerGroup = ownerGroup;
  }
  return info;
}
