import {
  RollbackPlan,
  RunbookRollbackStep,
  TrainParticipant,
} from '@release-coordination/plugin-release-coordination-common';
import { DependencyIndex, deploymentWaves } from '../dependencies/graph';

/**
 * The rollback steps of the participants, one each, with its rollback plan: in reverse wave
 * order, as what deployed last rolls back first.
 */
export function rollbackStepsOf(
  index: DependencyIndex,
  participants: TrainParticipant[],
  plans: RollbackPlan[],
): RunbookRollbackStep[] {
  const planOf = new Map(plans.map(plan => [plan.entityRef, plan]));
  const waves = deploymentWaves(
    index,
    participants.map(p => p.entityRef),
  ).waves;
  const waveOf = new Map<string, number>();
  for (const wave of waves)
    for (const member of wave.members) waveOf.set(member, wave.index + 1);
  const ordered = [...participants].sort(
    (a, b) =>
      (waveOf.get(b.entityRef) ?? 0) - (waveOf.get(a.entityRef) ?? 0) ||
      a.entityRef.localeCompare(b.entityRef),
  );
  return ordered.map((participant, i) => {
    const plan = planOf.get(participant.entityRef);
    const owner =
      participant.ownerRef ?? index.node(participant.entityRef)?.owner;
    return {
      order: i + 1,
      wave: waveOf.get(participant.entityRef) ?? 1,
      entityRef: participant.entityRef,
      targetVersion: participant.targetVersion,
      ...(owner ? { ownerRef: owner } : {}),
      ...(plan
        ? { criteria: plan.criteria, procedureUrl: plan.procedureUrl }
        : {}),
    };
  });
}
