import {
  DeployReadiness,
  DeployReadinessReason,
  FreezeWindow,
  TrainGate,
} from '@release-coordination/plugin-release-coordination-common';
import { TrainRecord } from '../trains/TrainStore';

/** What a check asked about, as it answers it: the normalised ref and environment. */
export interface ReadinessSubject {
  entityRef: string;
  version: string;
  environment: string;
  at: Date;
}

/** What stands in the way of a deployment, found in the train that ships the version. */
export interface ReadinessFindings {
  train: TrainRecord;
  /** The environment before, when the version has not run successfully there. */
  parityMissingIn?: string;
  /** The deployment stage, when the train is not in it yet. */
  stageMissing?: string;
  /** The gates due before production that do not pass now. */
  open: TrainGate[];
  /** The participants of earlier waves not yet deployed to production. */
  missing: string[];
  /** The change freezes covering the entity now. */
  frozen: FreezeWindow[];
  production: string;
}

/** The answer to a check: allowed when no reason stands in the way. */
export function readinessAnswer(
  subject: ReadinessSubject,
  reasons: DeployReadinessReason[],
  train?: TrainRecord,
): DeployReadiness {
  return {
    allowed: reasons.length === 0,
    entityRef: subject.entityRef,
    version: subject.version,
    environment: subject.environment,
    ...(train
      ? {
          train: {
            id: train.id,
            name: train.name,
            currentStage: train.currentStage,
          },
        }
      : {}),
    reasons,
    checkedAt: subject.at.toISOString(),
  };
}

/**
 * The reasons a deployment may not go ahead, in the order a pipeline's log shows them, with
 * every entity named by `shown` (as the caller may see it).
 */
export function readinessReasons(
  subject: ReadinessSubject,
  findings: ReadinessFindings,
  shown: (ref: string) => string,
): DeployReadinessReason[] {
  const { entityRef, version } = subject;
  const { train, parityMissingIn, stageMissing, open, missing, frozen } =
    findings;
  const reasons: DeployReadinessReason[] = [];
  if (parityMissingIn) {
    const before = parityMissingIn;
    reasons.push({
      code: 'environment-parity',
      message:
        `${entityRef} ${version} has not run in ${before}: '${train.name}' holds no ` +
        `successful ${before} deployment of it`,
    });
  }
  if (stageMissing) {
    reasons.push({
      code: 'not-in-deployment-stage',
      message:
        `'${train.name}' is in its ${train.currentStage} stage; production deployments ` +
        `start in its ${stageMissing} stage`,
    });
  }
  if (open.length > 0) {
    const gates = open.map(gate => ({
      gateId: gate.id,
      title: gate.title,
      stage: gate.stage,
      ...(gate.approverRef ? { approverRef: shown(gate.approverRef) } : {}),
    }));
    reasons.push({
      code: 'gates-open',
      message: `${gates.length} gate(s) of ${entityRef} in '${train.name}' are open: ${gates
        .map(
          g =>
            `'${g.title}' (${g.stage}${g.approverRef ? `, decided by ${g.approverRef}` : ''})`,
        )
        .join(', ')}`,
      gates,
    });
  }
  if (missing.length > 0) {
    const refs = missing.map(shown);
    reasons.push({
      code: 'earlier-wave-not-deployed',
      message:
        `${entityRef} depends on ${refs.join(', ')}, not yet deployed to ${findings.production} ` +
        `in '${train.name}'`,
      entityRefs: refs,
    });
  }
  if (frozen.length > 0) {
    reasons.push({
      code: 'freeze',
      message: `A change freeze covers ${entityRef}: ${frozen
        .map(f => `${f.reason} (until ${f.endsAt})`)
        .join('; ')}`,
      freezes: frozen.map(f => ({
        id: f.id,
        reason: f.reason,
        endsAt: f.endsAt,
      })),
    });
  }
  return reasons;
}
