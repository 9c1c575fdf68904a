import {
  DependencyDriftEdge,
  DependencyDriftPoint,
  DependencyDriftStep,
  TrainDependencyDrift,
} from '@release-coordination/plugin-release-coordination-common';
import { compareStrings } from './refs';

/**
 * The upstream dependencies among a train's participants at one moment, as recorded: each
 * participant's ref maps to the participants it depends on, transitively. Every participant
 * of that moment is a key, also those that depend on nobody.
 */
export interface DependencyDriftSample {
  point: DependencyDriftPoint;
  upstreamEdges: Record<string, string[]>;
}

/** The targets of each `from`, without duplicates. */
function targetsByFrom(edges: Record<string, string[]>): Map<string, Set<string>> {
  return new Map(Object.entries(edges).map(([from, targets]) => [from, new Set(targets)]));
}

function compareEdges(a: DependencyDriftEdge, b: DependencyDriftEdge): number {
  return compareStrings(a.from, b.from) || compareStrings(a.to, b.to);
}

/** The edges of `edges` that `other` does not have, sorted by `from`, then `to`. */
function edgesMissingFrom(
  edges: Map<string, Set<string>>,
  other: Map<string, Set<string>>,
): DependencyDriftEdge[] {
  const missing: DependencyDriftEdge[] = [];
  for (const [from, targets] of edges) {
    const otherTargets = other.get(from);
    for (const to of targets) {
      if (!otherTargets?.has(to)) missing.push({ from, to });
    }
  }
  return missing.sort(compareEdges);
}

/**
 * What changed between two recordings of the upstream dependencies among participants: the
 * edges only `after` has are added, those only `before` has are removed. An edge from X to Y
 * means X depends on Y. Sorted by `from`, then `to`, so equal inputs give equal answers.
 */
export function diffDependencyEdges(
  before: Record<string, string[]>,
  after: Record<string, string[]>,
): { added: DependencyDriftEdge[]; removed: DependencyDriftEdge[] } {
  const beforeEdges = targetsByFrom(before);
  const afterEdges = targetsByFrom(after);
  return {
    added: edgesMissingFrom(afterEdges, beforeEdges),
    removed: edgesMissingFrom(beforeEdges, afterEdges),
  };
}

/** The participants (keys) of `edges` that `other` does not have, sorted. */
function participantsMissingFrom(
  edges: Record<string, string[]>,
  other: Record<string, string[]>,
): string[] {
  const present = new Set(Object.keys(other));
  return Object.keys(edges)
    .filter(ref => !present.has(ref))
    .sort(compareStrings);
}

/**
 * The dependency drift of a train from its recorded points, oldest first: one step per
 * consecutive pair. A participant that joined brings its edges as added, one that left takes
 * its edges away as removed; the step names them in `joined` and `left`, so that a reader can
 * tell a changed catalog from a changed train.
 */
export function dependencyDrift(
  trainId: string,
  points: DependencyDriftSample[],
): TrainDependencyDrift {
  const steps: DependencyDriftStep[] = [];
  for (let i = 1; i < points.length; i++) {
    const before = points[i - 1];
    const after = points[i];
    const { added, removed } = diffDependencyEdges(before.upstreamEdges, after.upstreamEdges);
    const joined = participantsMissingFrom(after.upstreamEdges, before.upstreamEdges);
    const left = participantsMissingFrom(before.upstreamEdges, after.upstreamEdges);
    steps.push({
      from: before.point,
      to: after.point,
      added,
      removed,
      ...(joined.length > 0 ? { joined } : {}),
      ...(left.length > 0 ? { left } : {}),
    });
  }
  return { trainId, steps };
}
