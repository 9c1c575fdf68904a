import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  CreateFeatureFlagRequest,
  FeatureFlag,
  UpdateFeatureFlagRequest,
} from '@release-coordination/plugin-release-coordination-common';
import { randomUUID } from 'node:crypto';
import { actorRefOf, audited } from '../access';
import {
  authorizeParticipantChange,
  ownerOfParticipant,
  requireParticipantChange,
  requireTrain,
} from './access';
import { FlagCore } from './flagCore';
import { FeatureFlagPatch } from './OutcomeStore';

/** The fields of a flag the decision log records. */
function logEntry(flag: FeatureFlag, fields: (keyof FeatureFlagPatch)[]) {
  return Object.fromEntries(fields.map(field => [field, flag[field]]));
}

/** What an update changes of a flag as it is now: only the fields that differ. */
function flagPatch(
  flag: FeatureFlag,
  input: UpdateFeatureFlagRequest,
): FeatureFlagPatch {
  const patch: FeatureFlagPatch = {};
  if (input.state !== undefined && input.state !== flag.state)
    patch.state = input.state;
  if (input.purpose !== undefined && input.purpose !== flag.purpose) {
    patch.purpose = input.purpose;
  }
  if (input.ownerRef !== undefined && input.ownerRef !== flag.ownerRef) {
    patch.ownerRef = input.ownerRef;
  }
  if (
    input.expiresAt !== undefined &&
    new Date(input.expiresAt).getTime() !== new Date(flag.expiresAt).getTime()
  ) {
    patch.expiresAt = input.expiresAt;
  }
  return patch;
}

/** Adding the feature flags of a train's participants and changing them. */
export function createFlagChanges(core: FlagCore) {
  const { store, trains, snapshots, access, auditor, announcer } = core;
  const { now, requireFuture } = core;

  async function createFlag(
    trainId: string,
    input: CreateFeatureFlagRequest,
    credentials: BackstageCredentials,
  ): Promise<FeatureFlag> {
    const actorRef = actorRefOf(credentials);
    const meta = { actor: actorRef, trainId, key: input.key };
    return audited(auditor, 'flag-create', meta, async () => {
      const train = await requireParticipantChange(
        { trains, snapshots, access },
        {
          trainId,
          entityRef: input.participantRef,
          field: 'participantRef',
          credentials,
          refusal:
            `Only the ambassador, members of the owner of ${input.participantRef} or a release ` +
            'manager can add its feature flags',
        },
      );
      requireFuture('expiresAt', input.expiresAt);
      const duplicate = () =>
        new ConflictError(
          `${input.participantRef} already has a flag '${input.key}' in train '${train.name}'`,
        );
      const insert = () =>
        store.transaction(async tx => {
          if (await tx.findFlag(trainId, input.participantRef, input.key))
            throw duplicate();
          const flag = await tx.insertFlag({
            id: randomUUID(),
            trainId,
            participantRef: input.participantRef,
            key: input.key,
            ownerRef: input.ownerRef,
            purpose: input.purpose,
            state: input.state ?? 'on',
            createdAt: now().toISOString(),
            createdBy: actorRef,
            expiresAt: input.expiresAt,
          });
          await tx.appendDecision({
            trainId,
            entityRef: input.participantRef,
            actorRef,
            action: 'flag.created',
            subject: `flag:${flag.key}`,
            after: logEntry(flag, [
              'state',
              'ownerRef',
              'purpose',
              'expiresAt',
            ]),
          });
          return flag;
        });
      let flag: FeatureFlag;
      try {
        flag = await insert();
      } catch (error) {
        // The same flag added twice at once: the unique index let one in.
        if (await store.findFlag(trainId, input.participantRef, input.key))
          throw duplicate();
        throw error;
      }
      await announcer.announce(trainId);
      return flag;
    });
  }

  async function updateFlag(
    flagId: string,
    input: UpdateFeatureFlagRequest,
    credentials: BackstageCredentials,
  ): Promise<FeatureFlag> {
    const actorRef = actorRefOf(credentials);
    const meta = { actor: actorRef, flagId };
    return audited(auditor, 'flag-update', meta, async () => {
      const found = await store.getFlag(flagId);
      if (!found)
        throw new NotFoundError(`No feature flag with id '${flagId}'`);
      const { train, participants } = await requireTrain(trains, found.trainId);
      const participant = participants.find(
        p => p.entityRef === found.participantRef,
      );
      const { index } = await snapshots.current();
      await authorizeParticipantChange(access, {
        train,
        // A participant that left the train still has its flags in the code.
        ownerRefs: [
          participant ? ownerOfParticipant(index, participant) : undefined,
          found.ownerRef,
        ],
        credentials,
        refusal:
          `Only the ambassador, the flag's owner, members of the owner of ` +
          `${found.participantRef} or a release manager can change flag '${found.key}'`,
      });

      // Flags of released trains still change: the code behind them outlives the train.
      const outcome = await store.transaction(async tx => {
        const flag = (await tx.getFlag(flagId, { lock: true }))!;
        const patch = flagPatch(flag, input);
        const fields = Object.keys(patch) as (keyof FeatureFlagPatch)[];
        if (fields.length === 0) return { flag, changed: false };
        if (flag.state === 'removed') {
          throw new ConflictError(
            `Flag '${flag.key}' of ${flag.participantRef} was removed; a removed flag stays ` +
              'removed',
          );
        }
        // Only a new expiry must lie ahead: a form sent back with the old one is no change.
        if (patch.expiresAt) requireFuture('expiresAt', patch.expiresAt);
        const updated = await tx.updateFlag(flagId, patch);
        await tx.appendDecision({
          trainId: flag.trainId,
          entityRef: flag.participantRef,
          actorRef,
          action: 'flag.updated',
          subject: `flag:${flag.key}`,
          before: logEntry(flag, fields),
          after: logEntry(updated, fields),
        });
        return { flag: updated, changed: true };
      });
      if (outcome.changed) await announcer.announce(found.trainId);
      return outcome.flag;
    });
  }

  return { createFlag, updateFlag };
}
