/**
 * What trains leave behind besides their gates: deployments as CI reports them (staging in
 * validation, production in deployment, 5% failed and retried, a hotfix after 4% of releases,
 * undone when the train was rolled back), rollback plans, and retrospectives with notes and
 * action items. Logged as the plugin's services log them.
 */
import type { TrainParticipant } from '@release-coordination/plugin-release-coordination-common';
import { CI, DAY, HOUR, HistoryContext, MINUTE, logDecision } from './context';
import type { SeedDeployment, SeedTrain } from './seed';

let deployments = 0;

export interface StageSpan {
  train: SeedTrain;
  participants: TrainParticipant[];
  environment: 'staging' | 'production';
  /** When the stage was entered, and left (or the train cancelled, or now). */
  from: number;
  to: number;
}

/** The deployments of the participants during a stage, and rollback plans before production. */
export function deploy(ctx: HistoryContext, span: StageSpan) {
  const { random, chunk } = ctx;
  const { train, environment, from, to } = span;
  for (const participant of span.participants) {
    if (environment === 'production') {
      chunk.rollbackPlans.push({
        trainId: train.id,
        participantRef: participant.entityRef,
        criteria: 'Error rate above 2% for 10 minutes, or p99 latency doubled',
        procedureUrl: `https://runbooks.acme.example/${participant.entityRef.split('/')[1]}`,
        updatedBy: train.ambassadorRef,
        updatedAt: new Date(from - random.next() * DAY),
      });
    }
    let start = +random.between(from, from + 0.7 * (to - from));
    for (let attempt = 0; attempt < 2 && start < to; attempt++) {
      const finish = start + (10 + random.next() * 30) * MINUTE;
      const failed = attempt === 0 && random.chance(0.05);
      const running = finish > to;
      record(ctx, {
        trainId: train.id,
        participantRef: participant.entityRef,
        ownerRef: participant.ownerRef,
        environment,
        deploymentId: `deploy-${++deployments}`,
        version: participant.targetVersion,
        startedAt: new Date(start),
        ...(running
          ? {}
          : { finishedAt: new Date(finish), result: failed ? 'failed' : 'succeeded' }),
        hotfix: false,
        reporter: CI,
        reportedAt: new Date(start),
      });
      if (!failed) break;
      start = finish + 30 * MINUTE;
    }
  }
}

/** Now and then a release needs a hotfix within two days. */
export function maybeHotfix(ctx: HistoryContext, span: StageSpan) {
  const { random } = ctx;
  if (!random.chance(0.04)) return;
  const participant = random.pick(span.participants);
  const start = span.to + (1 + random.next() * 47) * HOUR;
  if (start + HOUR > ctx.now) return;
  record(ctx, {
    trainId: span.train.id,
    participantRef: participant.entityRef,
    ownerRef: participant.ownerRef,
    environment: 'production',
    deploymentId: `hotfix-${++deployments}`,
    version: `${participant.targetVersion}-hotfix.1`,
    startedAt: new Date(start),
    finishedAt: new Date(start + 20 * MINUTE),
    result: 'succeeded',
    hotfix: true,
    reporter: CI,
    reportedAt: new Date(start),
  });
}

/** A deployment, logged once when it started and once when it finished. */
function record(ctx: HistoryContext, d: SeedDeployment) {
  ctx.chunk.deployments.push(d);
  const entry = (finished: boolean) => ({
    environment: d.environment,
    version: d.version,
    startedAt: d.startedAt.toISOString(),
    finishedAt: finished ? d.finishedAt!.toISOString() : null,
    result: finished ? d.result : null,
    rollbackStartedAt: null,
    rollbackFinishedAt: null,
    hotfix: d.hotfix,
    evidenceUrl: null,
  });
  const base = {
    entityRef: d.participantRef,
    actorRef: CI,
    action: 'deployment.reported',
    subject: `${d.environment}#${d.deploymentId}`,
  };
  logDecision(ctx, d.trainId, d.startedAt, { ...base, after: entry(false) });
  if (d.finishedAt) {
    const finished = { ...base, before: entry(false), after: entry(true) };
    logDecision(ctx, d.trainId, d.finishedAt, finished);
  }
}

