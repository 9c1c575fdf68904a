import {
  ReportDeploymentRequest,
  TrainGate,
} from '@release-coordination/plugin-release-coordination-common';
import {
  HistoryCatalogExpectation,
  ReleaseCoordinationHistoryContext,
  ReleaseCoordinationHistoryReplay,
} from '@release-coordination/plugin-release-coordination-node';
import {
  DemoHistory,
  HistoryDeployment,
  HistoryTime,
  HistoryTrain,
} from './definition';

/**
 * Who reported check results, deployments and rehearsals: the subject of the demo portal's CI
 * token (`backend.auth.externalAccess` in app-config.yaml).
 */
export const CI_REPORTER = 'demo-ci';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** CI records a rehearsal a few minutes after it ran. */
const DRILL_RECORDED_AFTER_MS = 5 * MINUTE_MS;

const userRef = (name: string) => `user:default/${name}`;
const componentRef = (name: string) => `component:default/${name}`;
const groupRef = (name: string) => `group:default/${name}`;

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

/** What the replay learnt of a train from the plugin: its id and its gates. */
interface ReplayedTrain {
  id: string;
  gates: TrainGate[];
}

/**
 * The events of one train, each calling the plugin's services as the person or pipeline that
 * did it. The plugin's rules decide every outcome; a step they refuse fails the replay.
 */
