/**
 * Which production deployments may have caused an incident, most likely first.
 *
 * The candidates are the production deployments of the affected entity and of everything it
 * depends on (through the dependency graph), that finished within a window before the
 * incident started. They are ranked by graph distance (a change to the entity itself is more
 * likely than one three hops away), then by recency (the nearer to the start, the likelier),
 * and each carries the reasoning a person reads before confirming one.
 */
import {
  AttributionCandidate,
  ReachedEntity,
} from '@release-coordination/plugin-release-coordination-common';
import { DeploymentOfTrain } from './IncidentStore';

const MINUTE_MS = 60_000;

/** The readable part of an entity ref: `component:default/checkout-api` → `checkout-api`. */
export function entityName(ref: string): string {
  return ref.slice(ref.lastIndexOf('/') + 1).replace(/^[a-z]+:/, '');
}

function duration(minutes: number): string {
  if (minutes < 1) return 'less than a minute';
  if (minutes < 120)
    return `${Math.round(minutes)} minute${Math.round(minutes) === 1 ? '' : 's'}`;
  const hours = Math.round(minutes / 6) / 10;
  return `${hours} hours`;
}

/** How one deployment came to be a candidate, as a sentence. */
function reasoningOf(
  deployment: DeploymentOfTrain,
  path: string[],
  minutesBeforeStart: number,
): string {
  const deployed = entityName(deployment.participantRef);
  const version = deployment.version ? ` of ${deployment.version}` : '';
  const when =
    `its production deployment${version} in '${deployment.trainName}' finished ` +
    `${duration(minutesBeforeStart)} before the incident started`;
  if (path.length === 1)
    return `${deployed} is the affected entity itself; ${when}.`;
  const hops = path.length - 1;
  const chain = path.map(entityName).join(' → ');
  return (
    `${entityName(path[0])} depends on ${deployed} ` +
    `(${chain}, ${hops} hop${hops === 1 ? '' : 's'}); ${when}.`
  );
}

/**
 * Ranks the candidate deployments of an incident.
 *
 * @param affectedRef - the entity the incident hit
 * @param upstream - what it depends on, each with a shortest path (see `upstreamOf`): in a
 *   diamond the nearer way counts, and a cycle back to the affected entity adds nothing
 * @param deployments - production deployments of the affected entity and of `upstream`
 *   that finished in the window; others are ignored
 */
export function rankAttributionCandidates(input: {
  affectedRef: string;
  startedAt: string;
  upstream: ReachedEntity[];
  deployments: DeploymentOfTrain[];
}): AttributionCandidate[] {
  const { affectedRef, upstream, deployments } = input;
  const start = Date.parse(input.startedAt);
  const pathTo = new Map<string, string[]>([[affectedRef, [affectedRef]]]);
  for (const reached of upstream) {
    if (!pathTo.has(reached.ref))
      pathTo.set(reached.ref, [affectedRef, ...reached.path]);
  }
  const candidates = deployments.flatMap(deployment => {
    const path = pathTo.get(deployment.participantRef);
    if (!path || deployment.finishedAt === undefined) return [];
    const finished = Date.parse(deployment.finishedAt);
    if (finished > start) return [];
    const minutesBeforeStart =
      Math.round(((start - finished) / MINUTE_MS) * 10) / 10;
    return [
      {
        deployment: {
          id: deployment.id,
          trainId: deployment.trainId,
          trainName: deployment.trainName,
          participantRef: deployment.participantRef,
          environment: deployment.environment,
          ...(deployment.version ? { version: deployment.version } : {}),
          finishedAt: deployment.finishedAt,
        },
        rank: 0,
        distance: path.length - 1,
        path,
        minutesBeforeStart,
        reasoning: reasoningOf(deployment, path, minutesBeforeStart),
      },
    ];
  });
  candidates.sort(
    (a, b) =>
      a.distance - b.distance ||
      a.minutesBeforeStart - b.minutesBeforeStart ||
      Number(b.deployment.id) - Number(a.deployment.id),
  );
  return candidates.map((candidate, i) => ({ ...candidate, rank: i + 1 }));
}
