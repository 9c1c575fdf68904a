import {
  DependencyEdge,
  DependencyGroup,
  DependencyNode,
  DependencyProblem,
  DependencyUser,
  normalizeEntityRef,
} from '@release-coordination/plugin-release-coordination-common';
import { compareStrings, refOfEntity } from './refs';
import { compactGraph, multiVertexComponents, stronglyConnectedComponents } from './scc';
import { CatalogEntityLike, DependencyGraph, DependencyScopeEntity } from './types';

/** Kinds derivation cares about, as small integers for cheap comparisons in the hot loop. */
const OTHER = 0;
const NODE = 1;
const SYSTEM = 2;
const DOMAIN = 3;
const API = 4;
const GROUP = 5;
const USER = 6;

const KIND_CODES: Record<string, number> = {
  component: NODE,
  resource: NODE,
  system: SYSTEM,
  domain: DOMAIN,
  api: API,
  group: GROUP,
  user: USER,
};

/**
 * One catalog entity and what its relations (and relations pointing at it) say, before the
 * graph is assembled. Fields from the entity's own side win, the first one as the catalog
 * lists it; the `reverse*` fields come from the other side (`ownerOf`, `hasPart`, `parentOf`)
 * and keep the smallest ref, so the result does not depend on the order of the entities.
 */
interface EntityRecord {
  /** Normalised ref; this string instance is reused everywhere (its hash is computed once). */
  ref: string;
  code: number;
  entity: CatalogEntityLike;
  /** Position among the nodes sorted by ref; -1 for other kinds. */
  nodeId: number;
  owner?: string;
  reverseOwner?: string;
  system?: string;
  reverseSystem?: string;
  domain?: string;
  reverseDomain?: string;
  parent?: string;
  reverseParent?: string;
  members?: Set<string>;
}

