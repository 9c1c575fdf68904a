import { Clock, systemClock } from '@release-coordination/plugin-release-coordination-node';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  CreateFeatureFlagRequest,
  FeatureFlag,
  TrainFeatureFlags,
  UpdateFeatureFlagRequest,
} from '@release-coordination/plugin-release-coordination-common';
import { randomUUID } from 'node:crypto';
import { actorRefOf, audited } from '../access';
import {
  OutcomeServiceOptions,
  ParticipantAccess,
  authorizeParticipantChange,
  ownerOfParticipant,
  requireParticipantChange,
  requireTrain,
} from './access';
import { PageRequest } from '../database/paging';
import { FeatureFlagPatch } from './OutcomeStore';

/** The feature flags train participants ship behind. */
export interface FeatureFlagService {
  /**
   * A page of the train's flags, expired ones first, with counts over all of them; 404 for an
   * unknown train.
   */
  listFlags(trainId: string, page: PageRequest): Promise<TrainFeatureFlags>;
  createFlag(
    trainId: string,
    input: CreateFeatureFlagRequest,
    credentials: BackstageCredentials,
  ): Promise<FeatureFlag>;
  updateFlag(
    flagId: string,
    input: UpdateFeatureFlagRequest,
    credentials: BackstageCredentials,
  ): Promise<FeatureFlag>;
}

export interface FeatureFlagServiceOptions extends OutcomeServiceOptions {
  access: ParticipantAccess;
  /** Flags this close to their expiry count as expiring soon. */
  remindBeforeDays: number;
  /** How far ahead a flag's expiry may be set, in days. */
  maxLifetimeDays: number;
  /** Where "now" comes from; the system clock unless a replay of history sets it. */
  clock?: Clock;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The fields of a flag the decision log records. */
function logEntry(flag: FeatureFlag, fields: (keyof FeatureFlagPatch)[]) {
  return Object.fromEntries(fields.map(field => [field, flag[field]]));
}

/** Creates the {@link FeatureFlagService}. */
export function createFeatureFlagService(options: FeatureFlagServiceOptions): FeatureFlagService {
  const { store, trains, snapshots, access, auditor, announcer, remindBeforeDays } = options;
  const clock = options.clock ?? systemClock;
  const now = () => clock.now();

  /** Every flag is time-bound: it expires ahead, and not so far ahead that it never does. */
  function requireFuture(field: string, iso: string) {
    const at = now().getTime();
    const expiry = new Date(iso).getTime();
    if (expiry <= at) {
      throw new InputError(
        `${field}: every flag is time-bound; its expiry must be in the future`,
      );
    }
    const latest = at + options.maxLifetimeDays * DAY_MS;
    if (expiry > latest) {
      throw new InputError(
        `${field}: a flag expires within ${options.maxLifetimeDays} days ` +
          `(releaseCoordination.flags.maxLifetimeDays), by ${new Date(latest).toISOString()} at the latest`,
      );
    }
  }

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
          if (await tx.findFlag(trainId, input.participantRef, input.key)) throw duplicate();
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
            after: logEntry(flag, ['state', 'ownerRef', 'purpose', 'expiresAt']),
          });
          return flag;
        });
      let flag: FeatureFlag;
      try {
        flag = await insert();
      } catch (error) {
        // The same flag added twice at once: the unique index let one in.
        if (await store.findFlag(trainId, input.participantRef, input.key)) throw duplicate();
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
    return audited(auditor, 'flag-update', { actor: actorRef, flagId }, async () => {
      const found = await store.getFlag(flagId);
      if (!found) throw new NotFoundError(`No feature flag with id '${flagId}'`);
      const { train, participants } = await requireTrain(trains, found.trainId);
      const participant = participants.find(p => p.entityRef === found.participantRef);
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
        const patch: FeatureFlagPatch = {};
        if (input.state !== undefined && input.state !== flag.state) patch.state = input.state;
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

  return {
    async listFlags(trainId, page) {
      await requireTrain(trains, trainId);
      const at = now();
      const expiringBy = new Date(at.getTime() + remindBeforeDays * DAY_MS);
      const [flags, counts] = await Promise.all([
        store.queryTrainFlags(trainId, page),
        store.countTrainFlags(trainId, { now: at, expiringBy }),
      ]);
      return { ...flags, expiringWithinDays: remindBeforeDays, counts };
    },
    createFlag,
    updateFlag,
  };
}
