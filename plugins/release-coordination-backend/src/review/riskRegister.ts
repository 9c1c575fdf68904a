import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  normalizeEntityRef,
  RegisterReviewRiskRequest,
  ReviewRisk,
  UpdateReviewRiskRequest,
} from '@release-coordination/plugin-release-coordination-common';
import { actorRefOf, audited } from '../access';
import { PageRequest } from '../database/paging';
import { trainPageLink } from '../notifications/portalLinks';
import { mayChangeParticipant, requireTrain } from '../outcomes/access';
import { TrainNotification } from '../trains/announcements';
import { requireActive } from '../trains/model';
import { TrainRecord } from '../trains/TrainStore';
import { REVIEW_TOPIC, ReviewCore } from './core';
import { reviewTeams } from './teams';

/** A register is for the risks people discuss, not a tracker: this many per train at most. */
export const MAX_RISKS_PER_TRAIN = 100;

/** A risk's owner: a Group or a User, as a normalised ref; a Group when no kind is given. */
function riskOwnerRef(value: string): string {
  const ref = normalizeEntityRef(value, 'group');
  const kind = parseEntityRef(ref).kind.toLocaleLowerCase('en-US');
  if (kind !== 'group' && kind !== 'user') {
    throw new InputError(`ownerRef: ${value} is not a Group or a User`);
  }
  return ref;
}

/** Tells a risk's new owner, unless they made the change themselves. */
function toldOwner(
  train: TrainRecord,
  risk: ReviewRisk,
  actorRef: string,
): TrainNotification[] {
  if (risk.ownerRef === actorRef) return [];
  return [
    {
      recipients: { type: 'entity', entityRef: risk.ownerRef },
      payload: {
        title: `A release risk of '${train.name}' is yours`,
        description: `${actorRef}: ${risk.title} (likelihood ${risk.likelihood}, impact ${risk.impact})`,
        link: trainPageLink(train.id, 'review'),
        severity: risk.impact === 'high' ? 'high' : 'normal',
        topic: REVIEW_TOPIC,
      },
    },
  ];
}

/** The train, who owns what in it now, and whether the caller may keep its register. */
async function editableTrain(
  core: Pick<ReviewCore, 'trains' | 'snapshots' | 'access'>,
  trainId: string,
  credentials: BackstageCredentials,
): Promise<{ train: TrainRecord; actorRef: string }> {
  const actorRef = actorRefOf(credentials);
  const { train, participants } = await requireTrain(core.trains, trainId);
  requireActive(train);
  const { index } = await core.snapshots.current();
  const owners = [...reviewTeams(participants, index).keys()];
  if (
    !(await mayChangeParticipant(core.access, {
      train,
      ownerRefs: owners,
      credentials,
    }))
  ) {
    throw new NotAllowedError(
      'Only the ambassador, release managers and members of the teams taking part keep the risk register',
    );
  }
  return { train, actorRef };
}

/** A train's risk register: reading it, registering risks and changing them. */
export function createRiskRegister(core: ReviewCore) {
  const { store, trains, announcer, auditor } = core;

  async function listRisks(trainId: string, page: PageRequest) {
    await requireTrain(trains, trainId);
    return store.listRisks(trainId, page);
  }

  async function registerRisk(
    trainId: string,
    request: RegisterReviewRiskRequest,
    credentials: BackstageCredentials,
  ): Promise<ReviewRisk> {
    const actor = actorRefOf(credentials);
    return audited(
      auditor,
      'review-risk-register',
      { actor, trainId },
      async () => {
        const { train, actorRef } = await editableTrain(
          core,
          trainId,
          credentials,
        );
        const ownerRef = riskOwnerRef(request.ownerRef);
        const risk = await store.transaction(async tx => {
          await tx.lockTrain(trainId);
          const { totalCount } = await tx.countRisks(trainId);
          if (totalCount >= MAX_RISKS_PER_TRAIN) {
            throw new InputError(
              `A train's risk register holds at most ${MAX_RISKS_PER_TRAIN} risks; close or change one instead`,
            );
          }
          const registered = await tx.insertRisk({
            trainId,
            title: request.title.trim(),
            ownerRef,
            likelihood: request.likelihood,
            impact: request.impact,
            ...(request.mitigation
              ? { mitigation: request.mitigation.trim() }
              : {}),
            status: request.status ?? 'open',
            createdBy: actorRef,
          });
          await tx.appendDecision({
            trainId,
            actorRef,
            action: 'review.risk-registered',
            subject: `risk:${registered.id}`,
            after: registered,
          });
          return registered;
        });
        await announcer.announce(trainId, async () =>
          toldOwner(train, risk, actorRef),
        );
        return risk;
      },
    );
  }

  async function updateRisk(
    trainId: string,
    riskId: string,
    request: UpdateReviewRiskRequest,
    credentials: BackstageCredentials,
  ): Promise<ReviewRisk> {
    const actor = actorRefOf(credentials);
    return audited(
      auditor,
      'review-risk-update',
      { actor, trainId, riskId },
      async () => {
        const { train, actorRef } = await editableTrain(
          core,
          trainId,
          credentials,
        );
        const { expectedVersion, ...change } = request;
        const ownerRef =
          change.ownerRef !== undefined
            ? riskOwnerRef(change.ownerRef)
            : undefined;
        const { before, after } = await store.transaction(async tx => {
          const risk = await tx.getRisk(trainId, riskId, { lock: true });
          if (!risk) {
            throw new NotFoundError(
              `No risk ${riskId} in the register of train '${train.name}'`,
            );
          }
          if (
            expectedVersion !== undefined &&
            expectedVersion !== risk.version
          ) {
            throw new ConflictError(
              `Risk ${riskId} is at version ${risk.version}, not ${expectedVersion}; reload it`,
            );
          }
          const updated = await tx.updateRisk(risk, {
            ...(change.title !== undefined
              ? { title: change.title.trim() }
              : {}),
            ...(ownerRef !== undefined ? { ownerRef } : {}),
            ...(change.likelihood ? { likelihood: change.likelihood } : {}),
            ...(change.impact ? { impact: change.impact } : {}),
            ...(change.mitigation !== undefined
              ? { mitigation: change.mitigation?.trim() ?? null }
              : {}),
            ...(change.status ? { status: change.status } : {}),
            updatedBy: actorRef,
          });
          await tx.appendDecision({
            trainId,
            actorRef,
            action: 'review.risk-updated',
            subject: `risk:${riskId}`,
            before: risk,
            after: updated,
          });
          return { before: risk, after: updated };
        });
        await announcer.announce(trainId, async () =>
          after.ownerRef !== before.ownerRef
            ? toldOwner(train, after, actorRef)
            : [],
        );
        return after;
      },
    );
  }

  return { listRisks, registerRisk, updateRisk };
}
