/** The metrics of one set of scoped facts, as METRIC_DEFINITIONS defines them. */
import {
  METRIC_DEFINITIONS,
  MetricId,
  normalizeEntityRef,
  MetricValue,
  StageTimeValue,
} from '@release-coordination/plugin-release-coordination-common';
import { compareStrings } from '../../dependencies/graph';
import {
  ActionItemFact,
  DeploymentFact,
  GateDecisionFact,
  IncidentFact,
  IndicatorFact,
  ScorecardFacts,
  TrainFact,
} from './facts';
import {
  DeploymentOutcome,
  isProduction,
  optionalTime,
  ScorecardContext,
  time,
  WEEK_MS,
} from './context';
import { durations, figure, plural, ratio, withFigures } from './statistics';
import { ScorecardFactFilter } from './rollups';
import { actionItemMetrics, gateMetrics } from './decisionMetrics';
import { incidentChangeFailureRate, incidentMetrics } from './incidentMetrics';
import { indicatorMetrics } from './indicatorMetrics';

export interface ScopedFacts {
  deployments: DeploymentFact[];
  trains: TrainFact[];
  gates: GateDecisionFact[];
  items: ActionItemFact[];
  incidents: IncidentFact[];
  indicators: IndicatorFact[];
}

export function scoped(
  facts: ScorecardFacts,
  filter: ScorecardFactFilter,
): ScopedFacts {
  return {
    deployments: facts.deployments.filter(filter.deployment),
    trains: facts.trains.filter(filter.train),
    gates: facts.gateDecisions.filter(filter.gate),
    items: facts.actionItems.filter(filter.actionItem),
    incidents: facts.incidents.filter(filter.incident),
    indicators: facts.indicators.filter(filter.indicator),
  };
}

/** Each train's facts, found by its id; every train of the facts has an entry. */
export function groupByTrain(
  facts: ScorecardFacts,
): Map<string, ScorecardFacts> {
  const byTrain = new Map<string, ScorecardFacts>();
  const of = (trainId: string) => {
    let own = byTrain.get(trainId);
    if (!own) {
      own = {
        deployments: [],
        trains: [],
        gateDecisions: [],
        actionItems: [],
        incidents: [],
        indicators: [],
      };
      byTrain.set(trainId, own);
    }
    return own;
  };
  for (const train of facts.trains) of(train.id).trains.push(train);
  for (const d of facts.deployments) of(d.trainId).deployments.push(d);
  for (const g of facts.gateDecisions) of(g.trainId).gateDecisions.push(g);
  for (const a of facts.actionItems) of(a.trainId).actionItems.push(a);
  for (const i of facts.incidents) {
    if (i.attributedTrainId !== undefined)
      of(i.attributedTrainId).incidents.push(i);
  }
  // Indicators belong to no train: a train's are those its participants measured while it
  // ran, from its creation to the end of its last stage (or on, while it is active).
  const trainsOf = new Map<string, TrainFact[]>();
  for (const train of facts.trains) {
    for (const p of train.participants) {
      const ref = normalizeEntityRef(p.entityRef);
      trainsOf.set(ref, [...(trainsOf.get(ref) ?? []), train]);
    }
  }
  for (const f of facts.indicators) {
    const measured = time(f.measuredAt);
    for (const train of trainsOf.get(normalizeEntityRef(f.entityRef)) ?? []) {
      const last = train.stages[train.stages.length - 1];
      const end =
        train.status === 'active' || !last?.leftAt
          ? Infinity
          : time(last.leftAt);
      if (measured >= time(train.createdAt) && measured <= end) {
        of(train.id).indicators.push(f);
      }
    }
  }
  return byTrain;
}

