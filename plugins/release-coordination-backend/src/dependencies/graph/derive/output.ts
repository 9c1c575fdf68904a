import {
  DependencyGroup,
  DependencyNode,
  DependencyUser,
} from '@release-coordination/plugin-release-coordination-common';
import { compareStrings } from '../refs';
import { DependencyScopeEntity } from '../types';
import { settleOwner } from './owners';
import { ProblemLog } from './problems';
import { API, DOMAIN, EntityRecord, GROUP, SYSTEM, USER } from './records';

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function byRef(a: { ref: string }, b: { ref: string }): number {
  return compareStrings(a.ref, b.ref);
}

/** A System, Domain or API as the graph lists it. */
function scopeOf(
  records: Map<string, EntityRecord>,
  problems: ProblemLog,
  record: EntityRecord,
): DependencyScopeEntity {
  const { ref, code, entity } = record;
  let kind: DependencyScopeEntity['kind'] = 'API';
  if (code === SYSTEM) kind = 'System';
  else if (code === DOMAIN) kind = 'Domain';
  const scope: DependencyScopeEntity = { ref, kind };
  const title = stringOrUndefined(entity.metadata.title);
  if (title !== undefined) {
    scope.title = title;
  }
  // APIs are not part of the graph's problems: the ownership view warns about them.
  const owner =
    code === API ? record.owner ?? record.reverseOwner : settleOwner(records, problems, record);
  if (owner !== undefined) {
    scope.owner = owner;
  }
  const domain = record.domain ?? record.reverseDomain;
  if (code === SYSTEM && domain !== undefined) {
    scope.domain = domain;
  }
  const system = record.system ?? record.reverseSystem;
  if (code === API && system !== undefined) {
    scope.system = system;
  }
  return scope;
}

/** A Group's or User's display name: the profile's, else the entity's title. */
function personTitle(record: EntityRecord): string | undefined {
  const { entity } = record;
  return (
    stringOrUndefined(entity.spec?.profile?.displayName) ?? stringOrUndefined(entity.metadata.title)
  );
}

function groupOf(record: EntityRecord): DependencyGroup {
  const { ref, entity } = record;
  const group: DependencyGroup = { ref, members: [] };
  const title = personTitle(record);
  if (title !== undefined) {
    group.title = title;
  }
  const type = stringOrUndefined(entity.spec?.type);
  if (type !== undefined) {
    group.type = type;
  }
  const parent = record.parent ?? record.reverseParent;
  if (parent !== undefined && parent !== ref) {
    group.parent = parent;
  }
  if (record.members) {
    group.members = [...record.members].sort();
  }
  return group;
}

function userOf(record: EntityRecord): DependencyUser {
  const user: DependencyUser = { ref: record.ref };
  const title = personTitle(record);
  if (title !== undefined) {
    user.title = title;
  }
  const email = stringOrUndefined(record.entity.spec?.profile?.email);
  if (email !== undefined) {
    user.email = email;
  }
  return user;
}

/**
 * The Systems, Domains and APIs (for roll-ups and ownership), Groups and Users of the graph,
 * each sorted by ref. Reports Systems and Domains without a known owner.
 */
export function scopesGroupsAndUsers(
  records: Map<string, EntityRecord>,
  problems: ProblemLog,
): { scopes: DependencyScopeEntity[]; groups: DependencyGroup[]; users: DependencyUser[] } {
  const scopes: DependencyScopeEntity[] = [];
  const groups: DependencyGroup[] = [];
  const users: DependencyUser[] = [];
  for (const record of records.values()) {
    const { code } = record;
    if (code === SYSTEM || code === DOMAIN || code === API) {
      scopes.push(scopeOf(records, problems, record));
    } else if (code === GROUP) {
      groups.push(groupOf(record));
    } else if (code === USER) {
      users.push(userOf(record));
    }
  }
  scopes.sort(byRef);
  groups.sort(byRef);
  users.sort(byRef);
  return { scopes, groups, users };
}

/** The graph's nodes, in ref order. Reports nodes without a known owner. */
export function nodesOf(
  records: Map<string, EntityRecord>,
  problems: ProblemLog,
  nodeRecords: EntityRecord[],
): DependencyNode[] {
  return nodeRecords.map(record => {
    const { ref, entity } = record;
    const node: DependencyNode = { ref, kind: entity.kind };
    const title = stringOrUndefined(entity.metadata.title);
    if (title !== undefined) {
      node.title = title;
    }
    const type = stringOrUndefined(entity.spec?.type);
    if (type !== undefined) {
      node.type = type;
    }
    const lifecycle = stringOrUndefined(entity.spec?.lifecycle);
    if (lifecycle !== undefined) {
      node.lifecycle = lifecycle;
    }
    const owner = settleOwner(records, problems, record);
    if (owner !== undefined) {
      node.owner = owner;
    }
    const system = record.system ?? record.reverseSystem;
    if (system !== undefined) {
      node.system = system;
    }
    // The system's domain first; a Component directly in a Domain is the exception.
    const systemRecord = system === undefined ? undefined : records.get(system);
    const domain =
      systemRecord?.domain ?? systemRecord?.reverseDomain ?? record.domain ?? record.reverseDomain;
    if (domain !== undefined) {
      node.domain = domain;
    }
    return node;
  });
}
