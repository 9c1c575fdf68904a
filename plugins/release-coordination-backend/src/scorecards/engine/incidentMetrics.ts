/**
 * The metrics of incidents, as METRIC_DEFINITIONS defines them: how often incidents start,
 * how long they take to restore, how many users for how long, and the share of production
 * deployments a person confirmed as the cause of one.
 */
import { MetricValue } from '@release-coordination/plugin-release-coordination-common';
import { ScorecardContext, time, WEEK_MS } from './context';
import { DeploymentFact, IncidentFact } from './facts';
import { durations, figure, plural, ratio, withFigures } from './statistics';

const NO_INCIDENTS = 'No incident started in the period';

/**
 * Production deployments of the scope that finished in the period with at least one confirmed
 * attributed incident ÷ all of them. The incident may belong to another scope (a team's
 * deployment can break another team's service) and may start after the period.
 */
export function incidentChangeFailureRate(
  ctx: ScorecardContext,
  deployments: DeploymentFact[],
): MetricValue {
  let finished = 0;
  let caused = 0;
  for (const d of deployments) {
    const outcome = ctx.outcomes.get(d.id);
    if (
      !outcome ||
      outcome.finishedAt < ctx.from ||
      outcome.finishedAt >= ctx.to
    )
      continue;
    finished += 1;
    if (ctx.incidentCauses.has(d.id)) caused += 1;
  }
  return ratio(
    'incident-change-failure-rate',
    caused,
    finished,
    'No production deployments finished in the period',
  );
}

/** Incident frequency, time to restore and customer impact of the scope's incidents. */
export function incidentMetrics(
  ctx: ScorecardContext,
  incidents: IncidentFact[],
): MetricValue[] {
  const started = incidents.filter(i => {
    const at = time(i.startedAt);
    return at >= ctx.from && at < ctx.to;
  });
  const weeks = (ctx.to - ctx.from) / WEEK_MS;

  // No incident is a figure too: zero a week, not a missing value.
  const frequency: MetricValue = {
    id: 'incident-frequency',
    value: started.length / weeks,
    numerator: started.length,
    denominator: weeks,
    sampleSize: started.length,
  };

  const restored: number[] = [];
  let unresolved = 0;
  for (const i of started) {
    if (i.resolvedAt === undefined) unresolved += 1;
    else restored.push(Math.max(0, time(i.resolvedAt) - time(i.startedAt)));
  }
  const timeToRestore = durations('time-to-restore', restored, {
    p90: true,
    whenEmpty:
      started.length === 0
        ? NO_INCIDENTS
        : 'No incident of the period is resolved yet',
    leftOut: unresolved
      ? `${plural(unresolved, 'incident is', 'incidents are')} not resolved yet and counted apart`
      : undefined,
    figures: unresolved
      ? [figure('unresolved', 'not resolved yet', unresolved)]
      : [],
  });

  let userMinutes = 0;
  let users = 0;
  let minutes = 0;
  let complete = 0;
  for (const i of started) {
    users += i.usersAffected ?? 0;
    minutes += i.impactMinutes ?? 0;
    if (i.usersAffected !== undefined && i.impactMinutes !== undefined) {
      userMinutes += i.usersAffected * i.impactMinutes;
      complete += 1;
    }
  }
  const parts = [
    figure('users-affected', 'users affected', users),
    figure('impact-minutes', 'minutes of impact', minutes),
    ...(complete < started.length
      ? [
          figure(
            'impact-incomplete',
            'incidents without both users and minutes',
            started.length - complete,
          ),
        ]
      : []),
  ];
  const customerImpact: MetricValue =
    complete === 0
      ? withFigures(
          {
            id: 'customer-impact',
            sampleSize: 0,
            missing:
              started.length === 0
                ? NO_INCIDENTS
                : 'No incident of the period reported both users affected and minutes',
          },
          started.length ? parts : [],
        )
      : withFigures(
          { id: 'customer-impact', value: userMinutes, sampleSize: complete },
          parts,
        );

  return [frequency, timeToRestore, customerImpact];
}
