import {
  ReportDeploymentRequest,
  TrainGate,
} from '@release-coordination/plugin-release-coordination-common';
import {
  ReleaseCoordinationActor,
  ReleaseCoordinationHistoryContext,
} from '@release-coordination/plugin-release-coordination-node';
import { MINUTE_MS, componentRef, userRef } from './core';
import {
  DemoHistory,
  HistoryDeployment,
  HistoryStage,
  HistoryTime,
  HistoryTrain,
} from './definition';

type Run = () => Promise<unknown>;

/** What the replay learnt of a train from the plugin: its id and its gates. */
export interface ReplayedTrain {
  id: string;
  gates: TrainGate[];
}

/** What the events of one train share while they are told. */
export interface TrainReplay {
  ctx: ReleaseCoordinationHistoryContext;
  train: HistoryTrain;
  history: DemoHistory;
  time: (t: HistoryTime) => Date;
  /** Adds an event of the train at an exact moment. */
  at: (when: Date, what: string, run: Run) => void;
  /** Adds an event of the train at a time of the history. */
  on: (t: HistoryTime, what: string, run: Run) => void;
  ambassador: () => ReleaseCoordinationActor;
  ci: () => ReleaseCoordinationActor;
  /** The train as the plugin last answered it; fails before it is created. */
  replayed: () => ReplayedTrain;
  /** Keeps the train as the plugin answered it after creating or moving it. */
  remember: (train: ReplayedTrain) => void;
  /** Our ids of the deployments, by the CI's id: incidents are attributed to them. */
  deploymentIds: Map<string, string>;
}

/** The one gate of a participant in a stage that `match` picks. */
function gateOf(
  r: TrainReplay,
  stage: string,
  component: string,
  match: (g: TrainGate) => boolean,
) {
  const found = r
    .replayed()
    .gates.filter(
      g =>
        g.stage === stage &&
        g.participantRef === componentRef(component) &&
        match(g),
    );
  if (found.length !== 1) {
    throw new Error(
      `${r.train.name}: ${found.length} such gates of ${component} in ${stage}`,
    );
  }
  return found[0];
}

/** The ambassador creates the train; each participant's team then writes its rollback plan. */
export function creationEvents(r: TrainReplay) {
  const { ctx, train, history, time } = r;
  r.on(train.createdAt, 'creation', async () => {
    const created = await r.ambassador().createTrain({
      name: train.name,
      objective: train.objective,
      ambassadorRef: userRef(train.ambassador),
      stageWindows: Object.fromEntries(
        Object.entries(train.stages).map(([stage, { window }]) => [
          stage,
          {
            start: time(window[0]).toISOString(),
            end: time(window[1]).toISOString(),
          },
        ]),
      ),
      participants: train.participants.map(p => ({
        entityRef: componentRef(p.component),
        targetVersion: p.version,
      })),
    });
    r.remember({ id: created.id, gates: created.gates });
  });

  for (const p of train.participants) {
    r.on(p.rollbackPlan.at, `rollback plan of ${p.component}`, () =>
      ctx
        .asUser(userRef(p.rollbackPlan.by))
        .saveRollbackPlan(r.replayed().id, componentRef(p.component), {
          ...history.rollbackProcedures[p.component],
        }),
    );
  }
}

/**
 * The joint release review before deployment: each owning team signs it off an hour before
 * validation is left, by whoever of the team wrote its rollback plan.
 */
export function reviewSignOffs(r: TrainReplay) {
  const { ctx, train, time } = r;
  const validationLeft = train.stages.validation?.leftAt;
  if (!validationLeft) return;
  const signers = new Map(
    train.participants.map(p => [p.owner, p.rollbackPlan.by]),
  );
  for (const [team, by] of signers) {
    r.at(
      new Date(time(validationLeft).getTime() - 3_600_000),
      `review sign-off of ${team}`,
      () =>
        ctx.asUser(userRef(by)).signOffReview(r.replayed().id, {
          teamRef: `group:default/${team}`,
        }),
    );
  }
}

