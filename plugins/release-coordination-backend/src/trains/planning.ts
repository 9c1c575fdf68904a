import { isUniqueViolation } from '../database/knexStore';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import {
  AddParticipantRequest,
  CreateTrainRequest,
  TrainCadenceLink,
  StageDefinition,
  TrainDetail,
  TrainParticipant,
  UpdateTrainRequest,
  normalizeEntityRef,
} from '@release-coordination/plugin-release-coordination-common';
import { randomUUID } from 'node:crypto';
import { TrainChangeContext, TrainCore } from './core';
import { sameWindow } from './model';
import {
  NewDecision,
  NewGate,
  PlannedStage,
  TrainRecord,
  TrainStoreSession,
} from './TrainStore';
import { ambassadorAssignedNotification, gatesAwaitingNotifications } from './announcements';
import { actorRefOf } from '../access';
import { requireActive } from './model';
import { upstreamEdgesAmong } from './dependencyDrift';

/**
 * Planning a train and who takes part in it: creating it, changing its plan, adding, changing
 * and removing participants.
 */
/**
 * Runs the creation of a train; for a train of a cadence, a second train of the same occurrence
 * (two people creating "the next train" at once) is a conflict, not an error.
 */
async function inSeries<T>(cadence: TrainCadenceLink | undefined, create: () => Promise<T>) {
  try {
    return await create();
  } catch (error) {
    if (cadence && isUniqueViolation(error)) {
      throw new ConflictError(
        `Train ${cadence.occurrence} of the cadence was created meanwhile; reload the cadence`,
      );
    }
    throw error;
  }
}

