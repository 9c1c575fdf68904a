import { Clock, systemClock } from '@release-coordination/plugin-release-coordination-node';
import {
  DeploymentResult,
  GateKind,
  ReleaseTrainStatus,
  ScorecardPeriod,
  DecisionAction,
} from '@release-coordination/plugin-release-coordination-common';
import {
  ActionItemFact,
  DeploymentFact,
  GateDecisionFact,
  GateOutcome,
  IncidentFact,
  IndicatorFact,
  TrainFact,
  TrainStageInterval,
} from './engine';
import { Knex } from 'knex';
import { inSlices } from '../database/knexStore';
import { optionalIsoString, Time, toIsoString } from '../database/columns';
import { ScorecardFactSource } from './ScorecardFactSource';
import { IndicatorRow, toIndicatorReport } from '../indicators/DatabaseIndicatorStore';

function ms(value: Time): number {
  return new Date(value).getTime();
}

function parseJson(value: string | null | undefined): any {
  if (value === null || value === undefined) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}


/** How many of the newest decision-log ids `changeMark` counts. */
const RECENT_ENTRIES = 1000;

/** The decisions of the log that tell when a train moved and who owned its participants. */
const TRAIN_HISTORY_ACTIONS: DecisionAction[] = [
  'stage.advanced',
  'participant.added',
  'participant.owner-changed',
];

interface LogEntry {
  action: DecisionAction;
  subject: string;
  before: any;
  after: any;
  at: number;
}

interface TrainRow {
  id: string;
  name: string;
  status: string;
  current_stage: string;
  stage_plan: string | null;
  created_at: Time;
}

interface ParticipantRow {
  train_id: string;
  entity_ref: string;
  owner_ref: string | null;
}

/**
 * A train's past, read from its decision log: when it entered and left each stage, and who
 * owned each participant when.
 */
interface TrainHistory {
  row: TrainRow;
  /** The train's stages in order, read once per train rather than once per gate. */
  plan: { name: string }[];
  stages: TrainStageInterval[];
  participants: ParticipantRow[];
  /** Per participant, the owner changes in time order. */
  ownerChanges: Map<string, { at: number; before?: string; after?: string }[]>;
  /** Per participant, when it joined after the train was created. */
  joinedAt: Map<string, number>;
}

function stageIntervals(
  row: TrainRow,
  plan: { name: string }[],
  log: LogEntry[],
): TrainStageInterval[] {
  const first = plan[0]?.name ?? row.current_stage;
  const intervals: TrainStageInterval[] = [
    { stage: first, enteredAt: toIsoString(row.created_at) },
  ];
  for (const entry of log) {
    if (entry.action !== 'stage.advanced') continue;
    const open = intervals[intervals.length - 1];
    const at = new Date(entry.at).toISOString();
    if (open && open.leftAt === undefined) open.leftAt = at;
    // The last stage is left by a release, which enters no stage.
    const next = entry.after?.status === 'released' ? undefined : entry.after?.stage;
    if (typeof next === 'string') intervals.push({ stage: next, enteredAt: at });
  }
  return intervals;
}

/** The owner of a participant at a time: the last change before it, or the owner before the first change after it. */
function ownerAt(history: TrainHistory, entityRef: string, at: number): string | undefined {
  const changes = history.ownerChanges.get(entityRef) ?? [];
  let owner: string | undefined | null = null;
  for (const change of changes) {
    if (change.at <= at) owner = change.after;
    else {
      if (owner === null) owner = change.before;
      break;
    }
  }
  if (owner !== null) return owner;
  return history.participants.find(p => p.entity_ref === entityRef)?.owner_ref ?? undefined;
}

/**
 * Reads scorecard facts from the plugin's tables, read-only: trains, their stage intervals
 * and gate decisions from the decision log, deployments as CI reported them, and action items
 * of retrospectives.
 */
export class DatabaseScorecardFacts implements ScorecardFactSource {
  constructor(
    private readonly db: Knex,
    private readonly clock: Clock = systemClock,
  ) {}

