import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  ReleaseTrainSummary,
  StageWindow,
  TrainGate,
  TrainStage,
} from '@release-coordination/plugin-release-coordination-common';
import {
  approvalGateState,
  isGateSatisfied,
} from '@release-coordination/plugin-release-coordination-node';
import { TrainRecord } from './TrainStore';

/** A gate as people read it in an error: its title, participant, id and state. */
export function describeGate(gate: TrainGate): string {
  const who = gate.participantRef ? ` for ${gate.participantRef}` : '';
  return `'${gate.title}'${who} (${gate.id}, ${gate.state})`;
}

/**
 * The gates that must be passed or waived to leave a stage: every gate of the stage itself,
 * entry and exit (entry gates must still hold when the stage is left), and the entry gates of
 * the next stage.
 */
export function gatesGuardingExit(
  gates: TrainGate[],
  stage: string,
  nextStage: string | undefined,
): TrainGate[] {
  return gates.filter(
    gate => gate.stage === stage || (gate.stage === nextStage && gate.phase === 'entry'),
  );
}

/**
 * The stages of a train as people see them at `at`: done, current or upcoming, and late when
 * the train is still in a stage whose window has ended.
 */
export function trainStages(
  train: Pick<TrainRecord, 'status' | 'currentStage' | 'stagePlan'>,
  at: Date,
): TrainStage[] {
  const currentIndex = train.stagePlan.findIndex(stage => stage.name === train.currentStage);
  return train.stagePlan.map((stage, index) => {
    let status: TrainStage['status'];
    if (train.status === 'released' || index < currentIndex) status = 'done';
    else if (index === currentIndex) status = 'current';
    else status = 'upcoming';
    const late =
      train.status === 'active' &&
      status === 'current' &&
      stage.window !== undefined &&
      at.getTime() > new Date(stage.window.end).getTime();
    return {
      name: stage.name,
      title: stage.title,
      ...(stage.window ? { window: stage.window } : {}),
      status,
      late,
    };
  });
}

/** A stored train as the API shows it: without its version, with its stages at `at`. */
export function summarizeTrain(train: TrainRecord, at: Date): ReleaseTrainSummary {
  const { version: _version, stagePlan: _stagePlan, ...summary } = train;
  return { ...summary, stages: trainStages(train, at) };
}

export const sameWindow = (a: StageWindow | undefined, b: StageWindow) =>
  a !== undefined &&
  Date.parse(a.start) === Date.parse(b.start) &&
  Date.parse(a.end) === Date.parse(b.end);


/**
 * The state a gate's evidence gives it, whatever waiver it had: for an approval gate its
 * approvals (rejected, quorum of unexpired approvals, else pending), for a check gate the newest
 * check result, for a rule gate its last outcome. A waived rule gate is not evaluated while the
 * waiver runs and only a gate that is not passed can be waived, so a rule gate with an outcome
 * on record (every outcome has a reason) had failed; one never evaluated is pending.
 */
export function evidenceState(
  gate: Pick<TrainGate, 'kind' | 'approvals' | 'quorum' | 'latestCheck' | 'reason'>,
  at: Date,
): 'pending' | 'passed' | 'failed' {
  switch (gate.kind) {
    case 'approval':
      return approvalGateState(gate.approvals, gate.quorum, at);
    case 'check':
      return gate.latestCheck?.status ?? 'pending';
    default:
      return gate.reason ? 'failed' : 'pending';
  }
}

/** Whether a gate is waived by a waiver that no longer runs at `at`. */
export function waiverExpired(gate: Pick<TrainGate, 'state' | 'waiver'>, at: Date): boolean {
  return gate.state === 'waived' && !isGateSatisfied(gate, at);
}

/**
 * A gate reads as its decisions make it now, wherever it is read: a waiver that has run out
 * gives the gate back to its evidence ({@link evidenceState}), and an approval gate passed by
 * approvals that have since expired is pending again. What is stored catches up when a write
 * next touches the gate (an advance, a decision, a check report).
 */
export function withExpiry(gate: TrainGate, at: Date): TrainGate {
  if (waiverExpired(gate, at)) return { ...gate, state: evidenceState(gate, at) };
  if (gate.kind !== 'approval' || gate.state === 'waived') return gate;
  const state = approvalGateState(gate.approvals, gate.quorum, at);
  return state === gate.state ? gate : { ...gate, state };
}

/**
 * Gates in the order of the train's stage plan: entry before exit, then by template and
 * participant.
 */
export function sortGates<
  G extends Pick<TrainGate, 'stage' | 'phase' | 'templateId' | 'participantRef'>,
>(gates: G[], plan: string[]): G[] {
  const position = (stage: string) => {
    const index = plan.indexOf(stage);
    return index < 0 ? plan.length : index;
  };
  const phaseOrder = (phase: G['phase']) => (phase === 'entry' ? 0 : 1);
  return [...gates].sort(
    (a, b) =>
      position(a.stage) - position(b.stage) ||
      phaseOrder(a.phase) - phaseOrder(b.phase) ||
      a.templateId.localeCompare(b.templateId) ||
      (a.participantRef ?? '').localeCompare(b.participantRef ?? ''),
  );
}

export const stageOrder = (train: TrainRecord) => train.stagePlan.map(stage => stage.name);

export const TRAIN_ROLLED_BACK_TOPIC = 'release-coordination.train-rolled-back';

/**
 * A rollback usually follows the release right away, so a released train may still be marked
 * rolled back, as may an active one whose deployment was undone before its last stage was left.
 * A cancelled train never shipped, and a rolled-back one is already on record as such.
 */
export function requireRollbackable(train: Pick<TrainRecord, 'name' | 'status'>): void {
  if (train.status !== 'active' && train.status !== 'released') {
    throw new ConflictError(
      `Train '${train.name}' is ${train.status}; only an active or released train can be ` +
        'marked rolled back',
    );
  }
}

/** The 404 of a change to a participant that is not in the train (or hidden from the caller). */
export function notAParticipant(entityRef: string, train: { name: string }): NotFoundError {
  return new NotFoundError(`${entityRef} does not take part in train '${train.name}'`);
}

/** A train that was released, rolled back or cancelled is on record and no longer changes. */
export function requireActive(train: { name: string; status: string }): void {
  if (train.status !== 'active') {
    throw new ConflictError(`Train '${train.name}' is ${train.status}; it can no longer change`);
  }
}
