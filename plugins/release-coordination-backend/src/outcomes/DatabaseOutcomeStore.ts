import { DatabaseService } from '@backstage/backend-plugin-api';
import { Clock } from '@release-coordination/plugin-release-coordination-node';
import {
  DeploymentOutcome,
  FeatureFlag,
  FeatureFlagCounts,
  Page,
  RollbackDrill,
  RollbackPlan,
} from '@release-coordination/plugin-release-coordination-common';
import { Knex } from 'knex';
import { optionalIsoString, toIsoString } from '../database/columns';
import { KnexStoreSession, retryingTransaction } from '../database/knexStore';
import { connectStoreDatabase } from '../database/migrations';
import { PageRequest, selectPage } from '../database/paging';
import {
  DeploymentPatch,
  DrillSummary,
  FeatureFlagPatch,
  FlagReminderCandidate,
  FlagReminderKind,
  NewDeployment,
  NewFeatureFlag,
  NewRollbackDrill,
  OutcomeStore,
  OutcomeStoreSession,
  TrainDeploymentQuery,
} from './OutcomeStore';
import {
  DeploymentRow,
  DrillRow,
  FlagRow,
  PlanRow,
  toDeployment,
  toDrill,
  toFlag,
  toPlan,
} from './outcomeRows';

const optionalDate = (value: string | undefined) => (value ? new Date(value) : null);

/** Per reminder, the column that records it sent and the one that holds a run's claim. */
const REMINDER_COLUMNS: Record<
  FlagReminderKind,
  { sent: 'expiring_reminded_at' | 'expired_reminded_at'; claimed: string }
> = {
  expiring: { sent: 'expiring_reminded_at', claimed: 'expiring_reminder_claimed_at' },
  expired: { sent: 'expired_reminded_at', claimed: 'expired_reminder_claimed_at' },
};

/** Queries against the database or an open transaction. */
class KnexOutcomeSession extends KnexStoreSession implements OutcomeStoreSession {
  // Not useless: it makes the base class's protected constructor public for the store.
  // eslint-disable-next-line @typescript-eslint/no-useless-constructor
  constructor(db: Knex | Knex.Transaction, clock?: Clock) {
    super(db, clock);
  }

  protected read(table: string): Knex.QueryBuilder {
    return this.db(table);
  }

  async getDeployment(trainId: string, deploymentId: string, options?: { lock?: boolean }) {
    const query = this.read('deployments').where({
      train_id: trainId,
      deployment_id: deploymentId,
    });
    const row: DeploymentRow | undefined = await this.locked(query, options?.lock).first();
    return row ? toDeployment(row) : undefined;
  }

  async insertDeployment(deployment: NewDeployment): Promise<DeploymentOutcome> {
    const now = this.clock.now();
    await this.db('deployments').insert({
      train_id: deployment.trainId,
      participant_ref: deployment.participantRef,
      owner_ref: deployment.ownerRef ?? null,
      environment: deployment.environment,
      deployment_id: deployment.deploymentId,
      version: deployment.version ?? null,
      started_at: new Date(deployment.startedAt),
      finished_at: optionalDate(deployment.finishedAt),
      result: deployment.result ?? null,
      rollback_started_at: optionalDate(deployment.rollbackStartedAt),
      rollback_finished_at: optionalDate(deployment.rollbackFinishedAt),
      hotfix: deployment.hotfix,
      evidence_url: deployment.evidenceUrl ?? null,
      reporter: deployment.reporter,
      reported_at: now,
      updated_at: now,
    });
    // Read back rather than trust `returning`, which MySQL does not support.
    return (await this.getDeployment(deployment.trainId, deployment.deploymentId))!;
  }

  async updateDeployment(id: string, patch: DeploymentPatch): Promise<DeploymentOutcome> {
    const values: Record<string, unknown> = { updated_at: this.clock.now() };
    if (patch.version !== undefined) values.version = patch.version;
    if (patch.finishedAt !== undefined) values.finished_at = new Date(patch.finishedAt);
    if (patch.result !== undefined) values.result = patch.result;
    if (patch.rollbackStartedAt !== undefined) {
      values.rollback_started_at = new Date(patch.rollbackStartedAt);
    }
    if (patch.rollbackFinishedAt !== undefined) {
      values.rollback_finished_at = new Date(patch.rollbackFinishedAt);
    }
    if (patch.hotfix !== undefined) values.hotfix = patch.hotfix;
    if (patch.evidenceUrl !== undefined) values.evidence_url = patch.evidenceUrl;
    await this.db('deployments').where('id', Number(id)).update(values);
    const row: DeploymentRow = await this.db('deployments').where('id', Number(id)).first();
    return toDeployment(row);
  }

