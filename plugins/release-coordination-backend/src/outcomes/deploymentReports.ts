import { ConflictError } from '@backstage/errors';
import {
  DeploymentOutcome,
  DeploymentResult,
  ReportDeploymentRequest,
} from '@release-coordination/plugin-release-coordination-common';
import { DeploymentPatch } from './OutcomeStore';

const sameTime = (a: string, b: string) => new Date(a).getTime() === new Date(b).getTime();

/**
 * Results a finished deployment may still move to: a rollout that succeeded or failed can be
 * rolled back afterwards; nothing moves away from a rollback.
 */
const LATER_RESULTS: Record<DeploymentResult, DeploymentResult[]> = {
  succeeded: ['rolled-back'],
  failed: ['rolled-back'],
  'rolled-back': [],
};

/**
 * What a new report of a known deployment changes, or `undefined` when it says nothing new.
 *
 * A deployment only moves forwards: it starts, it finishes with a result, it may be rolled
 * back, and the rollback finishes. Facts once reported stay: a report that leaves one out
 * (e.g. a finished deployment reported as running) or contradicts one (another start time,
 * another version) is a `ConflictError`. Only the evidence link may be replaced.
 */
export function deploymentReportPatch(
  existing: DeploymentOutcome,
  report: ReportDeploymentRequest,
): DeploymentPatch | undefined {
  const conflict = (message: string) =>
    new ConflictError(`Deployment '${existing.deploymentId}' ${message}`);

  if (report.participantRef !== existing.participantRef) {
    throw conflict(
      `was reported for ${existing.participantRef}, not ${report.participantRef}; a ` +
        'deploymentId names one deployment',
    );
  }
  if (report.environment !== existing.environment) {
    throw conflict(
      `was reported for environment '${existing.environment}', not '${report.environment}'; ` +
        'a deploymentId names one deployment',
    );
  }
  if (!sameTime(report.startedAt, existing.startedAt)) {
    throw conflict(`started at ${existing.startedAt}; its startedAt cannot change`);
  }

  const patch: DeploymentPatch = {};
  if (report.version !== undefined && report.version !== existing.version) {
    if (existing.version !== undefined) {
      throw conflict(`was reported with version ${existing.version}, not ${report.version}`);
    }
    patch.version = report.version;
  }
  if (report.hotfix !== undefined && report.hotfix !== existing.hotfix) {
    throw conflict(`was reported ${existing.hotfix ? 'as' : 'as not'} a hotfix`);
  }

  if (existing.finishedAt) {
    if (!report.finishedAt) {
      throw conflict(
        `finished at ${existing.finishedAt} (${existing.result}); a report cannot make it ` +
          'unfinished again',
      );
    }
    if (!sameTime(report.finishedAt, existing.finishedAt)) {
      throw conflict(`finished at ${existing.finishedAt}; its finishedAt cannot change`);
    }
  } else if (report.finishedAt) {
    patch.finishedAt = report.finishedAt;
  }

  if (existing.result && report.result !== existing.result) {
    if (!report.result || !LATER_RESULTS[existing.result].includes(report.result)) {
      throw conflict(
        `has the result '${existing.result}'; it cannot become '${report.result ?? 'none'}'`,
      );
    }
    patch.result = report.result;
  } else if (!existing.result && report.result) {
    patch.result = report.result;
  }

  for (const field of ['rollbackStartedAt', 'rollbackFinishedAt'] as const) {
    const known = existing[field];
    const reported = report[field];
    if (known) {
      if (!reported) {
        throw conflict(`has ${field} ${known}; a report cannot take it back`);
      }
      if (!sameTime(reported, known)) {
        throw conflict(`has ${field} ${known}; it cannot change`);
      }
    } else if (reported) {
      patch[field] = reported;
    }
  }

  if (report.evidenceUrl !== undefined && report.evidenceUrl !== existing.evidenceUrl) {
    patch.evidenceUrl = report.evidenceUrl;
  }
  return Object.keys(patch).length > 0 ? patch : undefined;
}

/** The parts of a deployment the decision log records. */
export function deploymentLogEntry(deployment: DeploymentOutcome) {
  return {
    environment: deployment.environment,
    version: deployment.version ?? null,
    startedAt: deployment.startedAt,
    finishedAt: deployment.finishedAt ?? null,
    result: deployment.result ?? null,
    rollbackStartedAt: deployment.rollbackStartedAt ?? null,
    rollbackFinishedAt: deployment.rollbackFinishedAt ?? null,
    hotfix: deployment.hotfix,
    evidenceUrl: deployment.evidenceUrl ?? null,
  };
}
