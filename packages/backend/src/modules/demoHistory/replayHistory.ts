import {
  GateTemplate,
  StageDefinition,
  featureFlagExpiry,
} from '@release-coordination/plugin-release-coordination-common';
import {
  DEFAULT_MAX_REHEARSAL_AGE_DAYS,
  rollbackReadiness,
} from '@release-coordination/plugin-release-coordination-node';
import { createHash } from 'node:crypto';
import {
  DemoHistory,
  HistoryApproval,
  HistoryCheck,
  HistoryDeployment,
  HistoryTime,
  HistoryTrain,
  HistoryWaiver,
} from './definition';

/**
 * Who reported check results, deployments and rehearsals: the subject of the demo portal's CI
 * token (`backend.auth.externalAccess` in app-config.yaml), as the plugin records it.
 */
export const CI_REPORTER = 'demo-ci';

/**
 * Stage recordings name the dependency graph they were taken from. The graphs the history's
 * trains saw were never stored in this database; version 0 says so, as the portal shows a
 * database without any graph.
 */
const NO_STORED_GRAPH = 0;

/** The plugin's tables in the order they are written: parents first. */
export const HISTORY_TABLES = [
  // First: when two replicas seed at once, their fixed train ids collide here.
  'release_trains',
  'train_participants',
  'train_gates',
  'gate_approvals',
  'check_results',
  'gate_waivers',
  'train_decisions',
  'train_stage_snapshots',
  'deployments',
  'rollback_plans',
  'rollback_drills',
  'feature_flags',
  'retrospective_notes',
  'action_items',
] as const;

export type HistoryTable = (typeof HISTORY_TABLES)[number];

export type HistoryRow = Record<string, unknown>;

/** The rows of every table, ready to insert in {@link HISTORY_TABLES} order. */
export type HistoryRows = Record<HistoryTable, HistoryRow[]>;

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * A stable UUID for a thing of the history, so that every seeding writes the same ids: two
 * replicas seeding at once collide on the trains' primary keys instead of writing the history
 * twice, and links into the seeded portal stay valid when the demo database is recreated.
 */
