import {
  CheckResult,
  GateState,
  TrainParticipant,
} from '@release-coordination/plugin-release-coordination-common';
import {
  GateConfig,
  NewGate,
  TrainRecord,
  TrainPatch,
  TrainStoreSession,
  VersionConflictError,
} from './TrainStore';
import { nextStageOf, plannedSpanOf, parseStagePlan } from './trainRows';
import { KnexTrainReads } from './KnexTrainReads';

/** Queries against the database or an open transaction: the reads, and the changes. */
export class KnexTrainSession
  extends KnexTrainReads
  implements TrainStoreSession
{
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
      ...(patch.targetVersion !== undefined
        ? { target_version: patch.targetVersion }
        : {}),
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

  async updateTrain(
    trainId: string,
    expectedVersion: number,
    patch: TrainPatch,
  ) {
    // The next stage moves with the current one (see listBlockingApprovalGatesOf).
    let nextStage: { next_stage: string | null } | undefined;
    if (patch.currentStage) {
      const plan =
        patch.stagePlan ??
        parseStagePlan(
          (
            await this.db('release_trains')
              .where('id', trainId)
              .first('stage_plan')
          )?.stage_plan,
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
        ...(patch.objective !== undefined
          ? { objective: patch.objective }
          : {}),
        ...(patch.ambassadorRef !== undefined
          ? { ambassador_ref: patch.ambassadorRef }
          : {}),
        ...(patch.stagePlan
          ? {
              stage_plan: JSON.stringify(patch.stagePlan),
              ...plannedSpanOf(patch.stagePlan),
            }
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
          ? {
              config: JSON.stringify(patch.config),
              approver_ref: patch.config.approverRef ?? null,
            }
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

  async insertCheck(
    check: Omit<CheckResult, 'id' | 'reportedAt'>,
  ): Promise<CheckResult> {
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

  async insertWaiver(
    gateId: string,
    waiver: { waivedBy: string; reason: string; until: Date },
  ) {
    await this.db('gate_waivers').insert({
      gate_id: gateId,
      waived_by: waiver.waivedBy,
      reason: waiver.reason,
      until: waiver.until,
      waived_at: this.clock.now(),
    });
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
