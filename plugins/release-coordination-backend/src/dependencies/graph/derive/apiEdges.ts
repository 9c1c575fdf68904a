import { ProblemLog, reportSelfReference } from './problems';
import { RawEdges } from './mergeEdges';
import { EntityRecord } from './records';

/** The nodes that consume and provide one API (by node id, possibly repeated). */
export interface ApiUse {
  known: boolean;
  consumers: number[];
  providers: number[];
}

/** Who consumes and provides each API, by API ref, as the relations name it. */
export type ApiUses = Map<string, ApiUse>;

/** The use of an API, created on first sight; `known` says whether the API is in the catalog. */
export function apiUse(apiUses: ApiUses, apiRef: string, known: boolean): ApiUse {
  let use = apiUses.get(apiRef);
  if (!use) {
    use = { known, consumers: [], providers: [] };
    apiUses.set(apiRef, use);
  }
  return use;
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
 * API edges: every consumer of an API depends on every provider of it. Adds them to the raw
 * edges and returns the refs of the APIs that gave edges (a raw edge's `api` is an index into
 * them).
 */
export function addApiEdges(
  apiUses: ApiUses,
  nodes: EntityRecord[],
  problems: ProblemLog,
  raw: RawEdges,
): string[] {
  const { from: rawFrom, to: rawTo, api: rawApi } = raw;
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
          const entityRef = nodes[consumer].ref;
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
          reportSelfReference(problems, nodes[consumer].ref, 'consumesApi');
        } else {
          rawFrom.push(consumer);
          rawTo.push(provider);
          rawApi.push(api);
        }
      }
    }
  }
  return apiRefs;
}
