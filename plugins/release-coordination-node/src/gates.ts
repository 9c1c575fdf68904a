import { GateApproval, TrainGate } from '@release-coordination/plugin-release-coordination-common';

/*
 * How gates are decided, for the backend and for gate rules that read the other gates of a
 * train (`TrainGateRuleContext.gates`): a stored state can be older than an approval's or a
 * waiver's expiry, so rules ask these at their own `now`.
 */

/**
 * The state an approval gate's decisions give it at `now`: failed on any rejection, passed when
 * the approvals that have not expired reach the quorum, pending otherwise.
 *
 * @public
 */
export function approvalGateState(
  approvals: GateApproval[],
  quorum: number,
  now: Date,
): 'pending' | 'passed' | 'failed' {
  if (approvals.some(a => a.decision === 'reject')) return 'failed';
  const valid = approvals.filter(
    a =>
      a.decision === 'approve' &&
      (a.expiresAt === undefined || new Date(a.expiresAt).getTime() > now.getTime()),
  );
  return valid.length >= quorum ? 'passed' : 'pending';
}

/**
 * Whether a gate lets its stage be left (or entered): passed, or waived and the waiver still
 * runs.
 *
 * @public
 */
export function isGateSatisfied(gate: Pick<TrainGate, 'state' | 'waiver'>, now: Date): boolean {
  if (gate.state === 'passed') return true;
  if (gate.state !== 'waived') return false;
  return gate.waiver !== undefined && new Date(gate.waiver.until).getTime() > now.getTime();
}
