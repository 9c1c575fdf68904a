import { MetricDefinition, MetricId } from './types';

/**
 * The one place where scorecard metrics are defined. `description` is the definition as the
 * project's metric specification words it; `numerator` and `denominator` are its parts, and
 * `anchor` says which time puts a fact into a period. The backend's scorecard engine
 * (`scorecards/engine/compute.ts`) implements exactly these texts, and the UI shows them next to
 * every number.
 *
 * Decisions taken where the specification leaves room, and why:
 *
 * - Periods are half-open, `[from, to)`: consecutive periods never count a fact twice.
 * - Deployments belong to the period in which they finished (`finishedAt`); a deployment still
 *   running, or without a reported result, is not a finished deployment and counts nowhere
 *   but in the "still running" figure. Only the production environment counts.
 * - Change failures are judged per deployment, so their denominator is deployments, never
 *   incidents. A hotfix only marks the deployment it follows if it is a deployment of the same
 *   participant to production that starts within the hotfix window after that one finished.
 * - Cycle time belongs to the period in which the train's last production deployment
 *   finished, and only for trains that have shipped (released or rolled back): the last
 *   deployment of a train still running may not be its last.
 * - Stage time belongs to the period in which the train left the stage; a stage the train is
 *   still in has no duration yet (it is counted as "still in the stage").
 * - A gate is counted once per period, at its latest decision in the period (`decidedAt`).
 *   Approval latency takes the approvers' own decisions (passed or failed); a waiver is the
 *   ambassador's call, not the approvers', so waived approval gates are left out of it.
 * - Follow-through belongs to the period in which items fell due (`dueAt`), and only up to
 *   now: items not due yet are not late. An item without a due date can never be "due in the
 *   period"; such items get a figure of their own. An item dropped by its due date was a
 *   decision, not a miss, and leaves the denominator; one dropped later counts as missed.
 * - A rolled-back deployment whose rollback has no finish time counts as rolled back for the
 *   rates but has no rollback duration; the metric says how many were left out.
 * - Recovery runs from a failed or rolled-back deployment to the next successful production
 *   deployment of the same participant; failures without one yet are "unrecovered" and left
 *   out of the median.
 * - A team's figures count the facts owned by the team or one of its descendant Groups at the
 *   time: deployments by the owner at the time of the deployment, incidents by the owner of the
 *   affected entity when the incident started.
 * - Incidents belong to the period in which they started. Only a confirmed attribution (a
 *   person named the deployment) counts for the incident-based change failure rate; the
 *   suggested candidates never do. That rate belongs to the period in which the deployment
 *   finished, like the deployment-based one, and the incident may start after the period.
 * - Customer impact counts an incident's users × minutes only when both are reported; either
 *   part alone still counts in its own figure.
 * - Leading indicators belong to the period in which CI measured them (`measuredAt`), per
 *   component, and count for the team that owned it when they were reported. Test health takes
 *   each component's latest run in the period: an old red run that was fixed since is not
 *   the component's health.
 *
 * @public
 */
