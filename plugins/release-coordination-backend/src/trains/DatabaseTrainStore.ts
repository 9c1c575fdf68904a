import { DatabaseService } from '@backstage/backend-plugin-api';
import { Clock } from '@release-coordination/plugin-release-coordination-node';
import {
  CheckResult,
  GateApproval,
  GateState,
  GateWaiver,
  Page,
  TrainDecision,
  TrainGate,
  TrainParticipant,
} from '@release-coordination/plugin-release-coordination-common';
import { Knex } from 'knex';
import { fromJsonColumn, toIsoString } from '../database/columns';
import {
  KnexStoreSession,
  inSlices,
  retryingTransaction,
} from '../database/knexStore';
import { connectStoreDatabase } from '../database/migrations';
import {
  GateConfig,
  NewGate,
  ParticipantRecord,
  TrainListOptions,
  TrainRecord,
  TrainStore,
  TrainPatch,
  TrainStoreSession,
  VersionConflictError,
} from './TrainStore';
import { selectPage } from '../database/paging';
import { gatesWithDecisions } from './gateDecisionReads';
import { pageBlockingApprovalGates } from './approvalQueue';
import {
  GateRow,
  CheckRow,
  ParticipantRow,
  TrainRow,
  toApproval,
  toCheck,
  toGateRecord,
  toParticipant,
  toTrainRecord,
  nextStageOf,
  plannedSpanOf,
  parseStagePlan,
} from './trainRows';

/** Queries against the database or an open transaction. */
class KnexTrainSession extends KnexStoreSession implements TrainStoreSession {
  // Not useless: it makes the base class's protected constructor public for the store.
  // eslint-disable-next-line @typescript-eslint/no-useless-constructor
  constructor(db: Knex | Knex.Transaction, clock?: Clock) {
    super(db, clock);
  }

  async getTrain(trainId: string, options?: { lock?: boolean }) {
    const query = this.db<TrainRow>('release_trains').where('id', trainId);
    const row = await this.locked(query, options?.lock).first();
    return row ? toTrainRecord(row) : undefined;
  }

  async getGate(gateId: string, options?: { lock?: boolean }) {
    const query = this.db<GateRow>('train_gates').where('id', gateId);
    const row = await this.locked(query, options?.lock).first();
    return row ? toGateRecord(row) : undefined;
  }

  async listParticipants(trainId: string): Promise<TrainParticipant[]> {
    const rows: ParticipantRow[] = await this.db('train_participants')
      .where('train_id', trainId)
      .whereNull('removed_at')
      .orderBy('position');
    return rows.map(toParticipant);
  }

  async getParticipant(trainId: string, entityRef: string): Promise<ParticipantRecord | undefined> {
    const row: ParticipantRow | undefined = await this.db('train_participants')
      .where({ train_id: trainId, entity_ref: entityRef })
      .first();
    if (!row) return undefined;
    return {
      ...toParticipant(row),
      ...(row.removed_at ? { removedAt: toIsoString(row.removed_at) } : {}),
    };
  }

  async listApprovals(gateId: string, options?: { lock?: boolean }): Promise<GateApproval[]> {
    const query = this.db('gate_approvals').where('gate_id', gateId).orderBy('id');
    const rows = await this.locked(query, options?.lock);
    return rows.map(toApproval);
  }

  async listGates(trainId: string, options?: { participantRef?: string }): Promise<TrainGate[]> {
    const gateRows: GateRow[] = await this.db<GateRow>('train_gates')
      .where('train_id', trainId)
      .whereNull('removed_at')
      .modify(query => {
        if (options?.participantRef) query.where('participant_ref', options.participantRef);
      })
      .orderBy('id');
    return gatesWithDecisions(this.db, gateRows);
  }

  async listGatesByIds(gateIds: string[]): Promise<TrainGate[]> {
    if (gateIds.length === 0) return [];
    const gateRows: GateRow[] = await inSlices(gateIds, slice =>
      this.db<GateRow>('train_gates').whereIn('id', slice).whereNull('removed_at'),
    );
    return gatesWithDecisions(this.db, gateRows);
  }

  async listParticipantGates(
    participations: { trainId: string; participantRef: string }[],
  ): Promise<TrainGate[]> {
    if (participations.length === 0) return [];
    const wanted = new Set(participations.map(p => `${p.trainId}\n${p.participantRef}`));
    const trainIds = [...new Set(participations.map(p => p.trainId))];
    const refs = [...new Set(participations.map(p => p.participantRef))];
    // Trains and refs are matched apart, so the rows are narrowed to the pairs asked for here.
    const gateRows: GateRow[] = (
      await inSlices(trainIds, slice =>
        this.db<GateRow>('train_gates')
          .whereIn('train_id', slice)
          .whereIn('participant_ref', refs)
          .whereNull('removed_at'),
      )
    ).filter(row => wanted.has(`${row.train_id}\n${row.participant_ref}`));
    return gatesWithDecisions(this.db, gateRows);
  }