function trainEvents(
  ctx: ReleaseCoordinationHistoryContext,
  train: HistoryTrain,
  history: DemoHistory,
  time: (t: HistoryTime) => Date,
  add: (at: Date, what: string, run: () => Promise<unknown>) => void,
) {
  const state: { train?: ReplayedTrain } = {};
  const flagIds = new Map<string, string>();
  // Our ids of the deployments, by the CI's id: incidents are attributed to them.
  const deploymentIds = new Map<string, string>();
  const ambassador = () => ctx.asUser(userRef(train.ambassador));
  const ci = () => ctx.asService(CI_REPORTER);
  const replayed = (): ReplayedTrain => {
    if (!state.train) throw new Error(`${train.name} was not created yet`);
    return state.train;
  };
  const gate = (stage: string, component: string, match: (g: TrainGate) => boolean) => {
    const found = replayed().gates.filter(
      g => g.stage === stage && g.participantRef === componentRef(component) && match(g),
    );
    if (found.length !== 1) {
      throw new Error(`${train.name}: ${found.length} such gates of ${component} in ${stage}`);
    }
    return found[0];
  };
  const on = (t: HistoryTime, what: string, run: () => Promise<unknown>) =>
    add(time(t), `${train.name}: ${what}`, run);

  on(train.createdAt, 'creation', async () => {
    const created = await ambassador().createTrain({
      name: train.name,
      objective: train.objective,
      ambassadorRef: userRef(train.ambassador),
      stageWindows: Object.fromEntries(
        Object.entries(train.stages).map(([stage, { window }]) => [
          stage,
          { start: time(window[0]).toISOString(), end: time(window[1]).toISOString() },
        ]),
      ),
      participants: train.participants.map(p => ({
        entityRef: componentRef(p.component),
        targetVersion: p.version,
      })),
    });
    state.train = { id: created.id, gates: created.gates };
  });

  for (const p of train.participants) {
    on(p.rollbackPlan.at, `rollback plan of ${p.component}`, () =>
      ctx
        .asUser(userRef(p.rollbackPlan.by))
        .saveRollbackPlan(replayed().id, componentRef(p.component), {
          ...history.rollbackProcedures[p.component],
        }),
    );
  }

  // The joint release review before deployment: each owning team signs it off an hour before
  // validation is left, by whoever of the team wrote its rollback plan.
  const validationLeft = train.stages.validation?.leftAt;
  if (validationLeft) {
    const signers = new Map(train.participants.map(p => [p.owner, p.rollbackPlan.by]));
    for (const [team, by] of signers) {
      add(
        new Date(time(validationLeft).getTime() - 3_600_000),
        `${train.name}: review sign-off of ${team}`,
        () =>
          ctx.asUser(userRef(by)).signOffReview(replayed().id, {
            teamRef: `group:default/${team}`,
          }),
      );
    }
  }

  for (const [stage, events] of Object.entries(train.stages)) {
    for (const [component, steps] of Object.entries(events.approvals ?? {})) {
      for (const step of steps) {
        on(step.at, `${step.decision} of ${component} in ${stage}`, () => {
          const { id } = gate(stage, component, g => g.kind === 'approval');
          const person = ctx.asUser(userRef(step.by));
          return step.decision === 'approve'
            ? person.approveGate(id, step.comment ? { comment: step.comment } : {})
            : person.rejectGate(id, { comment: step.comment ?? '' });
        });
      }
    }
    for (const [component, reports] of Object.entries(events.checks ?? {})) {
      reports.forEach((report, n) =>
        on(report.at, `check of ${component} in ${stage}`, () => {
          const { checkName } = gate(stage, component, g => g.kind === 'check');
          return ci().reportCheck(replayed().id, {
            participantRef: componentRef(component),
            checkName: checkName!,
            status: report.status,
            evidenceUrl: `https://ci.example.com/${component}/${checkName}/${train.key}-${n + 1}`,
            idempotencyKey: `${train.key}/${component}/${checkName}/${n + 1}`,
          });
        }),
      );
    }
    for (const [component, waiver] of Object.entries(events.waivers ?? {})) {
      on(waiver.at, `waiver of ${waiver.gate} of ${component}`, async () => {
        // An entry gate belongs to its stage, but guards the way into it: its waiver comes
        // while the stage before is current.
        const waived = replayed().gates.find(
          g => g.templateId === waiver.gate && g.participantRef === componentRef(component),
        );
        if (!waived) throw new Error(`${train.name}: no gate ${waiver.gate} of ${component}`);
        return ctx
          .asUser(userRef(waiver.by))
          .waiveGate(waived.id, { reason: waiver.reason, until: time(waiver.until) });
      });
    }
    for (const attempt of events.blockedAdvances ?? []) {
      on(attempt, `blocked advance from ${stage}`, async () => {
        // The gates must hold the train back (a conflict naming them); the plugin evaluates
        // its rules and keeps their outcomes. Any other refusal is a mistake in the story.
        const refusal = await ambassador()
          .advanceStage(replayed().id, { expectedStage: stage })
          .then(
            () => undefined,
            (error: Error) => error,
          );
        if (!refusal) {
          throw new Error(`${train.name}: leaving ${stage} was meant to be blocked, but it was not`);
        }
        if (refusal.name !== 'ConflictError') throw refusal;
      });
    }
    if (events.leftAt) {
      on(events.leftAt, `advance from ${stage}`, async () => {
        const moved = await ambassador().advanceStage(replayed().id, { expectedStage: stage });
        state.train = { id: moved.id, gates: moved.gates };
      });
    }
  }

  for (const [component, deployments] of Object.entries(train.deployments)) {
    const counts = new Map<string, number>();
    for (const deployment of deployments) {
      const n = (counts.get(deployment.environment) ?? 0) + 1;
      counts.set(deployment.environment, n);
      deploymentEvents(train, component, deployment, n, time, (at, what, report) =>
        add(at, `${train.name}: ${what}`, async () => {
          const reported = await ci().reportDeployment(replayed().id, report);
          deploymentIds.set(report.deploymentId, reported.id);
        }),
      );
    }
  }

  for (const incident of train.incidents ?? []) {
    const ids: { id?: string } = {};
    const startedAt = time(incident.at);
    const report = {
      source: 'pagerduty',
      externalId: incident.id,
      title: incident.title,
      entityRef: componentRef(incident.component),
      severity: incident.severity,
      startedAt: startedAt.toISOString(),
      ...(incident.usersAffected !== undefined ? { usersAffected: incident.usersAffected } : {}),
      ...(incident.impactMinutes !== undefined ? { impactMinutes: incident.impactMinutes } : {}),
      url: `https://incidents.example.com/${incident.id}`,
    };
    on(incident.at, `incident ${incident.id}`, async () => {
      ids.id = (await ci().reportIncident(report)).id;
    });
    if (incident.minutesToRestore !== undefined) {
      const resolvedAt = new Date(startedAt.getTime() + incident.minutesToRestore * MINUTE_MS);
      add(resolvedAt, `${train.name}: incident ${incident.id} resolved`, () =>
        ci().reportIncident({ ...report, resolvedAt: resolvedAt.toISOString() }),
      );
    }
    const confirmed = incident.confirmed;
    if (confirmed) {
      on(confirmed.at, `cause of incident ${incident.id}`, () => {
        const ciId = `${train.key}-${confirmed.component}-production-${confirmed.n}`;
        const deploymentId = deploymentIds.get(ciId);
        if (!deploymentId) throw new Error(`${train.name}: no deployment ${ciId} before the incident`);
        return ctx.asUser(userRef(confirmed.by)).attributeIncident(ids.id!, {
          state: 'confirmed',
          deploymentId,
          ...(confirmed.comment ? { comment: confirmed.comment } : {}),
        });
      });
    }
  }

  if (train.rolledBack) {
    const { reason } = train.rolledBack;
    on(train.rolledBack.at, 'rollback of the train', () =>
      ambassador().rollBackTrain(replayed().id, { reason }),
    );
  }

  for (const flag of train.flags) {
    const key = `${flag.component}/${flag.key}`;
    on(flag.at, `flag ${flag.key}`, async () => {
      const created = await ctx.asUser(userRef(flag.createdBy)).createFlag(replayed().id, {
        participantRef: componentRef(flag.component),
        key: flag.key,
        ownerRef: flag.ownerRef,
        purpose: flag.purpose,
        expiresAt: time(flag.expiresAt).toISOString(),
      });
      flagIds.set(key, created.id);
    });
    for (const change of flag.changes) {
      on(change.at, `flag ${flag.key} ${change.state}`, () =>
        ctx.asUser(userRef(change.by)).updateFlag(flagIds.get(key)!, { state: change.state }),
      );
    }
  }

  for (const note of train.retrospective.notes) {
    on(note.at, 'retrospective note', () =>
      ctx
        .asUser(userRef(note.by))
        .addRetrospectiveNote(replayed().id, { column: note.column, text: note.text }),
    );
  }
  for (const item of train.retrospective.actionItems) {
    const ids: { id?: string } = {};
    on(item.at, `action item '${item.title}'`, async () => {
      const created = await ambassador().createActionItem(replayed().id, {
        title: item.title,
        ownerRef: item.ownerRef,
        dueAt: time(item.dueAt).toISOString(),
      });
      ids.id = created.id;
    });
    const closed = item.closed;
    if (closed) {
      on(closed.at, `closing '${item.title}'`, () =>
        ctx.asUser(userRef(closed.by)).updateActionItem(ids.id!, {
          status: closed.status,
          ...(closed.comment ? { comment: closed.comment } : {}),
        }),
      );
    }
  }
}

