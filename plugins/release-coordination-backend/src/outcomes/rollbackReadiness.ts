import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { TrainRollbackReadiness } from '@release-coordination/plugin-release-coordination-common';
import {
  mayChangeParticipant,
  ownerOfParticipant,
  requireTrain,
} from './access';
import { RollbackCore } from './rollbackCore';
import { drillSummaryOptions, participantRollbackReadiness } from './rules';

/** Whether each participant of a train could roll back now: a plan, and a recent rehearsal. */
export function createRollbackReadiness(core: RollbackCore) {
  const { store, trains, snapshots, access, rehearsals, now } = core;
  const { maxRehearsalAgeDays } = core;

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

  return { getRollbackReadiness };
}
