import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import {
  ReportRollbackDrillRequest,
  RollbackDrill,
  RollbackPlan,
  SaveRollbackPlanRequest,
  TrainRollbackReadiness,
  deploymentReportPermission,
} from '@release-coordination/plugin-release-coordination-common';
import { Clock, systemClock } from '@release-coordination/plugin-release-coordination-node';
import { actorRefOf, audited } from '../access';
import {
  OutcomeServiceOptions,
  ParticipantAccess,
  mayChangeParticipant,
  ownerOfParticipant,
  requireParticipantChange,
  requireTrain,
} from './access';
import { drillSummaryOptions, participantRollbackReadiness } from './rules';

/** Rollback plans per train and participant, and rehearsals (drills) per entity. */
export interface RollbackService {
  saveRollbackPlan(
    trainId: string,
    entityRef: string,
    input: SaveRollbackPlanRequest,
    credentials: BackstageCredentials,
  ): Promise<RollbackPlan>;
  /** `created` is false when the same drill was reported before (same idempotency key). */
  reportDrill(
    input: ReportRollbackDrillRequest,
    credentials: BackstageCredentials,
  ): Promise<{ drill: RollbackDrill; created: boolean }>;
  getRollbackReadiness(
    trainId: string,
    credentials: BackstageCredentials,
  ): Promise<TrainRollbackReadiness>;
}

export interface RollbackServiceOptions extends OutcomeServiceOptions {
  access: ParticipantAccess;
  /** A passed rehearsal older than this no longer makes a participant ready. */
  maxRehearsalAgeDays: number;
  /** A passed rehearsal without an evidence URL makes a participant ready; false unless given. */
  acceptRehearsalsWithoutEvidence?: boolean;
  /** Where "now" comes from; the system clock unless a replay of history sets it. */
  clock?: Clock;
}