/**
 * How CI reports a rollout: when it starts, when it finishes, and for one rolled back later,
 * when the previous version is back.
 */
function deploymentEvents(
  train: HistoryTrain,
  component: string,
  deployment: HistoryDeployment,
  n: number,
  time: (t: HistoryTime) => Date,
  report: (at: Date, what: string, request: ReportDeploymentRequest) => void,
) {
  const participant = train.participants.find(p => p.component === component);
  if (!participant) throw new Error(`${train.name}: ${component} is not a participant`);
  const deploymentId = `${train.key}-${component}-${deployment.environment}-${n}`;
  const startedAt = time(deployment.at);
  const finishedAt = new Date(startedAt.getTime() + deployment.minutes * MINUTE_MS);
  const base = {
    participantRef: componentRef(component),
    environment: deployment.environment,
    deploymentId,
    version: deployment.version ?? participant.version,
    startedAt: startedAt.toISOString(),
    ...(deployment.hotfix ? { hotfix: true } : {}),
    evidenceUrl: `https://deploy.example.com/${deployment.environment}/${deploymentId}`,
  };
  const what = `${deployment.environment} deployment ${deploymentId}`;
  report(startedAt, `${what} started`, base);
  const finished = {
    ...base,
    finishedAt: finishedAt.toISOString(),
    result: deployment.result ?? 'succeeded',
  };
  report(finishedAt, `${what} finished`, finished);
  if (deployment.rollback) {
    const rollbackStartedAt = time(deployment.rollback.at);
    const rollbackFinishedAt = new Date(
      rollbackStartedAt.getTime() + deployment.rollback.minutes * MINUTE_MS,
    );
    report(rollbackFinishedAt, `${what} rolled back`, {
      ...finished,
      result: 'rolled-back',
      rollbackStartedAt: rollbackStartedAt.toISOString(),
      rollbackFinishedAt: rollbackFinishedAt.toISOString(),
    });
  }
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