export function historyId(...parts: string[]): string {
  const hex = createHash('sha1').update(['demo-history', ...parts].join('\n')).digest('hex');
  // Laid out as a name-based UUID (version 5, RFC 4122 variant).
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `5${hex.slice(13, 16)}`,
    `${variant}${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ].join('-');
}

const userRef = (name: string) => `user:default/${name}`;
const componentRef = (name: string) => `component:default/${name}`;
const groupRef = (name: string) => `group:default/${name}`;

type GateState = 'pending' | 'passed' | 'failed' | 'waived';

interface ReplayedGate {
  id: string;
  stage: string;
  phase: 'entry' | 'exit';
  template: GateTemplate;
  participantRef?: string;
  config: Record<string, unknown>;
  state: GateState;
  reason?: string;
  version: number;
  updatedAt: Date;
  approvals: Map<string, { decision: 'approve' | 'reject'; comment?: string; at: Date }>;
  waiverUntil?: Date;
}

interface Participant {
  ref: string;
  ownerRef: string;
  version: string;
  upstream: string[];
}

/**
 * The rehearsal age the demo portal's rollback gates allow: app-config.yaml leaves
 * `releaseCoordination.rollback.maxRehearsalAgeDays` at the plugin's default.
 */
const MAX_REHEARSAL_AGE_DAYS = DEFAULT_MAX_REHEARSAL_AGE_DAYS;

/** CI records a rehearsal a few minutes after it ran; only then can a gate rule see it. */
const DRILL_RECORDED_AFTER_MS = 5 * MINUTE_MS;

/** Rows of autoincrement tables are sorted by this time before insertion, so ids follow time. */
type TimedRow = { at: Date; seq: number; row: HistoryRow };

/** Everything the replay of all trains writes, collected across trains. */
class HistorySink {
  private seq = 0;
  readonly rows: Record<HistoryTable, TimedRow[]> = Object.fromEntries(
    HISTORY_TABLES.map(table => [table, []]),
  ) as unknown as Record<HistoryTable, TimedRow[]>;

  add(table: HistoryTable, at: Date, row: HistoryRow): HistoryRow {
    this.rows[table].push({ at, seq: this.seq++, row });
    return row;
  }

  decision(at: Date, entry: {
    trainId: string;
    entityRef?: string;
    actorRef: string;
    action: string;
    subject: string;
    before?: unknown;
    after?: unknown;
    reason?: string;
  }) {
    this.add('train_decisions', at, {
      train_id: entry.trainId,
      entity_ref: entry.entityRef ?? null,
      actor_ref: entry.actorRef,
      action: entry.action,
      subject: entry.subject,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      reason: entry.reason ?? null,
      created_at: at,
    });
  }

  /** Each table in time order; rows written at the same time keep the order they happened in. */
  sorted(): HistoryRows {
    return Object.fromEntries(
      HISTORY_TABLES.map(table => [
        table,
        [...this.rows[table]]
          .sort((a, b) => a.at.getTime() - b.at.getTime() || a.seq - b.seq)
          .map(timed => timed.row),
      ]),
    ) as HistoryRows;
  }
}

/** What a deployment looked like at a point of its life, as the decision log records it. */
function deploymentLogEntry(
  row: HistoryRow,
  phase: 'started' | 'finished' | 'restored',
): Record<string, unknown> {
  const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : null);
  return {
    environment: row.environment,
    version: row.version,
    startedAt: iso(row.started_at),
    finishedAt: phase === 'started' ? null : iso(row.finished_at),
    result:
      phase === 'started'
        ? null
        : phase === 'finished' && row.result === 'rolled-back'
          ? 'succeeded'
          : row.result,
    rollbackStartedAt: phase === 'restored' ? iso(row.rollback_started_at) : null,
    rollbackFinishedAt: phase === 'restored' ? iso(row.rollback_finished_at) : null,
    hotfix: row.hotfix,
    evidenceUrl: row.evidence_url,
  };
}

/**
 * Replays one train event by event, with the rules the plugin enforces: decisions only while
 * the train is active and in the gate's stage, a stage left only when every gate guarding it
 * is passed or waived (rule gates evaluated at each attempt), production deployments only after
 * the participant's last-stage gates passed. A history that breaks one of them is a mistake in
 * the history, and replaying it throws.
 */
class TrainReplay {
  readonly id: string;
  private readonly participants: Participant[];
  private readonly gates: ReplayedGate[] = [];
  private status: 'active' | 'released' | 'rolled-back' = 'active';
  private currentStage: string;
  private version = 0;
  private updatedAt: Date;
  private readonly events: { at: Date; seq: number; run: () => void }[] = [];
  private readonly counters = new Map<string, number>();
  /** When each person last decided each gate: the approval row keeps the latest decision. */
  private readonly latestDecision = new Map<string, Date>();
  private readonly flags = new Map<string, HistoryRow>();
  /** When each participant's rollback plan for this train was saved. */
  private readonly rollbackPlans = new Map<string, Date>();

  constructor(
    private readonly train: HistoryTrain,
    private readonly stages: StageDefinition[],
    /** The whole history: rules read earlier trains' action items and every rehearsal. */
    private readonly history: DemoHistory,
    private readonly clock: {
      now: Date;
      time: (t: HistoryTime) => Date;
      past: (t: HistoryTime, what: string) => Date;
    },
    private readonly sink: HistorySink,
  ) {
    this.id = historyId(train.key);
    this.currentStage = stages[0].name;
    this.updatedAt = clock.time(train.createdAt);
    this.participants = train.participants.map(p => ({
      ref: componentRef(p.component),
      ownerRef: groupRef(p.owner),
      version: p.version,
      upstream: p.upstream.map(componentRef),
    }));
    const refs = new Set(this.participants.map(p => p.ref));
    for (const participant of this.participants) {
      const outside = participant.upstream.filter(ref => !refs.has(ref));
      if (outside.length > 0) {
        this.fail(`${participant.ref} lists upstream ${outside.join(', ')}, not participants`);
      }
    }
    const unknownStages = Object.keys(train.stages).filter(
      name => !stages.some(stage => stage.name === name),
    );
    if (unknownStages.length > 0) this.fail(`unknown stages ${unknownStages.join(', ')}`);
  }

  private fail(message: string): never {
    throw new Error(`Demo history, ${this.train.name}: ${message}`);
  }

  private next(key: string): number {
    const n = (this.counters.get(key) ?? 0) + 1;
    this.counters.set(key, n);
    return n;
  }

  private time(t: HistoryTime): Date {
    return this.clock.time(t);
  }

  private past(t: HistoryTime, what: string): Date {
    return this.clock.past(t, `${this.train.name}: ${what}`);
  }

  private at(t: HistoryTime, what: string, run: (at: Date) => void) {
    const when = this.past(t, what);
    this.events.push({ at: when, seq: this.events.length, run: () => run(when) });
  }

  private participant(component: string): Participant {
    const found = this.participants.find(p => p.ref === componentRef(component));
    if (!found) this.fail(`${component} is not a participant`);
    return found;
  }

  private requireActive(what: string) {
    if (this.status !== 'active') this.fail(`${what}, but the train is ${this.status}`);
  }

  private requireStage(stage: string, what: string) {
    this.requireActive(what);
    if (this.currentStage !== stage) {
      this.fail(`${what} in stage '${stage}', but the train is in '${this.currentStage}'`);
    }
  }

  private gateOf(stage: string, participantRef: string, match: (t: GateTemplate) => boolean) {
    const found = this.gates.filter(
      gate => gate.stage === stage && gate.participantRef === participantRef && match(gate.template),
    );
    if (found.length !== 1) {
      this.fail(`expected one such gate of ${participantRef} in stage '${stage}', found ${found.length}`);
    }
    return found[0];
  }

  private updateGate(gate: ReplayedGate, at: Date, patch: { state?: GateState; reason?: string }) {
    if (patch.state !== undefined) gate.state = patch.state;
    if (patch.reason !== undefined) gate.reason = patch.reason;
    gate.version += 1;
    gate.updatedAt = at;
  }

  private updateTrain(at: Date) {
    this.version += 1;
    this.updatedAt = at;
  }

  private static satisfied(gate: ReplayedGate, at: Date): boolean {
    if (gate.state === 'passed') return true;
    return gate.state === 'waived' && gate.waiverUntil !== undefined && gate.waiverUntil > at;
  }

  /** Lays out every event of the train, then runs them in time order. */
  replay() {
    const { train } = this;
    this.at(train.createdAt, 'creation', at => this.create(at));
    for (const p of train.participants) {
      this.at(p.rollbackPlan.at, `rollback plan of ${p.component}`, at =>
        this.saveRollbackPlan(p.component, p.rollbackPlan.by, at),
      );
    }
    for (const stage of this.stages) {
      const events = train.stages[stage.name];
      if (!events) this.fail(`stage '${stage.name}' is missing`);
      for (const [component, steps] of Object.entries(events.approvals ?? {})) {
        for (const step of steps) {
          this.at(step.at, `${step.decision} of ${component} in ${stage.name}`, at =>
            this.decide(stage.name, component, step, at),
          );
        }
      }
      for (const [component, reports] of Object.entries(events.checks ?? {})) {
        for (const report of reports) {
          this.at(report.at, `check of ${component} in ${stage.name}`, at =>
            this.reportCheck(stage.name, component, report, at),
          );
        }
      }
      for (const [component, waiver] of Object.entries(events.waivers ?? {})) {
        this.at(waiver.at, `waiver of ${component} in ${stage.name}`, at =>
          this.waive(stage.name, component, waiver, at),
        );
      }
      for (const attempt of events.blockedAdvances ?? []) {
        this.at(attempt, `blocked advance from ${stage.name}`, at => this.advance(stage.name, at, true));
      }
      if (events.leftAt) {
        this.at(events.leftAt, `advance from ${stage.name}`, at => this.advance(stage.name, at, false));
      }
    }
    for (const [component, deployments] of Object.entries(train.deployments)) {
      for (const deployment of deployments) {
        this.at(deployment.at, `${deployment.environment} deployment of ${component}`, at =>
          this.deploy(component, deployment, at),
        );
      }
    }
    if (train.rolledBack) {
      const { reason } = train.rolledBack;
      this.at(train.rolledBack.at, 'rollback of the train', at => this.rollBack(reason, at));
    }
    for (const flag of train.flags) {
      const flagId = historyId(train.key, 'flag', flag.component, flag.key);
      this.at(flag.at, `flag ${flag.key}`, at => this.createFlag(flagId, flag, at));
      for (const change of flag.changes) {
        this.at(change.at, `flag ${flag.key} ${change.state}`, at =>
          this.changeFlag(flagId, change.state, change.by, at),
        );
      }
    }
    for (const note of train.retrospective.notes) {
      this.at(note.at, 'retrospective note', at => this.addNote(note.column, note.by, note.text, at));
    }
    for (const item of train.retrospective.actionItems) {
      const itemId = historyId(train.key, 'action-item', item.title);
      this.at(item.at, `action item '${item.title}'`, at => this.createActionItem(itemId, item, at));
    }

    this.events.sort((a, b) => a.at.getTime() - b.at.getTime() || a.seq - b.seq);
    for (const event of this.events) event.run();

    if (this.status === 'active') {
      this.fail('it is still active: the history holds past trains only');
    }
    this.writeState();
  }

  private create(at: Date) {
    const { train, stages } = this;
    for (const stage of stages) {
      const templates = [
        ...stage.entryGates.map(template => ({ template, phase: 'entry' as const })),
        ...stage.exitGates.map(template => ({ template, phase: 'exit' as const })),
      ];
      for (const { template, phase } of templates) {
        const targets = template.perParticipant ? this.participants : [undefined];
        for (const participant of targets) {
          // As the plugin instantiates gates from the stage templates.
          const approverRef =
            template.approvers === 'participant-owner' ? participant?.ownerRef : template.approvers;
          const approval = template.kind === 'approval';
          this.gates.push({
            id: historyId(train.key, 'gate', template.id, participant?.ref ?? 'train'),
            stage: stage.name,
            phase,
            template,
            ...(participant ? { participantRef: participant.ref } : {}),
            config: {
              title: template.title,
              ...(approval && approverRef ? { approverRef } : {}),
              ...(approval && participant
                ? { approversFromOwner: template.approvers === 'participant-owner' }
                : {}),
              quorum: template.quorum,
              separationOfDuties: template.separationOfDuties,
              ...(template.checkName ? { checkName: template.checkName } : {}),
              ...(template.rule ? { rule: template.rule } : {}),
            },
            state: 'pending',
            version: 0,
            updatedAt: at,
            approvals: new Map(),
          });
        }
      }
    }
    const refs = this.participants.map(p => p.ref);
    this.recordStage(stages[0].name, stages[0].name, at);
    this.sink.decision(at, {
      trainId: this.id,
      actorRef: userRef(train.ambassador),
      action: 'train.created',
      subject: this.id,
      after: {
        name: train.name,
        ambassadorRef: userRef(train.ambassador),
        participants: refs,
        gateCount: this.gates.length,
      },
    });
  }

  /** The dependencies among the participants, recorded at creation and each stage transition. */
  private recordStage(stage: string, toStage: string | undefined, at: Date) {
    this.sink.add('train_stage_snapshots', at, {
      train_id: this.id,
      stage,
      to_stage: toStage ?? null,
      dependency_snapshot_version: NO_STORED_GRAPH,
      upstream_edges: JSON.stringify(Object.fromEntries(this.participants.map(p => [p.ref, p.upstream]))),
      taken_at: at,
    });
  }

  private saveRollbackPlan(component: string, by: string, at: Date) {
    this.requireActive(`rollback plan of ${component}`);
    const participant = this.participant(component);
    const procedure = this.history.rollbackProcedures[component];
    if (!procedure) this.fail(`no rollback procedure for ${component}`);
    this.rollbackPlans.set(participant.ref, at);
    this.sink.add('rollback_plans', at, {
      train_id: this.id,
      participant_ref: participant.ref,
      criteria: procedure.criteria,
      procedure_url: procedure.procedureUrl,
      updated_by: userRef(by),
      updated_at: at,
    });
    this.sink.decision(at, {
      trainId: this.id,
      entityRef: participant.ref,
      actorRef: userRef(by),
      action: 'rollback-plan.saved',
      subject: 'rollback-plan',
      after: { criteria: procedure.criteria, procedureUrl: procedure.procedureUrl },
    });
  }

  private decide(stage: string, component: string, step: HistoryApproval, at: Date) {
    this.requireStage(stage, `${step.decision} of ${component}`);
    const participant = this.participant(component);
    const gate = this.gateOf(stage, participant.ref, t => t.kind === 'approval');
    const actorRef = userRef(step.by);
    if (gate.template.separationOfDuties && actorRef === userRef(this.train.ambassador)) {
      this.fail(`the ambassador cannot decide ${gate.template.id} of ${component}`);
    }
    if (gate.state === 'passed' || gate.state === 'waived') {
      this.fail(`${gate.template.id} of ${component} is already ${gate.state}`);
    }
    if (step.decision === 'reject' && !step.comment?.trim()) {
      this.fail(`a rejection of ${component} needs a comment`);
    }
    const before = gate.state;
    const earlier = gate.approvals.get(actorRef);
    gate.approvals.set(actorRef, {
      decision: step.decision,
      ...(step.comment ? { comment: step.comment } : {}),
      at: earlier?.at ?? at,
    });
    // A person's first decision creates the approval row, later ones replace what it says.
    this.latestDecision.set(`${gate.id}\n${actorRef}`, at);
    const decisions = [...gate.approvals.values()];
    const approvals = decisions.filter(d => d.decision === 'approve').length;
    const quorum = gate.template.quorum;
    const state: GateState = decisions.some(d => d.decision === 'reject')
      ? 'failed'
      : approvals >= quorum
        ? 'passed'
        : 'pending';
    this.updateGate(gate, at, { state });
    this.sink.decision(at, {
      trainId: this.id,
      entityRef: participant.ref,
      actorRef,
      action: step.decision === 'approve' ? 'gate.approved' : 'gate.rejected',
      subject: gate.id,
      before: { state: before },
      after: { state, approvals, quorum },
      ...(step.comment ? { reason: step.comment } : {}),
    });
  }

  private reportCheck(stage: string, component: string, report: HistoryCheck, at: Date) {
    this.requireStage(stage, `check of ${component}`);
    const participant = this.participant(component);
    const checkNames = [
      ...new Set(
        this.gates
          .filter(gate => gate.stage === stage && gate.template.kind === 'check')
          .map(gate => gate.template.checkName!),
      ),
    ];
    if (checkNames.length !== 1) this.fail(`stage '${stage}' has ${checkNames.length} checks`);
    const [checkName] = checkNames;
    const n = this.next(`${component}/${checkName}`);
    const evidenceUrl = `https://ci.example.com/${component}/${checkName}/${this.train.key}-${n}`;
    this.sink.add('check_results', at, {
      train_id: this.id,
      participant_ref: participant.ref,
      check_name: checkName,
      idempotency_key: `${this.train.key}/${component}/${checkName}/${n}`,
      status: report.status,
      evidence_url: evidenceUrl,
      reported_at: at,
      reporter: CI_REPORTER,
    });
    this.sink.decision(at, {
      trainId: this.id,
      entityRef: participant.ref,
      actorRef: CI_REPORTER,
      action: 'check.reported',
      subject: `${participant.ref}#${checkName}`,
      after: { status: report.status, evidenceUrl },
    });
    // The newest result decides every check gate of the participant with this check name.
    for (const gate of this.gates) {
      if (
        gate.participantRef !== participant.ref ||
        gate.template.checkName !== checkName ||
        gate.state === 'waived' ||
        gate.state === report.status
      ) {
        continue;
      }
      const before = gate.state;
      this.updateGate(gate, at, { state: report.status });
      this.sink.decision(at, {
        trainId: this.id,
        entityRef: participant.ref,
        actorRef: CI_REPORTER,
        action: `gate.${report.status}`,
        subject: gate.id,
        before: { state: before },
        after: { state: report.status },
        reason: `Check ${checkName} reported ${report.status}`,
      });
    }
  }

  private waive(stage: string, component: string, waiver: HistoryWaiver, at: Date) {
    // A gate is waived while it guards leaving the current stage: a gate of that stage, or an
    // entry gate of the next one (e.g. a rollback rehearsal waived on the way into deployment).
    this.requireActive(`waiver of ${component}`);
    const position = this.stages.findIndex(s => s.name === this.currentStage);
    const guardsNow =
      stage === this.currentStage ||
      (this.stages[position + 1]?.name === stage &&
        this.stages[position + 1].entryGates.some(t => t.id === waiver.gate));
    if (!guardsNow) {
      this.fail(
        `waiver of ${component} for ${waiver.gate} in stage '${stage}', but the train is in ` +
          `'${this.currentStage}'`,
      );
    }
    const participant = this.participant(component);
    const gate = this.gateOf(stage, participant.ref, t => t.id === waiver.gate);
    const until = this.time(waiver.until);
    if (gate.state === 'passed') this.fail(`${waiver.gate} of ${component} is already passed`);
    if (until <= at) this.fail(`the waiver of ${component} must run until a later time`);
    const before = gate.state;
    this.sink.add('gate_waivers', at, {
      gate_id: gate.id,
      waived_by: userRef(waiver.by),
      reason: waiver.reason,
      until,
      waived_at: at,
    });
    gate.waiverUntil = until;
    this.updateGate(gate, at, { state: 'waived' });
    this.sink.decision(at, {
      trainId: this.id,
      entityRef: participant.ref,
      actorRef: userRef(waiver.by),
      action: 'gate.waived',
      subject: gate.id,
      before: { state: before },
      after: { state: 'waived', until: until.toISOString() },
      reason: waiver.reason,
    });
  }

  /** A rule gate's outcome, as the plugin's built-in rules decide it. */
  private evaluateRule(gate: ReplayedGate, at: Date): { passed: boolean; reason: string } {
    switch (gate.template.rule) {
      case 'every-participant-has-owner':
        return { passed: true, reason: 'Every participant has an owner' };
      case 'upstream-passed-stage': {
        const participant = this.participants.find(p => p.ref === gate.participantRef);
        if (!participant) {
          return { passed: false, reason: 'This rule applies to one participant; set perParticipant' };
        }
        const waitingOn = participant.upstream.filter(ref =>
          this.gates.some(
            other =>
              other.participantRef === ref &&
              other.stage === gate.stage &&
              other.template.rule !== 'upstream-passed-stage' &&
              !TrainReplay.satisfied(other, at),
          ),
        );
        if (waitingOn.length > 0) {
          return {
            passed: false,
            reason: `Waiting on upstream participants: ${waitingOn.join(', ')}`,
          };
        }
        return {
          passed: true,
          reason:
            participant.upstream.length > 0
              ? `Upstream participants passed ${gate.stage}: ${participant.upstream.join(', ')}`
              : 'No upstream participants in this train',
        };
      }
      case 'previous-action-items-closed':
        return this.previousActionItemsClosed(gate, at);
      case 'rollback-rehearsed': {
        const participant = this.participants.find(p => p.ref === gate.participantRef);
        if (!participant) {
          return { passed: false, reason: 'This rule applies to one participant; set perParticipant' };
        }
        const plannedAt = this.rollbackPlans.get(participant.ref);
        const { ready, reason } = rollbackReadiness({
          entityRef: participant.ref,
          ...(plannedAt ? { plan: { updatedAt: plannedAt.toISOString() } } : {}),
          lastPassedDrillAt: this.lastPassedDrillAt(participant.ref, at)?.toISOString(),
          maxAgeDays: MAX_REHEARSAL_AGE_DAYS,
          now: at,
        });
        return { passed: ready, reason };
      }
      case 'no-expired-flags':
        return this.noExpiredFlags(gate, at);
      default:
        return this.fail(`the history cannot evaluate gate rule '${gate.template.rule}'`);
    }
  }

  /**
   * As the plugin's rule: open action items of trains created before this one, owned by the
   * participant or its owner (or by any participant and owner, for a train-wide gate).
   */
  private previousActionItemsClosed(
    gate: ReplayedGate,
    at: Date,
  ): { passed: boolean; reason: string } {
    const concerned = gate.participantRef
      ? this.participants.filter(p => p.ref === gate.participantRef)
      : this.participants;
    const refs = new Set(concerned.flatMap(p => [p.ref, p.ownerRef]));
    const createdAt = this.time(this.train.createdAt);
    const open = this.history.trains
      .filter(earlier => this.time(earlier.createdAt) < createdAt)
      .flatMap(earlier =>
        earlier.retrospective.actionItems.map(item => ({
          item,
          trainName: earlier.name,
          id: historyId(earlier.key, 'action-item', item.title),
        })),
      )
      .filter(
        ({ item }) =>
          refs.has(item.ownerRef) &&
          this.time(item.at) <= at &&
          !(item.closed && this.time(item.closed.at) <= at),
      )
      .sort(
        (a, b) =>
          this.time(a.item.at).getTime() - this.time(b.item.at).getTime() ||
          a.id.localeCompare(b.id),
      );
    const whom = gate.participantRef ?? 'the participants';
    if (open.length === 0) {
      return { passed: true, reason: `No open action items from earlier trains concern ${whom}` };
    }
    const described = open.map(
      ({ item, trainName }) =>
        `'${item.title}' (${item.ownerRef}, from train '${trainName}', due ` +
        `${this.time(item.dueAt).toISOString().slice(0, 10)})`,
    );
    return {
      passed: false,
      reason:
        `${open.length} open action item(s) from earlier trains concern ${whom}: ` +
        described.join('; '),
    };
  }

  /** The newest passed rehearsal of an entity that CI had recorded by `at`. */
  private lastPassedDrillAt(entityRef: string, at: Date): Date | undefined {
    const times = this.history.drills
      .filter(drill => componentRef(drill.component) === entityRef && drill.result === 'passed')
      .map(drill => this.time(drill.at))
      .filter(rehearsedAt => rehearsedAt.getTime() + DRILL_RECORDED_AFTER_MS <= at.getTime());
    if (times.length === 0) return undefined;
    return new Date(Math.max(...times.map(t => t.getTime())));
  }

  /** As the plugin's rule: no flag of the participant (or of any) still in use past its expiry. */
  private noExpiredFlags(gate: ReplayedGate, at: Date): { passed: boolean; reason: string } {
    const flags = [...this.flags.values()].filter(
      row => !gate.participantRef || row.participant_ref === gate.participantRef,
    );
    const whose = gate.participantRef ?? 'any participant';
    const expired = flags.filter(row => {
      const flag = {
        state: row.state as 'on' | 'off' | 'removed',
        expiresAt: (row.expires_at as Date).toISOString(),
      };
      return featureFlagExpiry(flag, at, 0) === 'expired';
    });
    if (expired.length > 0) {
      const listed = expired.map(
        row =>
          `${gate.participantRef ? '' : `${row.participant_ref} `}'${row.flag_key}' (expired ` +
          `${(row.expires_at as Date).toISOString().slice(0, 10)})`,
      );
      return {
        passed: false,
        reason:
          `Expired feature flag(s) still in use: ${listed.join(', ')}; remove them or give ` +
          'them a new expiry',
      };
    }
    const live = flags.filter(row => row.state !== 'removed').length;
    return {
      passed: true,
      reason:
        live === 0
          ? `No feature flags in use by ${whose}`
          : `None of the ${live} feature flag(s) of ${whose} is past its expiry`,
    };
  }

  private advance(stage: string, at: Date, meantToBeBlocked: boolean) {
    this.requireStage(stage, 'advance');
    const actorRef = userRef(this.train.ambassador);
    const position = this.stages.findIndex(s => s.name === stage);
    const next = this.stages[position + 1]?.name;
    const guarding = this.gates.filter(
      gate => gate.stage === stage || (gate.stage === next && gate.phase === 'entry'),
    );
    // Train-wide rules first, then per participant; `upstream-passed-stage` reads the others.
    const ruleGates = guarding
      .filter(gate => gate.template.kind === 'rule' && gate.state !== 'waived')
      .sort(
        (a, b) =>
          Number(a.template.rule === 'upstream-passed-stage') -
            Number(b.template.rule === 'upstream-passed-stage') ||
          Number(Boolean(a.participantRef)) - Number(Boolean(b.participantRef)),
      );
    for (const gate of ruleGates) {
      const outcome = this.evaluateRule(gate, at);
      const state: GateState = outcome.passed ? 'passed' : 'failed';
      if (state === gate.state && outcome.reason === gate.reason) continue;
      const before = gate.state;
      this.updateGate(gate, at, { state, reason: outcome.reason });
      if (state !== before) {
        this.sink.decision(at, {
          trainId: this.id,
          ...(gate.participantRef ? { entityRef: gate.participantRef } : {}),
          actorRef,
          action: 'gate.evaluated',
          subject: gate.id,
          before: { state: before },
          after: { state },
          reason: outcome.reason,
        });
      }
    }
    const blocking = guarding.filter(gate => !TrainReplay.satisfied(gate, at));
    if (meantToBeBlocked) {
      if (blocking.length === 0) {
        this.fail(
          `the advance from '${stage}' at ${at.toISOString()} was meant to be blocked, ` +
            'but nothing blocks it',
        );
      }
      return;
    }
    if (blocking.length > 0) {
      this.fail(
        `cannot leave stage '${stage}' at ${at.toISOString()}: ` +
          blocking
            .map(gate => `${gate.template.id} ${gate.participantRef ?? ''} is ${gate.state}`)
            .join('; '),
      );
    }
    if (next) this.currentStage = next;
    else this.status = 'released';
    this.updateTrain(at);
    this.recordStage(stage, next, at);
    this.sink.decision(at, {
      trainId: this.id,
      actorRef,
      action: 'stage.advanced',
      subject: stage,
      before: { stage, status: 'active' },
      after: next ? { stage: next, status: 'active' } : { stage, status: 'released' },
    });
  }

  private deploy(component: string, deployment: HistoryDeployment, at: Date) {
    const participant = this.participant(component);
    const lastStage = this.stages[this.stages.length - 1].name;
    if (deployment.environment === 'production') {
      // Production only after the go decision: the participant's gates of the last stage.
      this.requireStage(lastStage, `production deployment of ${component}`);
      const waiting = this.gates.filter(
        gate =>
          gate.stage === lastStage &&
          gate.participantRef === participant.ref &&
          !TrainReplay.satisfied(gate, at),
      );
      if (waiting.length > 0) {
        const gates = waiting.map(gate => gate.template.id).join(', ');
        this.fail(`${component} went to production before ${gates} passed`);
      }
    } else {
      this.requireActive(`staging deployment of ${component}`);
    }
    const n = this.next(`${component}/${deployment.environment}`);
    const deploymentId = `${this.train.key}-${component}-${deployment.environment}-${n}`;
    const finishedAt = new Date(at.getTime() + deployment.minutes * MINUTE_MS);
    const rollback = deployment.rollback
      ? {
          started: this.past(deployment.rollback.at, `rollback of ${deploymentId}`),
          minutes: deployment.rollback.minutes,
        }
      : undefined;
    if (rollback && rollback.started < finishedAt) {
      this.fail(`${deploymentId} is rolled back before it finished`);
    }
    const rollbackFinishedAt = rollback
      ? new Date(rollback.started.getTime() + rollback.minutes * MINUTE_MS)
      : undefined;
    const row = this.sink.add('deployments', at, {
      train_id: this.id,
      participant_ref: participant.ref,
      owner_ref: participant.ownerRef,
      environment: deployment.environment,
      deployment_id: deploymentId,
      version: deployment.version ?? participant.version,
      started_at: at,
      finished_at: finishedAt,
      result: rollback ? 'rolled-back' : deployment.result ?? 'succeeded',
      rollback_started_at: rollback?.started ?? null,
      rollback_finished_at: rollbackFinishedAt ?? null,
      hotfix: deployment.hotfix ?? false,
      evidence_url: `https://deploy.example.com/${deployment.environment}/${deploymentId}`,
      reporter: CI_REPORTER,
      reported_at: at,
      updated_at: rollbackFinishedAt ?? finishedAt,
    });
    // CI reports the start, the finish and, for a rollback, when the previous version was back.
    const report = (when: Date, before: HistoryRow | undefined, after: HistoryRow) =>
      this.sink.decision(when, {
        trainId: this.id,
        entityRef: participant.ref,
        actorRef: CI_REPORTER,
        action: 'deployment.reported',
        subject: `${deployment.environment}#${deploymentId}`,
        ...(before ? { before } : {}),
        after,
      });
    const started = deploymentLogEntry(row, 'started');
    const finished = deploymentLogEntry(row, 'finished');
    report(at, undefined, started);
    report(finishedAt, started, finished);
    if (rollbackFinishedAt) report(rollbackFinishedAt, finished, deploymentLogEntry(row, 'restored'));
  }

  private rollBack(reason: string, at: Date) {
    this.requireActive('rollback of the train');
    const rolledBack = this.sink.rows.deployments.some(
      ({ row }) =>
        row.train_id === this.id &&
        row.environment === 'production' &&
        row.result === 'rolled-back' &&
        (row.rollback_started_at as Date) <= at,
    );
    if (!rolledBack) this.fail('it is marked rolled back, but no production deployment was rolled back');
    this.status = 'rolled-back';
    this.updateTrain(at);
    this.sink.decision(at, {
      trainId: this.id,
      actorRef: userRef(this.train.ambassador),
      action: 'train.rolled-back',
      subject: this.id,
      before: { status: 'active' },
      after: { status: 'rolled-back' },
      reason,
    });
  }

  private createFlag(flagId: string, flag: HistoryTrain['flags'][number], at: Date) {
    this.requireActive(`flag ${flag.key}`);
    const participant = this.participant(flag.component);
    const expiresAt = this.time(flag.expiresAt);
    if (expiresAt <= at) this.fail(`flag ${flag.key} must expire after it is created`);
    const row = this.sink.add('feature_flags', at, {
      id: flagId,
      train_id: this.id,
      participant_ref: participant.ref,
      flag_key: flag.key,
      owner_ref: flag.ownerRef,
      purpose: flag.purpose,
      state: 'on',
      created_at: at,
      created_by: userRef(flag.createdBy),
      expires_at: expiresAt,
      updated_at: at,
      expiring_reminded_at: null,
      expired_reminded_at: null,
    });
    this.flags.set(flagId, row);
    this.sink.decision(at, {
      trainId: this.id,
      entityRef: participant.ref,
      actorRef: userRef(flag.createdBy),
      action: 'flag.created',
      subject: `flag:${flag.key}`,
      after: {
        state: 'on',
        ownerRef: flag.ownerRef,
        purpose: flag.purpose,
        expiresAt: expiresAt.toISOString(),
      },
    });
  }

  private changeFlag(flagId: string, state: 'on' | 'off' | 'removed', by: string, at: Date) {
    const row = this.flags.get(flagId);
    if (!row) this.fail(`flag ${flagId} changes before it exists`);
    if (row.state === 'removed') this.fail(`flag ${row.flag_key} was removed; it stays removed`);
    if (row.state === state) this.fail(`flag ${row.flag_key} is already ${state}`);
    const before = row.state;
    row.state = state;
    row.updated_at = at;
    this.sink.decision(at, {
      trainId: this.id,
      entityRef: row.participant_ref as string,
      actorRef: userRef(by),
      action: 'flag.updated',
      subject: `flag:${row.flag_key}`,
      before: { state: before },
      after: { state },
    });
  }

  private addNote(column: 'went-well' | 'to-improve', by: string, text: string, at: Date) {
    const noteId = historyId(this.train.key, 'note', String(this.next('note')));
    this.sink.add('retrospective_notes', at, {
      id: noteId,
      train_id: this.id,
      board_column: column,
      text,
      author_ref: userRef(by),
      created_at: at,
    });
    this.sink.decision(at, {
      trainId: this.id,
      actorRef: userRef(by),
      action: 'retro.note-added',
      subject: noteId,
      after: { column, text },
    });
  }

  private createActionItem(
    itemId: string,
    item: HistoryTrain['retrospective']['actionItems'][number],
    at: Date,
  ) {
    const ambassadorRef = userRef(this.train.ambassador);
    const dueAt = this.time(item.dueAt);
    if (dueAt <= at) this.fail(`action item '${item.title}' is due before it was created`);
    const closedAt = item.closed ? this.past(item.closed.at, `closing '${item.title}'`) : undefined;
    if (closedAt && closedAt <= at) this.fail(`action item '${item.title}' closes before it was created`);
    // The plugin reminds the owner of an overdue item once, within the hour after it fell due;
    // seeded as already sent, so that a fresh portal does not send a burst of old reminders.
    const remindedAt = new Date(dueAt.getTime() + HOUR_MS);
    const reminded = remindedAt < (closedAt ?? this.clock.now);
    this.sink.add('action_items', at, {
      id: itemId,
      train_id: this.id,
      title: item.title,
      owner_ref: item.ownerRef,
      status: item.closed?.status ?? 'open',
      due_at: dueAt,
      created_at: at,
      updated_at: closedAt ?? at,
      closed_at: closedAt ?? null,
      reminded_at: reminded ? remindedAt : null,
      version: item.closed ? 1 : 0,
    });
    this.sink.decision(at, {
      trainId: this.id,
      entityRef: item.ownerRef,
      actorRef: ambassadorRef,
      action: 'action-item.created',
      subject: itemId,
      after: { title: item.title, ownerRef: item.ownerRef, dueAt: dueAt.toISOString(), status: 'open' },
    });
    if (item.closed && closedAt) {
      this.sink.decision(closedAt, {
        trainId: this.id,
        entityRef: item.ownerRef,
        actorRef: userRef(item.closed.by),
        action: 'action-item.updated',
        subject: itemId,
        before: { status: 'open' },
        after: { status: item.closed.status },
        ...(item.closed.comment ? { reason: item.closed.comment } : {}),
      });
    }
  }

  /** The train, its participants, gates and what decided them, as they stand at the end. */
  private writeState() {
    const { train } = this;
    const created = this.time(train.createdAt);
    this.sink.add('release_trains', created, {
      id: this.id,
      name: train.name,
      objective: train.objective,
      ambassador_ref: userRef(train.ambassador),
      status: this.status,
      current_stage: this.currentStage,
      created_at: created,
      updated_at: this.updatedAt,
      version: this.version,
      stage_plan: JSON.stringify(
        this.stages.map(stage => {
          const window = train.stages[stage.name]?.window;
          const iso = (t: HistoryTime) => this.time(t).toISOString();
          return {
            name: stage.name,
            title: stage.title,
            ...(window ? { window: { start: iso(window[0]), end: iso(window[1]) } } : {}),
          };
        }),
      ),
    });
    this.participants.forEach((participant, position) =>
      this.sink.add('train_participants', created, {
        train_id: this.id,
        entity_ref: participant.ref,
        target_version: participant.version,
        owner_ref: participant.ownerRef,
        position,
        removed_at: null,
      }),
    );
    for (const gate of this.gates) {
      this.sink.add('train_gates', created, {
        id: gate.id,
        train_id: this.id,
        stage: gate.stage,
        phase: gate.phase,
        template_id: gate.template.id,
        kind: gate.template.kind,
        participant_ref: gate.participantRef ?? null,
        state: gate.state,
        config: JSON.stringify(gate.config),
        reason: gate.reason ?? null,
        updated_at: gate.updatedAt,
        version: gate.version,
        removed_at: null,
      });
      for (const [user, approval] of gate.approvals) {
        this.sink.add('gate_approvals', approval.at, {
          gate_id: gate.id,
          user_ref: user,
          decision: approval.decision,
          comment: approval.comment ?? null,
          decided_at: this.latestDecision.get(`${gate.id}\n${user}`) ?? approval.at,
          expires_at: null,
        });
      }
    }
  }
}