/** The production deployments of a train that was rolled back at `at` were undone. */
export function rollBack(ctx: HistoryContext, trainId: string, at: number) {
  for (const d of ctx.chunk.deployments) {
    if (d.trainId !== trainId || d.environment !== 'production' || d.result !== 'succeeded') {
      continue;
    }
    d.result = 'rolled-back';
    d.rollbackStartedAt = new Date(at - 30 * MINUTE);
    d.rollbackFinishedAt = new Date(at - 10 * MINUTE);
  }
}

const NOTES = {
  'went-well': 'Contract tests caught a breaking change early',
  'to-improve': 'Staging was shared and flaky',
} as const;

/**
 * A third of ended trains hold a retrospective (nearly all rolled-back ones): a few notes, and
 * action items for the participants' owners, most of the old ones closed by now.
 */
export function retrospective(
  ctx: HistoryContext,
  train: SeedTrain,
  participants: TrainParticipant[],
  endedAt: number,
) {
  const { random, chunk, now } = ctx;
  const share = { 'rolled-back': 0.9, cancelled: 0.2 }[train.status as string] ?? 0.33;
  const heldAt = endedAt + (1 + random.next() * 48) * HOUR;
  if (!random.chance(share) || heldAt > now) return;
  const owners = [...new Set(participants.flatMap(p => (p.ownerRef ? [p.ownerRef] : [])))];
  const authors = [train.ambassadorRef, ...owners.flatMap(o => ctx.org.membersOf.get(o) ?? [])];
  const notes = 2 + random.int(5);
  for (let n = 0; n < notes; n++) {
    const column = random.chance(0.5) ? 'went-well' : 'to-improve';
    const note = {
      id: random.uuid(),
      trainId: train.id,
      column,
      text: NOTES[column],
      authorRef: random.pick(authors),
      createdAt: random.between(heldAt, heldAt + HOUR),
    } as const;
    chunk.notes.push(note);
    logDecision(ctx, train.id, note.createdAt, {
      actorRef: note.authorRef,
      action: 'retro.note-added',
      subject: note.id,
      after: { column, text: note.text },
    });
  }
  const items = train.status === 'rolled-back' ? 1 + random.int(3) : random.int(3);
  for (let n = 0; n < items && owners.length > 0; n++) {
    const createdAt = random.between(heldAt, heldAt + HOUR);
    const dueAt = new Date(+createdAt + 14 * DAY);
    const roll = random.next();
    const old = +dueAt + 30 * DAY < now;
    const status = old
      ? roll < 0.75 ? 'done' : roll < 0.85 ? 'dropped' : 'open'
      : roll < 0.3 ? 'done' : 'open';
    const closedAt =
      status === 'open'
        ? undefined
        : random.between(+createdAt, Math.min(now, +createdAt + 20 * DAY));
    const item = {
      id: random.uuid(),
      trainId: train.id,
      title: 'Automate the staging smoke test',
      ownerRef: random.pick(owners),
      status,
      dueAt,
      createdAt,
      closedAt,
    } as const;
    chunk.actionItems.push(item);
    const { ambassadorRef } = train;
    logDecision(ctx, train.id, createdAt, {
      actorRef: ambassadorRef,
      action: 'action-item.created',
      subject: item.id,
      after: {
        title: item.title,
        ownerRef: item.ownerRef,
        dueAt: dueAt.toISOString(),
        status: 'open',
      },
    });
    if (closedAt) {
      logDecision(ctx, train.id, closedAt, {
        actorRef: ambassadorRef,
        action: 'action-item.updated',
        subject: item.id,
        before: { status: 'open' },
        after: { status },
      });
    }
  }
}
