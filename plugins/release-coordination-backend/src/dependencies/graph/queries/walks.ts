import {
  BlastRadiusGroup,
  ReachedEntity,
  UNOWNED,
} from '@release-coordination/plugin-release-coordination-common';
import { DependencyGraphView } from '@release-coordination/plugin-release-coordination-node';
import { DependencyIndex } from '../DependencyIndex';
import { compareStrings, normalizedRefs } from '../refs';

/** Options of {@link upstreamOf} and {@link downstreamOf}. */
export interface DependencyWalkOptions {
  /** How many hops to walk; unlimited by default. */
  maxDepth?: number;
}

function walk(
  index: DependencyGraphView,
  start: string | string[],
  maxDepth: number,
  upstream: boolean,
): ReachedEntity[] {
  const starts = normalizedRefs(start);
  const startSet = new Set(starts);
  const reached = new Map<string, ReachedEntity>();
  let frontier = starts;
  let depth = 0;
  while (frontier.length > 0 && depth < maxDepth) {
    depth++;
    const next: string[] = [];
    for (const ref of frontier) {
      const parentPath = reached.get(ref)?.path;
      for (const edge of upstream ? index.outgoing(ref) : index.incoming(ref)) {
        const other = upstream ? edge.to : edge.from;
        if (startSet.has(other) || reached.has(other)) {
          continue;
        }
        const entity: ReachedEntity = {
          ref: other,
          depth,
          path: parentPath ? [...parentPath, other] : [other],
          via: edge,
        };
        const owner = index.node(other)?.owner;
        if (owner !== undefined) {
          entity.owner = owner;
        }
        reached.set(other, entity);
        next.push(other);
      }
    }
    frontier = next;
  }
  return [...reached.values()].sort((a, b) => a.depth - b.depth || compareStrings(a.ref, b.ref));
}

/**
 * What the start entities depend on, transitively: breadth-first over outgoing edges. Each
 * entity appears once, with a shortest path from the starts; the starts never appear. Sorted
 * by depth, then ref. Walks any {@link DependencyGraphView}, so gate rules can ask it of the
 * graph in their context.
 */
export function upstreamOf(
  index: DependencyGraphView,
  start: string | string[],
  options?: DependencyWalkOptions,
): ReachedEntity[] {
  return walk(index, start, options?.maxDepth ?? Infinity, true);
}

/**
 * What depends on the start entities, transitively: breadth-first over incoming edges. Same
 * shape as {@link upstreamOf}.
 */
export function downstreamOf(
  index: DependencyGraphView,
  start: string | string[],
  options?: DependencyWalkOptions,
): ReachedEntity[] {
  return walk(index, start, options?.maxDepth ?? Infinity, false);
}

/**
 * Everything that transitively depends on the given entities, grouped by owner
 * ({@link UNOWNED} for none); the largest groups first, then by owner.
 */
export function blastRadius(index: DependencyIndex, ref: string | string[]): BlastRadiusGroup[] {
  const groups = new Map<string, BlastRadiusGroup>();
  for (const entity of downstreamOf(index, ref)) {
    const owner = entity.owner ?? UNOWNED;
    let group = groups.get(owner);
    if (!group) {
      group = { owner, entities: [] };
      groups.set(owner, group);
    }
    group.entities.push(entity);
  }
  return [...groups.values()].sort(
    (a, b) => b.entities.length - a.entities.length || compareStrings(a.owner, b.owner),
  );
}
