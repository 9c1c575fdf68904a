/**
 * What happens to the gates of one train: approvals by members of the approver Group, check
 * results reported by CI, rules evaluated when a stage is left, waivers; each state change
 * logged in the decision log the way the plugin's TrainService logs it (the scorecards read
 * gate latencies and outcomes from there).
 */
import { CI, DAY, HOUR, HistoryContext, MINUTE, logDecision } from './context';
import type { SeedApproval, SeedGate, SeedTrain } from './seed';

export class GateHistory {
  /** One row per approver and gate: a changed mind updates it, as the plugin's store does. */
  private readonly approvals = new Map<string, SeedApproval>();
  private reports = 0;

  constructor(
    private readonly ctx: HistoryContext,
    private readonly train: SeedTrain,
  ) {}

  /** A gate's state change, logged. */
  private change(
    gate: SeedGate,
    state: SeedGate['state'],
    at: Date,
    entry: { actorRef: string; action: string; after?: object; reason?: string },
  ) {
    logDecision(this.ctx, this.train.id, at, {
      entityRef: gate.participantRef,
      actorRef: entry.actorRef,
      action: entry.action,
      subject: gate.id,
      before: { state: gate.state },
      after: { state, ...entry.after },
      reason: entry.reason,
    });
    Object.assign(gate, { state, updatedAt: at, version: gate.version + 1 });
    // Rule gates keep why they passed or failed.
    if (entry.action === 'gate.evaluated') gate.reason = entry.reason;
  }

  private members(gate: SeedGate): string[] {
    return this.ctx.org.membersOf.get(gate.config.approverRef ?? '') ?? [];
  }

  private decide(gate: SeedGate, at: Date, member: string, decision: 'approve' | 'reject') {
    const rejected = decision === 'reject';
    const comment = rejected ? 'Not ready: open incidents on our side' : undefined;
    this.change(gate, rejected ? 'failed' : 'passed', at, {
      actorRef: member,
      action: rejected ? 'gate.rejected' : 'gate.approved',
      after: { approvals: rejected ? 0 : 1, quorum: gate.config.quorum },
      reason: comment,
    });
    const key = `${gate.id} ${member}`;
    const row = this.approvals.get(key);
    if (row) {
      Object.assign(row, { decision, comment, decidedAt: at });
    } else {
      const approval = { gateId: gate.id, userRef: member, decision, comment, decidedAt: at };
      this.approvals.set(key, approval);
      this.ctx.chunk.approvals.push(approval);
    }
  }

  private report(gate: SeedGate, status: 'passed' | 'failed', at: Date) {
    const { id: trainId } = this.train;
    const participantRef = gate.participantRef!;
    const checkName = gate.config.checkName!;
    const idempotencyKey = `ci-${++this.reports}`;
    const evidenceUrl = `https://ci.acme.example/runs/${trainId.slice(0, 8)}-${idempotencyKey}`;
    this.ctx.chunk.checks.push({
      trainId,
      participantRef,
      checkName,
      idempotencyKey,
      status,
      evidenceUrl,
      reportedAt: at,
      reporter: CI,
    });
    logDecision(this.ctx, trainId, at, {
      entityRef: participantRef,
      actorRef: CI,
      action: 'check.reported',
      subject: `${participantRef}#${checkName}`,
      after: { status, evidenceUrl },
    });
    // The newest result decides the gate, unless it was waived.
    if (gate.state !== status && gate.state !== 'waived') {
      this.change(gate, status, at, {
        actorRef: CI,
        action: `gate.${status}`,
        reason: `Check ${checkName} reported ${status}`,
      });
    }
  }

  private waive(gate: SeedGate, at: Date) {
    const { ambassadorRef } = this.train;
    // Waivers run two weeks; those of active trains still run now.
    const until = new Date(Math.max(at.getTime(), this.ctx.now) + 14 * DAY);
    const reason = 'Known issue, tracked; accepted by the ambassador';
    this.ctx.chunk.waivers.push({
      gateId: gate.id,
      waivedBy: ambassadorRef,
      reason,
      until,
      waivedAt: at,
    });
    this.change(gate, 'waived', at, {
      actorRef: ambassadorRef,
      action: 'gate.waived',
      after: { until: until.toISOString() },
      reason,
    });
  }

  /** A gate that guarded leaving a stage the train left between `from` and `to`. */
  settle(gate: SeedGate, from: number, to: number) {
    const { random } = this.ctx;
    if (gate.state === 'passed' || gate.state === 'waived') return;
    const members = this.members(gate);
    if ((gate.kind === 'approval' && members.length === 0) || random.chance(0.02)) {
      this.waive(gate, random.between(from, to));
    } else if (gate.kind === 'approval') {
      const member = random.pick(members);
      const at = random.between(from, to);
      // Now and then the owners say no first, and change their mind.
      if (random.chance(0.05)) this.decide(gate, random.between(from, +at), member, 'reject');
      this.decide(gate, at, member, 'approve');
    } else if (gate.kind === 'check') {
      const first = random.between(from, to - HOUR);
      if (random.chance(0.25)) this.report(gate, 'failed', first);
      this.report(gate, 'passed', random.between(+first, to));
      // Reruns report again; the newest result counts.
      if (random.chance(0.3)) this.report(gate, 'passed', random.between(+first, to));
    } else {
      this.change(gate, 'passed', new Date(to - MINUTE), {
        actorRef: this.train.ambassadorRef,
        action: 'gate.evaluated',
        reason: `${gate.config.title}: satisfied`,
      });
    }
  }

  /**
   * A gate of the stage the train is in (or was cancelled in), between `from` and `to`: half
   * of the approvals given (a few refused), most checks reported; rules wait for the advance.
   */
  progress(gate: SeedGate, from: number, to: number) {
    const { random } = this.ctx;
    const members = this.members(gate);
    const roll = random.next();
    if (gate.kind === 'approval' && members.length > 0 && roll < 0.5) {
      const decision = roll < 0.05 ? 'reject' : 'approve';
      this.decide(gate, random.between(from, to), random.pick(members), decision);
    } else if (gate.kind === 'check' && roll < 0.6) {
      this.report(gate, roll < 0.1 ? 'failed' : 'passed', random.between(from, to));
    }
  }
}
