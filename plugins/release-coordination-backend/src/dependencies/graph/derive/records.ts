import { normalizeEntityRef } from '@release-coordination/plugin-release-coordination-common';
import { compareStrings, refOfEntity } from '../refs';
import { CatalogEntityLike } from '../types';

/** Kinds derivation cares about, as small integers for cheap comparisons in the hot loop. */
export const OTHER = 0;
export const NODE = 1;
export const SYSTEM = 2;
export const DOMAIN = 3;
export const API = 4;
export const GROUP = 5;
export const USER = 6;

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
export interface EntityRecord {
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

/** Every entity by its normalised ref, and the nodes among them in ref order. */
export interface EntityRecords {
  byRef: Map<string, EntityRecord>;
  /** Components and Resources sorted by ref; a node's `nodeId` is its position here. */
  nodes: EntityRecord[];
}

/** Pass 1: every entity by its normalised ref; the first of duplicates wins. */
export function collectRecords(entities: Iterable<CatalogEntityLike>): EntityRecords {
  const byRef = new Map<string, EntityRecord>();
  const nodes: EntityRecord[] = [];
  for (const entity of entities) {
    const name = entity?.metadata?.name;
    if (typeof entity?.kind !== 'string' || typeof name !== 'string' || name === '') {
      continue;
    }
    const kind = entity.kind.toLowerCase();
    const ref = refOfEntity(kind, entity.metadata.namespace, name);
    if (byRef.has(ref)) {
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
    byRef.set(ref, record);
    if (record.code === NODE) {
      nodes.push(record);
    }
  }
  nodes.sort((a, b) => compareStrings(a.ref, b.ref));
  nodes.forEach((record, id) => {
    record.nodeId = id;
  });
  return { byRef, nodes };
}

/** Catalog refs are usually normalised already: look up as given, normalise only on a miss. */
export function resolveRecord(
  byRef: Map<string, EntityRecord>,
  targetRef: string,
): EntityRecord | undefined {
  const hit = byRef.get(targetRef);
  if (hit) {
    return hit;
  }
  const normalized = normalizeEntityRef(targetRef);
  return normalized === targetRef ? undefined : byRef.get(normalized);
}
