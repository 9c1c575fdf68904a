import { isUniqueViolation } from '../database/knexStore';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import {
  CreateTrainRequest,
  TrainCadenceLink,
  TrainDetail,
  TrainParticipant,
  UpdateTrainRequest,
  normalizeEntityRef,
} from '@release-coordination/plugin-release-coordination-common';
import { randomUUID } from 'node:crypto';
import { instantiateGates } from './gateInstances';
import { TrainChangeContext, TrainCore } from './core';
import { sameWindow } from './model';
import { PlannedStage, TrainRecord } from './TrainStore';
import { ambassadorAssignedNotification, gatesAwaitingNotifications } from './announcements';
import { actorRefOf } from '../access';
import { requireActive } from './model';
import { upstreamEdgesAmong } from './dependencyDrift';

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

/** Planning a train: creating it and changing its plan. */
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
        const { patch, before, after } = planChangeOf(train, input);
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

  return { createTrain, updateTrain };
}

/** The fields of the patch that change the plan of a train. */
interface PlanPatch {
  name?: string;
  objective?: string;
  ambassadorRef?: string;
  stagePlan?: PlannedStage[];
}

/**
 * What a change of plan changes: only the fields whose value differs are patched and logged,
 * each field before and after. Refuses windows for stages the train does not have.
 */
function planChangeOf(
  train: TrainRecord,
  input: UpdateTrainRequest,
): { patch: PlanPatch; before: Record<string, unknown>; after: Record<string, unknown> } {
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
  const patch: PlanPatch = {};
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
  return { patch, before, after };
}