export function deliveryMetrics(
  ctx: ScorecardContext,
  facts: ScopedFacts,
): MetricValue[] {
  const production = facts.deployments.filter(d =>
    isProduction(d, ctx.environment),
  );
  const finished: DeploymentOutcome[] = [];
  let running = 0;
  for (const d of production) {
    const outcome = ctx.outcomes.get(d.id);
    if (outcome) {
      if (outcome.finishedAt >= ctx.from && outcome.finishedAt < ctx.to)
        finished.push(outcome);
    } else if (time(d.startedAt) >= ctx.from && time(d.startedAt) < ctx.end) {
      running += 1;
    }
  }
  const runningFigures = running
    ? [figure('running', 'still running or without a reported result', running)]
    : [];
  const stillRunning = running
    ? ` (${plural(running, 'deployment is', 'deployments are')} still running)`
    : '';
  const none = `No production deployments finished in the period${stillRunning}`;
  const weeks = (ctx.to - ctx.from) / WEEK_MS;
  const count = finished.length;
  const days = new Set(
    finished.map(o => new Date(o.finishedAt).toISOString().slice(0, 10)),
  );

  const rate = (id: MetricId, numerator: number): MetricValue =>
    count === 0
      ? withFigures(
          {
            id,
            numerator: 0,
            denominator: weeks,
            sampleSize: 0,
            missing: none,
          },
          runningFigures,
        )
      : withFigures(
          {
            id,
            value: numerator / weeks,
            numerator,
            denominator: weeks,
            sampleSize: count,
          },
          runningFigures,
        );

  const succeeded = finished.filter(o => o.fact.result === 'succeeded').length;
  const failed = finished.filter(o => o.failure === 'failed').length;
  const rolledBackList = finished.filter(o => o.failure === 'rolled-back');
  const hotfixed = finished.filter(o => o.failure === 'hotfix').length;
  const windowOpen = finished.filter(o => o.hotfixWindowOpen).length;

  const rollbackSamples: number[] = [];
  let rollbackUnfinished = 0;
  let rollbackUnstarted = 0;
  for (const o of rolledBackList) {
    const started = optionalTime(o.fact.rollbackStartedAt);
    const restored = optionalTime(o.fact.rollbackFinishedAt);
    if (started === undefined) rollbackUnstarted += 1;
    else if (restored === undefined) rollbackUnfinished += 1;
    else rollbackSamples.push(Math.max(0, restored - started));
  }
  const rollbackLeftOut = [
    rollbackUnfinished
      ? `${plural(rollbackUnfinished, 'rollback has', 'rollbacks have')} no finish time and ${rollbackUnfinished === 1 ? 'is' : 'are'} left out`
      : '',
    rollbackUnstarted
      ? `${plural(rollbackUnstarted, 'rollback has', 'rollbacks have')} no start time and ${rollbackUnstarted === 1 ? 'is' : 'are'} left out`
      : '',
  ]
    .filter(Boolean)
    .join('; ');

  const failures = finished.filter(
    o => o.failure === 'failed' || o.failure === 'rolled-back',
  );
  const recoveries = failures
    .filter(o => o.recoveredAt !== undefined)
    .map(o => o.recoveredAt! - o.finishedAt);
  const unrecovered = failures.length - recoveries.length;

  return [
    rate('deployment-frequency', count),
    rate('deploy-days-per-week', days.size),
    ratio('deployment-success-rate', succeeded, count, none, runningFigures),
    ratio(
      'change-failure-rate',
      failed + rolledBackList.length + hotfixed,
      count,
      none,
      [
        figure('failed', 'failed', failed),
        figure('rolled-back', 'rolled back', rolledBackList.length),
        figure('hotfix', 'followed by a hotfix within the window', hotfixed),
        ...(windowOpen
          ? [
              figure(
                'hotfix-window-open',
                'hotfix window not over yet',
                windowOpen,
              ),
            ]
          : []),
      ],
    ),
    ratio('rollback-frequency', rolledBackList.length, count, none),
    durations('rollback-duration', rollbackSamples, {
      p90: true,
      whenEmpty:
        count === 0
          ? none
          : 'No rolled-back production deployment with a rollback start and finish',
      leftOut: rollbackLeftOut || undefined,
      figures: rollbackUnfinished
        ? [
            figure(
              'rollback-unfinished',
              'rollbacks without a finish time',
              rollbackUnfinished,
            ),
          ]
        : [],
    }),
    durations('failed-deployment-recovery-time', recoveries, {
      p90: true,
      whenEmpty: noRecoveryText(count, failures.length, none),
      leftOut: unrecovered
        ? `${plural(unrecovered, 'failure has', 'failures have')} no successful deployment since and ${unrecovered === 1 ? 'is' : 'are'} left out`
        : undefined,
      figures: failures.length
        ? [figure('unrecovered', 'unrecovered', unrecovered)]
        : [],
    }),
  ];
}