export const METRIC_DEFINITIONS: readonly MetricDefinition[] = [
  {
    id: 'cycle-time',
    title: 'Cycle time',
    unit: 'hours',
    aggregation: 'median',
    description: "train's planning start → last production deployment finished (median over trains)",
    numerator: "train's planning start → last production deployment finished",
    denominator: 'median over trains',
    anchor:
      "The train's last production deployment (of the scope) finished in the period; only " +
      'trains that have shipped (released or rolled back) count, as a running train may still ' +
      'deploy. Planning starts when the train is created.',
    betterWhen: 'lower',
  },
  {
    id: 'stage-time',
    title: 'Stage time',
    unit: 'hours',
    aggregation: 'median',
    description: 'time spent in each stage (median), to show where trains wait',
    numerator: 'time spent in each stage',
    denominator: 'median over the trains that left the stage',
    anchor:
      'The train left the stage in the period; time in a stage the train is still in is not ' +
      'counted yet.',
    betterWhen: 'lower',
  },
  {
    id: 'deployment-frequency',
    title: 'Deployment frequency',
    unit: 'per-week',
    aggregation: 'rate',
    description: 'production deployments per week (and deploy-days per week)',
    numerator: 'production deployments finished (any result)',
    denominator: 'weeks in the period',
    anchor:
      'The deployment finished in the period; deployments still running, or without a ' +
      'reported result, are not counted.',
    betterWhen: 'higher',
    doraReference: 'deploymentFrequency',
  },
  {
    id: 'deploy-days-per-week',
    title: 'Deploy-days per week',
    unit: 'per-week',
    aggregation: 'rate',
    description: 'production deployments per week (and deploy-days per week)',
    numerator: 'days (UTC) with at least one production deployment finished',
    denominator: 'weeks in the period',
    anchor: 'The deployment finished in the period.',
    betterWhen: 'higher',
    doraReference: 'deploymentFrequency',
  },
  {
    id: 'deployment-success-rate',
    title: 'Deployment success rate',
    unit: 'ratio',
    aggregation: 'ratio',
    description: 'deployments `succeeded` ÷ all production deployments finished',
    numerator: 'deployments `succeeded`',
    denominator: 'all production deployments finished',
    anchor: 'The deployment finished in the period.',
    betterWhen: 'higher',
  },
  {
    id: 'change-failure-rate',
    title: 'Change failure rate',
    unit: 'ratio',
    aggregation: 'ratio',
    description:
      'deployments that needed immediate intervention (`failed` or `rolled-back`, or followed ' +
      'by a hotfix deployment of the same participant within a configurable window) ÷ all ' +
      'production deployments. Denominator is deployments, never incidents.',
    numerator:
      'deployments that needed immediate intervention (`failed` or `rolled-back`, or followed ' +
      'by a hotfix deployment of the same participant within a configurable window)',
    denominator: 'all production deployments',
    anchor:
      'The deployment finished in the period. A hotfix counts when it is a production ' +
      'deployment of the same participant starting within the hotfix window after the ' +
      'deployment finished, even if that is after the period.',
    betterWhen: 'lower',
    doraReference: 'changeFailRate',
  },
  {
    id: 'incident-change-failure-rate',
    title: 'Change failure rate (incident-based)',
    unit: 'ratio',
    aggregation: 'ratio',
    description:
      'production deployments with at least one confirmed attributed incident ÷ all ' +
      'production deployments; shown beside the deployment-based rate, labelled, never ' +
      'replacing it',
    numerator: 'production deployments with at least one confirmed attributed incident',
    denominator: 'all production deployments',
    anchor:
      'The deployment finished in the period; the incident attributed to it may start later. ' +
      'Only attributions a person confirmed count, not the suggested candidates.',
    betterWhen: 'lower',
  },
  {
    id: 'rollback-frequency',
    title: 'Rollback frequency',
    unit: 'ratio',
    aggregation: 'ratio',
    description: '`rolled-back` deployments ÷ all production deployments',
    numerator: '`rolled-back` deployments',
    denominator: 'all production deployments',
    anchor:
      'The deployment finished in the period; a rollback without a finish time still counts as ' +
      'rolled back.',
    betterWhen: 'lower',
  },
  {
    id: 'rollback-duration',
    title: 'Rollback duration',
    unit: 'hours',
    aggregation: 'median',
    description: 'rollback start → restored (median, p90)',
    numerator: 'rollback start → restored',
    denominator: 'median and p90 over rolled-back production deployments',
    anchor:
      'The rolled-back deployment finished in the period; rollbacks without a start or finish ' +
      'time are left out and counted.',
    betterWhen: 'lower',
  },
  {
    id: 'failed-deployment-recovery-time',
    title: 'Failed deployment recovery time',
    unit: 'hours',
    aggregation: 'median',
    description:
      'failed deployment finished → next successful deployment of the same participant finished (median)',
    numerator:
      'failed deployment finished → next successful deployment of the same participant finished',
    denominator: 'median over failed and rolled-back production deployments that recovered',
    anchor:
      'The failed (or rolled-back) deployment finished in the period; the recovery may come ' +
      'later. Failures without a successful deployment since are counted as unrecovered.',
    betterWhen: 'lower',
    doraReference: 'recoveryTime',
  },
  {
    id: 'gate-first-pass-rate',
    title: 'Gate first-pass rate',
    unit: 'ratio',
    aggregation: 'ratio',
    description: 'gates passed without a prior failure or waiver ÷ gates decided',
    numerator: 'gates passed without a prior failure or waiver',
    denominator: 'gates decided',
    anchor: "The gate's latest decision in the period (`decidedAt`); each gate counts once.",
    betterWhen: 'higher',
  },
  {
    id: 'approval-latency',
    title: 'Approval latency',
    unit: 'hours',
    aggregation: 'median',
    description: 'gate pending → decided, approval gates only (median, p90)',
    numerator: 'gate pending → decided',
    denominator: 'median and p90 over approval gates decided by their approvers (passed or failed)',
    anchor:
      "The gate's latest decision in the period. Pending starts when the gate starts guarding " +
      'the stage the train is in; waived approval gates are left out.',
    betterWhen: 'lower',
  },
  {
    id: 'waiver-rate',
    title: 'Waiver rate',
    unit: 'ratio',
    aggregation: 'ratio',
    description: 'gates waived ÷ gates decided',
    numerator: 'gates waived',
    denominator: 'gates decided',
    anchor: "The gate's latest decision in the period (`decidedAt`); each gate counts once.",
    betterWhen: 'lower',
  },
  {
    id: 'action-item-follow-through',
    title: 'Action-item follow-through',
    unit: 'ratio',
    aggregation: 'ratio',
    description: 'items closed by their due date ÷ items due in the period; plus open items carried over',
    numerator: 'items closed by their due date',
    denominator: 'items due in the period',
    anchor:
      'The item fell due in the period (`dueAt`) and before now. Items without a due date are ' +
      'never due; they are counted apart. Items dropped by their due date leave the denominator.',
    betterWhen: 'higher',
  },
  {
    id: 'open-action-items-carried-over',
    title: 'Open action items carried over',
    unit: 'count',
    aggregation: 'count',
    description: 'items closed by their due date ÷ items due in the period; plus open items carried over',
    numerator: 'open items carried over',
    denominator: 'none: a count',
    anchor:
      'Items still open at the end of the period (or now, if earlier), whenever they were ' +
      'created; they carry into the next train.',
    betterWhen: 'lower',
  },
  {
    id: 'incident-frequency',
    title: 'Incident frequency',
    unit: 'per-week',
    aggregation: 'rate',
    description:
      "incidents started in the period ÷ weeks in the period, per affected entity's owner at the start",
    numerator: 'incidents started in the period',
    denominator: 'weeks in the period',
    anchor:
      'The incident started in the period (`startedAt`). A team counts the incidents of the ' +
      'entities it owned when the incident started.',
    betterWhen: 'lower',
  },
  {
    id: 'time-to-restore',
    title: 'Time to restore',
    unit: 'hours',
    aggregation: 'median',
    description:
      'incident start → resolved (median, p90); unresolved incidents are counted apart, never as zero',
    numerator: 'incident start → resolved',
    denominator: 'median and p90 over resolved incidents',
    anchor:
      'The incident started in the period; it may be resolved later. Incidents not resolved ' +
      'yet are counted apart.',
    betterWhen: 'lower',
  },
  {
    id: 'customer-impact',
    title: 'Customer impact (user-minutes)',
    unit: 'count',
    aggregation: 'count',
    description:
      'sum of users affected × minutes over incidents started in the period (and each part apart)',
    numerator: 'users affected × minutes, summed over incidents',
    denominator: 'none: a sum',
    anchor:
      'The incident started in the period. Incidents reporting only one part count in that ' +
      "part's figure, not in the product.",
    betterWhen: 'lower',
  },
  {
    id: 'review-coverage',
    title: 'Review coverage',
    unit: 'ratio',
    aggregation: 'ratio',
    description:
      'merged changes with at least one approving review other than the author ÷ merged changes, as reported by CI',
    numerator: 'merged changes with at least one approving review other than the author',
    denominator: 'merged changes',
    anchor: 'CI measured them in the period (`measuredAt`); every report of the period counts.',
    betterWhen: 'higher',
  },
  {
    id: 'test-pass-rate',
    title: 'Test health',
    unit: 'ratio',
    aggregation: 'ratio',
    description:
      'passed ÷ executed tests of the latest runs; flaky tests (passed and failed on the same commit) counted apart',
    numerator: 'tests passed in the latest run of each component',
    denominator: 'tests executed in those runs',
    anchor:
      "Each component's latest run measured in the period; its flaky tests are a figure of " +
      'their own.',
    betterWhen: 'higher',
  },
  {
    id: 'time-to-merge',
    title: 'Time to merge',
    unit: 'hours',
    aggregation: 'median',
    description: 'first commit or PR open → merge (median, p90)',
    numerator: 'first commit or PR open → merge',
    denominator: 'median and p90 over merged changes',
    anchor: 'CI measured the merge in the period (`measuredAt` of its report).',
    betterWhen: 'lower',
  },
];

const BY_ID = new Map(METRIC_DEFINITIONS.map(definition => [definition.id, definition]));

/**
 * The definition of a metric.
 *
 * @public
 */
export function metricDefinition(id: MetricId): MetricDefinition {
  const definition = BY_ID.get(id);
  if (!definition) {
    throw new Error(`Unknown scorecard metric '${id}'`);
  }
  return definition;
}
