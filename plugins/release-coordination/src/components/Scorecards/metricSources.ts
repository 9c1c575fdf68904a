import { MetricId } from '@release-coordination/plugin-release-coordination-common';

const API = '/api/release-coordination';

const DEPLOYMENTS = `CI reports production deployments with POST ${API}/trains/{id}/deployments, once when a rollout starts and again when it finishes with its result.`;
const ROLLBACKS = `CI reports rollbacks with POST ${API}/trains/{id}/deployments: the result rolled-back with rollbackStartedAt and rollbackFinishedAt.`;
const STAGES = "Stage times are recorded when the release ambassador advances a train on the train's page.";
const GATES = `Gates are decided by their approvers on the train's page, waived by the ambassador, or satisfied by CI check results sent with POST ${API}/trains/{id}/checks.`;
const APPROVALS = "Approval gates are decided by the members of their approver Group on the train's page.";
const ACTION_ITEMS = "Action items come from a train's retrospective; give them an owner and a due date there.";

/**
 * How the facts behind each metric reach the scorecard, shown next to a value that is missing
 * so that the reader knows who can fill the gap.
 */
const SOURCES: Partial<Record<MetricId, string>> = {
  'cycle-time': `${DEPLOYMENTS} A train counts once it is released or rolled back.`,
  'stage-time': STAGES,
  'deployment-frequency': DEPLOYMENTS,
  'deploy-days-per-week': DEPLOYMENTS,
  'deployment-success-rate': DEPLOYMENTS,
  'change-failure-rate': DEPLOYMENTS,
  'rollback-frequency': DEPLOYMENTS,
  'rollback-duration': ROLLBACKS,
  'failed-deployment-recovery-time': DEPLOYMENTS,
  'gate-first-pass-rate': GATES,
  'approval-latency': APPROVALS,
  'waiver-rate': GATES,
  'action-item-follow-through': ACTION_ITEMS,
  'open-action-items-carried-over': ACTION_ITEMS,
};

/** Where the data of a metric comes from, if the page knows. */
export function metricSource(id: MetricId): string | undefined {
  return SOURCES[id];
}
