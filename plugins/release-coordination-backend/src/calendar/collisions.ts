import {
  COLLISION_KINDS,
  FreezeWindow,
  StageWindow,
  TrainCollision,
  TrainParticipant,
  UNOWNED,
} from '@release-coordination/plugin-release-coordination-common';
import { DependencyIndex } from '../dependencies/graph';
import { covers } from '../freezes/freezeWindows';
import { PlannedStage, TrainRecord } from '../trains/TrainStore';

const KIND_ORDER = COLLISION_KINDS;

/** A train as collision detection needs it: its plan and its current participants. */
export interface PlannedTrain {
  train: Pick<
    TrainRecord,
    'id' | 'name' | 'ambassadorRef' | 'status' | 'currentStage' | 'stagePlan'
  >;
  participants: TrainParticipant[];
}

/**
 * The window in which a train deploys: that of its last stage (the deployment stage, which
 * deploy readiness also takes as the last), or none when it has no window.
 */
export function deploymentWindowOf(
  stagePlan: PlannedStage[],
): StageWindow | undefined {
  return stagePlan[stagePlan.length - 1]?.window;
}

/** The common part of two windows, or none when they do not overlap (ends are exclusive). */
export function overlapOf(
  a: StageWindow,
  b: StageWindow,
): StageWindow | undefined {
  const start = Math.max(Date.parse(a.start), Date.parse(b.start));
  const end = Math.min(Date.parse(a.end), Date.parse(b.end));
  return start < end
    ? { start: new Date(start).toISOString(), end: new Date(end).toISOString() }
    : undefined;
}

/**
 * The collisions of `subject` with the other active trains and with the change freezes: the
 * same participant in another train; a participant and one it depends on, or that depends on
 * it (a direct edge of the graph), deploying in overlapping windows of different trains; a
 * deployment window that crosses a freeze covering a participant. Only an active subject
 * collides; the others are compared only when active. Each collision names the owners of the
 * entities concerned and the other train's ambassador as the people to talk to.
 */
export function collisionsOf(
  subject: PlannedTrain,
  others: PlannedTrain[],
  freezes: FreezeWindow[],
  index: DependencyIndex,
): TrainCollision[] {
  if (subject.train.status !== 'active') return [];
  const found: TrainCollision[] = [];
  const ownerOf = (participant: TrainParticipant) =>
    participant.ownerRef ?? owned(index.ownerOf(participant.entityRef));
  const mine = new Map(subject.participants.map(p => [p.entityRef, p]));
  const deploys = deploymentWindowOf(subject.train.stagePlan);
  const neighbours = neighboursOf(subject.participants, index);

  for (const other of others) {
    if (other.train.id === subject.train.id || other.train.status !== 'active')
      continue;
    const otherTrain = {
      id: other.train.id,
      name: other.train.name,
      ambassadorRef: other.train.ambassadorRef,
    };
    const otherDeploys = deploymentWindowOf(other.train.stagePlan);
    const overlap =
      deploys && otherDeploys ? overlapOf(deploys, otherDeploys) : undefined;
    for (const theirs of other.participants) {
      const shared = mine.get(theirs.entityRef);
      if (shared) {
        found.push({
          kind: 'shared-participant',
          trainId: subject.train.id,
          entityRef: shared.entityRef,
          otherTrain,
          otherEntityRef: theirs.entityRef,
          ...(overlap ? { overlap } : {}),
          contacts: contacts(
            ownerOf(shared),
            ownerOf(theirs),
            other.train.ambassadorRef,
          ),
        });
      }
      if (!overlap) continue;
      for (const { participant, direction } of neighbours.get(
        theirs.entityRef,
      ) ?? []) {
        found.push({
          kind: 'dependent-deployments',
          trainId: subject.train.id,
          entityRef: participant.entityRef,
          otherTrain,
          otherEntityRef: theirs.entityRef,
          direction,
          overlap,
          contacts: contacts(
            ownerOf(participant),
            ownerOf(theirs),
            other.train.ambassadorRef,
          ),
        });
      }
    }
  }

  if (deploys) {
    for (const freeze of freezes) {
      const overlap = overlapOf(deploys, {
        start: freeze.startsAt,
        end: freeze.endsAt,
      });
      if (!overlap) continue;
      for (const participant of subject.participants) {
        if (!covers(freeze, participant.entityRef, index)) continue;
        found.push({
          kind: 'freeze',
          trainId: subject.train.id,
          entityRef: participant.entityRef,
          freeze: {
            id: freeze.id,
            reason: freeze.reason,
            startsAt: freeze.startsAt,
            endsAt: freeze.endsAt,
            scope: freeze.scope,
          },
          overlap,
          contacts: contacts(ownerOf(participant)),
        });
      }
    }
  }
  return found.sort(
    (a, b) =>
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
      (a.otherTrain?.name ?? '').localeCompare(b.otherTrain?.name ?? '') ||
      a.entityRef.localeCompare(b.entityRef) ||
      (a.otherEntityRef ?? a.freeze?.id ?? '').localeCompare(
        b.otherEntityRef ?? b.freeze?.id ?? '',
      ),
  );
}

/**
 * The entities next to the participants in the graph, each with the participants it is next
 * to: `upstream` when the participant depends on it, `downstream` when it depends on the
 * participant.
 */
function neighboursOf(
  participants: TrainParticipant[],
  index: DependencyIndex,
): Map<
  string,
  { participant: TrainParticipant; direction: 'upstream' | 'downstream' }[]
> {
  const found = new Map<
    string,
    { participant: TrainParticipant; direction: 'upstream' | 'downstream' }[]
  >();
  const add = (
    ref: string,
    participant: TrainParticipant,
    direction: 'upstream' | 'downstream',
  ) => {
    const list = found.get(ref) ?? [];
    if (!list.some(n => n.participant === participant))
      list.push({ participant, direction });
    found.set(ref, list);
  };
  for (const participant of participants) {
    for (const edge of index.outgoing(participant.entityRef))
      add(edge.to, participant, 'upstream');
    for (const edge of index.incoming(participant.entityRef))
      add(edge.from, participant, 'downstream');
  }
  return found;
}

function owned(ref: string): string | undefined {
  return ref === UNOWNED ? undefined : ref;
}

function contacts(...refs: (string | undefined)[]): string[] {
  return [...new Set(refs.filter((ref): ref is string => ref !== undefined))];
}
