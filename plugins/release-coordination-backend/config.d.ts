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
   * For rules: a built-in rule (`every-participant-has-owner`, `upstream-passed-stage`,
   * `previous-action-items-closed`, `rollback-rehearsed`, `no-expired-flags`) or one added by
   * a backend module.
   */
  rule?: string;
}

export interface Config {
  releaseCoordination?: {
    /**
     * The stages every new train goes through, in order, with their gates. Default: planning,
     * integration, validation, deployment with owner approvals, contract tests, canary
     * analysis and upstream rules; per participant, planning's entry gate wants earlier
     * trains' action items closed (`previous-action-items-closed`) and deployment's entry
     * gates a rehearsed rollback (`rollback-rehearsed`) and no expired flags
     * (`no-expired-flags`). Mistakes stop the backend at start-up.
     */
    stages?: Array<{
      /** Letters, digits and . _ - */
      name: string;
      title?: string;
      /** Gates that must pass (or be waived) to leave the stage. */
      exitGates: GateTemplateConfig[];
      /**
       * Gates that must pass (or be waived) to enter the stage: checked when the stage before
       * is left, and again when this one is left. A first stage's are checked when it is left.
       */
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
    deployments?: {
      /**
       * The environment whose failed or rolled-back deployments are announced to the
       * ambassador and the participant's owner. Compared in lower case. Default `production`.
       */
      productionEnvironment?: string;
      /**
       * A production deployment marked `hotfix` that starts within this many hours after an
       * earlier production deployment of the same participant finished makes that earlier one
       * a failed change in the change failure rate. Default 24.
       */
      hotfixWindowHours?: number;
    };
    rollback?: {
      /**
       * How old a participant's last passed rollback rehearsal may be for the
       * `rollback-rehearsed` rule to pass, in days, from 1 to 365. Default 90.
       */
      maxRehearsalAgeDays?: number;
    };
    rehearsals?: {
      /**
       * Whether a passed rollback rehearsal reported without an `evidenceUrl` satisfies the
       * `rollback-rehearsed` rule and rollback readiness. Default false: a rehearsal counts
       * only with evidence someone can open, such as the CI run that rolled back.
       */
      acceptWithoutEvidence?: boolean;
    };
    flags?: {
      /**
       * How many days before its expiry a feature flag counts as expiring soon and its owner is
       * reminded. Default 7.
       */
      remindBeforeDays?: number;
      /**
       * How far ahead a feature flag's expiry may be set, in days: every flag is time-bound.
       * Default 180.
       */
      maxLifetimeDays?: number;
      /**
       * How often owners of expiring and expired feature flags are reminded, across all backend
       * replicas (one runs it). Each owner hears once before the expiry and once after it.
       * Default: every hour.
       */
      reminders?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
    /** Where the app shows the plugin's pages, for the links in notifications. */
    portal?: {
      /**
       * The path of the plugin's page in the app, e.g. `/releases`. Default: what
       * `app.extensions` gives `page:release-coordination` as `config.path` (new frontend
       * system), else `/release-coordination`. Legacy frontend system apps that mount
       * `ReleaseCoordinationPage` elsewhere set it here.
       */
      pagePath?: string;
    };
    /**
     * The environments a version passes through on its way to production, in order, ending
     * with `deployments.productionEnvironment`. Deploy readiness asks that a version ran in
     * the environment before the one it goes to. Default: staging, production. The catalog's
     * `Environment` entities, ordered by `spec.order`, replace this list when there are some.
     */
    environments?: string[];
    /**
     * Change freezes every release shares, e.g. the year-end holidays: nothing in a freeze's
     * scope ships to production from `start` (inclusive) to `end` (exclusive). ISO 8601 dates or
     * date-times. The scope is everything unless it names a System or Domain. Release managers
     * declare more through the API. A mistake stops the backend at start-up.
     */
    freezes?: Array<{
      start: string;
      end: string;
      reason: string;
      scope?: { kind: 'all' | 'system' | 'domain'; ref?: string };
    }>;
    runbook?: {
      /**
       * Links to on-call schedules named by annotations of participants and their owners, e.g.
       * `{ annotation: pagerduty.com/service-id, url: 'https://acme.pagerduty.com/service-directory/{value}' }`;
       * `{value}` stands for the annotation's value. Without one, the value is shown unlinked.
       */
      onCallLinks?: Array<{ annotation: string; url: string }>;
      /**
       * The decision tree for incidents during a deploy, walked in the portal from `start`:
       * questions lead through their options to other nodes, actions end the walk. A tree that
       * cannot be walked stops the backend at start-up. A default tree is used without one.
       */
      decisionTree?: {
        start: string;
        nodes: Array<{
          id: string;
          kind: 'question' | 'action';
          text: string;
          options?: Array<{ label: string; next: string }>;
        }>;
      };
    };
    risk?: {
      /**
       * The weight of each factor of a train's risk score, from 0 to 100; those left out keep
       * their default (blast-radius 20, change-failure-rate 15, the others 10, freeze-proximity
       * 5). The score is the weighted share of the factors over the sum of the weights. A
       * mistake stops the backend at start-up.
       */
      weights?: {
        'blast-radius'?: number;
        'cross-team-edges'?: number;
        cycles?: number;
        'dependency-drift'?: number;
        'change-failure-rate'?: number;
        'open-action-items'?: number;
        'failing-checks'?: number;
        collisions?: number;
        'freeze-proximity'?: number;
      };
    };
    indicators?: {
      /**
       * The share of a participant's merged changes that must have had an approving review by
       * someone other than the author for the built-in gate rule `review-coverage`, from 0 to
       * 1. Default 0.8.
       */
      reviewCoverageThreshold?: number;
      /** How old the indicator reports the gate rules read may be, in days (1 to 365). Default 14. */
      maxAgeDays?: number;
    };
    incidents?: {
      /**
       * How far before an incident started a production deployment may have finished to be a
       * candidate cause, in hours, from 1 to 720. Default 24.
       */
      attributionWindowHours?: number;
    };
    scorecards?: {
      /**
       * How long a computed scorecard is handed out again while nothing it counts has changed,
       * in seconds, from 0 (always compute) to 3600. A change of any train, gate, deployment or
       * action item, or a new dependency snapshot, makes the next request compute it anew.
       * Default 300.
       */
      maxAgeSeconds?: number;
    };
    gates?: {
      /**
       * How long a waiver may run, in days: a waiver is a bounded exception. Default 14.
       */
      maxWaiverDays?: number;
    };
    retrospectives?: {
      /**
       * The most notes one train's retrospective holds; anyone signed in may add notes.
       * Default 500.
       */
      maxNotesPerTrain?: number;
    };
    actionItems?: {
      /**
       * How often owners of overdue retrospective action items are reminded, across all
       * backend replicas (one runs it). Each owner hears once per item and due date. Default:
       * every hour.
       */
      reminders?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
    standup?: {
      /**
       * A daily digest of each active train's standup for its ambassador: one notification
       * (topic `release-coordination.standup-digest`) counting the decisions, gates that
       * became blocking, failing checks and new collisions of the last 24 hours. Trains where
       * nothing changed are left out.
       */
      digest?: {
        /** Send the digest. Default false. */
        enabled?: boolean;
        /**
         * When the digest goes out, across all backend replicas (one runs it). Default:
         * weekdays at 08:00 in the backend's time zone (`frequency: { cron: '0 8 * * 1-5' }`),
         * 10 minute timeout.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
    /**
     * The release dictionary shown in the portal: terms, responsibilities and escalation
     * paths. Entries replace the built-in ones with the same term id, role or path name; new
     * ones are added. Mistakes stop the backend at start-up.
     */
    dictionary?: {
      /** Start from the built-in vocabulary of release coordination. Default true. */
      includeDefaults?: boolean;
      terms?: Array<{
        /** Lower-case letters, digits and dashes; the portal links to `#term-<id>`. */
        id: string;
        term: string;
        definition: string;
        /** Other words people use for the same thing. */
        aliases?: string[];
        /** Ids of related terms. */
        seeAlso?: string[];
      }>;
      responsibilities?: Array<{
        role: string;
        description: string;
        /** The name of an escalation path. */
        escalation?: string;
      }>;
      escalationPaths?: Array<{
        name: string;
        steps: Array<{
          title: string;
          /** An entity ref (shown as a catalog link), or text such as a channel name. */
          contact: string;
        }>;
      }>;
    };
  };
}
