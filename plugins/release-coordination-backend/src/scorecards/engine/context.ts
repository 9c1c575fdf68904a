/** What one scorecard's metrics share: times, the period and the judged deployments. */
import { normalizeEntityRef } from '@release-coordination/plugin-release-coordination-common';
import { DeploymentFact, TrainFact } from './facts';

export const HOUR_MS = 3_600_000;
export const WEEK_MS = 7 * 24 * HOUR_MS;

/** A finished production deployment, judged once against every other deployment. */
export interface DeploymentOutcome {
  fact: DeploymentFact;
  finishedAt: number;
  /** Why it needed immediate intervention, if it did. */
  failure?: 'failed' | 'rolled-back' | 'hotfix';
  /** Succeeded, no hotfix seen, but the hotfix window reaches past what is known. */
  hotfixWindowOpen: boolean;
  /** For failures: when the next successful deployment of the participant finished. */
  recoveredAt?: number;
}

/** What every scope of one scorecard shares: the period in milliseconds and judged deployments. */
export interface ScorecardContext {
  from: number;
  to: number;
  /** `min(to, now)`: the end of the period as far as it has happened. */
  end: number;
  environment: string;
  outcomes: Map<string, DeploymentOutcome>;
  trainsById: Map<string, TrainFact>;
  /**
   * The deployments a person confirmed as the cause of at least one incident, whatever the
   * scope: an incident of one team's service may be caused by another team's deployment.
   */
  incidentCauses: Set<string>;
}

export function time(iso: string): number {
  const value = Date.parse(iso);
  if (Number.isNaN(value)) throw new RangeError(`'${iso}' is not a valid time`);
  return value;
}

export function optionalTime(iso: string | undefined): number | undefined {
  return iso === undefined ? undefined : time(iso);
}

export function isProduction(
  fact: DeploymentFact,
  environment: string,
): boolean {
  return fact.environment.toLowerCase() === environment;
}

/**
 * Judges every finished production deployment against all the others, whatever the scope:
 * the hotfix that marks a team's deployment, or the success that recovers it, may have been
 * owned by another team (ownership changes) or lie outside the period.
 */
export function judgeDeployments(
  deployments: DeploymentFact[],
  environment: string,
  hotfixWindowMs: number,
  observedUntil: number,
): Map<string, DeploymentOutcome> {
  const production = deployments.filter(d => isProduction(d, environment));
  const hotfixStarts = new Map<string, { id: string; startedAt: number }[]>();
  const successes = new Map<string, number[]>();
  for (const d of production) {
    const participant = normalizeEntityRef(d.participantRef);
    if (d.hotfix) {
      const list = hotfixStarts.get(participant) ?? [];
      list.push({ id: d.id, startedAt: time(d.startedAt) });
      hotfixStarts.set(participant, list);
    }
    if (d.result === 'succeeded' && d.finishedAt !== undefined) {
      const finishedAt = time(d.finishedAt);
      if (finishedAt <= observedUntil) {
        const list = successes.get(participant) ?? [];
        list.push(finishedAt);
        successes.set(participant, list);
      }
    }
  }
  for (const list of successes.values()) list.sort((a, b) => a - b);

  const outcomes = new Map<string, DeploymentOutcome>();
  for (const d of production) {
    if (d.finishedAt === undefined || d.result === undefined) continue;
    const participant = normalizeEntityRef(d.participantRef);
    const finishedAt = time(d.finishedAt);
    let failure: DeploymentOutcome['failure'];
    if (d.result === 'failed' || d.result === 'rolled-back') {
      failure = d.result;
    } else {
      // The window is closed at both ends: a hotfix starting the moment the deployment
      // finished, or exactly when the window ends, counts.
      const hotfix = (hotfixStarts.get(participant) ?? []).some(
        h =>
          h.id !== d.id &&
          h.startedAt >= finishedAt &&
          h.startedAt <= finishedAt + hotfixWindowMs,
      );
      if (hotfix) failure = 'hotfix';
    }
    let recoveredAt: number | undefined;
    if (failure === 'failed' || failure === 'rolled-back') {
      recoveredAt = (successes.get(participant) ?? []).find(
        at => at > finishedAt,
      );
    }
    outcomes.set(d.id, {
      fact: d,
      finishedAt,
      failure,
      hotfixWindowOpen:
        failure === undefined && finishedAt + hotfixWindowMs > observedUntil,
      recoveredAt,
    });
  }
  return outcomes;
}