  async findCheckByKey(trainId: string, idempotencyKey: string) {
    const row = await this.db<CheckRow>('check_results')
      .where({ train_id: trainId, idempotency_key: idempotencyKey })
      .first();
    return row ? toCheck(row) : undefined;
  }

  async listCounterpartChecks(trainId: string) {
    const rows = await this.db<CheckRow>('check_results')
      .where({ train_id: trainId })
      .whereNotNull('against_ref')
      .orderBy([
        { column: 'reported_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ]);
    return rows.map(toCheck);
  }

  async insertTrain(train: TrainRecord) {
    await this.db('release_trains').insert({
      id: train.id,
      name: train.name,
      objective: train.objective,
      ambassador_ref: train.ambassadorRef,
      status: train.status,
      current_stage: train.currentStage,
      next_stage: nextStageOf(train.stagePlan, train.currentStage) ?? null,
      created_at: new Date(train.createdAt),
      updated_at: new Date(train.updatedAt),
      version: train.version,
      stage_plan: JSON.stringify(train.stagePlan),
      ...plannedSpanOf(train.stagePlan),
      cadence_id: train.cadence?.cadenceId ?? null,
      cadence_occurrence: train.cadence?.occurrence ?? null,
    });
  }

  async insertParticipants(trainId: string, participants: TrainParticipant[]) {
    if (participants.length === 0) return;
    await this.db('train_participants').insert(
      participants.map((participant, position) => ({
        train_id: trainId,
        entity_ref: participant.entityRef,
        target_version: participant.targetVersion,
        owner_ref: participant.ownerRef ?? null,
        position,
      })),
    );
  }

  async addParticipant(trainId: string, participant: TrainParticipant) {
    // Positions of removed participants count too: a newcomer never shares one.
    const [{ last }] = await this.db('train_participants')
      .where('train_id', trainId)
      .max({ last: 'position' });
    const values = {
      target_version: participant.targetVersion,
      owner_ref: participant.ownerRef ?? null,
      position: last === null || last === undefined ? 0 : Number(last) + 1,
      removed_at: null,
    };
    const updated = await this.db('train_participants')
      .where({ train_id: trainId, entity_ref: participant.entityRef })
      .whereNotNull('removed_at')
      .update(values);
    if (updated === 0) {
      await this.db('train_participants').insert({
        train_id: trainId,
        entity_ref: participant.entityRef,
        ...values,
      });
    }
  }

  async updateParticipant(
    trainId: string,
    entityRef: string,
    patch: { targetVersion?: string; ownerRef?: string | null },
  ) {
    const values = {
      ...(patch.targetVersion !== undefined ? { target_version: patch.targetVersion } : {}),
      ...(patch.ownerRef !== undefined ? { owner_ref: patch.ownerRef } : {}),
    };
    if (Object.keys(values).length === 0) return;
    await this.db('train_participants')
      .where({ train_id: trainId, entity_ref: entityRef })
      .whereNull('removed_at')
      .update(values);
  }

  async removeParticipant(trainId: string, entityRef: string) {
    const removedAt = this.clock.now();
    await this.db('train_participants')
      .where({ train_id: trainId, entity_ref: entityRef })
      .whereNull('removed_at')
      .update({ removed_at: removedAt });
    await this.db('train_gates')
      .where({ train_id: trainId, participant_ref: entityRef })
      .whereNull('removed_at')
      .update({ removed_at: removedAt, updated_at: removedAt });
  }

  async insertGates(gates: NewGate[]) {
    const now = this.clock.now();
    // Batches keep SQLite under its limit of bound parameters per statement.
    for (let i = 0; i < gates.length; i += 50) {
      await this.db('train_gates').insert(
        gates.slice(i, i + 50).map(gate => ({
          id: gate.id,
          train_id: gate.trainId,
          stage: gate.stage,
          phase: gate.phase,
          template_id: gate.templateId,
          kind: gate.kind,
          participant_ref: gate.participantRef ?? null,
          state: 'pending',
          config: JSON.stringify(gate.config),
          approver_ref: gate.config.approverRef ?? null,
          updated_at: now,
          version: 0,
        })),
      );
    }
  }

  async updateTrain(trainId: string, expectedVersion: number, patch: TrainPatch) {
    // The next stage moves with the current one (see listBlockingApprovalGatesOf).
    let nextStage: { next_stage: string | null } | undefined;
    if (patch.currentStage) {
      const plan =
        patch.stagePlan ??
        parseStagePlan(
          (await this.db('release_trains').where('id', trainId).first('stage_plan'))?.stage_plan,
        );
      nextStage = { next_stage: nextStageOf(plan, patch.currentStage) ?? null };
    }
    const updated = await this.db('release_trains')
      .where({ id: trainId, version: expectedVersion })
      .update({
        ...(patch.status ? { status: patch.status } : {}),
        ...(patch.currentStage ? { current_stage: patch.currentStage } : {}),
        ...nextStage,
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.objective !== undefined ? { objective: patch.objective } : {}),
        ...(patch.ambassadorRef !== undefined ? { ambassador_ref: patch.ambassadorRef } : {}),
        ...(patch.stagePlan
          ? { stage_plan: JSON.stringify(patch.stagePlan), ...plannedSpanOf(patch.stagePlan) }
          : {}),
        updated_at: this.clock.now(),
        version: expectedVersion + 1,
      });
    if (updated !== 1) throw new VersionConflictError(`Train ${trainId}`);
  }

  async updateGate(
    gateId: string,
    expectedVersion: number,
    patch: { state?: GateState; reason?: string; config?: GateConfig },
  ) {
    const updated = await this.db('train_gates')
      .where({ id: gateId, version: expectedVersion })
      .update({
        ...(patch.state !== undefined ? { state: patch.state } : {}),
        ...(patch.reason !== undefined ? { reason: patch.reason } : {}),
        ...(patch.config !== undefined
          ? { config: JSON.stringify(patch.config), approver_ref: patch.config.approverRef ?? null }
          : {}),
        updated_at: this.clock.now(),
        version: expectedVersion + 1,
      });
    if (updated !== 1) throw new VersionConflictError(`Gate ${gateId}`);
  }

  async saveApproval(
    gateId: string,
    approval: {
      userRef: string;
      decision: 'approve' | 'reject';
      comment?: string;
      expiresAt?: Date;
    },
  ) {
    const values = {
      decision: approval.decision,
      comment: approval.comment ?? null,
      decided_at: this.clock.now(),
      expires_at: approval.expiresAt ?? null,
    };
    // One statement whether or not the person decided before: their earlier decision is
    // replaced in place (the unique key on gate and person), keeping its position in the list.
    await this.db('gate_approvals')
      .insert({ gate_id: gateId, user_ref: approval.userRef, ...values })
      .onConflict(['gate_id', 'user_ref'])
      .merge(Object.keys(values));
  }

  async insertCheck(check: Omit<CheckResult, 'id' | 'reportedAt'>): Promise<CheckResult> {
    await this.db('check_results').insert({
      train_id: check.trainId,
      participant_ref: check.participantRef,
      check_name: check.checkName,
      idempotency_key: check.idempotencyKey,
      status: check.status,
      evidence_url: check.evidenceUrl ?? null,
      against_ref: check.against?.entityRef ?? null,
      against_version: check.against?.version ?? null,
      reported_at: this.clock.now(),
      reporter: check.reporter,
    });
    // Read back rather than trust `returning`, which MySQL does not support.
    return (await this.findCheckByKey(check.trainId, check.idempotencyKey))!;
  }

  async insertWaiver(gateId: string, waiver: { waivedBy: string; reason: string; until: Date }) {
    await this.db('gate_waivers').insert({
      gate_id: gateId,
      waived_by: waiver.waivedBy,
      reason: waiver.reason,
      until: waiver.until,
      waived_at: this.clock.now(),
    });
  }

  async getWaiver(gateId: string, options?: { lock?: boolean }): Promise<GateWaiver | undefined> {
    const query = this.db('gate_waivers').where('gate_id', gateId).orderBy('id', 'desc');
    const row = await this.locked(query, options?.lock).first();
    return row
      ? {
          waivedBy: row.waived_by,
          reason: row.reason,
          until: toIsoString(row.until),
          waivedAt: toIsoString(row.waived_at),
        }
      : undefined;
  }

  async insertStageSnapshot(snapshot: {
    trainId: string;
    stage: string;
    toStage?: string;
    dependencySnapshotVersion: number;
    upstreamEdges: Record<string, string[]>;
  }) {
    await this.db('train_stage_snapshots').insert({
      train_id: snapshot.trainId,
      stage: snapshot.stage,
      to_stage: snapshot.toStage ?? null,
      dependency_snapshot_version: snapshot.dependencySnapshotVersion,
      upstream_edges: JSON.stringify(snapshot.upstreamEdges),
      taken_at: this.clock.now(),
    });
  }
}

/** The knex implementation of {@link TrainStore}. */
export class DatabaseTrainStore extends KnexTrainSession implements TrainStore {
  /** Connects to the plugin's database and runs migrations unless `migrations.skip` is set. */
  static async create(options: {
    database: DatabaseService;
    clock?: Clock;
  }): Promise<DatabaseTrainStore> {
    return new DatabaseTrainStore(await connectStoreDatabase(options.database), options.clock);
  }

  private readonly knex: Knex;

  constructor(db: Knex, clock?: Clock) {
    super(db, clock);
    this.knex = db;
  }

  async listTrains(options: TrainListOptions): Promise<Page<TrainRecord>> {
    const filtered = this.knex<TrainRow>('release_trains').modify(query => {
      if (options.status) query.where('status', options.status);
    });
    const { rows, totalCount } = await selectPage<TrainRow>(
      filtered
        .clone()
        .select('*')
        .orderBy([
          { column: 'created_at', order: 'desc' },
          { column: 'id', order: 'asc' },
        ]),
      filtered.clone(),
      options,
    );
    return { items: rows.map(toTrainRecord), totalCount };
  }

  async listDecisions(
    trainId: string,
    page: { limit: number; offset: number },
    filter: { since?: Date } = {},
  ): Promise<Page<TrainDecision>> {
    const selected = () => {
      const query = this.knex('train_decisions').where('train_id', trainId);
      if (filter.since) query.where('created_at', '>=', filter.since);
      return query;
    };
    const { rows, totalCount } = await selectPage<any>(selected().orderBy('id'), selected(), page);
    return {
      totalCount,
      items: rows.map(row => ({
        id: Number(row.id),
        trainId: row.train_id,
        ...(row.entity_ref ? { entityRef: row.entity_ref } : {}),
        actorRef: row.actor_ref,
        action: row.action,
        subject: row.subject,
        ...(row.before !== null ? { before: fromJsonColumn(row.before) } : {}),
        ...(row.after !== null ? { after: fromJsonColumn(row.after) } : {}),
        ...(row.reason ? { reason: row.reason } : {}),
        createdAt: toIsoString(row.created_at),
      })),
    };
  }

  async listParticipations(entityRefs: string[], page: { limit: number; offset: number }) {
    if (entityRefs.length === 0) return { items: [], totalCount: 0 };
    const participations = () =>
      this.knex('train_participants as p')
        .join('release_trains as t', 't.id', 'p.train_id')
        .whereIn('p.entity_ref', entityRefs)
        .whereNull('p.removed_at');
    const { rows, totalCount } = await selectPage<TrainRow & ParticipantRow>(
      participations()
        .select('t.*', 'p.entity_ref', 'p.target_version', 'p.owner_ref')
        .orderBy([
          { column: 't.created_at', order: 'desc' },
          { column: 't.id', order: 'asc' },
          { column: 'p.position', order: 'asc' },
        ]),
      participations(),
      page,
    );
    return {
      totalCount,
      items: rows.map(row => ({ train: toTrainRecord(row), participant: toParticipant(row) })),
    };
  }

  async listActiveParticipants() {
    const rows = await this.knex('train_participants as p')
      .join('release_trains as t', 't.id', 'p.train_id')
      .where('t.status', 'active')
      .whereNull('p.removed_at')
      .select('p.train_id', 'p.entity_ref', 'p.target_version', 'p.owner_ref')
      .orderBy([
        { column: 't.created_at', order: 'asc' },
        { column: 't.id', order: 'asc' },
        { column: 'p.position', order: 'asc' },
      ]);
    return rows.map(row => ({ trainId: row.train_id as string, participant: toParticipant(row) }));
  }

  listBlockingApprovalGatesOf(
    approverRefs: string[],
    options: { at: Date; limit: number; offset: number },
  ) {
    return pageBlockingApprovalGates(this.knex, approverRefs, options, ids =>
      this.listGatesByIds(ids),
    );
  }

  async listStageSnapshots(trainId: string) {
    const rows = await this.knex('train_stage_snapshots').where('train_id', trainId).orderBy('id');
    return rows.map(row => ({
      stage: row.stage,
      ...(row.to_stage ? { toStage: row.to_stage } : {}),
      dependencySnapshotVersion: Number(row.dependency_snapshot_version),
      upstreamEdges: JSON.parse(row.upstream_edges),
      takenAt: toIsoString(row.taken_at),
    }));
  }

  async transaction<T>(work: (session: TrainStoreSession) => Promise<T>): Promise<T> {
    return retryingTransaction(this.knex, tx => work(new KnexTrainSession(tx, this.clock)));
  }
}
