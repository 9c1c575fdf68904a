import { Clock } from '@release-coordination/plugin-release-coordination-node';
import {
  GateApproval,
  GateWaiver,
  TrainGate,
  TrainParticipant,
} from '@release-coordination/plugin-release-coordination-common';
import { Knex } from 'knex';
import { toIsoString } from '../database/columns';
import { KnexStoreSession, inSlices } from '../database/knexStore';
import { ParticipantRecord } from './TrainStore';
import { gatesWithDecisions } from './gateDecisionReads';
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
} from './trainRows';

/**
 * What a train session reads: trains, participants, gates with what decides them, checks and
 * waivers; with a row lock until the transaction ends where a change asks for one.
 */
export class KnexTrainReads extends KnexStoreSession {
  // Not useless: it makes the base class's protected constructor public for the subclasses.
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

  async getParticipant(
    trainId: string,
    entityRef: string,
  ): Promise<ParticipantRecord | undefined> {
    const row: ParticipantRow | undefined = await this.db('train_participants')
      .where({ train_id: trainId, entity_ref: entityRef })
      .first();
    if (!row) return undefined;
    return {
      ...toParticipant(row),
      ...(row.removed_at ? { removedAt: toIsoString(row.removed_at) } : {}),
    };
  }

  async listApprovals(
    gateId: string,
    options?: { lock?: boolean },
  ): Promise<GateApproval[]> {
    const query = this.db('gate_approvals')
      .where('gate_id', gateId)
      .orderBy('id');
    const rows = await this.locked(query, options?.lock);
    return rows.map(toApproval);
  }

  async listGates(
    trainId: string,
    options?: { participantRef?: string },
  ): Promise<TrainGate[]> {
    const gateRows: GateRow[] = await this.db<GateRow>('train_gates')
      .where('train_id', trainId)
      .whereNull('removed_at')
      .modify(query => {
        if (options?.participantRef)
          query.where('participant_ref', options.participantRef);
      })
      .orderBy('id');
    return gatesWithDecisions(this.db, gateRows);
  }

  async listGatesByIds(gateIds: string[]): Promise<TrainGate[]> {
    if (gateIds.length === 0) return [];
    const gateRows: GateRow[] = await inSlices(gateIds, slice =>
      this.db<GateRow>('train_gates')
        .whereIn('id', slice)
        .whereNull('removed_at'),
    );
    return gatesWithDecisions(this.db, gateRows);
  }

  async listParticipantGates(
    participations: { trainId: string; participantRef: string }[],
  ): Promise<TrainGate[]> {
    if (participations.length === 0) return [];
    const wanted = new Set(
      participations.map(p => `${p.trainId}\n${p.participantRef}`),
    );
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

  async getWaiver(
    gateId: string,
    options?: { lock?: boolean },
  ): Promise<GateWaiver | undefined> {
    const query = this.db('gate_waivers')
      .where('gate_id', gateId)
      .orderBy('id', 'desc');
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
}
