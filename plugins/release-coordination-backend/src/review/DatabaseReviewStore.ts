import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  ReviewRisk,
  ReviewRiskLevel,
  ReviewRiskStatus,
  ReviewSignOff,
} from '@release-coordination/plugin-release-coordination-common';
import {
  Clock,
  systemClock,
} from '@release-coordination/plugin-release-coordination-node';
import { Knex } from 'knex';
import { Time, toIsoString } from '../database/columns';
import { KnexStoreSession, retryingTransaction } from '../database/knexStore';
import { connectStoreDatabase } from '../database/migrations';
import { PageRequest } from '../database/paging';
import { VersionConflictError } from '../trains/TrainStore';

interface RiskRow {
  id: number;
  train_id: string;
  title: string;
  owner_ref: string;
  likelihood: string;
  impact: string;
  mitigation: string | null;
  status: string;
  created_by: string;
  created_at: Time;
  updated_by: string;
  updated_at: Time;
  version: number;
}

interface SignOffRow {
  train_id: string;
  team_ref: string;
  signed_by: string;
  signed_at: Time;
  comment: string | null;
}

function toRisk(row: RiskRow): ReviewRisk {
  return {
    id: String(row.id),
    trainId: row.train_id,
    title: row.title,
    ownerRef: row.owner_ref,
    likelihood: row.likelihood as ReviewRiskLevel,
    impact: row.impact as ReviewRiskLevel,
    ...(row.mitigation ? { mitigation: row.mitigation } : {}),
    status: row.status as ReviewRiskStatus,
    createdBy: row.created_by,
    createdAt: toIsoString(row.created_at),
    updatedBy: row.updated_by,
    updatedAt: toIsoString(row.updated_at),
    version: Number(row.version),
  };
}

function toSignOff(row: SignOffRow): ReviewSignOff {
  return {
    teamRef: row.team_ref,
    signedBy: row.signed_by,
    signedAt: toIsoString(row.signed_at),
    ...(row.comment ? { comment: row.comment } : {}),
  };
}

/** What a risk is registered with. */
export type NewReviewRisk = Pick<
  ReviewRisk,
  'trainId' | 'title' | 'ownerRef' | 'likelihood' | 'impact' | 'status'
> & { mitigation?: string; createdBy: string };

/** A change of a risk; `mitigation: null` removes it. */
export interface ReviewRiskPatch {
  title?: string;
  ownerRef?: string;
  likelihood?: ReviewRiskLevel;
  impact?: ReviewRiskLevel;
  mitigation?: string | null;
  status?: ReviewRiskStatus;
  updatedBy: string;
}

/** How a train's register stands, counted in the database. */
export interface RegisterCounts {
  totalCount: number;
  openCount: number;
  /** Open risks without a mitigation: they keep the review from being held. */
  unmitigatedCount: number;
}

/** Reads and writes of reviews; inside a transaction or not. */
export interface ReviewStoreSession {
  /** Takes the train's row lock until the transaction ends (where the engine has locks). */
  lockTrain(trainId: string): Promise<void>;
  getRisk(
    trainId: string,
    riskId: string,
    options?: { lock?: boolean },
  ): Promise<ReviewRisk | undefined>;
  insertRisk(risk: NewReviewRisk): Promise<ReviewRisk>;
  /** Compare-and-set on `version`; throws {@link VersionConflictError} when it moved. */
  updateRisk(risk: ReviewRisk, patch: ReviewRiskPatch): Promise<ReviewRisk>;
  countRisks(trainId: string): Promise<RegisterCounts>;
  listSignOffs(trainId: string): Promise<ReviewSignOff[]>;
  /** False when the team signed off already. */
  insertSignOff(trainId: string, signOff: ReviewSignOff): Promise<boolean>;
  appendDecision: KnexStoreSession['appendDecision'];
}

class KnexReviewSession extends KnexStoreSession implements ReviewStoreSession {
  // Not useless: it makes the base class's protected constructor public for the store.
  // eslint-disable-next-line @typescript-eslint/no-useless-constructor
  constructor(db: Knex | Knex.Transaction, clock?: Clock) {
    super(db, clock);
  }

  async lockTrain(trainId: string) {
    await this.locked(
      this.db('release_trains').where('id', trainId),
      true,
    ).first('id');
  }

  async getRisk(trainId: string, riskId: string, options?: { lock?: boolean }) {
    const query = this.db<RiskRow>('review_risks').where({
      train_id: trainId,
      id: Number(riskId),
    });
    const row = await this.locked(query, options?.lock).first();
    return row ? toRisk(row) : undefined;
  }