  /**
   * Changes whenever a fact changes: every change of a train, gate, deployment or action item
   * is an entry of the append-only decision log. The highest id alone could miss an entry
   * committed after one with a higher id (transactions end in any order), so the number of the
   * newest entries is part of the mark; both are read from the primary key's index.
   */
  async changeMark(): Promise<string> {
    const [{ max }] = await this.db('train_decisions').max({ max: 'id' });
    if (max === null || max === undefined) return `empty:${await this.outsideLogMark()}`;
    const [{ count }] = await this.db('train_decisions')
      .where('id', '>', Number(max) - RECENT_ENTRIES)
      .count({ count: '*' });
    return `${max}:${count}:${await this.outsideLogMark()}`;
  }

  /**
   * Incidents and indicator reports change outside the decision log (only attributions are
   * logged): their newest change joins the mark (`incidents_updated_idx`,
   * `indicator_reports_reported_idx`).
   */
  private async outsideLogMark(): Promise<string> {
    const [[{ incidents }], [{ indicators }]] = await Promise.all([
      this.db('incidents').max({ incidents: 'updated_at' }),
      this.db('indicator_reports').max({ indicators: 'reported_at' }),
    ]);
    return `${incidents ? ms(incidents) : 'none'}:${indicators ? ms(indicators) : 'none'}`;
  }

  async listDeployments(period: ScorecardPeriod): Promise<DeploymentFact[]> {
    const from = new Date(period.from);
    const to = new Date(period.to);
    const rows = await this.db('deployments')
      .where('started_at', '<', to)
      .andWhere(q =>
        q
          .where('finished_at', '>=', from)
          .orWhere(running => running.whereNull('finished_at').andWhere('started_at', '>=', from)),
      )
      .orderBy('id');
    return rows.map(row => ({
      id: String(row.id),
      trainId: row.train_id,
      participantRef: row.participant_ref,
      environment: row.environment,
      ...(row.owner_ref ? { ownerRef: row.owner_ref } : {}),
      startedAt: toIsoString(row.started_at),
      ...(row.finished_at ? { finishedAt: toIsoString(row.finished_at) } : {}),
      ...(row.result ? { result: row.result as DeploymentResult } : {}),
      ...(row.rollback_started_at
        ? { rollbackStartedAt: toIsoString(row.rollback_started_at) }
        : {}),
      ...(row.rollback_finished_at
        ? { rollbackFinishedAt: toIsoString(row.rollback_finished_at) }
        : {}),
      // MySQL and SQLite hand booleans back as 0/1.
      ...(Number(row.hotfix) === 1 || row.hotfix === true ? { hotfix: true } : {}),
    }));
  }