/** CI and people clocks differ a little; a rehearsal this far ahead of ours still counts as now. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** Creates the {@link RollbackService}. */
export function createRollbackService(options: RollbackServiceOptions): RollbackService {
  const { store, trains, snapshots, access, auditor, announcer, maxRehearsalAgeDays } = options;
  // The same policy as the `rollback-rehearsed` rule's, so that readiness and gate agree.
  const rehearsals = {
    maxAgeDays: maxRehearsalAgeDays,
    acceptWithoutEvidence: options.acceptRehearsalsWithoutEvidence ?? false,
  };
  const clock = options.clock ?? systemClock;
  const now = () => clock.now();

  async function saveRollbackPlan(
    trainId: string,
    entityRef: string,
    input: SaveRollbackPlanRequest,
    credentials: BackstageCredentials,
  ): Promise<RollbackPlan> {
    const actorRef = actorRefOf(credentials);
    const meta = { actor: actorRef, trainId, entityRef };
    return audited(auditor, 'rollback-plan-save', meta, async () => {
      await requireParticipantChange(
        { trains, snapshots, access },
        {
          trainId,
          entityRef,
          credentials,
          refusal:
            `Only the ambassador, members of the owner of ${entityRef} or a release manager ` +
            `can change its rollback plan`,
        },
      );
      const save = () => store.transaction(async tx => {
        const before = await tx.getRollbackPlan(trainId, entityRef);
        if (before?.criteria === input.criteria && before.procedureUrl === input.procedureUrl) {
          return undefined; // The same plan again changes nothing and is not logged twice.
        }
        const plan: RollbackPlan = {
          trainId,
          entityRef,
          criteria: input.criteria,
          procedureUrl: input.procedureUrl,
          updatedBy: actorRef,
          updatedAt: now().toISOString(),
        };
        await tx.saveRollbackPlan(plan);
        await tx.appendDecision({
          trainId,
          entityRef,
          actorRef,
          action: 'rollback-plan.saved',
          subject: 'rollback-plan',
          ...(before
            ? { before: { criteria: before.criteria, procedureUrl: before.procedureUrl } }
            : {}),
          after: { criteria: plan.criteria, procedureUrl: plan.procedureUrl },
        });
        return plan;
      });
      let saved: RollbackPlan | undefined;
      try {
        saved = await save();
      } catch (error) {
        // Two first plans at once: the primary key let one in; this one replaces it.
        if (!(await store.getRollbackPlan(trainId, entityRef))) throw error;
        saved = await save();
      }
      if (saved) await announcer.announce(trainId);
      return (await store.getRollbackPlan(trainId, entityRef))!;
    });
  }

  async function reportDrill(
    input: ReportRollbackDrillRequest,
    credentials: BackstageCredentials,
  ): Promise<{ drill: RollbackDrill; created: boolean }> {
    const reporter = actorRefOf(credentials);
    const meta = { actor: reporter, entityRef: input.entityRef, result: input.result };
    return audited(auditor, 'rollback-drill-report', meta, async () => {
      const { index } = await snapshots.current();
      const node = index.node(input.entityRef);
      // The entity's team may record its own rehearsals; anyone else needs the permission CI
      // reports with.
      const ownership = await access.ownershipOf(credentials);
      const isOwner = node?.owner !== undefined && ownership.has(node.owner);
      if (!isOwner && !(await access.isAllowed(deploymentReportPermission, credentials))) {
        throw new NotAllowedError(
          `Only members of the owner of ${input.entityRef} or CI can report its rollback ` +
            'rehearsals',
        );
      }
      if (!node) {
        throw new InputError(`entityRef: ${input.entityRef} is not in the catalog`);
      }
      if (new Date(input.rehearsedAt).getTime() > now().getTime() + CLOCK_SKEW_MS) {
        throw new InputError('rehearsedAt: a rehearsal cannot be reported before it happened');
      }
      const sameDrill = (existing: RollbackDrill) => {
        if (
          existing.result !== input.result ||
          new Date(existing.rehearsedAt).getTime() !== new Date(input.rehearsedAt).getTime() ||
          (existing.evidenceUrl ?? '') !== (input.evidenceUrl ?? '')
        ) {
          throw new ConflictError(
            `Idempotency key '${input.idempotencyKey}' was already used for another rehearsal ` +
              `of ${input.entityRef}`,
          );
        }
        return { drill: existing, created: false };
      };

      let outcome: { drill: RollbackDrill; created: boolean };
      try {
        outcome = await store.transaction(async tx => {
          const existing = await tx.findDrillByKey(input.entityRef, input.idempotencyKey);
          if (existing) return sameDrill(existing);
          const drill = await tx.insertDrill({
            entityRef: input.entityRef,
            result: input.result,
            rehearsedAt: input.rehearsedAt,
            ...(input.evidenceUrl ? { evidenceUrl: input.evidenceUrl } : {}),
            idempotencyKey: input.idempotencyKey,
            reporter,
          });
          return { drill, created: true };
        });
      } catch (error) {
        // Two reports with one key at once: the unique index let one in; answer with it.
        const existing = await store.findDrillByKey(input.entityRef, input.idempotencyKey);
        if (existing) return sameDrill(existing);
        throw error;
      }
      if (outcome.created) {
        // Live views of the trains it takes part in show its readiness.
        for (const trainId of await store.listActiveTrainIdsOf(input.entityRef)) {
          await announcer.announce(trainId);
        }
      }
      return outcome;
    });
  }

  async function getRollbackReadiness(
    trainId: string,
    credentials: BackstageCredentials,
  ): Promise<TrainRollbackReadiness> {
    const { train, participants } = await requireTrain(trains, trainId);
    const refs = participants.map(p => p.entityRef);
    const [{ index }, plans, drills, ownership, manages] = await Promise.all([
      snapshots.current(),
      store.listRollbackPlans(trainId),
      store.summarizeDrills(refs, drillSummaryOptions(rehearsals)),
      access.ownershipOf(credentials),
      access.mayManageTrain(trainId, credentials),
    ]);
    const at = now();
    return {
      trainId,
      maxAgeDays: maxRehearsalAgeDays,
      participants: await Promise.all(
        participants.map(async participant => {
          const plan = plans.find(p => p.entityRef === participant.entityRef);
          const summary = drills.get(participant.entityRef);
          const { lastDrill, lastPassedDrillAt } = summary ?? {};
          const ownerRef = ownerOfParticipant(index, participant);
          const readiness = participantRollbackReadiness({
            entityRef: participant.entityRef,
            plan,
            drills: summary,
            policy: rehearsals,
            now: at,
          });
          return {
            entityRef: participant.entityRef,
            ...(ownerRef ? { ownerRef } : {}),
            ...(plan ? { plan } : {}),
            ...(lastDrill ? { lastDrill } : {}),
            ...(lastPassedDrillAt ? { lastPassedDrillAt } : {}),
            rehearsedWithinDays: readiness.rehearsedWithinDays,
            maxAgeDays: maxRehearsalAgeDays,
            ready: readiness.ready,
            reason: readiness.reason,
            canEditPlan:
              train.status === 'active' &&
              (await mayChangeParticipant(access, {
                train,
                ownerRefs: [ownerRef],
                credentials,
                ownership,
                manages,
              })),
          };
        }),
      ),
    };
  }

  return { saveRollbackPlan, reportDrill, getRollbackReadiness };
}