export function createTrainPlanning(core: TrainCore) {
  const {
    store,
    snapshots,
    stages,
    stageNames,
    now,
    announce,
    audited,
    requireTrain,
    requireParticipantOfActiveTrain,
    getTrain,
  } = core;

  async function createTrain(
    request: CreateTrainRequest & { cadence?: TrainCadenceLink },
    credentials: BackstageCredentials,
    context?: TrainChangeContext,
  ): Promise<TrainDetail> {
    const actorRef = actorRefOf(credentials);
    return audited('train-create', { actor: actorRef, name: request.name }, context, async () => {
      const unknownStages = Object.keys(request.stageWindows).filter(
        name => !stageNames.includes(name),
      );
      if (unknownStages.length > 0) {
        throw new InputError(
          `Unknown stage(s) in stageWindows: ${unknownStages.join(', ')}; ` +
            `the stages are ${stageNames.join(', ')}`,
        );
      }
      const refs = request.participants.map(p => normalizeEntityRef(p.entityRef));
      const duplicates = refs.filter((ref, i) => refs.indexOf(ref) !== i);
      if (duplicates.length > 0) {
        throw new InputError(`Participants listed twice: ${[...new Set(duplicates)].join(', ')}`);
      }
      const { meta, index } = await snapshots.current();
      const unknown = refs.filter(ref => !index.node(ref));
      if (unknown.length > 0) {
        throw new InputError(`Unknown entities, not in the catalog: ${unknown.join(', ')}`);
      }
      // One place resolves an owner: the dependency graph, derived from the catalog.
      const participants: TrainParticipant[] = request.participants.map((p, i) => {
        const ownerRef = index.node(refs[i])?.owner;
        return {
          entityRef: refs[i],
          targetVersion: p.targetVersion,
          ...(ownerRef ? { ownerRef } : {}),
        };
      });

      const trainId = randomUUID();
      const createdAt = now().toISOString();
      const train: TrainRecord = {
        id: trainId,
        name: request.name,
        objective: request.objective,
        ambassadorRef: normalizeEntityRef(request.ambassadorRef, 'user'),
        status: 'active',
        currentStage: stages[0].name,
        createdAt,
        updatedAt: createdAt,
        version: 0,
        stagePlan: stages.map(stage => ({
          name: stage.name,
          title: stage.title,
          ...(request.stageWindows[stage.name] ? { window: request.stageWindows[stage.name] } : {}),
        })),
        ...(request.cadence ? { cadence: request.cadence } : {}),
      };
      const gates = instantiateGates(trainId, stages, participants);
      await inSeries(request.cadence, () => store.transaction(async tx => {
        await tx.insertTrain(train);
        await tx.insertParticipants(trainId, participants);
        await tx.insertGates(gates);
        // The starting point of the train's dependency drift: it "enters" its first stage.
        await tx.insertStageSnapshot({
          trainId,
          stage: train.currentStage,
          toStage: train.currentStage,
          dependencySnapshotVersion: meta.version,
          upstreamEdges: upstreamEdgesAmong(index, refs),
        });
        await tx.appendDecision({
          trainId,
          actorRef,
          action: 'train.created',
          subject: trainId,
          after: {
            name: train.name,
            ambassadorRef: train.ambassadorRef,
            participants: participants.map(p => p.entityRef),
            gateCount: gates.length,
            ...(train.cadence ? { cadence: train.cadence } : {}),
          },
        });
      }));
      const detail = await getTrain(trainId);
      await announce(trainId, async () =>
        gatesAwaitingNotifications(detail, detail.currentStage, detail.gates),
      );
      return detail;
    });
  }

  async function updateTrain(
    trainId: string,
    input: UpdateTrainRequest,
    credentials: BackstageCredentials,
    context?: TrainChangeContext,
  ): Promise<TrainDetail> {
    const actorRef = actorRefOf(credentials);
    return audited('train-update', { actor: actorRef, trainId }, context, async () => {
      const changed = await store.transaction(async tx => {
        const train = await requireTrain(tx, trainId, true);
        requireActive(train);
        const windows = input.stageWindows ?? {};
        const planned = train.stagePlan.map(stage => stage.name);
        const unknownStages = Object.keys(windows).filter(name => !planned.includes(name));
        if (unknownStages.length > 0) {
          throw new InputError(
            `Unknown stage(s) in stageWindows: ${unknownStages.join(', ')}; ` +
              `the stages of train '${train.name}' are ${planned.join(', ')}`,
          );
        }
        // Only what actually changes is written and logged, each field before and after.
        const before: Record<string, unknown> = {};
        const after: Record<string, unknown> = {};
        const patch: {
          name?: string;
          objective?: string;
          ambassadorRef?: string;
          stagePlan?: PlannedStage[];
        } = {};
        if (input.name !== undefined && input.name !== train.name) {
          before.name = train.name;
          after.name = patch.name = input.name;
        }
        if (input.objective !== undefined && input.objective !== train.objective) {
          before.objective = train.objective;
          after.objective = patch.objective = input.objective;
        }
        const ambassadorRef =
          input.ambassadorRef !== undefined
            ? normalizeEntityRef(input.ambassadorRef, 'user')
            : undefined;
        if (ambassadorRef !== undefined && ambassadorRef !== train.ambassadorRef) {
          before.ambassadorRef = train.ambassadorRef;
          after.ambassadorRef = patch.ambassadorRef = ambassadorRef;
        }
        const movedWindows = train.stagePlan.filter(
          stage => windows[stage.name] && !sameWindow(stage.window, windows[stage.name]),
        );
        if (movedWindows.length > 0) {
          before.stageWindows = Object.fromEntries(
            movedWindows.map(stage => [stage.name, stage.window ?? null]),
          );
          after.stageWindows = Object.fromEntries(
            movedWindows.map(stage => [stage.name, windows[stage.name]]),
          );
          patch.stagePlan = train.stagePlan.map(stage =>
            windows[stage.name] ? { ...stage, window: windows[stage.name] } : stage,
          );
        }
        if (Object.keys(patch).length === 0) return undefined; // Nothing to record.
        await tx.updateTrain(trainId, train.version, patch);
        await tx.appendDecision({
          trainId,
          actorRef,
          action: 'train.updated',
          subject: trainId,
          before,
          after,
        });
        return { previousAmbassadorRef: train.ambassadorRef, ambassadorRef: patch.ambassadorRef };
      });
      const detail = await getTrain(trainId);
      if (changed) {
        const { previousAmbassadorRef, ambassadorRef } = changed;
        await announce(
          trainId,
          ambassadorRef
            ? async () => [ambassadorAssignedNotification(detail, previousAmbassadorRef, actorRef)]
            : undefined,
        );
      }
      return detail;
    });
  }

  /** The per-participant gates a newcomer gets: those of the current stage and later ones. */
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

  function gatesOfNewcomer(train: TrainRecord, participant: TrainParticipant): NewGate[] {
    const current = train.stagePlan.findIndex(stage => stage.name === train.currentStage);
    const ahead = new Set(train.stagePlan.slice(Math.max(current, 0)).map(stage => stage.name));
    return instantiateGates(
      train.id,
      stages.filter(stage => ahead.has(stage.name)),
      [participant],
    ).filter(gate => gate.participantRef === participant.entityRef);
  }

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
      if (!node) throw new InputError(`Unknown entity, not in the catalog: ${entityRef}`);
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
          throw new ConflictError(`${entityRef} already takes part in train '${train.name}'`);
        }
        const gates = gatesOfNewcomer(train, participant);
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
        const { train, participant } = await requireParticipantOfActiveTrain(tx, trainId, ref);
        if (participant.targetVersion === input.targetVersion) return false;
        await tx.updateParticipant(trainId, ref, { targetVersion: input.targetVersion });
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
      if (!input.reason.trim()) throw new InputError('Removing a participant needs a reason');
      await store.transaction(async tx => {
        const { train, participant } = await requireParticipantOfActiveTrain(tx, trainId, ref);
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

  return { createTrain, updateTrain, addParticipant, updateParticipant, removeParticipant };
}

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
      ...stage.entryGates.map(template => ({ template, phase: 'entry' as const })),
      ...stage.exitGates.map(template => ({ template, phase: 'exit' as const })),
    ];
    for (const { template, phase } of templates) {
      const targets: (TrainParticipant | undefined)[] = template.perParticipant
        ? participants
        : [undefined];
      for (const participant of targets) {
        const approverRef =
          template.approvers === 'participant-owner' ? participant?.ownerRef : template.approvers;
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
            ...(template.kind === 'approval' && approverRef ? { approverRef } : {}),
            ...(template.kind === 'approval' && participant
              ? { approversFromOwner: template.approvers === 'participant-owner' }
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