  async listTrains(
    period: ScorecardPeriod,
    options?: { trainIds?: string[] },
  ): Promise<TrainFact[]> {
    const from = new Date(period.from);
    const to = new Date(period.to);
    const inPeriod: TrainRow[] = await this.db<TrainRow>('release_trains')
      .select('id', 'name', 'status', 'current_stage', 'stage_plan', 'created_at')
      .where('created_at', '<', to)
      .andWhere(q => q.where('status', 'active').orWhere('updated_at', '>=', from));
    const known = new Set(inPeriod.map(row => row.id));
    const extra = (options?.trainIds ?? []).filter(id => !known.has(id));
    const named = await inSlices(extra, slice =>
      this.db<TrainRow>('release_trains')
        .select('id', 'name', 'status', 'current_stage', 'stage_plan', 'created_at')
        .whereIn('id', slice),
    );
    const histories = await this.histories([...inPeriod, ...named]);
    return [...histories.values()]
      .map(history => ({
        id: history.row.id,
        name: history.row.name,
        status: history.row.status as ReleaseTrainStatus,
        createdAt: toIsoString(history.row.created_at),
        stages: history.stages,
        participants: history.participants.map(p => {
          // The owner when the participant joined: before its first owner change, if any.
          const first = history.ownerChanges.get(p.entity_ref)?.[0];
          const ownerRef = first ? first.before ?? first.after : p.owner_ref ?? undefined;
          return { entityRef: p.entity_ref, ...(ownerRef ? { ownerRef } : {}) };
        }),
      }))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  async listGateDecisions(period: ScorecardPeriod): Promise<GateDecisionFact[]> {
    const from = new Date(period.from);
    const to = new Date(period.to);
    const now = this.clock.now();
    const decidedIds: string[] = (
      await this.db('train_decisions')
        .distinct('subject')
        .where('action', 'like', 'gate.%')
        .andWhere('created_at', '>=', from)
        .andWhere('created_at', '<', to)
    ).map(row => row.subject);
    // What waits now is only known now: past periods have no pending gates.
    const waiting = to.getTime() > now.getTime() ? await this.waitingApprovalGateIds() : [];
    const gateIds = [...new Set([...decidedIds, ...waiting])];
    if (gateIds.length === 0) return [];

    const gates = await inSlices(gateIds, slice =>
      this.db('train_gates')
        .select(
          'id',
          'train_id',
          'stage',
          'phase',
          'kind',
          'participant_ref',
          'approver_ref',
          'removed_at',
        )
        .whereIn('id', slice),
    );
    const entries = await inSlices(gateIds, slice =>
      this.db('train_decisions')
        .select('subject', 'after', 'created_at', 'id')
        .where('action', 'like', 'gate.%')
        .whereIn('subject', slice)
        .andWhere('created_at', '<', to)
        .orderBy('id'),
    );
    const entriesByGate = new Map<string, { state: string; at: number }[]>();
    for (const entry of entries) {
      const state = parseJson(entry.after)?.state;
      if (typeof state !== 'string') continue;
      const list = entriesByGate.get(entry.subject) ?? [];
      list.push({ state, at: ms(entry.created_at) });
      entriesByGate.set(entry.subject, list);
    }
    const trainRows = await inSlices([...new Set(gates.map(g => g.train_id as string))], slice =>
      this.db<TrainRow>('release_trains')
        .select('id', 'name', 'status', 'current_stage', 'stage_plan', 'created_at')
        .whereIn('id', slice),
    );
    const histories = await this.histories(trainRows);
    const waitingNow = new Set(waiting);

    const facts: GateDecisionFact[] = [];
    for (const gate of gates) {
      const history = histories.get(gate.train_id);
      if (!history) continue;
      const removedAt = gate.removed_at ? ms(gate.removed_at) : Infinity;
      // Walk the gate's state changes; a decision is a change into a state other than pending.
      let state = 'pending';
      let repending: number | undefined;
      const outcomes: { outcome: GateOutcome; at: number }[] = [];
      for (const entry of entriesByGate.get(gate.id) ?? []) {
        if (entry.at >= removedAt) break;
        if (entry.state === state) continue;
        state = entry.state;
        if (state === 'pending') repending = entry.at;
        else outcomes.push({ outcome: state as GateOutcome, at: entry.at });
      }
      const latest = outcomes[outcomes.length - 1];
      const decided = state !== 'pending' && latest !== undefined;
      if (!decided && !waitingNow.has(gate.id)) continue;

      const { plan } = history;
      const position = plan.findIndex(stage => stage.name === gate.stage);
      // Exit gates wait from when the train enters their stage, entry gates from when it
      // enters the stage before (they guard leaving it).
      const guardedStage = gate.phase === 'entry' ? plan[position - 1]?.name : gate.stage;
      const entered = history.stages.find(s => s.stage === (guardedStage ?? gate.stage));
      const joined = gate.participant_ref ? history.joinedAt.get(gate.participant_ref) : undefined;
      const starts = [
        entered ? ms(entered.enteredAt) : undefined,
        joined,
        repending !== undefined && (!decided || repending < latest.at) ? repending : undefined,
      ].filter((t): t is number => t !== undefined);
      // A gate decided before the train reached it was never waited on: no latency.
      let pendingAt = starts.length ? Math.max(...starts) : ms(history.row.created_at);
      if (decided) pendingAt = Math.min(pendingAt, latest.at);

      const decisionTime = decided ? latest.at : now.getTime();
      const ownerRef =
        (gate.kind === 'approval' ? (gate.approver_ref ?? undefined) : undefined) ??
        (gate.participant_ref ? ownerAt(history, gate.participant_ref, decisionTime) : undefined);
      facts.push({
        gateId: gate.id,
        trainId: gate.train_id,
        stage: gate.stage,
        kind: gate.kind as GateKind,
        ...(gate.participant_ref ? { participantRef: gate.participant_ref } : {}),
        ...(ownerRef ? { ownerRef } : {}),
        pendingAt: new Date(pendingAt).toISOString(),
        ...(decided
          ? { decidedAt: new Date(latest.at).toISOString(), outcome: latest.outcome }
          : {}),
        failedBefore: outcomes
          .slice(0, decided ? -1 : undefined)
          .some(o => o.outcome === 'failed' || o.outcome === 'waived'),
      });
    }
    return facts.sort((a, b) => a.gateId.localeCompare(b.gateId));
  }

  async listIncidents(period: ScorecardPeriod): Promise<IncidentFact[]> {
    const from = new Date(period.from);
    const to = new Date(period.to);
    const base = () =>
      this.db('incidents as i')
        .leftJoin('deployments as d', 'd.id', 'i.attributed_deployment_id')
        .select([
          'i.id',
          'i.entity_ref',
          'i.owner_ref',
          'i.started_at',
          'i.resolved_at',
          'i.users_affected',
          'i.impact_minutes',
          'i.attribution_state',
          'i.attributed_deployment_id',
          'd.train_id as d_train_id',
        ]);
    // By start (`incidents_started_idx`), and by the finish of the deployment a person
    // confirmed as the cause, whenever the incident started.
    const [started, attributed] = await Promise.all([
      base().where('i.started_at', '>=', from).where('i.started_at', '<', to),
      base()
        .where('i.attribution_state', 'confirmed')
        .where('d.finished_at', '>=', from)
        .where('d.finished_at', '<', to),
    ]);
    const byId = new Map<string, IncidentFact>();
    for (const row of [...started, ...attributed]) {
      const confirmed = row.attribution_state === 'confirmed' && row.d_train_id !== null;
      const resolvedAt = optionalIsoString(row.resolved_at);
      byId.set(String(row.id), {
        id: String(row.id),
        entityRef: row.entity_ref,
        ...(row.owner_ref ? { ownerRef: row.owner_ref } : {}),
        startedAt: toIsoString(row.started_at),
        ...(resolvedAt ? { resolvedAt } : {}),
        ...(row.users_affected !== null ? { usersAffected: Number(row.users_affected) } : {}),
        ...(row.impact_minutes !== null ? { impactMinutes: Number(row.impact_minutes) } : {}),
        ...(confirmed
          ? {
              attributedDeploymentId: String(row.attributed_deployment_id),
              attributedTrainId: row.d_train_id,
            }
          : {}),
      });
    }
    return [...byId.values()].sort(
      (a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt) || Number(a.id) - Number(b.id),
    );
  }

  async listIndicators(period: ScorecardPeriod): Promise<IndicatorFact[]> {
    // `indicator_reports_measured_idx`.
    const rows: IndicatorRow[] = await this.db('indicator_reports')
      .where('measured_at', '>=', new Date(period.from))
      .where('measured_at', '<', new Date(period.to))
      .orderBy([
        { column: 'measured_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    return rows.map(row => {
      const { key: _key, reporter: _reporter, reportedAt: _at, ...fact } = toIndicatorReport(row);
      return fact;
    });
  }

  async listActionItems(period: ScorecardPeriod): Promise<ActionItemFact[]> {
    const from = new Date(period.from);
    const to = new Date(period.to);
    const rows = await this.db('action_items')
      .select('id', 'train_id', 'owner_ref', 'created_at', 'due_at', 'closed_at', 'status')
      .where(q => q.where('due_at', '>=', from).andWhere('due_at', '<', to))
      .orWhere(q =>
        q
          .where('created_at', '<', to)
          .andWhere(open => open.where('status', 'open').orWhere('closed_at', '>=', from)),
      )
      .orderBy('id');
    return rows.map(row => ({
      id: row.id,
      trainId: row.train_id,
      ownerRef: row.owner_ref,
      createdAt: toIsoString(row.created_at),
      ...(row.due_at ? { dueAt: toIsoString(row.due_at) } : {}),
      ...(row.closed_at ? { closedAt: toIsoString(row.closed_at) } : {}),
      status: row.status,
    }));
  }

  /** Pending approval gates of active trains that guard leaving the stage the train is in. */
  private async waitingApprovalGateIds(): Promise<string[]> {
    const rows = await this.db('train_gates as g')
      .join('release_trains as t', 't.id', 'g.train_id')
      .where({ 't.status': 'active', 'g.kind': 'approval', 'g.state': 'pending' })
      .whereNull('g.removed_at')
      .select('g.id', 'g.stage', 'g.phase', 't.current_stage', 't.stage_plan');
    return rows
      .filter(row => {
        if (row.stage === row.current_stage) return true;
        const plan = (parseJson(row.stage_plan) ?? []) as { name: string }[];
        const next = plan[plan.findIndex(stage => stage.name === row.current_stage) + 1];
        return row.phase === 'entry' && next?.name === row.stage;
      })
      .map(row => row.id as string);
  }

  /** The stage intervals, participants and owner history of trains, by train id. */
  private async histories(rows: TrainRow[]): Promise<Map<string, TrainHistory>> {
    const ids = rows.map(row => row.id);
    const logRows = await inSlices(ids, slice =>
      this.db('train_decisions')
        .select('train_id', 'action', 'subject', 'before', 'after', 'created_at', 'id')
        .whereIn('train_id', slice)
        .whereIn('action', TRAIN_HISTORY_ACTIONS)
        .orderBy('id'),
    );
    const participantRows: ParticipantRow[] = await inSlices(ids, slice =>
      this.db('train_participants')
        .select('train_id', 'entity_ref', 'owner_ref')
        .whereIn('train_id', slice)
        // A participant removed from a train never shipped with it.
        .whereNull('removed_at')
        .orderBy(['train_id', 'position']),
    );
    const participantsByTrain = new Map<string, ParticipantRow[]>();
    for (const row of participantRows) {
      const list = participantsByTrain.get(row.train_id) ?? [];
      list.push(row);
      participantsByTrain.set(row.train_id, list);
    }
    const logs = new Map<string, LogEntry[]>();
    for (const row of logRows) {
      const list = logs.get(row.train_id) ?? [];
      list.push({
        action: row.action,
        subject: row.subject,
        before: parseJson(row.before),
        after: parseJson(row.after),
        at: ms(row.created_at),
      });
      logs.set(row.train_id, list);
    }
    const histories = new Map<string, TrainHistory>();
    for (const row of rows) {
      const log = logs.get(row.id) ?? [];
      const ownerChanges = new Map<string, { at: number; before?: string; after?: string }[]>();
      const joinedAt = new Map<string, number>();
      for (const entry of log) {
        if (entry.action === 'participant.added') {
          joinedAt.set(entry.subject, entry.at);
          const list = ownerChanges.get(entry.subject) ?? [];
          // Joining sets the owner: nobody owned it in this train before.
          list.push({ at: entry.at, after: entry.after?.ownerRef ?? undefined });
          ownerChanges.set(entry.subject, list);
        } else if (entry.action === 'participant.owner-changed') {
          const list = ownerChanges.get(entry.subject) ?? [];
          list.push({
            at: entry.at,
            before: entry.before?.ownerRef ?? undefined,
            after: entry.after?.ownerRef ?? undefined,
          });
          ownerChanges.set(entry.subject, list);
        }
      }
      const plan = (parseJson(row.stage_plan) ?? []) as { name: string }[];
      histories.set(row.id, {
        row,
        plan,
        stages: stageIntervals(row, plan, log),
        participants: participantsByTrain.get(row.id) ?? [],
        ownerChanges,
        joinedAt,
      });
    }
    return histories;
  }
}