  async getRollbackPlan(trainId: string, entityRef: string) {
    const row: PlanRow | undefined = await this.read('rollback_plans')
      .where({ train_id: trainId, participant_ref: entityRef })
      .first();
    return row ? toPlan(row) : undefined;
  }

  async saveRollbackPlan(plan: RollbackPlan) {
    const key = { train_id: plan.trainId, participant_ref: plan.entityRef };
    const values = {
      criteria: plan.criteria,
      procedure_url: plan.procedureUrl,
      updated_by: plan.updatedBy,
      updated_at: new Date(plan.updatedAt),
    };
    // An upsert in two steps, portable across engines; a lost race on the insert fails the
    // transaction on the primary key rather than losing a plan.
    const updated = await this.db('rollback_plans').where(key).update(values);
    if (updated === 0) await this.db('rollback_plans').insert({ ...key, ...values });
  }

  async findDrillByKey(entityRef: string, idempotencyKey: string) {
    const row: DrillRow | undefined = await this.read('rollback_drills')
      .where({ entity_ref: entityRef, idempotency_key: idempotencyKey })
      .first();
    return row ? toDrill(row) : undefined;
  }

  async insertDrill(drill: NewRollbackDrill): Promise<RollbackDrill> {
    await this.db('rollback_drills').insert({
      entity_ref: drill.entityRef,
      result: drill.result,
      rehearsed_at: new Date(drill.rehearsedAt),
      evidence_url: drill.evidenceUrl ?? null,
      idempotency_key: drill.idempotencyKey,
      reporter: drill.reporter,
      recorded_at: this.clock.now(),
    });
    return (await this.findDrillByKey(drill.entityRef, drill.idempotencyKey))!;
  }

  async getFlag(flagId: string, options?: { lock?: boolean }) {
    const query = this.read('feature_flags').where('id', flagId);
    const row: FlagRow | undefined = await this.locked(query, options?.lock).first();
    return row ? toFlag(row) : undefined;
  }

  async findFlag(trainId: string, participantRef: string, key: string) {
    const row: FlagRow | undefined = await this.read('feature_flags')
      .where({ train_id: trainId, participant_ref: participantRef, flag_key: key })
      .first();
    return row ? toFlag(row) : undefined;
  }

  async insertFlag(flag: NewFeatureFlag): Promise<FeatureFlag> {
    await this.db('feature_flags').insert({
      id: flag.id,
      train_id: flag.trainId,
      participant_ref: flag.participantRef,
      flag_key: flag.key,
      owner_ref: flag.ownerRef,
      purpose: flag.purpose,
      state: flag.state,
      created_at: new Date(flag.createdAt),
      created_by: flag.createdBy,
      expires_at: new Date(flag.expiresAt),
      updated_at: new Date(flag.createdAt),
    });
    return (await this.getFlag(flag.id))!;
  }

  async updateFlag(flagId: string, patch: FeatureFlagPatch): Promise<FeatureFlag> {
    const values: Record<string, unknown> = { updated_at: this.clock.now() };
    if (patch.state !== undefined) values.state = patch.state;
    if (patch.purpose !== undefined) values.purpose = patch.purpose;
    if (patch.ownerRef !== undefined) values.owner_ref = patch.ownerRef;
    if (patch.expiresAt !== undefined) {
      values.expires_at = new Date(patch.expiresAt);
      // The reminders were about the old expiry; the new one gets its own.
      values.expiring_reminded_at = null;
      values.expired_reminded_at = null;
      values.expiring_reminder_claimed_at = null;
      values.expired_reminder_claimed_at = null;
    }
    await this.db('feature_flags').where('id', flagId).update(values);
    return (await this.getFlag(flagId))!;
  }
}

/** The knex implementation of {@link OutcomeStore}. */
export class DatabaseOutcomeStore extends KnexOutcomeSession implements OutcomeStore {
  /** Connects to the plugin's database and runs migrations unless `migrations.skip` is set. */
  static async create(options: {
    database: DatabaseService;
    clock?: Clock;
  }): Promise<DatabaseOutcomeStore> {
    const knex = await connectStoreDatabase(options.database);
    return new DatabaseOutcomeStore(knex, options.clock);
  }

  private readonly knex: Knex;