/** Decisions on a stage's approval gates, CI's results for its checks, and waivers. */
export function gateEvents(
  r: TrainReplay,
  stage: string,
  events: HistoryStage,
) {
  const { ctx, train, time } = r;
  for (const [component, steps] of Object.entries(events.approvals ?? {})) {
    for (const step of steps) {
      r.on(step.at, `${step.decision} of ${component} in ${stage}`, () => {
        const { id } = gateOf(r, stage, component, g => g.kind === 'approval');
        const person = ctx.asUser(userRef(step.by));
        return step.decision === 'approve'
          ? person.approveGate(
              id,
              step.comment ? { comment: step.comment } : {},
            )
          : person.rejectGate(id, { comment: step.comment ?? '' });
      });
    }
  }
  for (const [component, reports] of Object.entries(events.checks ?? {})) {
    reports.forEach((report, n) =>
      r.on(report.at, `check of ${component} in ${stage}`, () => {
        const { checkName } = gateOf(
          r,
          stage,
          component,
          g => g.kind === 'check',
        );
        return r.ci().reportCheck(r.replayed().id, {
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
    r.on(waiver.at, `waiver of ${waiver.gate} of ${component}`, async () => {
      // An entry gate belongs to its stage, but guards the way into it: its waiver comes
      // while the stage before is current.
      const waived = r
        .replayed()
        .gates.find(
          g =>
            g.templateId === waiver.gate &&
            g.participantRef === componentRef(component),
        );
      if (!waived)
        throw new Error(
          `${train.name}: no gate ${waiver.gate} of ${component}`,
        );
      return ctx.asUser(userRef(waiver.by)).waiveGate(waived.id, {
        reason: waiver.reason,
        until: time(waiver.until),
      });
    });
  }
}

/** The ambassador's attempts to leave a stage: those its gates blocked, then the one that did. */
export function stageMoves(
  r: TrainReplay,
  stage: string,
  events: HistoryStage,
) {
  const { train } = r;
  for (const attempt of events.blockedAdvances ?? []) {
    r.on(attempt, `blocked advance from ${stage}`, async () => {
      // The gates must hold the train back (a conflict naming them); the plugin evaluates
      // its rules and keeps their outcomes. Any other refusal is a mistake in the story.
      const refusal = await r
        .ambassador()
        .advanceStage(r.replayed().id, { expectedStage: stage })
        .then(
          () => undefined,
          (error: Error) => error,
        );
      if (!refusal) {
        throw new Error(
          `${train.name}: leaving ${stage} was meant to be blocked, but it was not`,
        );
      }
      if (refusal.name !== 'ConflictError') throw refusal;
    });
  }
  if (events.leftAt) {
    r.on(events.leftAt, `advance from ${stage}`, async () => {
      const moved = await r
        .ambassador()
        .advanceStage(r.replayed().id, { expectedStage: stage });
      r.remember({ id: moved.id, gates: moved.gates });
    });
  }
}

/** CI's reports of every rollout, numbered per component and environment. */
export function deploymentReports(r: TrainReplay) {
  const { train, time } = r;
  for (const [component, deployments] of Object.entries(train.deployments)) {
    const counts = new Map<string, number>();
    for (const deployment of deployments) {
      const n = (counts.get(deployment.environment) ?? 0) + 1;
      counts.set(deployment.environment, n);
      deploymentEvents(
        train,
        component,
        deployment,
        n,
        time,
        (at, what, report) =>
          r.at(at, what, async () => {
            const reported = await r
              .ci()
              .reportDeployment(r.replayed().id, report);
            r.deploymentIds.set(report.deploymentId, reported.id);
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
  if (!participant)
    throw new Error(`${train.name}: ${component} is not a participant`);
  const deploymentId = `${train.key}-${component}-${deployment.environment}-${n}`;
  const startedAt = time(deployment.at);
  const finishedAt = new Date(
    startedAt.getTime() + deployment.minutes * MINUTE_MS,
  );
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
 * Incidents as the incident tool reports them (again once restored), and the cause an owner
 * of the deployed component confirms.
 */
export function incidentEvents(r: TrainReplay) {
  const { ctx, train, time } = r;
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
      ...(incident.usersAffected !== undefined
        ? { usersAffected: incident.usersAffected }
        : {}),
      ...(incident.impactMinutes !== undefined
        ? { impactMinutes: incident.impactMinutes }
        : {}),
      url: `https://incidents.example.com/${incident.id}`,
    };
    r.on(incident.at, `incident ${incident.id}`, async () => {
      ids.id = (await r.ci().reportIncident(report)).id;
    });
    if (incident.minutesToRestore !== undefined) {
      const resolvedAt = new Date(
        startedAt.getTime() + incident.minutesToRestore * MINUTE_MS,
      );
      r.at(resolvedAt, `incident ${incident.id} resolved`, () =>
        r
          .ci()
          .reportIncident({ ...report, resolvedAt: resolvedAt.toISOString() }),
      );
    }
    const confirmed = incident.confirmed;
    if (confirmed) {
      r.on(confirmed.at, `cause of incident ${incident.id}`, () => {
        const ciId = `${train.key}-${confirmed.component}-production-${confirmed.n}`;
        const deploymentId = r.deploymentIds.get(ciId);
        if (!deploymentId)
          throw new Error(
            `${train.name}: no deployment ${ciId} before the incident`,
          );
        return ctx.asUser(userRef(confirmed.by)).attributeIncident(ids.id!, {
          state: 'confirmed',
          deploymentId,
          ...(confirmed.comment ? { comment: confirmed.comment } : {}),
        });
      });
    }
  }
}

/** The ambassador rolling the whole train back, for a train the story rolls back. */
export function trainRollback(r: TrainReplay) {
  const { rolledBack } = r.train;
  if (!rolledBack) return;
  const { reason } = rolledBack;
  r.on(rolledBack.at, 'rollback of the train', () =>
    r.ambassador().rollBackTrain(r.replayed().id, { reason }),
  );
}

/** Feature flags the train's teams created, and each later change of their state. */
export function flagEvents(r: TrainReplay) {
  const { ctx, train, time } = r;
  const flagIds = new Map<string, string>();
  for (const flag of train.flags) {
    const key = `${flag.component}/${flag.key}`;
    r.on(flag.at, `flag ${flag.key}`, async () => {
      const created = await ctx
        .asUser(userRef(flag.createdBy))
        .createFlag(r.replayed().id, {
          participantRef: componentRef(flag.component),
          key: flag.key,
          ownerRef: flag.ownerRef,
          purpose: flag.purpose,
          expiresAt: time(flag.expiresAt).toISOString(),
        });
      flagIds.set(key, created.id);
    });
    for (const change of flag.changes) {
      r.on(change.at, `flag ${flag.key} ${change.state}`, () =>
        ctx
          .asUser(userRef(change.by))
          .updateFlag(flagIds.get(key)!, { state: change.state }),
      );
    }
  }
}

/** The retrospective's notes, and its action items with how each was closed. */
export function retrospectiveEvents(r: TrainReplay) {
  const { ctx, train, time } = r;
  for (const note of train.retrospective.notes) {
    r.on(note.at, 'retrospective note', () =>
      ctx.asUser(userRef(note.by)).addRetrospectiveNote(r.replayed().id, {
        column: note.column,
        text: note.text,
      }),
    );
  }
  for (const item of train.retrospective.actionItems) {
    const ids: { id?: string } = {};
    r.on(item.at, `action item '${item.title}'`, async () => {
      const created = await r.ambassador().createActionItem(r.replayed().id, {
        title: item.title,
        ownerRef: item.ownerRef,
        dueAt: time(item.dueAt).toISOString(),
      });
      ids.id = created.id;
    });
    const closed = item.closed;
    if (closed) {
      r.on(closed.at, `closing '${item.title}'`, () =>
        ctx.asUser(userRef(closed.by)).updateActionItem(ids.id!, {
          status: closed.status,
          ...(closed.comment ? { comment: closed.comment } : {}),
        }),
      );
    }
  }
}
