import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  RollbackPlan,
  SaveRollbackPlanRequest,
} from '@release-coordination/plugin-release-coordination-common';
import { actorRefOf, audited } from '../access';
import { requireParticipantChange } from './access';
import { RollbackCore } from './rollbackCore';

/** Each participant's rollback plan in a train: how to tell it must roll back, and how. */
export function createRollbackPlans(core: RollbackCore) {
  const { store, trains, snapshots, access, auditor, announcer, now } = core;

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
      const save = () =>
        store.transaction(async tx => {
          const before = await tx.getRollbackPlan(trainId, entityRef);
          if (
            before?.criteria === input.criteria &&
            before.procedureUrl === input.procedureUrl
          ) {
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
              ? {
                  before: {
                    criteria: before.criteria,
                    procedureUrl: before.procedureUrl,
                  },
                }
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

  return { saveRollbackPlan };
}
