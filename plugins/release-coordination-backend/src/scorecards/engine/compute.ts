/** A scorecard of a scope over a period: its metrics, the trend per train and the rows to drill into. */
import {
  METRIC_DEFINITIONS,
  Scorecard,
  ScorecardPeriod,
  ScorecardScope,
  ScorecardTrainPoint,
} from '@release-coordination/plugin-release-coordination-common';
import { compareStrings } from '../../dependencies/graph';
import { ScorecardFacts, ScorecardHierarchy } from './facts';
import { HOUR_MS, judgeDeployments, ScorecardContext, time } from './context';
import { computeMetrics, groupByTrain, hasData, scoped, stageTimes } from './metrics';
import {
  childScopes,
  intersectFilters,
  normalizeScorecardScope,
  scopeFilter,
} from './rollups';

/**
 * The defaults of {@link ScorecardOptions}.
 */
export const DEFAULT_SCORECARD_OPTIONS = {
  productionEnvironment: 'production',
  hotfixWindowHours: 24,
} as const;

/**
 * How a scorecard is computed.
 */
export interface ScorecardOptions {
  /** The environment whose deployments count for delivery metrics; `production` by default. */
  productionEnvironment?: string;
  /** A hotfix starting within this many hours after a deployment finished marks it as a change failure; 24 by default. */
  hotfixWindowHours?: number;
  /**
   * The present. Items not due by now are not late yet, and the end of the period is capped
   * at it for "still open" and "still running" counts. Defaults to the end of the period.
   */
  now?: string;
  /**
   * How far the facts reach: a failure with no successful deployment up to here is
   * unrecovered, and a deployment whose hotfix window reaches beyond it may still turn out to
   * be a change failure. Defaults to `now`.
   */
  observedUntil?: string;
}


/** At most this many trains, the latest by planning start, make a scorecard's trend. */
export const SCORECARD_TREND_TRAINS = 100;

/**
 * Checks a period and turns it into milliseconds.
 */
export function parseScorecardPeriod(period: ScorecardPeriod): { from: number; to: number } {
  const from = time(period.from);
  const to = time(period.to);
  if (!(from < to)) {
    throw new RangeError(`A scorecard period must end after it starts: ${period.from} – ${period.to}`);
  }
  return { from, to };
}

/**
 * Computes the scorecard of a scope over a period from raw facts: the metrics of
 * {@link METRIC_DEFINITIONS}, the time per stage, the split per train (ordered by planning
 * start) and the narrower scopes to drill into.
 *
 * Pure: the same facts give the same scorecard. The facts may hold more than the period and
 * scope (e.g. later deployments that recover or hotfix one in the period); each metric picks
 * its facts by its own time anchor.
 */
export function computeScorecard(input: {
  facts: ScorecardFacts;
  scope: ScorecardScope;
  period: ScorecardPeriod;
  hierarchy: ScorecardHierarchy;
  options?: ScorecardOptions;
}): Scorecard {
  const { facts, hierarchy } = input;
  const scope = normalizeScorecardScope(input.scope);
  const { from, to } = parseScorecardPeriod(input.period);
  const options = input.options ?? {};
  const now = options.now !== undefined ? time(options.now) : to;
  const observedUntil = options.observedUntil !== undefined ? time(options.observedUntil) : now;
  const hotfixWindowHours = options.hotfixWindowHours ?? DEFAULT_SCORECARD_OPTIONS.hotfixWindowHours;
  const environment = (
    options.productionEnvironment ?? DEFAULT_SCORECARD_OPTIONS.productionEnvironment
  ).toLowerCase();
  const ctx: ScorecardContext = {
    from,
    to,
    end: Math.min(to, now),
    environment,
    outcomes: judgeDeployments(facts.deployments, environment, hotfixWindowHours * HOUR_MS, observedUntil),
    trainsById: new Map(facts.trains.map(train => [train.id, train])),
    incidentCauses: new Set(
      facts.incidents.flatMap(i => (i.attributedDeploymentId ? [i.attributedDeploymentId] : [])),
    ),
  };

  const filter = scopeFilter(scope, hierarchy, facts);
  const own = scoped(facts, filter);

  // Trains with any fact of the scope, plus those the scope's rule links to.
  const trainIds = new Set<string>([
    ...own.trains.map(t => t.id),
    ...own.deployments.map(d => d.trainId),
    ...own.gates.map(g => g.trainId),
    ...own.items.map(a => a.trainId),
    ...own.incidents.flatMap(i => (i.attributedTrainId ? [i.attributedTrainId] : [])),
  ]);
  const perTrain: ScorecardTrainPoint[] = [];
  const factsByTrain = groupByTrain(facts);
  for (const train of facts.trains) {
    if (!trainIds.has(train.id)) continue;
    // The scope's filter over the train's own facts: the same as intersecting the scope with
    // the train's scope, without a pass over every fact per train.
    const trainFacts = scoped(factsByTrain.get(train.id)!, filter);
    // A train's stage times are the train's own, whatever part of it the scope is.
    const trainStages = stageTimes(ctx, [train]);
    const metrics = computeMetrics(ctx, trainFacts);
    const started = time(train.createdAt);
    if ((started >= from && started < to) || hasData(metrics, trainStages)) {
      perTrain.push({
        trainId: train.id,
        trainName: train.name,
        status: train.status,
        startedAt: train.createdAt,
        metrics,
        stageTimes: trainStages,
      });
    }
  }
  perTrain.sort((a, b) => time(a.startedAt) - time(b.startedAt) || compareStrings(a.trainId, b.trainId));
  const trainCount = perTrain.length;

  const children = childScopes(scope, hierarchy, facts, filter).map(child => ({
    scope: child,
    metrics: computeMetrics(
      ctx,
      scoped(facts, intersectFilters(filter, scopeFilter(child, hierarchy, facts))),
    ),
  }));

  return {
    scope,
    period: { from: new Date(from).toISOString(), to: new Date(to).toISOString() },
    metrics: computeMetrics(ctx, own),
    stageTimes: stageTimes(ctx, own.trains),
    // The trend shows the latest trains: an organisation's year holds thousands, more than a
    // chart can show or a page should download; the scope's own metrics still count them all.
    perTrain: perTrain.slice(-SCORECARD_TREND_TRAINS),
    trainCount,
    children,
  };
}
