import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

/** A gate every train gets in a stage; see `releaseCoordination.stages`. */
interface GateTemplateConfig {
  /** Unique across all stages; letters, digits and . _ - */
  id: string;
  /** Shown to people, e.g. "Go / no-go". */
  title: string;
  /** `approval` (people decide), `check` (CI reports results) or `rule` (computed). */
  kind: 'approval' | 'check' | 'rule';
  /** One gate per participant instead of one for the whole train. Default false. */
  perParticipant?: boolean;
  /**
   * For approvals: `participant-owner` (the owning Group of each participant; needs
   * perParticipant) or the ref of a Group, e.g. `group:default/release-managers`.
   */
  approvers?: string;
  /** For approvals: how many distinct approvals pass the gate. Default 1. */
  quorum?: number;
  /** For approvals: the train's ambassador may not approve. Default false. */
  separationOfDuties?: boolean;
  /**
   * For approvals: how long an approval counts toward the quorum, as an ISO 8601 duration
   * (`P7D`) or an object (`{ days: 7 }`); months count 30 days, years 365. Once expired, the
   * gate is pending again until someone approves anew. Default: approvals never expire.
   */
  approvalValidFor?: string | {
    years?: number;
    months?: number;
    weeks?: number;
    days?: number;
    hours?: number;
    minutes?: number;
    seconds?: number;
    milliseconds?: number;
  };
  /** For checks: the check name CI reports, e.g. `contract-tests`. */
  checkName?: string;
  /**
   * For rules: a built-in rule (`every-participant-has-owner`, `upstream-passed-stage`) or one
   * added by a backend module.
   */
  rule?: string;
}

export interface Config {
  releaseCoordination?: {
    /**
     * The stages every new train goes through, in order, with their gates. Default: planning,
     * integration, validation, deployment with owner approvals, contract tests, canary
     * analysis and upstream rules. Mistakes stop the backend at start-up.
     */
    stages?: Array<{
      /** Letters, digits and . _ - */
      name: string;
      title?: string;
      /** Gates that must pass (or be waived) to leave the stage. */
      exitGates: GateTemplateConfig[];
      /** Gates that must pass (or be waived) to enter the stage. */
      entryGates?: GateTemplateConfig[];
    }>;
    dependencies?: {
      /**
       * How often the dependency graph is derived again from the catalog, across all backend
       * replicas (one runs it). Default: every 10 minutes, with a 5 minute timeout.
       */
      refresh?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** How many entities to read per catalog request. Default 1000. */
      pageSize?: number;
      /** How many snapshots to keep in the database. Default 3. */
      keepSnapshots?: number;
    };
  };
}
