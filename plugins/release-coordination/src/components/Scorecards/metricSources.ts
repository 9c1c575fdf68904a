import { MetricId } from '@release-coordination/plugin-release-coordination-common';
import { englishT, ReleaseCoordinationT } from '../shared';

const API = '/api/release-coordination';
const DEPLOYMENTS_ENDPOINT = `${API}/trains/{id}/deployments`;
const CHECKS_ENDPOINT = `${API}/trains/{id}/checks`;

/** The messages under `scorecards.sources`, and the endpoint each one names. */
type Source = {
  key:
    | 'cycleTime'
    | 'deployments'
    | 'rollbacks'
    | 'stages'
    | 'gates'
    | 'approvals'
    | 'actionItems'
    | 'incidents'
    | 'incidentCauses'
    | 'indicators';
  endpoint?: string;
};

const DEPLOYMENTS: Source = { key: 'deployments', endpoint: DEPLOYMENTS_ENDPOINT };
const ACTION_ITEMS: Source = { key: 'actionItems' };
const GATES: Source = { key: 'gates', endpoint: CHECKS_ENDPOINT };
const INCIDENTS: Source = { key: 'incidents', endpoint: `${API}/incidents` };
const INDICATORS: Source = { key: 'indicators', endpoint: `${API}/indicators` };

/**
 * How the facts behind each metric reach the scorecard, shown next to a value that is missing
 * so that the reader knows who can fill the gap.
 */
const SOURCES: Partial<Record<MetricId, Source>> = {
  'cycle-time': { key: 'cycleTime', endpoint: DEPLOYMENTS_ENDPOINT },
  'stage-time': { key: 'stages' },
  'deployment-frequency': DEPLOYMENTS,
  'deploy-days-per-week': DEPLOYMENTS,
  'deployment-success-rate': DEPLOYMENTS,
  'change-failure-rate': DEPLOYMENTS,
  'rollback-frequency': DEPLOYMENTS,
  'rollback-duration': { key: 'rollbacks', endpoint: DEPLOYMENTS_ENDPOINT },
  'failed-deployment-recovery-time': DEPLOYMENTS,
  'gate-first-pass-rate': GATES,
  'approval-latency': { key: 'approvals' },
  'waiver-rate': GATES,
  'action-item-follow-through': ACTION_ITEMS,
  'open-action-items-carried-over': ACTION_ITEMS,
  'incident-change-failure-rate': { key: 'incidentCauses' },
  'incident-frequency': INCIDENTS,
  'time-to-restore': INCIDENTS,
  'customer-impact': INCIDENTS,
  'review-coverage': INDICATORS,
  'test-pass-rate': INDICATORS,
  'time-to-merge': INDICATORS,
};

/** Where the data of a metric comes from, if the page knows. */
export function metricSource(id: MetricId, t: ReleaseCoordinationT = englishT): string | undefined {
  const source = SOURCES[id];
  if (!source) return undefined;
  // Messages without an endpoint ignore it.
  return t(`scorecards.sources.${source.key}`, { endpoint: source.endpoint ?? '' });
}
