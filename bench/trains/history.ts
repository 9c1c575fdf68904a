/**
 * Years of release trains, generated: what happened to each train, its participants, gates
 * and outcomes, as records for seed.ts to write. Deterministic apart from gate ids (the
 * plugin's `instantiateGates` draws them).
 *
 * The mix:
 * - trains spread evenly over the last `years`, each run by one team (in turn) with an
 *   ambassador from its members: at 1,000 trains over 3 years about 6 a week;
 * - the newest `activeShare` are active, each some way into a random stage; of the others 85%
 *   released, 9% cancelled (in a random stage), 6% released and then rolled back;
 * - 2-8 participant Components: half the team's own, some of what those depend on, the rest
 *   drawn from the popular ones (a power law), so that a few Components are in many trains;
 * - gates from the default stages through the plugin's own `instantiateGates`, decided as
 *   gateHistory.ts tells; deployments, rollback plans and retrospectives as outcomes.ts tells;
 * - the decision log of all of it, shaped as the plugin writes it (the scorecards read it).
 */
import type { TrainParticipant } from '@release-coordination/plugin-release-coordination-common';
// The plugin's own functions, so that gates and recordings are what the plugin would write.
import { upstreamEdgesAmong } from '../../plugins/release-coordination-backend/src/trains/dependencyDrift';
import { DEFAULT_STAGES } from '../../plugins/release-coordination-backend/src/trains/stages';
import { instantiateGates } from '../../plugins/release-coordination-backend/src/trains/TrainService';
import { sample } from '../lib';
import { DAY, HOUR, HistoryContext, MINUTE, createRandom, logDecision, zipf } from './context';
import { GateHistory } from './gateHistory';
import type { BenchOrganization } from './organization';
import { deploy, maybeHotfix, retrospective, rollBack } from './outcomes';
import { SeedChunk, SeedGate, SeedTrain, emptyChunk } from './seed';

export interface HistoryOptions {
  trains: number;
  now: Date;
  /** How far back the trains go. Default 3. */
  years?: number;
  /** The share of trains that are still active. Default 0.03. */
  activeShare?: number;
  seed?: number;
  /** Trains per chunk. Default 200. */
  chunkSize?: number;
}

const STAGES = DEFAULT_STAGES;
/** Planned hours of each default stage: a train a week. */
const PLANNED_HOURS = [48, 48, 36, 24];

/** The history, a chunk of trains at a time, so that memory stays flat at any size. */
export function* generateHistory(
  org: BenchOrganization,
  options: HistoryOptions,
): Generator<SeedChunk> {
  const { trains: total } = options;
  const now = options.now.getTime();
  const span = (options.years ?? 3) * 365 * DAY;
  const activeCount = Math.max(1, Math.round(total * (options.activeShare ?? 0.03)));
  const random = createRandom(options.seed ?? 20261204);
  const popular = zipf(org.ranked.length);
  let chunk = emptyChunk();
  for (let i = 0; i < total; i++) {
    const createdAt = now - span + ((i + random.next()) * span) / total;
    simulateTrain({ org, random, popular, chunk, now }, i, i >= total - activeCount, createdAt);
    if (chunk.trains.length >= (options.chunkSize ?? 200)) {
      yield chunk;
      chunk = emptyChunk();
    }
  }
  if (chunk.trains.length > 0) yield chunk;
}

function pickParticipants(ctx: HistoryContext, team: string): TrainParticipant[] {
  const { org, random } = ctx;
  const count = 2 + random.int(7);
  const own = org.componentsOf.get(team) ?? [];
  const picked = new Set(sample(own, Math.ceil(count / 2), random.next));
  // Cross-team: now and then what the team's components depend on, then popular ones.
  for (const ref of [...picked]) {
    const upstream = org.upstreamOf.get(ref) ?? [];
    if (picked.size < count && upstream.length > 0 && random.chance(0.25)) {
      picked.add(random.pick(upstream));
    }
  }
  while (picked.size < count) picked.add(org.ranked[ctx.popular(random)]);
  return [...picked].map(entityRef => {
    // The owner as the plugin resolves it: from the dependency graph of the catalog.
    const ownerRef = org.index.node(entityRef)?.owner;
    const targetVersion = `${1 + random.int(9)}.${random.int(40)}.${random.int(20)}`;
    return { entityRef, targetVersion, ...(ownerRef ? { ownerRef } : {}) };
  });
}

function pickStatus(ctx: HistoryContext, active: boolean): SeedTrain['status'] {
  if (active) return 'active';
  const roll = ctx.random.next();
  if (roll < 0.85) return 'released';
  return roll < 0.94 ? 'cancelled' : 'rolled-back';
}