/** Why there is no recovery time: no deployments, no failures, or no recovery yet. */
function noRecoveryText(
  deployments: number,
  failures: number,
  noDeployments: string,
): string {
  if (deployments === 0) return noDeployments;
  if (failures === 0) {
    return 'No failed or rolled-back production deployments in the period: nothing to recover from';
  }
  return 'No failed or rolled-back deployment has recovered yet';
}

export function cycleTime(
  ctx: ScorecardContext,
  facts: ScopedFacts,
): MetricValue {
  // The scope's production deployments per train, whenever they finished: "last" is judged
  // against everything known, then the last one has to be in the period.
  const lastByTrain = new Map<string, number>();
  for (const d of facts.deployments) {
    const outcome = ctx.outcomes.get(d.id);
    if (!outcome) continue;
    lastByTrain.set(
      d.trainId,
      Math.max(lastByTrain.get(d.trainId) ?? -Infinity, outcome.finishedAt),
    );
  }
  const samples: number[] = [];
  let stillDelivering = 0;
  for (const [trainId, last] of lastByTrain) {
    const train = ctx.trainsById.get(trainId);
    if (!train) continue;
    if (train.status === 'active') {
      if (last >= ctx.from && last < ctx.to) stillDelivering += 1;
      continue;
    }
    if (train.status === 'cancelled') continue;
    if (last >= ctx.from && last < ctx.to)
      samples.push(last - time(train.createdAt));
  }
  return durations('cycle-time', samples, {
    p90: true,
    whenEmpty:
      'No train of this scope shipped with its last production deployment in the period',
    figures: stillDelivering
      ? [
          figure(
            'still-delivering',
            'trains still running, deployed in the period',
            stillDelivering,
          ),
        ]
      : [],
  });
}

export function stageTimes(
  ctx: ScorecardContext,
  trains: TrainFact[],
): StageTimeValue[] {
  const order: string[] = [];
  const samples = new Map<string, number[]>();
  const waiting = new Map<string, number>();
  const byStart = [...trains].sort(
    (a, b) =>
      time(a.createdAt) - time(b.createdAt) || compareStrings(a.id, b.id),
  );
  for (const train of byStart) {
    for (const interval of train.stages) {
      if (!samples.has(interval.stage)) {
        order.push(interval.stage);
        samples.set(interval.stage, []);
      }
      const entered = time(interval.enteredAt);
      const left = optionalTime(interval.leftAt);
      if (left === undefined) {
        if (train.status === 'active' && entered < ctx.end) {
          waiting.set(interval.stage, (waiting.get(interval.stage) ?? 0) + 1);
        }
      } else if (left >= ctx.from && left < ctx.to) {
        samples.get(interval.stage)!.push(Math.max(0, left - entered));
      }
    }
  }
  return order.map(stage => {
    const still = waiting.get(stage) ?? 0;
    const value = durations('stage-time', samples.get(stage)!, {
      p90: true,
      whenEmpty: `No train left stage '${stage}' in the period`,
      figures: still
        ? [figure('still-in-stage', 'trains still in the stage', still)]
        : [],
    });
    return { ...value, id: 'stage-time', stage };
  });
}

export function computeMetrics(
  ctx: ScorecardContext,
  facts: ScopedFacts,
): MetricValue[] {
  const byId = new Map<MetricId, MetricValue>();
  for (const value of [
    cycleTime(ctx, facts),
    ...deliveryMetrics(ctx, facts),
    ...gateMetrics(ctx, facts.gates),
    ...actionItemMetrics(ctx, facts.items),
    incidentChangeFailureRate(ctx, facts.deployments),
    ...incidentMetrics(ctx, facts.incidents),
    ...indicatorMetrics(ctx, facts.indicators),
  ]) {
    byId.set(value.id, value);
  }
  // In the order of the definitions; stage time is per stage, in `stageTimes`.
  return METRIC_DEFINITIONS.filter(d => d.id !== 'stage-time').map(d =>
    byId.get(d.id)!,
  );
}

/**
 * Whether anything was counted by its time anchor in the period. Open items carried over are
 * not anchored in the period (an old open item is open in every later period), so they alone
 * do not put a train on the trend.
 */
export function hasData(
  metrics: MetricValue[],
  stages: StageTimeValue[],
): boolean {
  return [...metrics, ...stages].some(
    m => m.sampleSize > 0 && m.id !== 'open-action-items-carried-over',
  );
}
