/** The metrics of gate decisions and action items: how teams decide and follow up. */
import { MetricValue } from '@release-coordination/plugin-release-coordination-common';
import { ActionItemFact, GateDecisionFact } from './facts';
import { optionalTime, ScorecardContext, time } from './context';
import { durations, figure, plural, ratio, withFigures } from './statistics';

export function gateMetrics(
  ctx: ScorecardContext,
  gates: GateDecisionFact[],
): MetricValue[] {
  const decided = gates.filter(g => {
    const at = optionalTime(g.decidedAt);
    return (
      g.outcome !== undefined &&
      at !== undefined &&
      at >= ctx.from &&
      at < ctx.to
    );
  });
  const passedFirst = decided.filter(
    g => g.outcome === 'passed' && !g.failedBefore,
  ).length;
  const passedLater = decided.filter(
    g => g.outcome === 'passed' && g.failedBefore,
  ).length;
  const failed = decided.filter(g => g.outcome === 'failed').length;
  const waived = decided.filter(g => g.outcome === 'waived').length;
  const none = 'No gate was decided in the period';

  const approvals = decided.filter(g => g.kind === 'approval');
  const byApprovers = approvals.filter(g => g.outcome !== 'waived');
  const waivedApprovals = approvals.length - byApprovers.length;
  const stillPending = gates.filter(
    g =>
      g.kind === 'approval' &&
      g.decidedAt === undefined &&
      time(g.pendingAt) < ctx.end,
  ).length;

  return [
    ratio('gate-first-pass-rate', passedFirst, decided.length, none, [
      figure(
        'passed-first-time',
        'passed without a prior failure or waiver',
        passedFirst,
      ),
      figure(
        'passed-after-failure',
        'passed after a failure or waiver',
        passedLater,
      ),
      figure('failed', 'failed', failed),
      figure('waived', 'waived', waived),
    ]),
    durations(
      'approval-latency',
      byApprovers.map(g => Math.max(0, time(g.decidedAt!) - time(g.pendingAt))),
      {
        p90: true,
        whenEmpty:
          'No approval gate was decided by its approvers in the period',
        figures: [
          ...(waivedApprovals
            ? [
                figure(
                  'waived',
                  'waived approval gates, left out',
                  waivedApprovals,
                ),
              ]
            : []),
          ...(stillPending
            ? [
                figure(
                  'still-pending',
                  'approval gates still pending',
                  stillPending,
                ),
              ]
            : []),
        ],
      },
    ),
    ratio('waiver-rate', waived, decided.length, none),
  ];
}

export function actionItemMetrics(
  ctx: ScorecardContext,
  items: ActionItemFact[],
): MetricValue[] {
  let onTime = 0;
  let missed = 0;
  let droppedInTime = 0;
  let unknownClose = 0;
  let notDueYet = 0;
  let noDueDate = 0;
  for (const item of items) {
    const due = optionalTime(item.dueAt);
    const closed = optionalTime(item.closedAt);
    if (due === undefined) {
      // Open at some time in the period: created before its end, not closed before its start.
      if (
        time(item.createdAt) < ctx.to &&
        !(closed !== undefined && closed < ctx.from)
      ) {
        noDueDate += 1;
      }
      continue;
    }
    if (due < ctx.from || due >= ctx.to) continue;
    if (due >= ctx.end) {
      notDueYet += 1;
      continue;
    }
    if (item.status !== 'open' && closed === undefined) {
      unknownClose += 1;
    } else if (item.status === 'dropped' && closed! <= due) {
      droppedInTime += 1;
    } else if (item.status === 'done' && closed! <= due) {
      onTime += 1;
    } else {
      missed += 1;
    }
  }
  const followThrough = ratio(
    'action-item-follow-through',
    onTime,
    onTime + missed,
    noDueDate
      ? `No action item fell due in the period (${plural(noDueDate, 'item has', 'items have')} no due date)`
      : 'No action item fell due in the period',
    [
      figure('on-time', 'closed by their due date', onTime),
      figure('missed', 'not closed by their due date', missed),
      figure('no-due-date', 'without a due date', noDueDate),
      ...(droppedInTime
        ? [
            figure(
              'dropped',
              'dropped by their due date, left out',
              droppedInTime,
            ),
          ]
        : []),
      ...(notDueYet
        ? [figure('not-due-yet', 'due later in the period', notDueYet)]
        : []),
    ],
  );
  const withMissing =
    unknownClose && followThrough.value !== undefined
      ? {
          ...followThrough,
          missing: `${plural(unknownClose, 'closed item has', 'closed items have')} no close time and ${unknownClose === 1 ? 'is' : 'are'} left out`,
        }
      : followThrough;

  // Open at the end of the period: created before it and not closed before it. An item marked
  // closed without a time is taken as closed.
  const open = items.filter(item => {
    if (time(item.createdAt) >= ctx.end) return false;
    if (item.status === 'open') return true;
    const closed = optionalTime(item.closedAt);
    return closed !== undefined && closed >= ctx.end;
  });
  const overdue = open.filter(
    item => item.dueAt !== undefined && time(item.dueAt) < ctx.end,
  ).length;
  const carriedOver: MetricValue =
    items.length === 0
      ? {
          id: 'open-action-items-carried-over',
          sampleSize: 0,
          missing: 'No retrospective action items recorded for this scope',
        }
      : withFigures(
          {
            id: 'open-action-items-carried-over',
            value: open.length,
            sampleSize: open.length,
          },
          [figure('overdue', 'past their due date', overdue)],
        );
  return [withMissing, carriedOver];
}
