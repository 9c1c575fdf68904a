import { normalizeEntityRef } from '@release-coordination/plugin-release-coordination-common';
import { ApiUses, apiUse } from './apiEdges';
import { RawEdges } from './mergeEdges';
import { ProblemLog, reportSelfReference, reportUnknownRef } from './problems';
import {
  API,
  DOMAIN,
  EntityRecord,
  EntityRecords,
  GROUP,
  NODE,
  OTHER,
  resolveRecord,
  SYSTEM,
  USER,
} from './records';

function smallest(current: string | undefined, candidate: string): string {
  return current === undefined || candidate < current ? candidate : current;
}

/** A `dependsOn` edge between two nodes, as a raw edge without an API. */
function addDependsOn(
  raw: RawEdges,
  problems: ProblemLog,
  from: EntityRecord,
  to: EntityRecord,
  holder: string,
): void {
  if (from === to) {
    // The same fact from either side (`dependsOn` or `dependencyOf`): reported once.
    reportSelfReference(problems, holder, 'dependsOn');
  } else {
    raw.from.push(from.nodeId);
    raw.to.push(to.nodeId);
    raw.api.push(-1);
  }
}

/**
 * Pass 2: every relation once, from whichever side holds it. Fills the records' owner, system,
 * domain, parent and members, the raw `dependsOn` edges, and who consumes and provides each
 * API (the API edges follow from those once every relation is read).
 *
 * One loop with a switch on small integers: it runs once per relation entry, millions of times
 * on a large catalog, so it stays free of per-relation allocations and indirection.
 */
export function readRelations(
  records: EntityRecords,
  problems: ProblemLog,
  raw: RawEdges,
  apiUses: ApiUses,
): void {
  const { byRef } = records;
  for (const record of byRef.values()) {
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
      const target = resolveRecord(byRef, relation.targetRef);
      const targetCode = target ? target.code : OTHER;
      if (code === NODE) {
        switch (type) {
          case 'dependsOn':
            if (!target) {
              reportUnknownRef(problems, ref, type, normalizeEntityRef(relation.targetRef));
            } else if (targetCode === NODE) {
              addDependsOn(raw, problems, record, target, ref);
            }
            break;
          case 'dependencyOf':
            if (!target) {
              reportUnknownRef(problems, ref, type, normalizeEntityRef(relation.targetRef));
            } else if (targetCode === NODE) {
              addDependsOn(raw, problems, target, record, ref);
            }
            break;
          case 'consumesApi':
          case 'providesApi': {
            const apiRef = target ? target.ref : normalizeEntityRef(relation.targetRef);
            if (!target) {
              reportUnknownRef(problems, ref, type, apiRef);
            }
            const use = apiUse(apiUses, apiRef, target !== undefined);
            (type === 'consumesApi' ? use.consumers : use.providers).push(record.nodeId);
            break;
          }
          case 'partOf':
            if (!target) {
              reportUnknownRef(problems, ref, type, normalizeEntityRef(relation.targetRef));
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
            reportUnknownRef(problems, ref, type, normalizeEntityRef(relation.targetRef));
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
          const use = apiUse(apiUses, ref, true);
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
}