/** The nodes that consume and provide one API (by node id, possibly repeated). */
interface ApiUse {
  known: boolean;
  consumers: number[];
  providers: number[];
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function smallest(current: string | undefined, candidate: string): string {
  return current === undefined || candidate < current ? candidate : current;
}

function uniqueSorted(ids: number[]): number[] {
  if (ids.length < 2) {
    return ids;
  }
  ids.sort((a, b) => a - b);
  let length = 1;
  for (let i = 1; i < ids.length; i++) {
    if (ids[i] !== ids[length - 1]) {
      ids[length++] = ids[i];
    }
  }
  ids.length = length;
  return ids;
}

/**
 * Derives the cross-team dependency graph from catalog entities whose `relations` the catalog
 * has already computed.
 *
 * Nodes are Components and Resources; `from` depends on `to` when `from` declares `dependsOn`
 * `to` (or `to` declares `dependencyOf` `from`), or when `from` consumes an API that `to`
 * provides. Every relation is read from both sides, so an entity set where the catalog wrote
 * only one side of a relation gives the same graph. Inconsistencies in the catalog are
 * reported as `problems`, never thrown.
 *
 * A node, System or Domain whose `ownedBy` names an entity that is not a known Group or User
 * keeps that ref as its `owner` (with a `missing-owner` problem carrying `ownerRef`), so
 * people can still see who was meant.
 *
 * Linear in entities, relations and edges (plus sorting), without recursion.
 */
export function deriveDependencyGraph(entities: Iterable<CatalogEntityLike>): DependencyGraph {
  // Pass 1: every entity by its normalised ref; the first of duplicates wins.
  const records = new Map<string, EntityRecord>();
  const nodeRecords: EntityRecord[] = [];
  for (const entity of entities) {
    const name = entity?.metadata?.name;
    if (typeof entity?.kind !== 'string' || typeof name !== 'string' || name === '') {
      continue;
    }
    const kind = entity.kind.toLowerCase();
    const ref = refOfEntity(kind, entity.metadata.namespace, name);
    if (records.has(ref)) {
      continue;
    }
    // Every field set up front: one object shape for all records keeps property access fast.
    const record: EntityRecord = {
      ref,
      code: KIND_CODES[kind] ?? OTHER,
      entity,
      nodeId: -1,
      owner: undefined,
      reverseOwner: undefined,
      system: undefined,
      reverseSystem: undefined,
      domain: undefined,
      reverseDomain: undefined,
      parent: undefined,
      reverseParent: undefined,
      members: undefined,
    };
    records.set(ref, record);
    if (record.code === NODE) {
      nodeRecords.push(record);
    }
  }
  nodeRecords.sort((a, b) => compareStrings(a.ref, b.ref));
  nodeRecords.forEach((record, id) => {
    record.nodeId = id;
  });
  const nodeCount = nodeRecords.length;

  // Catalog refs are usually normalised already: look up as given, normalise only on a miss.
  const resolve = (targetRef: string): EntityRecord | undefined => {
    const hit = records.get(targetRef);
    if (hit) {
      return hit;
    }
    const normalized = normalizeEntityRef(targetRef);
    return normalized === targetRef ? undefined : records.get(normalized);
  };

  const problems = new Map<string, DependencyProblem>();
  const unknownRef = (entityRef: string, relation: string, targetRef: string) => {
    const key = `unknown-ref\u0001${entityRef}\u0001${relation}\u0001${targetRef}`;
    if (!problems.has(key)) {
      problems.set(key, { type: 'unknown-ref', entityRef, relation, targetRef });
    }
  };
  const selfReference = (entityRef: string, relation: string) => {
    const key = `self-reference\u0001${entityRef}\u0001${relation}`;
    if (!problems.has(key)) {
      problems.set(key, { type: 'self-reference', entityRef, relation });
    }
  };

  // Raw edges by node id, duplicates included; `api` is an index into `apiRefs`, -1 for
  // `dependsOn`. Merged per ordered pair below.
  const rawFrom: number[] = [];
  const rawTo: number[] = [];
  const rawApi: number[] = [];
  const dependsOn = (from: EntityRecord, to: EntityRecord, holder: string) => {
    if (from === to) {
      // The same fact from either side (`dependsOn` or `dependencyOf`): reported once.
      selfReference(holder, 'dependsOn');
    } else {
      rawFrom.push(from.nodeId);
      rawTo.push(to.nodeId);
      rawApi.push(-1);
    }
  };

  const apiUses = new Map<string, ApiUse>();
  const apiUse = (apiRef: string, known: boolean) => {
    let use = apiUses.get(apiRef);
    if (!use) {
      use = { known, consumers: [], providers: [] };
      apiUses.set(apiRef, use);
    }
    return use;
  };

  // Pass 2: every relation once.
  for (const record of records.values()) {
    const relations = record.entity.relations;
    if (!Array.isArray(relations) || record.code === OTHER) {
      continue;
    }
    const { ref, code } = record;
    for (const relation of relations) {
      const type = relation?.type;
      if (typeof relation?.targetRef !== 'string' || typeof type !== 'string') {
        continue;
      }
      const target = resolve(relation.targetRef);
      const targetCode = target ? target.code : OTHER;
      if (code === NODE) {
        switch (type) {
          case 'dependsOn':
            if (!target) {
              unknownRef(ref, type, normalizeEntityRef(relation.targetRef));
            } else if (targetCode === NODE) {
              dependsOn(record, target, ref);
            }
            break;
          case 'dependencyOf':
            if (!target) {
              unknownRef(ref, type, normalizeEntityRef(relation.targetRef));
            } else if (targetCode === NODE) {
              dependsOn(target, record, ref);
            }
            break;
          case 'consumesApi':
          case 'providesApi': {
            const apiRef = target ? target.ref : normalizeEntityRef(relation.targetRef);
            if (!target) {
              unknownRef(ref, type, apiRef);
            }
            const use = apiUse(apiRef, target !== undefined);
            (type === 'consumesApi' ? use.consumers : use.providers).push(record.nodeId);
            break;
          }
          case 'partOf':
            if (!target) {
              unknownRef(ref, type, normalizeEntityRef(relation.targetRef));
            } else if (targetCode === SYSTEM) {
              record.system ??= target.ref;
            } else if (targetCode === DOMAIN) {
              record.domain ??= target.ref;
            }
            break;
          case 'ownedBy':
            // An unknown owner is reported as `missing-owner` once the owner is settled.
            record.owner ??= target ? target.ref : normalizeEntityRef(relation.targetRef);
            break;
          default:
            break;
        }
      } else if (code === SYSTEM || code === DOMAIN) {
        if (type === 'ownedBy') {
          record.owner ??= target ? target.ref : normalizeEntityRef(relation.targetRef);
        } else if (type === 'partOf') {
          if (!target) {
            unknownRef(ref, type, normalizeEntityRef(relation.targetRef));
          } else if (code === SYSTEM && targetCode === DOMAIN) {
            record.domain ??= target.ref;
          }
        } else if (type === 'hasPart' && target) {
          if (code === SYSTEM && targetCode === NODE) {
            target.reverseSystem = smallest(target.reverseSystem, ref);
          } else if (code === DOMAIN && (targetCode === NODE || targetCode === SYSTEM)) {
            target.reverseDomain = smallest(target.reverseDomain, ref);
          }
        }
      } else if (code === API) {
        if (targetCode === NODE && (type === 'apiConsumedBy' || type === 'apiProvidedBy')) {
          const use = apiUse(ref, true);
          (type === 'apiConsumedBy' ? use.consumers : use.providers).push(target!.nodeId);
        } else if (type === 'ownedBy') {
          record.owner ??= target ? target.ref : normalizeEntityRef(relation.targetRef);
        } else if (type === 'partOf' && targetCode === SYSTEM) {
          record.system ??= target!.ref;
        }
      } else if (type === 'ownerOf') {
        // Groups and Users.
        if (
          target &&
          (targetCode === NODE ||
            targetCode === SYSTEM ||
            targetCode === DOMAIN ||
            targetCode === API)
        ) {
          target.reverseOwner = smallest(target.reverseOwner, ref);
        }
      } else if (code === GROUP) {
        if (type === 'childOf') {
          // A parent missing from the catalog is kept: ownership warns that escalation ends.
          const parent = target ? target.ref : normalizeEntityRef(relation.targetRef);
          if (parent.startsWith('group:')) {
            record.parent ??= parent;
          }
        } else if (type === 'parentOf' && targetCode === GROUP) {
          target!.reverseParent = smallest(target!.reverseParent, ref);
        } else if (type === 'hasMember') {
          const member = target ? target.ref : normalizeEntityRef(relation.targetRef);
          if (member.startsWith('user:')) {
            (record.members ??= new Set()).add(member);
          }
        }
      } else if (code === USER && type === 'memberOf' && targetCode === GROUP) {
        (target!.members ??= new Set()).add(ref);
      }
    }
  }

  // API edges: every consumer of an API depends on every provider of it.
  const apiRefs: string[] = [];
  for (const [apiRef, use] of apiUses) {
    if (use.consumers.length === 0) {
      continue;
    }
    const consumers = uniqueSorted(use.consumers);
    if (use.providers.length === 0) {
      // An API missing from the catalog is already an `unknown-ref`.
      if (use.known) {
        for (const consumer of consumers) {
          const entityRef = nodeRecords[consumer].ref;
          problems.set(`api-without-provider\u0001${entityRef}\u0001${apiRef}`, {
            type: 'api-without-provider',
            entityRef,
            apiRef,
          });
        }
      }
      continue;
    }
    const providers = uniqueSorted(use.providers);
    const api = apiRefs.length;
    apiRefs.push(apiRef);
    for (const consumer of consumers) {
      for (const provider of providers) {
        if (consumer === provider) {
          selfReference(nodeRecords[consumer].ref, 'consumesApi');
        } else {
          rawFrom.push(consumer);
          rawTo.push(provider);
          rawApi.push(api);
        }
      }
    }
  }

  // One edge per ordered pair: bucket the raw edges by `from` (counting sort), merge by `to`.
  // Node ids follow ref order, so the edges come out sorted by `from`, then `to`.
  const rawCount = rawFrom.length;
  const bucketStart = new Int32Array(nodeCount + 1);
  for (let i = 0; i < rawCount; i++) {
    bucketStart[rawFrom[i] + 1]++;
  }
  for (let v = 0; v < nodeCount; v++) {
    bucketStart[v + 1] += bucketStart[v];
  }
  const cursor = bucketStart.slice(0, nodeCount);
  const bucketed = new Int32Array(rawCount);
  for (let i = 0; i < rawCount; i++) {
    bucketed[cursor[rawFrom[i]]++] = i;
  }
  const slot = new Int32Array(nodeCount).fill(-1);
  const targets: number[] = [];
  const targetDependsOn: boolean[] = [];
  const targetApis: Array<string[] | undefined> = [];
  const order: number[] = [];
  const edges: DependencyEdge[] = [];
  const fromIds: number[] = [];
  const toIds: number[] = [];
  for (let v = 0; v < nodeCount; v++) {
    const begin = bucketStart[v];
    const end = bucketStart[v + 1];
    if (begin === end) {
      continue;
    }
    targets.length = 0;
    targetDependsOn.length = 0;
    targetApis.length = 0;
    for (let p = begin; p < end; p++) {
      const raw = bucketed[p];
      const to = rawTo[raw];
      let s = slot[to];
      if (s === -1) {
        s = targets.length;
        slot[to] = s;
        targets.push(to);
        targetDependsOn.push(false);
        targetApis.push(undefined);
      }
      const api = rawApi[raw];
      if (api === -1) {
        targetDependsOn[s] = true;
      } else {
        const apis = (targetApis[s] ??= []);
        if (!apis.includes(apiRefs[api])) {
          apis.push(apiRefs[api]);
        }
      }
    }
    order.length = 0;
    for (let s = 0; s < targets.length; s++) {
      order.push(s);
      slot[targets[s]] = -1;
    }
    if (order.length > 1) {
      order.sort((a, b) => targets[a] - targets[b]);
    }
    for (const s of order) {
      fromIds.push(v);
      toIds.push(targets[s]);
      edges.push({
        from: nodeRecords[v].ref,
        to: nodeRecords[targets[s]].ref,
        dependsOn: targetDependsOn[s],
        apis: targetApis[s]?.sort() ?? [],
      });
    }
  }

  const { component, count } = stronglyConnectedComponents(
    compactGraph(nodeCount, fromIds, toIds, fromIds.length),
  );
  for (const ids of multiVertexComponents(component, count)) {
    // Ids are ascending within a component, hence so are the refs.
    const members = ids.map(id => nodeRecords[id].ref);
    problems.set(`cycle\u0001${members.join('\u0001')}`, { type: 'cycle', members });
  }

  const ownerOf = (record: EntityRecord) => {
    const owner = record.owner ?? record.reverseOwner;
    const ownerCode = owner === undefined ? OTHER : records.get(owner)?.code;
    if (owner === undefined) {
      problems.set(`missing-owner\u0001${record.ref}`, {
        type: 'missing-owner',
        entityRef: record.ref,
      });
    } else if (ownerCode !== GROUP && ownerCode !== USER) {
      problems.set(`missing-owner\u0001${record.ref}`, {
        type: 'missing-owner',
        entityRef: record.ref,
        ownerRef: owner,
      });
    }
    return owner;
  };

  const scopes: DependencyScopeEntity[] = [];
  const groups: DependencyGroup[] = [];
  const users: DependencyUser[] = [];
  for (const record of records.values()) {
    const { ref, code, entity } = record;
    if (code === SYSTEM || code === DOMAIN || code === API) {
      const kind = code === SYSTEM ? 'System' : code === DOMAIN ? 'Domain' : 'API';
      const scope: DependencyScopeEntity = { ref, kind };
      const title = stringOrUndefined(entity.metadata.title);
      if (title !== undefined) {
        scope.title = title;
      }
      // APIs are not part of the graph's problems: the ownership view warns about them.
      const owner = code === API ? record.owner ?? record.reverseOwner : ownerOf(record);
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
      scopes.push(scope);
    } else if (code === GROUP || code === USER) {
      const profile = entity.spec?.profile;
      const title =
        stringOrUndefined(profile?.displayName) ?? stringOrUndefined(entity.metadata.title);
      if (code === GROUP) {
        const group: DependencyGroup = { ref, members: [] };
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
        groups.push(group);
      } else {
        const user: DependencyUser = { ref };
        if (title !== undefined) {
          user.title = title;
        }
        const email = stringOrUndefined(profile?.email);
        if (email !== undefined) {
          user.email = email;
        }
        users.push(user);
      }
    }
  }
  const byRef = (a: { ref: string }, b: { ref: string }) => compareStrings(a.ref, b.ref);
  scopes.sort(byRef);
  groups.sort(byRef);
  users.sort(byRef);

  const nodes: DependencyNode[] = nodeRecords.map(record => {
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
    const owner = ownerOf(record);
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

  const problemKeys = [...problems.keys()].sort();
  return {
    nodes,
    edges,
    scopes,
    groups,
    users,
    problems: problemKeys.map(key => problems.get(key)!),
  };
}
