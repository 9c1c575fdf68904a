import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import { TrainGate } from '@release-coordination/plugin-release-coordination-common';
import { TrainChangeContext, TrainCore } from '../trains/core';
import { actorRefOf } from '../access';
import { requireActive } from '../trains/model';
import { settleExpiredWaiver } from './waiverExpiry';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Waivers: a gate let through for a bounded time, with a reason, by whoever may manage it. */
export function createWaivers(core: TrainCore) {
  const {
    store,
    now,
    announce,
    audited,
    requireTrain,
    requireGate,
    requireCounting,
    gateDetail,
  } = core;

  async function waiveGate(
    gateId: string,
    input: { reason: string; until: Date },
    credentials: BackstageCredentials,
    context?: TrainChangeContext,
  ): Promise<TrainGate> {
    const actorRef = actorRefOf(credentials);
    return audited(
      'gate-waive',
      { actor: actorRef, gateId },
      context,
      async () => {
        if (!input.reason.trim())
          throw new InputError('A waiver needs a reason');
        if (input.until.getTime() <= now().getTime()) {
          throw new InputError('A waiver must run until a time in the future');
        }
        // A waiver is a bounded exception, not a way to switch a gate off.
        const latest = now().getTime() + core.maxWaiverDays * DAY_MS;
        if (input.until.getTime() > latest) {
          throw new InputError(
            `until: a waiver runs at most ${core.maxWaiverDays} days ` +
              `(releaseCoordination.gates.maxWaiverDays), until ${new Date(latest).toISOString()} at the latest`,
          );
        }
        const trainId = await store.transaction(async tx => {
          let gate = await requireGate(tx, gateId, true);
          requireActive(await requireTrain(tx, gate.trainId));
          requireCounting(gate);
          // An expired waiver is logged as such before the new one, which starts from the evidence.
          gate = await settleExpiredWaiver(tx, gate, actorRef, now());
          if (gate.state === 'passed')
            throw new ConflictError(`Gate ${gateId} is already passed`);
          await tx.insertWaiver(gateId, {
            waivedBy: actorRef,
            reason: input.reason,
            until: input.until,
          });
          await tx.updateGate(gateId, gate.version, { state: 'waived' });
          await tx.appendDecision({
            trainId: gate.trainId,
            ...(gate.participantRef ? { entityRef: gate.participantRef } : {}),
            actorRef,
            action: 'gate.waived',
            subject: gateId,
            before: { state: gate.state },
            after: { state: 'waived', until: input.until.toISOString() },
            reason: input.reason,
          });
          return gate.trainId;
        });
        await announce(trainId);
        return gateDetail(gateId);
      },
    );
  }

  return { waiveGate };
}
