import {
  AuditorService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  normalizeEntityRef,
  Page,
  RegisterReviewRiskRequest,
  ReviewRisk,
  ReviewSignOff,
  SignOffReviewRequest,
  TrainParticipant,
  UpdateReviewRiskRequest,
} from '@release-coordination/plugin-release-coordination-common';
import {
  Clock,
  systemClock,
} from '@release-coordination/plugin-release-coordination-node';
import { actorRefOf, audited } from '../access';
import { PageRequest } from '../database/paging';
import { DependencySnapshotService } from '../dependencies/DependencySnapshotService';
import { DependencyIndex } from '../dependencies/graph';
import { trainPageLink } from '../notifications/portalLinks';
import {
  mayChangeParticipant,
  ownerOfParticipant,
  ParticipantAccess,
  requireTrain,
  TrainLookup,
} from '../outcomes/access';
import { TrainAnnouncer, TrainNotification } from '../trains/announcements';
import { requireActive } from '../trains/model';
import { TrainRecord } from '../trains/TrainStore';
import { DatabaseReviewStore, RegisterCounts } from './DatabaseReviewStore';

/** A register is for the risks people discuss, not a tracker: this many per train at most. */
export const MAX_RISKS_PER_TRAIN = 100;

/** The topic of the notifications of release reviews. */
export const REVIEW_TOPIC = 'release-coordination.release-review';

/** A train's joint release review: its risk register and the teams' sign-offs. */
export interface ReviewService {
  listRisks(trainId: string, page: PageRequest): Promise<Page<ReviewRisk>>;
  registerRisk(
    trainId: string,
    request: RegisterReviewRiskRequest,
    credentials: BackstageCredentials,
  ): Promise<ReviewRisk>;
  updateRisk(
    trainId: string,
    riskId: string,
    request: UpdateReviewRiskRequest,
    credentials: BackstageCredentials,
  ): Promise<ReviewRisk>;
  signOff(
    trainId: string,
    request: SignOffReviewRequest,
    credentials: BackstageCredentials,
  ): Promise<ReviewSignOff>;
}

/** The teams that sign a review off: the owning Groups of the participants, each with its own. */
export function reviewTeams(
  participants: TrainParticipant[],
  index: Pick<DependencyIndex, 'node'>,
): Map<string, string[]> {
  const teams = new Map<string, string[]>();
  for (const participant of participants) {
    const owner = ownerOfParticipant(index, participant);
    if (!owner) continue;
    teams.set(owner, [...(teams.get(owner) ?? []), participant.entityRef]);
  }
  return teams;
}

/**
 * Whether a review is held: every owning team signed off and no open risk lacks a mitigation.
 * What the `release-review-held` gate rule and the review page both answer.
 */
export function isReviewHeld(
  teamRefs: Iterable<string>,
  signOffs: ReviewSignOff[],
  register: RegisterCounts,
): { held: boolean; waitingOn: string[] } {
  const signed = new Set(signOffs.map(s => s.teamRef));
  const waitingOn = [...teamRefs].filter(team => !signed.has(team)).sort();
  return {
    held: waitingOn.length === 0 && register.unmitigatedCount === 0,
    waitingOn,
  };
}

/** A risk's owner: a Group or a User, as a normalised ref; a Group when no kind is given. */
function riskOwnerRef(value: string): string {
  const ref = normalizeEntityRef(value, 'group');
  const kind = parseEntityRef(ref).kind.toLocaleLowerCase('en-US');
  if (kind !== 'group' && kind !== 'user') {
    throw new InputError(`ownerRef: ${value} is not a Group or a User`);
  }
  return ref;
}

