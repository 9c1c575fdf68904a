import { TrainParticipant } from '@release-coordination/plugin-release-coordination-common';
import { PLUGIN_ACTOR_REF, TrainCore } from './core';
import { gatesAwaitingNotifications } from './announcements';

/**
 * Keeps the owners of the participants of active trains as the catalog says them, and hands
 * undecided owner approvals to the new owner.
 */
export function createOwnerSync(core: TrainCore) {
  const {
    store,
    snapshots,
    announce,
    audited,
    requireTrain,
    requireGate,
    approvedByOwner,
    getTrain,
  } = core;

  async function syncParticipantOwners(): Promise<{ changed: number }> {
    const { index } = await snapshots.current();
    // An entity the graph no longer has may be gone for a moment or hidden: its owner is kept.
    const ownerMoved = (participant: TrainParticipant) => {
      const node = index.node(participant.entityRef);
      return node !== undefined && node.owner !== participant.ownerRef;
    };
    const trainIds = [
      ...new Set(
        (await store.listActiveParticipants())
          .filter(({ participant }) => ownerMoved(participant))
          .map(({ trainId }) => trainId),
      ),
    ];
    let changed = 0;
    for (const trainId of trainIds) {
      const meta = { actor: PLUGIN_ACTOR_REF, trainId };
      const reassigned = await audited('participant-owner-sync', meta, undefined, () =>
        store.transaction(async tx => {
          const train = await requireTrain(tx, trainId, true);
          // Read again under the lock: the train may have moved on since the listing.
          if (train.status !== 'active') return undefined;
          const participants = (await tx.listParticipants(trainId)).filter(ownerMoved);
          if (participants.length === 0) return undefined;
          const gates = await tx.listGates(trainId);
          const gateIds: string[] = [];
          for (const participant of participants) {
            const ownerRef = index.node(participant.entityRef)?.owner;
            await tx.updateParticipant(trainId, participant.entityRef, {
              ownerRef: ownerRef ?? null,
            });
            // Only undecided approvals move: a decision given stays with whoever gave it.
            const undecided = gates.filter(
              gate =>
                gate.participantRef === participant.entityRef &&
                gate.kind === 'approval' &&
                gate.state === 'pending' &&
                gate.approvals.length === 0,
            );
            const moved: string[] = [];
            for (const gate of undecided) {
              const record = await requireGate(tx, gate.id, true);
              if (!approvedByOwner(record)) continue;
              // Undecided as locked, not only as listed: an approval given in between stays
              // with the approver it was given for.
              if (record.state !== 'pending') continue;
              if ((await tx.listApprovals(gate.id, { lock: true })).length > 0) continue;
              const { approverRef: _previous, ...config } = record.config;
              await tx.updateGate(gate.id, record.version, {
                config: ownerRef ? { ...config, approverRef: ownerRef } : config,
              });
              moved.push(gate.id);
            }
            await tx.appendDecision({
              trainId,
              entityRef: participant.entityRef,
              actorRef: PLUGIN_ACTOR_REF,
              action: 'participant.owner-changed',
              subject: participant.entityRef,
              before: { ownerRef: participant.ownerRef ?? null },
              after: { ownerRef: ownerRef ?? null, reassignedGates: moved },
              reason: 'The owner in the catalog changed',
            });
            gateIds.push(...moved);
          }
          await tx.updateTrain(trainId, train.version, {});
          return { count: participants.length, gateIds };
        }),
      );
      if (!reassigned) continue;
      changed += reassigned.count;
      await announce(trainId, async () => {
        const detail = await getTrain(trainId);
        const moved = new Set(reassigned.gateIds);
        return gatesAwaitingNotifications(
          detail,
          detail.currentStage,
          detail.gates.filter(gate => moved.has(gate.id)),
        );
      });
    }
    return { changed };
  }

  return { syncParticipantOwners };
}