  private constructor(knex: Knex, clock?: Clock) {
    super(knex, clock);
    this.knex = knex;
  }

  async transaction<T>(work: (session: OutcomeStoreSession) => Promise<T>): Promise<T> {
    return retryingTransaction(this.knex, tx => work(new KnexOutcomeSession(tx, this.clock)));
  }

  async listTrainDeployments(
    trainId: string,
    query: TrainDeploymentQuery,
  ): Promise<Page<DeploymentOutcome>> {
    // Each filter has an index that leads with the train and ends in the order below.
    const filtered = this.read('deployments')
      .where('train_id', trainId)
      .modify(q => {
        if (query.environment) q.where('environment', query.environment);
        if (query.participantRef) q.where('participant_ref', query.participantRef);
      });
    const { rows, totalCount } = await selectPage<DeploymentRow>(
      filtered.clone().orderBy([
        { column: 'started_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ]),
      filtered.clone(),
      query,
    );
    return { items: rows.map(toDeployment), totalCount };
  }

  async listDeployments(options: {
    from: Date;
    to: Date;
    environment?: string;
  }): Promise<DeploymentOutcome[]> {
    const rows: DeploymentRow[] = await this.read('deployments')
      .where('started_at', '>=', options.from)
      .andWhere('started_at', '<', options.to)
      .modify(query => {
        if (options.environment) query.where('environment', options.environment);
      })
      .orderBy([
        { column: 'started_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    return rows.map(toDeployment);
  }

  async listRollbackPlans(trainId: string): Promise<RollbackPlan[]> {
    const rows: PlanRow[] = await this.read('rollback_plans')
      .where('train_id', trainId)
      .orderBy('participant_ref');
    return rows.map(toPlan);
  }

  async summarizeDrills(
    entityRefs: string[],
    options?: { evidencedOnly?: boolean },
  ): Promise<Map<string, DrillSummary>> {
    const summaries = new Map<string, DrillSummary>();
    if (entityRefs.length === 0) return summaries;
    // Newest first, so the first row per entity is its last drill. An entity has a handful
    // of drills a year, so reading them all stays small.
    const rows: DrillRow[] = await this.read('rollback_drills')
      .whereIn('entity_ref', entityRefs)
      .orderBy([
        { column: 'rehearsed_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ]);
    for (const row of rows) {
      const summary = summaries.get(row.entity_ref) ?? {};
      summary.lastDrill ??= toDrill(row);
      if (row.result === 'passed') {
        if (row.evidence_url || !options?.evidencedOnly) {
          summary.lastPassedDrillAt ??= toIsoString(row.rehearsed_at);
        } else if (!summary.lastPassedDrillAt) {
          summary.unevidencedPassAt ??= toIsoString(row.rehearsed_at);
        }
      }
      summaries.set(row.entity_ref, summary);
    }
    return summaries;
  }

  async listFlags(trainId: string, filter?: { participantRef?: string }) {
    const rows: FlagRow[] = await this.read('feature_flags')
      .where('train_id', trainId)
      .modify(query => {
        if (filter?.participantRef) query.where('participant_ref', filter.participantRef);
      })
      .orderBy([
        { column: 'created_at', order: 'asc' },
        { column: 'flag_key', order: 'asc' },
      ]);
    return rows.map(toFlag);
  }

  async queryTrainFlags(trainId: string, page: PageRequest): Promise<Page<FeatureFlag>> {
    const ofTrain = this.read('feature_flags').where('train_id', trainId);
    const { rows, totalCount } = await selectPage<FlagRow>(
      ofTrain
        .clone()
        // Removed flags need nothing more; the others by expiry, the expired ones first.
        .orderByRaw('CASE WHEN state = ? THEN 1 ELSE 0 END', ['removed'])
        .orderBy([
          { column: 'expires_at', order: 'asc' },
          { column: 'flag_key', order: 'asc' },
          { column: 'id', order: 'asc' },
        ]),
      ofTrain.clone(),
      page,
    );
    return { items: rows.map(toFlag), totalCount };
  }

  async countTrainFlags(
    trainId: string,
    at: { now: Date; expiringBy: Date },
  ): Promise<FeatureFlagCounts> {
    const inUse = "state <> 'removed'";
    // One pass over the train's flags; SUM of nothing is null, hence the coalesce.
    const [row] = await this.read('feature_flags')
      .where('train_id', trainId)
      .select(
        this.knex.raw(`COALESCE(SUM(CASE WHEN ${inUse} THEN 1 ELSE 0 END), 0) AS in_use`),
        this.knex.raw(
          `COALESCE(SUM(CASE WHEN ${inUse} AND expires_at <= ? THEN 1 ELSE 0 END), 0) AS expired`,
          [at.now],
        ),
        this.knex.raw(
          `COALESCE(SUM(CASE WHEN ${inUse} AND expires_at > ? AND expires_at <= ? ` +
            'THEN 1 ELSE 0 END), 0) AS expiring_soon',
          [at.now, at.expiringBy],
        ),
        this.knex.raw(
          "COALESCE(SUM(CASE WHEN state = 'removed' THEN 1 ELSE 0 END), 0) AS removed",
        ),
      );
    return {
      inUse: Number(row.in_use),
      expired: Number(row.expired),
      expiringSoon: Number(row.expiring_soon),
      removed: Number(row.removed),
    };
  }

  async listFlagsDueForReminder(now: Date, remindFrom: Date): Promise<FlagReminderCandidate[]> {
    const rows: FlagRow[] = await this.read('feature_flags')
      .whereNot('state', 'removed')
      .andWhere('expires_at', '<=', remindFrom)
      .andWhere(due =>
        due
          .whereNull('expiring_reminded_at')
          .orWhere(expired =>
            expired.whereNull('expired_reminded_at').andWhere('expires_at', '<=', now),
          ),
      )
      .orderBy([
        { column: 'expires_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    return rows.map(row => {
      const expiringRemindedAt = optionalIsoString(row.expiring_reminded_at);
      const expiredRemindedAt = optionalIsoString(row.expired_reminded_at);
      return {
        ...toFlag(row),
        ...(expiringRemindedAt ? { expiringRemindedAt } : {}),
        ...(expiredRemindedAt ? { expiredRemindedAt } : {}),
      };
    });
  }

  async claimFlagReminder(
    flagId: string,
    kind: FlagReminderKind,
    expiresAt: string,
    at: Date,
    staleBefore: Date,
  ): Promise<boolean> {
    const { sent, claimed } = REMINDER_COLUMNS[kind];
    // Conditional on the expiry as read: a flag given a new expiry meanwhile is not reminded
    // about the old one.
    const updated = await this.knex('feature_flags')
      .where({ id: flagId, expires_at: new Date(expiresAt) })
      .whereNull(sent)
      .andWhere(unclaimed => unclaimed.whereNull(claimed).orWhere(claimed, '<', staleBefore))
      .update({ [claimed]: at });
    return updated === 1;
  }

  async completeFlagReminder(
    flagId: string,
    kind: FlagReminderKind,
    claimedAt: Date,
    at: Date,
  ): Promise<void> {
    const { sent, claimed } = REMINDER_COLUMNS[kind];
    // A new expiry clears the claim, so a reminder about the old one is not recorded.
    await this.knex('feature_flags')
      .where({ id: flagId, [claimed]: claimedAt })
      .update({ [sent]: at, [claimed]: null });
  }

  async releaseFlagReminder(flagId: string, kind: FlagReminderKind, claimedAt: Date): Promise<void> {
    const { claimed } = REMINDER_COLUMNS[kind];
    await this.knex('feature_flags')
      .where({ id: flagId, [claimed]: claimedAt })
      .update({ [claimed]: null });
  }

  async listNewestDeployments(
    trainId: string,
  ): Promise<{ latest: DeploymentOutcome[]; succeeded: DeploymentOutcome[] }> {
    // Two grouped look-ups over the train's index; a train holds tens of deployments.
    const newest = (succeededOnly: boolean) =>
      this.read('deployments')
        .whereIn(
          'id',
          this.read('deployments')
            .max('id')
            .where('train_id', trainId)
            .modify(q => {
              if (succeededOnly) q.where('result', 'succeeded');
            })
            .groupBy('participant_ref', 'environment'),
        )
        .orderBy('id');
    const latest = await newest(false);
    const succeeded = await newest(true);
    return { latest: latest.map(toDeployment), succeeded: succeeded.map(toDeployment) };
  }

  async listActiveTrainIdsOf(entityRef: string): Promise<string[]> {
    const rows = await this.read('train_participants as p')
      .join('release_trains as t', 't.id', 'p.train_id')
      .where({ 'p.entity_ref': entityRef, 't.status': 'active' })
      .distinct('t.id as id')
      .orderBy('t.id');
    return rows.map(row => row.id as string);
  }
}
