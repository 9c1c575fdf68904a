import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import {
  AddParticipantRequest,
  StageDefinition,
  TrainDetail,
  TrainParticipant,
  normalizeEntityRef,
} from '@release-coordination/plugin-release-coordination-common';
import { actorRefOf } from '../access';
import { gatesAwaitingNotifications } from './announcements';
import { TrainChangeContext, TrainCore } from './core';
import { instantiateGates } from './gateInstances';
import { requireActive } from './model';
import {
  NewDecision,
  NewGate,
  TrainRecord,
  TrainStoreSession,
} from './TrainStore';

/**
 * Logs a change of who takes part in a train, and bumps the train's version so that a
 * concurrent writer that read the participants retries.
 */
async function logParticipantChange(
  tx: TrainStoreSession,
  train: TrainRecord,
  entityRef: string,
  actorRef: string,
  entry: Pick<NewDecision, 'action' | 'before' | 'after' | 'reason'>,
): Promise<void> {
  await tx.updateTrain(train.id, train.version, {});
  await tx.appendDecision({
    trainId: train.id,
    entityRef,
    actorRef,
    subject: entityRef,
    ...entry,
  });
}

/** The per-participant gates a newcomer gets: those of the current stage and later ones. */
function gatesOfNewcomer(
  stages: StageDefinition[],
  train: TrainRecord,
  participant: TrainParticipant,
): NewGate[] {
  const current = train.stagePlan.findIndex(
    stage => stage.name === train.currentStage,
  );
  const ahead = new Set(
    train.stagePlan.slice(Math.max(current, 0)).map(stage => stage.name),
  );
  return instantiateGates(
    train.id,
    stages.filter(stage => ahead.has(stage.name)),
    [participant],
  ).filter(gate => gate.participantRef === participant.entityRef);
}

/**
 * Who takes part in a train: adding a catalog entity (with its gates from the current stage
 * on), changing its target version, removing it with a reason.
 */
export function createParticipantChanges(core: TrainCore) {
  const {
    store,
    snapshots,
    stages,
    announce,
    audited,
    requireTrain,
    requireParticipantOfActiveTrain,
    getTrain,
  } = core;

  async function addParticipant(
    trainId: string,
    input: AddParticipantRequest,
    credentials: BackstageCredentials,
    context?: TrainChangeContext,
  ): Promise<TrainDetail> {
    const actorRef = actorRefOf(credentials);
    const entityRef = normalizeEntityRef(input.entityRef);
    const meta = { actor: actorRef, trainId, entityRef };
    return audited('participant-add', meta, context, async () => {
      const { index } = await snapshots.current();
      const node = index.node(entityRef);
      if (!node)
        throw new InputError(
          `Unknown entity, not in the catalog: ${entityRef}`,
        );
      // One place resolves an owner: the dependency graph, derived from the catalog.
      const participant: TrainParticipant = {
        entityRef,
        targetVersion: input.targetVersion,
        ...(node.owner ? { ownerRef: node.owner } : {}),
      };
      await store.transaction(async tx => {
        const train = await requireTrain(tx, trainId, true);
        requireActive(train);
        const existing = await tx.getParticipant(trainId, entityRef);
        if (existing && !existing.removedAt) {
          throw new ConflictError(
            `${entityRef} already takes part in train '${train.name}'`,
          );
        }
        const gates = gatesOfNewcomer(stages, train, participant);
        await tx.addParticipant(trainId, participant);
        await tx.insertGates(gates);
        await logParticipantChange(tx, train, entityRef, actorRef, {
          action: 'participant.added',
          after: {
            targetVersion: participant.targetVersion,
            ownerRef: participant.ownerRef ?? null,
            gateCount: gates.length,
            ...(existing ? { rejoined: true } : {}),
          },
        });
      });
      const detail = await getTrain(trainId);
      await announce(trainId, async () =>
        gatesAwaitingNotifications(
          detail,
          detail.currentStage,
          detail.gates.filter(gate => gate.participantRef === entityRef),
        ),
      );
      return detail;
    });
  }

  async function updateParticipant(
    trainId: string,
    entityRef: string,
    input: { targetVersion: string },
    credentials: BackstageCredentials,
    context?: TrainChangeContext,
  ): Promise<TrainDetail> {
    const actorRef = actorRefOf(credentials);
    const ref = normalizeEntityRef(entityRef);
    const meta = { actor: actorRef, trainId, entityRef: ref };
    return audited('participant-update', meta, context, async () => {
      const changed = await store.transaction(async tx => {
        const { train, participant } = await requireParticipantOfActiveTrain(
          tx,
          trainId,
          ref,
        );
        if (participant.targetVersion === input.targetVersion) return false;
        await tx.updateParticipant(trainId, ref, {
          targetVersion: input.targetVersion,
        });
        await logParticipantChange(tx, train, ref, actorRef, {
          action: 'participant.updated',
          before: { targetVersion: participant.targetVersion },
          after: { targetVersion: input.targetVersion },
        });
        return true;
      });
      if (changed) await announce(trainId);
      return getTrain(trainId);
    });
  }

  async function removeParticipant(
    trainId: string,
    entityRef: string,
    input: { reason: string },
    credentials: BackstageCredentials,
    context?: TrainChangeContext,
  ): Promise<TrainDetail> {
    const actorRef = actorRefOf(credentials);
    const ref = normalizeEntityRef(entityRef);
    const meta = { actor: actorRef, trainId, entityRef: ref };
    return audited('participant-remove', meta, context, async () => {
      if (!input.reason.trim())
        throw new InputError('Removing a participant needs a reason');
      await store.transaction(async tx => {
        const { train, participant } = await requireParticipantOfActiveTrain(
          tx,
          trainId,
          ref,
        );
        const participants = await tx.listParticipants(trainId);
        if (participants.length <= 1) {
          throw new ConflictError(
            `${ref} is the last participant of train '${train.name}'; cancel the train instead`,
          );
        }
        await tx.removeParticipant(trainId, ref);
        await logParticipantChange(tx, train, ref, actorRef, {
          action: 'participant.removed',
          before: {
            targetVersion: participant.targetVersion,
            ownerRef: participant.ownerRef ?? null,
          },
          reason: input.reason,
        });
      });
      await announce(trainId);
      return getTrain(trainId);
    });
  }

  return { addParticipant, updateParticipant, removeParticipant };
}
