/**
 * Why a deployment may not go ahead yet, as a pipeline prints it and a person acts on it:
 *
 * - `no-train`: no active train ships this version of the entity;
 * - `not-in-deployment-stage`: the train has not reached the stage production deployments
 *   belong to (the last stage of its plan);
 * - `gates-open`: gates of this participant (or of the whole train) that must have passed by
 *   now are open, each named with its approver team;
 * - `earlier-wave-not-deployed`: participants it depends on (an earlier deployment wave) have
 *   no successful deployment to this environment in the train yet;
 * - `environment-parity`: the version has not run in the environment before this one;
 * - `freeze`: a change freeze covering the entity is in effect (production only).
 *
 * @public
 */
export type DeployReadinessReasonCode =
  | 'no-train'
  | 'not-in-deployment-stage'
  | 'gates-open'
  | 'earlier-wave-not-deployed'
  | 'environment-parity'
  | 'freeze';

/**
 * One reason a deployment is not allowed, with what to talk to.
 *
 * @public
 */
export interface DeployReadinessReason {
  code: DeployReadinessReasonCode;
  /** A sentence a person can act on. */
  message: string;
  /** For `gates-open`: the open gates. */
  gates?: {
    gateId: string;
    title: string;
    stage: string;
    approverRef?: string;
  }[];
  /** For `earlier-wave-not-deployed`: the participants still to deploy first. */
  entityRefs?: string[];
  /** For `freeze`: the freezes in effect. */
  freezes?: { id: string; reason: string; endsAt: string }[];
}

/**
 * The answer to "may this version of this entity be deployed to this environment now?".
 *
 * @public
 */
export interface DeployReadiness {
  allowed: boolean;
  entityRef: string;
  version: string;
  environment: string;
  /** The train that ships the version, when there is one. */
  train?: { id: string; name: string; currentStage: string };
  /** Empty when allowed. */
  reasons: DeployReadinessReason[];
  checkedAt: string;
}

/**
 * Where one participant's deployments to one environment stand in a train.
 *
 * @public
 */
export interface EnvironmentCell {
  environment: string;
  /** The newest deployment reported, whatever its result (it may still run). */
  latest?: {
    deploymentId: string;
    version?: string;
    result?: 'succeeded' | 'failed' | 'rolled-back';
    startedAt: string;
    finishedAt?: string;
  };
  /** The newest successful deployment: the version running there, as far as reports say. */
  running?: { deploymentId: string; version?: string; finishedAt?: string };
  /** Whether the version running there is the participant's target version. */
  atTarget: boolean;
}

/**
 * A train's environment matrix: participant × environment → the version deployed there and
 * when.
 *
 * @public
 */
export interface TrainEnvironmentMatrix {
  /** The configured environments in order, then any other environment deployments named. */
  environments: string[];
  participants: {
    entityRef: string;
    targetVersion: string;
    cells: EnvironmentCell[];
  }[];
  /** Participants left out because the caller may not see them in the catalog. */
  hidden?: { participants?: number };
}
