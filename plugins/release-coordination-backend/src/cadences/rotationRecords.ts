import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  AddCadenceHandoverRequest,
  CadenceHandover,
  CadenceRotationChange,
  normalizeEntityRef,
  RecordRotationChangeRequest,
  ReleaseCadence,
} from '@release-coordination/plugin-release-coordination-common';
import { actorRefOf, audited, userRefOf } from '../access';
import { TrainNotification } from '../trains/announcements';
import { CadenceCore } from './core';
import { nextOccurrence, occurrenceStart } from './rotation';

/** The topic of the notifications of the ambassador rotation. */
export const ROTATION_TOPIC = 'release-coordination.ambassador-rotation';

/**
 * The member a skip or swap is about and, for a swap, who runs the train instead must both be
 * on the roster; only a swap names a substitute.
 */
function requireRotationMembers(
  cadence: ReleaseCadence,
  roster: string[],
  kind: RecordRotationChangeRequest['kind'],
  memberRef: string,
  substituteRef: string | undefined,
): void {
  if (!roster.includes(memberRef)) {
    throw new InputError(
      `memberRef: ${memberRef} is not on the roster of '${cadence.name}'`,
    );
  }
  if (kind === 'swap') {
    if (!substituteRef) {
      throw new InputError('substituteRef: a swap names who runs it instead');
    }
    if (!roster.includes(substituteRef) || substituteRef === memberRef) {
      throw new InputError(
        `substituteRef: ${substituteRef} is not another member of the roster of '${cadence.name}'`,
      );
    }
  } else if (substituteRef) {
    throw new InputError('substituteRef: only a swap names a substitute');
  }
}

/** What the members a skip or swap concerns are told of it. */
function rotationNotification(
  cadence: ReleaseCadence,
  change: Pick<
    CadenceRotationChange,
    'kind' | 'occurrence' | 'memberRef' | 'substituteRef' | 'reason'
  >,
  told: string[],
): TrainNotification {
  const { kind, occurrence, memberRef, substituteRef, reason } = change;
  const starts = occurrenceStart(cadence, occurrence)
    .toISOString()
    .slice(0, 10);
  return {
    recipients: { type: 'entity', entityRef: told },
    payload: {
      title: `Ambassador rotation of '${cadence.name}': ${kind} of #${occurrence}`,
      description:
        kind === 'swap'
          ? `${substituteRef} runs #${occurrence} (from ${starts}) in place of ${memberRef}: ${reason}`
          : `${memberRef} sits #${occurrence} (from ${starts}) out: ${reason}`,
      severity: 'normal',
      topic: ROTATION_TOPIC,
    },
  };
}

/**
 * What members and ambassadors record between trains: skips and swaps of the rotation, and
 * the handover notes of a train to the next.
 */
export function createRotationRecords(core: CadenceCore) {
  const { store, trains, access, auditor, notify, clock } = core;
  const { requireCadence, requireManager } = core;

  async function recordRotationChange(
    cadenceId: string,
    request: RecordRotationChangeRequest,
    credentials: BackstageCredentials,
  ): Promise<CadenceRotationChange> {
    const actor = actorRefOf(credentials);
    return audited(
      auditor,
      'cadence-rotation-change',
      { actor, cadenceId },
      async () => {
        const cadence = await requireCadence(cadenceId);
        const memberRef = normalizeEntityRef(request.memberRef, 'user');
        const substituteRef = request.substituteRef
          ? normalizeEntityRef(request.substituteRef, 'user')
          : undefined;
        const roster = await store.listRoster(cadenceId);
        requireRotationMembers(
          cadence,
          roster,
          request.kind,
          memberRef,
          substituteRef,
        );
        const next = nextOccurrence(
          cadence,
          await store.latestOccurrence(cadenceId),
          clock.now(),
        );
        const occurrence = request.occurrence ?? next;
        if (occurrence < next) {
          throw new InputError(
            `occurrence: ${occurrence} has a train or is over; the next is ${next}`,
          );
        }
        // Members arrange their own turns; anyone else's need a release manager.
        const caller = userRefOf(credentials);
        const concerned =
          caller !== undefined &&
          (caller === memberRef || caller === substituteRef);
        if (!concerned) {
          await requireManager(
            credentials,
            'Only the members concerned and release managers change the rotation',
          );
        }
        const change = await store.insertRotationChange(cadenceId, {
          occurrence,
          kind: request.kind,
          memberRef,
          ...(substituteRef ? { substituteRef } : {}),
          reason: request.reason.trim(),
          recordedBy: actor,
        });
        const told = [
          memberRef,
          ...(substituteRef ? [substituteRef] : []),
        ].filter(ref => ref !== caller);
        if (told.length > 0) {
          await notify(
            rotationNotification(
              cadence,
              {
                kind: request.kind,
                occurrence,
                memberRef,
                substituteRef,
                reason: change.reason,
              },
              told,
            ),
          );
        }
        return change;
      },
    );
  }

  async function addHandover(
    cadenceId: string,
    request: AddCadenceHandoverRequest,
    credentials: BackstageCredentials,
  ): Promise<CadenceHandover> {
    const actor = actorRefOf(credentials);
    return audited(
      auditor,
      'cadence-handover',
      { actor, cadenceId, trainId: request.trainId },
      async () => {
        const cadence = await requireCadence(cadenceId);
        const train = await trains.getTrain(request.trainId);
        if (!train || train.cadence?.cadenceId !== cadenceId) {
          throw new InputError(
            `trainId: ${request.trainId} is not a train of '${cadence.name}'`,
          );
        }
        if (
          train.ambassadorRef !== userRefOf(credentials) &&
          !(await access.mayManageTrain(train.id, credentials))
        ) {
          throw new NotAllowedError(
            "Only the train's ambassador and release managers write its handover notes",
          );
        }
        return store.insertHandover(cadenceId, {
          trainId: train.id,
          authorRef: actor,
          note: request.note.trim(),
        });
      },
    );
  }

  return { recordRotationChange, addHandover };
}