/**
 * The rows of the whole history, with every time placed relative to `now`: day 0 is the UTC
 * day of `now`. Throws when the history breaks a rule of the plugin or places an event at or
 * after `now`.
 */
export function replayHistory(
  history: DemoHistory,
  stages: StageDefinition[],
  now: Date,
): HistoryRows {
  const dayZero = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const time = (t: HistoryTime): Date => {
    const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(t.time);
    if (!match || !Number.isInteger(t.day)) {
      throw new Error(`Demo history: '${t.day} ${t.time}' is not a day and an HH:MM time`);
    }
    const [hours, minutes] = [Number(match[1]), Number(match[2])];
    return new Date(dayZero + t.day * DAY_MS + hours * HOUR_MS + minutes * MINUTE_MS);
  };
  const past = (t: HistoryTime, what: string): Date => {
    const value = time(t);
    if (value >= now) {
      throw new Error(`Demo history: ${what} lies in the future (${value.toISOString()})`);
    }
    return value;
  };

  const keys = history.trains.map(train => train.key);
  const duplicate = keys.find((key, index) => keys.indexOf(key) !== index);
  if (duplicate) throw new Error(`Demo history: train key '${duplicate}' is used twice`);

  const sink = new HistorySink();
  for (const train of history.trains) {
    new TrainReplay(train, stages, history, { now, time, past }, sink).replay();
  }
  const drillCounts = new Map<string, number>();
  for (const drill of history.drills) {
    const n = (drillCounts.get(drill.component) ?? 0) + 1;
    drillCounts.set(drill.component, n);
    const rehearsedAt = past(drill.at, `rehearsal of ${drill.component}`);
    sink.add('rollback_drills', rehearsedAt, {
      entity_ref: componentRef(drill.component),
      result: drill.result,
      rehearsed_at: rehearsedAt,
      evidence_url: `https://ci.example.com/${drill.component}/rollback-drill/${n}`,
      idempotency_key: `rollback-drill/${drill.component}/${n}`,
      reporter: CI_REPORTER,
      recorded_at: new Date(rehearsedAt.getTime() + 5 * MINUTE_MS),
    });
  }
  return sink.sorted();
}
