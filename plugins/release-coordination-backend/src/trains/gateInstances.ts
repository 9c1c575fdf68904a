import { randomUUID } from 'node:crypto';
import {
  StageDefinition,
  TrainParticipant,
} from '@release-coordination/plugin-release-coordination-common';
import { NewGate } from './TrainStore';

/**
 * The gates of a new train, from the stage templates: one per template, or one per participant
 * when the template says so; approvers resolved to the participant's owner or the named Group.
 */
export function instantiateGates(
  trainId: string,
  stages: StageDefinition[],
  participants: TrainParticipant[],
): NewGate[] {
  const gates: NewGate[] = [];
  for (const stage of stages) {
    const templates = [
      ...stage.entryGates.map(template => ({
        template,
        phase: 'entry' as const,
      })),
      ...stage.exitGates.map(template => ({
        template,
        phase: 'exit' as const,
      })),
    ];
    for (const { template, phase } of templates) {
      const targets: (TrainParticipant | undefined)[] = template.perParticipant
        ? participants
        : [undefined];
      for (const participant of targets) {
        const approverRef =
          template.approvers === 'participant-owner'
            ? participant?.ownerRef
            : template.approvers;
        gates.push({
          id: randomUUID(),
          trainId,
          stage: stage.name,
          phase,
          templateId: template.id,
          kind: template.kind,
          ...(participant ? { participantRef: participant.entityRef } : {}),
          config: {
            title: template.title,
            ...(template.kind === 'approval' && approverRef
              ? { approverRef }
              : {}),
            ...(template.kind === 'approval' && participant
              ? {
                  approversFromOwner:
                    template.approvers === 'participant-owner',
                }
              : {}),
            quorum: template.quorum,
            separationOfDuties: template.separationOfDuties,
            ...(template.kind === 'approval' && template.approvalValidForMs
              ? { approvalValidForMs: template.approvalValidForMs }
              : {}),
            ...(template.checkName ? { checkName: template.checkName } : {}),
            ...(template.rule ? { rule: template.rule } : {}),
          },
        });
      }
    }
  }
  return gates;
}
