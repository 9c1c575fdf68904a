import {
  HistoryCatalogExpectation,
  ReleaseCoordinationHistoryContext,
  ReleaseCoordinationHistoryReplay,
} from '@release-coordination/plugin-release-coordination-node';
import { MINUTE_MS, componentRef, groupRef, userRef } from './core';
import { DemoHistory, HistoryTime, HistoryTrain } from './definition';
import {
  ReplayedTrain,
  TrainReplay,
  creationEvents,
  deploymentReports,
  flagEvents,
  gateEvents,
  incidentEvents,
  retrospectiveEvents,
  reviewSignOffs,
  stageMoves,
  trainRollback,
} from './trainEventSteps';

/**
 * Who reported check results, deployments and rehearsals: the subject of the demo portal's CI
 * token (`backend.auth.externalAccess` in app-config.yaml).
 */
export const CI_REPORTER = 'demo-ci';

const DAY_MS = 24 * 60 * MINUTE_MS;

/** CI records a rehearsal a few minutes after it ran. */
const DRILL_RECORDED_AFTER_MS = 5 * MINUTE_MS;

/** Places the history's times relative to `now`: day 0 is the UTC day of `now`. */
export function historyTimeline(now: Date) {
  const dayZero = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return (t: HistoryTime): Date => {
    const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(t.time);
    if (!match || !Number.isInteger(t.day)) {
      throw new Error(`Demo history: '${t.day} ${t.time}' is not a day and an HH:MM time`);
    }
    return new Date(
      dayZero + t.day * DAY_MS + (Number(match[1]) * 60 + Number(match[2])) * MINUTE_MS,
    );
  };
}

/**
 * What the catalog must know before the history can be told: every entity it names, each
 * participant owned by the team the history says, and each approver a member of the team
 * whose gate they decide - the plugin counts approvals only from members.
 */
export function catalogExpectation(history: DemoHistory): HistoryCatalogExpectation {
  const refs = new Set<string>();
  const relations = new Map<string, { source: string; type: string; target: string }>();
  const relate = (source: string, type: string, target: string) =>
    relations.set(`${source} ${type} ${target}`, { source, type, target });
  for (const train of history.trains) {
    refs.add(userRef(train.ambassador));
    for (const p of train.participants) {
      refs.add(componentRef(p.component));
      refs.add(groupRef(p.owner));
      relate(componentRef(p.component), 'ownedBy', groupRef(p.owner));
    }
    const owner = (component: string) =>
      train.participants.find(p => p.component === component)?.owner;
    for (const stage of Object.values(train.stages)) {
      for (const [component, steps] of Object.entries(stage.approvals ?? {})) {
        const team = owner(component);
        for (const step of steps) {
          if (team) relate(userRef(step.by), 'memberOf', groupRef(team));
        }
      }
    }
    for (const incident of train.incidents ?? []) {
      refs.add(componentRef(incident.component));
      const decided = incident.confirmed;
      // Whoever confirms the cause answers for the deployed component.
      const team = decided && owner(decided.component);
      if (decided && team) relate(userRef(decided.by), 'memberOf', groupRef(team));
    }
    for (const note of train.retrospective.notes) refs.add(userRef(note.by));
    for (const item of train.retrospective.actionItems) refs.add(item.ownerRef);
    for (const flag of train.flags) refs.add(flag.ownerRef);
  }
  return { entityRefs: [...refs].sort(), relations: [...relations.values()] };
}

/** One thing that happened, at its time; `seq` keeps the story's order among equal times. */
interface HistoryEvent {
  at: Date;
  seq: number;
  what: string;
  run: () => Promise<unknown>;
}

/**
 * The events of one train, each calling the plugin's services as the person or pipeline that
 * did it. The plugin's rules decide every outcome; a step they refuse fails the replay. They
 * are added in the order of the train's life, which also orders events at the same time.
 */
function trainEvents(
  ctx: ReleaseCoordinationHistoryContext,
  train: HistoryTrain,
  history: DemoHistory,
  time: (t: HistoryTime) => Date,
  add: (at: Date, what: string, run: () => Promise<unknown>) => void,
) {
  const state: { train?: ReplayedTrain } = {};
  const at = (when: Date, what: string, run: () => Promise<unknown>) =>
    add(when, `${train.name}: ${what}`, run);
  const r: TrainReplay = {
    ctx,
    train,
    history,
    time,
    at,
    on: (t, what, run) => at(time(t), what, run),
    ambassador: () => ctx.asUser(userRef(train.ambassador)),
    ci: () => ctx.asService(CI_REPORTER),
    replayed: () => {
      if (!state.train) throw new Error(`${train.name} was not created yet`);
      return state.train;
    },
    remember: replayed => {
      state.train = replayed;
    },
    deploymentIds: new Map(),
  };

  creationEvents(r);
  reviewSignOffs(r);
  for (const [stage, events] of Object.entries(train.stages)) {
    gateEvents(r, stage, events);
    stageMoves(r, stage, events);
  }
  deploymentReports(r);
  incidentEvents(r);
  trainRollback(r);
  flagEvents(r);
  retrospectiveEvents(r);
}

/**
 * The demo history as a replay: every event of every train and every rehearsal, in time order,
 * each through the plugin's services at its own time. `now` anchors the story: day 0 is the
 * UTC day the replay runs, and nothing may lie after that moment.
 */
export function demoHistoryReplay(
  history: DemoHistory,
  now: () => Date = () => new Date(),
): ReleaseCoordinationHistoryReplay {
  return {
    id: 'demo-history',
    async replay(ctx) {
      const started = now();
      const time = historyTimeline(started);
      const events: HistoryEvent[] = [];
      const add = (at: Date, what: string, run: () => Promise<unknown>) => {
        if (at >= started) throw new Error(`Demo history: ${what} lies in the future`);
        events.push({ at, seq: events.length, what, run });
      };
      for (const train of history.trains) trainEvents(ctx, train, history, time, add);
      const drills = new Map<string, number>();
      for (const drill of history.drills) {
        const n = (drills.get(drill.component) ?? 0) + 1;
        drills.set(drill.component, n);
        const rehearsedAt = time(drill.at);
        add(
          new Date(rehearsedAt.getTime() + DRILL_RECORDED_AFTER_MS),
          `rehearsal of ${drill.component}`,
          () =>
            ctx.asService(CI_REPORTER).reportRollbackDrill({
              entityRef: componentRef(drill.component),
              result: drill.result,
              rehearsedAt: rehearsedAt.toISOString(),
              evidenceUrl: `https://ci.example.com/${drill.component}/rollback-drill/${n}`,
              idempotencyKey: `rollback-drill/${drill.component}/${n}`,
            }),
        );
      }
      events.sort((a, b) => a.at.getTime() - b.at.getTime() || a.seq - b.seq);

      await ctx.waitForCatalog(catalogExpectation(history));
      for (const event of events) {
        ctx.setTime(event.at);
        try {
          await event.run();
        } catch (error) {
          throw new Error(`Demo history, ${event.what} at ${event.at.toISOString()}: ${error}`);
        }
      }
      ctx.logger.info(
        `Told the demo history: ${history.trains.length} release trains, ${events.length} events`,
      );
    },
  };
}