  async insertRisk(risk: NewReviewRisk) {
    const now = this.clock.now();
    const values = {
      train_id: risk.trainId,
      title: risk.title,
      owner_ref: risk.ownerRef,
      likelihood: risk.likelihood,
      impact: risk.impact,
      mitigation: risk.mitigation ?? null,
      status: risk.status,
      created_by: risk.createdBy,
      created_at: now,
      updated_by: risk.createdBy,
      updated_at: now,
      version: 0,
    };
    const [inserted] = await this.db('review_risks')
      .insert(values)
      .returning('id');
    const id = typeof inserted === 'object' ? inserted.id : inserted;
    return toRisk(await this.db('review_risks').where('id', id).first());
  }

  async updateRisk(risk: ReviewRisk, patch: ReviewRiskPatch) {
    const now = this.clock.now();
    const values: Partial<RiskRow> = {
      updated_by: patch.updatedBy,
      updated_at: now,
      version: risk.version + 1,
    };
    if (patch.title !== undefined) values.title = patch.title;
    if (patch.ownerRef !== undefined) values.owner_ref = patch.ownerRef;
    if (patch.likelihood !== undefined) values.likelihood = patch.likelihood;
    if (patch.impact !== undefined) values.impact = patch.impact;
    if (patch.mitigation !== undefined) values.mitigation = patch.mitigation;
    if (patch.status !== undefined) values.status = patch.status;
    const updated = await this.db('review_risks')
      .where({ id: Number(risk.id), version: risk.version })
      .update(values);
    if (updated === 0) {
      throw new VersionConflictError(`Risk ${risk.id} changed meanwhile`);
    }
    const row = await this.db<RiskRow>('review_risks')
      .where('id', Number(risk.id))
      .first();
    return toRisk(row!);
  }

  async countRisks(trainId: string): Promise<RegisterCounts> {
    const [row] = await this.db('review_risks')
      .where('train_id', trainId)
      .select(
        this.db.raw('count(*) as total'),
        this.db.raw(
          "sum(case when status = 'open' then 1 else 0 end) as open_count",
        ),
        this.db.raw(
          "sum(case when status = 'open' and mitigation is null then 1 else 0 end) as unmitigated",
        ),
      );
    return {
      totalCount: Number(row?.total ?? 0),
      openCount: Number(row?.open_count ?? 0),
      unmitigatedCount: Number(row?.unmitigated ?? 0),
    };
  }

  async listSignOffs(trainId: string) {
    const rows: SignOffRow[] = await this.db('review_sign_offs')
      .where('train_id', trainId)
      .orderBy('team_ref');
    return rows.map(toSignOff);
  }

  async insertSignOff(trainId: string, signOff: ReviewSignOff) {
    // Under the train's lock: a second sign-off of the team waits and then finds the first.
    const existing = await this.db('review_sign_offs')
      .where({ train_id: trainId, team_ref: signOff.teamRef })
      .first('team_ref');
    if (existing) return false;
    await this.db('review_sign_offs').insert({
      train_id: trainId,
      team_ref: signOff.teamRef,
      signed_by: signOff.signedBy,
      signed_at: new Date(signOff.signedAt),
      comment: signOff.comment ?? null,
    });
    return true;
  }
}

/** Risk registers and sign-offs of release reviews. */
export class DatabaseReviewStore extends KnexReviewSession {
  static async create(options: { database: DatabaseService; clock?: Clock }) {
    return new DatabaseReviewStore(
      await connectStoreDatabase(options.database),
      options.clock ?? systemClock,
    );
  }

  private constructor(
    private readonly knex: Knex,
    private readonly stamp: Clock,
  ) {
    super(knex, stamp);
  }

  /** A page of the train's register, oldest first (`review_risks_train_idx`). */
  async listRisks(trainId: string, page: PageRequest) {
    const [rows, counts] = await Promise.all([
      this.knex<RiskRow>('review_risks')
        .where('train_id', trainId)
        .orderBy('id')
        .limit(page.limit)
        .offset(page.offset),
      this.countRisks(trainId),
    ]);
    return { items: rows.map(toRisk), totalCount: counts.totalCount };
  }

  async transaction<T>(
    work: (session: ReviewStoreSession) => Promise<T>,
  ): Promise<T> {
    return retryingTransaction(this.knex, tx =>
      work(new KnexReviewSession(tx, this.stamp)),
    );
  }
}