function simulateTrain(ctx: HistoryContext, i: number, active: boolean, evenCreatedAt: number) {
  const { org, random, chunk, now } = ctx;
  const team = org.teams[i % org.teams.length];
  const teamName = team.split('/')[1];
  const ambassadorRef = random.pick(org.membersOf.get(team)!);
  const status = pickStatus(ctx, active);
  // The stage the train is in, was cancelled in, or past the last one.
  const reached = active || status === 'cancelled' ? random.int(STAGES.length) : STAGES.length;
  const durations = PLANNED_HOURS.map(hours => hours * HOUR * (0.6 + 0.8 * random.next()));
  const before = (s: number) => durations.slice(0, s).reduce((sum, d) => sum + d, 0);
  // An active train is some way into its current stage now.
  const createdAt = active
    ? now - before(reached) - (0.1 + 0.8 * random.next()) * durations[reached]
    : evenCreatedAt;
  const entered = (s: number) => createdAt + before(s);

  const trainId = random.uuid();
  const day = new Date(createdAt).toISOString().slice(0, 10);
  const train: SeedTrain = {
    id: trainId,
    name: `${teamName.replace(/^team-/, '')} ${day}`,
    objective: `Ship the increment of ${teamName} of ${day} with what it depends on`,
    ambassadorRef,
    status,
    currentStage: STAGES[0].name,
    createdAt: new Date(createdAt),
    updatedAt: new Date(createdAt),
    version: 0,
    stagePlan: STAGES.map((stage, s) => {
      const start = createdAt + PLANNED_HOURS.slice(0, s).reduce((a, b) => a + b, 0) * HOUR;
      const window = {
        start: new Date(start).toISOString(),
        end: new Date(start + PLANNED_HOURS[s] * HOUR).toISOString(),
      };
      return { name: stage.name, title: stage.title, window };
    }),
  };
  chunk.trains.push(train);
  const participants = pickParticipants(ctx, team);
  participants.forEach((p, position) => chunk.participants.push({ ...p, trainId, position }));
  const refs = participants.map(p => p.entityRef);
  const gates: SeedGate[] = instantiateGates(trainId, STAGES, participants).map(gate => ({
    ...gate,
    state: 'pending',
    updatedAt: new Date(createdAt),
    version: 0,
  }));
  chunk.gates.push(...gates);
  const gateHistory = new GateHistory(ctx, train);

  const log = (at: number, entry: Parameters<typeof logDecision>[3]) =>
    logDecision(ctx, trainId, at, entry);
  log(createdAt, {
    actorRef: ambassadorRef,
    action: 'train.created',
    subject: trainId,
    after: { name: train.name, ambassadorRef, participants: refs, gateCount: gates.length },
  });
  // The catalog did not change while the trains ran: the same edges at every transition.
  const upstreamEdges = upstreamEdgesAmong(org.index, refs);
  const snapshot = (at: number, stage: string, toStage?: string) =>
    chunk.stageSnapshots.push({ trainId, stage, toStage, upstreamEdges, takenAt: new Date(at) });
  snapshot(createdAt, STAGES[0].name, STAGES[0].name);
  const trainChange = (at: number, patch: Partial<SeedTrain>) =>
    Object.assign(train, patch, { updatedAt: new Date(at), version: train.version + 1 });

  let endedAt = createdAt;
  for (let s = 0; s < STAGES.length; s++) {
    const stage = STAGES[s].name;
    const next = STAGES[s + 1]?.name;
    // What must pass to leave the stage: its own gates and the next stage's entry gates.
    const guarding = gates.filter(
      g => g.stage === stage || (g.stage === next && g.phase === 'entry'),
    );
    const done = s < reached;
    // Until when things happened in this stage: leaving it, the cancellation, or now.
    let until = now - MINUTE;
    if (done) until = entered(s + 1);
    else if (status === 'cancelled') until = entered(s) + random.next() * durations[s];
    const span = { train, participants, from: entered(s), to: until };
    if (stage === 'validation') deploy(ctx, { ...span, environment: 'staging' });
    if (stage === 'deployment') deploy(ctx, { ...span, environment: 'production' });
    if (!done) {
      for (const gate of guarding) gateHistory.progress(gate, entered(s), until);
      if (status === 'cancelled') {
        trainChange(until, {});
        endedAt = until;
        log(until, {
          actorRef: ambassadorRef,
          action: 'train.cancelled',
          subject: trainId,
          before: { status: 'active' },
          after: { status: 'cancelled' },
          reason: 'Descoped: the feature moved to a later train',
        });
      }
      break;
    }
    for (const gate of guarding) gateHistory.settle(gate, entered(s), until);
    trainChange(until, next ? { currentStage: next } : { status: 'released' });
    endedAt = until;
    snapshot(until, stage, next);
    log(until, {
      actorRef: ambassadorRef,
      action: 'stage.advanced',
      subject: stage,
      before: { stage, status: 'active' },
      after: next ? { stage: next, status: 'active' } : { stage, status: 'released' },
    });
    if (!next && status === 'released') maybeHotfix(ctx, { ...span, environment: 'production' });
  }
  if (status === 'rolled-back') {
    endedAt += (1 + random.next() * 12) * HOUR;
    rollBack(ctx, trainId, endedAt);
    trainChange(endedAt, { status });
    log(endedAt, {
      actorRef: ambassadorRef,
      action: 'train.rolled-back',
      subject: trainId,
      before: { status: 'released' },
      after: { status: 'rolled-back' },
      reason: 'Error rate doubled after the release',
    });
  }
  if (status !== 'active') retrospective(ctx, train, participants, endedAt);
}