export function createReviewService(options: {
  store: DatabaseReviewStore;
  trains: TrainLookup;
  snapshots: Pick<DependencySnapshotService, 'current'>;
  access: ParticipantAccess;
  announcer: TrainAnnouncer;
  auditor: AuditorService;
  clock?: Clock;
}): ReviewService {
  const { store, trains, snapshots, access, announcer, auditor } = options;
  const clock = options.clock ?? systemClock;

  /** The train, who owns what in it now, and whether the caller may keep its register. */
  async function editableTrain(
    trainId: string,
    credentials: BackstageCredentials,
  ): Promise<{ train: TrainRecord; actorRef: string }> {
    const actorRef = actorRefOf(credentials);
    const { train, participants } = await requireTrain(trains, trainId);
    requireActive(train);
    const { index } = await snapshots.current();
    const owners = [...reviewTeams(participants, index).keys()];
    if (
      !(await mayChangeParticipant(access, {
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

  return {
    async listRisks(trainId, page) {
      await requireTrain(trains, trainId);
      return store.listRisks(trainId, page);
    },

    async registerRisk(trainId, request, credentials) {
      const actor = actorRefOf(credentials);
      return audited(
        auditor,
        'review-risk-register',
        { actor, trainId },
        async () => {
          const { train, actorRef } = await editableTrain(trainId, credentials);
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
    },

    async updateRisk(trainId, riskId, request, credentials) {
      const actor = actorRefOf(credentials);
      return audited(
        auditor,
        'review-risk-update',
        { actor, trainId, riskId },
        async () => {
          const { train, actorRef } = await editableTrain(trainId, credentials);
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
    },

    async signOff(trainId, request, credentials) {
      const actorRef = actorRefOf(credentials);
      return audited(
        auditor,
        'review-sign-off',
        { actor: actorRef, trainId },
        async () => {
          const train = await trains.getTrain(trainId);
          if (!train) {
            throw new NotFoundError(`No release train with id '${trainId}'`);
          }
          requireActive(train);
          const teamRef = normalizeEntityRef(request.teamRef, 'group');
          const [participants, { index }, ownership] = await Promise.all([
            trains.listParticipants(trainId),
            snapshots.current(),
            access.ownershipOf(credentials),
          ]);
          const teams = reviewTeams(participants, index);
          if (!teams.has(teamRef)) {
            throw new InputError(
              `teamRef: ${teamRef} owns no participant of train '${train.name}'`,
            );
          }
          if (!ownership.has(teamRef)) {
            throw new NotAllowedError(
              `Only members of ${teamRef} sign the review off for it`,
            );
          }
          const { signOff, held } = await store.transaction(async tx => {
            // Under the train's lock, so that of two last sign-offs one sees the other and
            // the review is recorded held exactly once.
            await tx.lockTrain(trainId);
            const given: ReviewSignOff = {
              teamRef,
              signedBy: actorRef,
              signedAt: clock.now().toISOString(),
              ...(request.comment ? { comment: request.comment.trim() } : {}),
            };
            if (!(await tx.insertSignOff(trainId, given))) {
              throw new ConflictError(
                `${teamRef} signed the review off already`,
              );
            }
            await tx.appendDecision({
              trainId,
              actorRef,
              action: 'review.signed-off',
              subject: 'review',
              after: { teamRef },
              ...(given.comment ? { reason: given.comment } : {}),
            });
            const now = isReviewHeld(
              teams.keys(),
              await tx.listSignOffs(trainId),
              await tx.countRisks(trainId),
            );
            if (now.held) {
              await tx.appendDecision({
                trainId,
                actorRef,
                action: 'review.held',
                subject: 'review',
                after: { teams: [...teams.keys()].sort() },
              });
            }
            return { signOff: given, held: now.held };
          });
          await announcer.announce(trainId, async () =>
            held
              ? [
                  {
                    recipients: {
                      type: 'entity',
                      entityRef: train.ambassadorRef,
                    },
                    payload: {
                      title: `Release review of '${train.name}' held`,
                      description: `Every team signed off; ${teamRef} was the last`,
                      link: trainPageLink(trainId, 'review'),
                      severity: 'normal',
                      topic: REVIEW_TOPIC,
                    },
                  },
                ]
              : [],
          );
          return signOff;
        },
      );
    },
  };
}
