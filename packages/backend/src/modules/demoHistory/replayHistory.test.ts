// The plugin does not export how it instantiates gates and evaluates its rules; the tests read
// them from the workspace source to hold the history to them.
import { DEFAULT_STAGES } from '@release-coordination/plugin-release-coordination-backend';
import {
  ActionItem,
  FeatureFlag,
  Page,
  RollbackDrill,
  TrainParticipant,
} from '@release-coordination/plugin-release-coordination-common';
import {
  DEFAULT_MAX_REHEARSAL_AGE_DAYS,
  GateRule,
  TrainGateRuleContext,
} from '@release-coordination/plugin-release-coordination-node';
import {
  DependencyIndex,
  deriveDependencyGraph,
} from '../../../../../plugins/release-coordination-backend/src/dependencies/graph';
import { createOutcomeGateRules } from '../../../../../plugins/release-coordination-backend/src/outcomes/rules';
import { createPreviousActionItemsClosedRule } from '../../../../../plugins/release-coordination-backend/src/retrospectives/previousActionItemsClosed';
import { instantiateGates } from '../../../../../plugins/release-coordination-backend/src/trains/TrainService';
import { DemoHistory, HistoryTrain, at, deploy } from './definition';
import { DEMO_HISTORY } from './history';
import { HistoryRow, HistoryRows, replayHistory } from './replayHistory';
import { HISTORY_STAGES } from './stages';

const NOW = new Date('2027-03-10T08:30:00.000Z');
const DAY_MS = 24 * 3_600_000;

const json = (value: unknown) => JSON.parse(value as string);
const time = (value: unknown) => (value as Date).getTime();

/** A copy of the history with one train changed, for the cases the replay must refuse. */
function withTrain(key: string, change: (train: HistoryTrain) => void): DemoHistory {
  const copy: DemoHistory = structuredClone(DEMO_HISTORY);
  change(copy.trains.find(train => train.key === key)!);
  return copy;
}

function decisionsOf(rows: HistoryRows, trainId: string) {
  return rows.train_decisions.filter(row => row.train_id === trainId);
}

/**
 * The plugin's rules over action items, rehearsals and flags, reading the history's rows as
 * the database held them at `at`.
 */
function pluginRulesAt(rows: HistoryRows, at: Date): Map<string, GateRule<TrainGateRuleContext>> {
  const iso = (value: unknown) => (value as Date).toISOString();
  const by = (value: unknown) => value !== null && time(value) <= at.getTime();
  const trains = new Map(rows.release_trains.map(train => [train.id as string, train]));
  const actionItems = {
    async queryCarriedOver(
      trainId: string,
      ownerRefs: string[],
      page: { limit: number; offset: number },
    ): Promise<Page<ActionItem>> {
      const createdAt = time(trains.get(trainId)!.created_at);
      const open: ActionItem[] = rows.action_items
        .filter(
          item =>
            ownerRefs.includes(item.owner_ref as string) &&
            time(trains.get(item.train_id as string)!.created_at) < createdAt &&
            by(item.created_at) &&
            !by(item.closed_at),
        )
        .map(item => ({
          id: item.id as string,
          trainId: item.train_id as string,
          trainName: trains.get(item.train_id as string)!.name as string,
          title: item.title as string,
          ownerRef: item.owner_ref as string,
          dueAt: iso(item.due_at),
          status: 'open',
          createdAt: iso(item.created_at),
          updatedAt: iso(item.created_at),
          version: 0,
        }));
      return { items: open.slice(page.offset, page.offset + page.limit), totalCount: open.length };
    },
  };
  /** A flag's state as its last change before `at` left it. */
  const flagState = (flag: HistoryRow) =>
    json(
      rows.train_decisions
        .filter(
          d =>
            d.train_id === flag.train_id &&
            d.entity_ref === flag.participant_ref &&
            d.subject === `flag:${flag.flag_key}` &&
            by(d.created_at),
        )
        .at(-1)!.after,
    ).state;
  const outcomes = {
    async getRollbackPlan(trainId: string, entityRef: string) {
      const plan = rows.rollback_plans.find(
        p => p.train_id === trainId && p.participant_ref === entityRef && by(p.updated_at),
      );
      return plan
        ? {
            trainId,
            entityRef,
            criteria: plan.criteria as string,
            procedureUrl: plan.procedure_url as string,
            updatedBy: plan.updated_by as string,
            updatedAt: iso(plan.updated_at),
          }
        : undefined;
    },
    async summarizeDrills(entityRefs: string[]) {
      const summaries = new Map<string, { lastDrill?: RollbackDrill; lastPassedDrillAt?: string }>();
      for (const entityRef of entityRefs) {
        const drills = rows.rollback_drills
          .filter(d => d.entity_ref === entityRef && by(d.recorded_at))
          .sort((a, b) => time(b.rehearsed_at) - time(a.rehearsed_at));
        if (drills.length === 0) continue;
        const passed = drills.find(d => d.result === 'passed');
        summaries.set(entityRef, {
          lastDrill: {
            id: '1',
            entityRef,
            result: drills[0].result as RollbackDrill['result'],
            rehearsedAt: iso(drills[0].rehearsed_at),
            idempotencyKey: drills[0].idempotency_key as string,
            reporter: drills[0].reporter as string,
            recordedAt: iso(drills[0].recorded_at),
          },
          ...(passed ? { lastPassedDrillAt: iso(passed.rehearsed_at) } : {}),
        });
      }
      return summaries;
    },
    async listFlags(trainId: string, filter?: { participantRef?: string }): Promise<FeatureFlag[]> {
      return rows.feature_flags
        .filter(
          flag =>
            flag.train_id === trainId &&
            (!filter?.participantRef || flag.participant_ref === filter.participantRef) &&
            by(flag.created_at),
        )
        .map(flag => ({
          id: flag.id as string,
          trainId,
          participantRef: flag.participant_ref as string,
          key: flag.flag_key as string,
          ownerRef: flag.owner_ref as string,
          purpose: flag.purpose as string,
          state: flagState(flag),
          createdAt: iso(flag.created_at),
          createdBy: flag.created_by as string,
          expiresAt: iso(flag.expires_at),
          updatedAt: iso(flag.created_at),
        }));
    },
  };
  return new Map(
    [
      createPreviousActionItemsClosedRule({ actionItems }),
      ...createOutcomeGateRules({
        store: outcomes,
        maxRehearsalAgeDays: DEFAULT_MAX_REHEARSAL_AGE_DAYS,
      }),
    ].map(rule => [rule.id, rule]),
  );
}

describe('the demo history', () => {
  const rows = replayHistory(DEMO_HISTORY, HISTORY_STAGES, NOW);

  it('has the gates the plugin instantiates for each train, with the owner as approver', () => {
    for (const train of rows.release_trains) {
      const participants = rows.train_participants
        .filter(p => p.train_id === train.id)
        .map(p => ({ entityRef: p.entity_ref as string, targetVersion: p.target_version as string, ownerRef: p.owner_ref as string }));
      const expected = instantiateGates(train.id as string, DEFAULT_STAGES, participants).map(gate => ({
        stage: gate.stage,
        phase: gate.phase,
        templateId: gate.templateId,
        kind: gate.kind,
        participantRef: gate.participantRef ?? null,
        config: gate.config,
      }));
      const seeded = rows.train_gates
        .filter(gate => gate.train_id === train.id)
        .map(gate => ({
          stage: gate.stage,
          phase: gate.phase,
          templateId: gate.template_id,
          kind: gate.kind,
          participantRef: gate.participant_ref,
          config: json(gate.config),
        }));
      expect(seeded).toEqual(expected);
      expect(expected.length).toBeGreaterThan(0);
    }
  });

  it('holds at least four past trains: released, and one rolled back; none active', () => {
    expect(rows.release_trains.length).toBeGreaterThanOrEqual(4);
    const statuses = rows.release_trains.map(train => train.status);
    expect(statuses).not.toContain('active');
    expect(statuses.filter(status => status === 'rolled-back')).toHaveLength(1);
    expect(statuses.filter(status => status === 'released').length).toBeGreaterThanOrEqual(3);
  });

  it('starts about sixteen weeks ago and ends about a week ago', () => {
    const created = rows.release_trains.map(train => time(train.created_at));
    const first = Math.min(...created);
    expect((NOW.getTime() - first) / DAY_MS).toBeGreaterThan(105);
    expect((NOW.getTime() - first) / DAY_MS).toBeLessThan(120);
    const lastRelease = Math.max(...rows.release_trains.map(train => time(train.updated_at)));
    expect((NOW.getTime() - lastRelease) / DAY_MS).toBeGreaterThan(5);
    expect((NOW.getTime() - lastRelease) / DAY_MS).toBeLessThan(10);
  });

  it('places every recorded event before now', () => {
    const recorded: [string, unknown][] = [
      ...rows.train_decisions.map(row => ['decision', row.created_at] as [string, unknown]),
      ...rows.deployments.flatMap(row => [
        ['deployment finish', row.finished_at] as [string, unknown],
        ['rollback finish', row.rollback_finished_at ?? row.finished_at] as [string, unknown],
      ]),
      ...rows.rollback_drills.map(row => ['drill', row.recorded_at] as [string, unknown]),
      ...rows.gate_approvals.map(row => ['approval', row.decided_at] as [string, unknown]),
      ...rows.action_items.map(row => ['item', row.updated_at] as [string, unknown]),
    ];
    expect(recorded.length).toBeGreaterThan(300);
    const late = recorded.filter(([, value]) => time(value) >= NOW.getTime());
    expect(late).toEqual([]);
  });

  it('leaves every gate decided, and logs every decision of it', () => {
    for (const gate of rows.train_gates) {
      expect([gate.id, gate.state]).toEqual([gate.id, expect.stringMatching(/^(passed|waived)$/)]);
      const log = rows.train_decisions.filter(row => row.subject === gate.id);
      expect(log.length).toBeGreaterThan(0);
      expect(json(log[log.length - 1].after).state).toBe(gate.state);
    }
  });

  it('records a decision for every kind of step, with actors', () => {
    const actions = new Set(rows.train_decisions.map(row => row.action));
    for (const action of [
      'train.created',
      'rollback-plan.saved',
      'gate.approved',
      'gate.rejected',
      'gate.waived',
      'gate.passed',
      'gate.failed',
      'gate.evaluated',
      'check.reported',
      'stage.advanced',
      'deployment.reported',
      'train.rolled-back',
      'flag.created',
      'flag.updated',
      'retro.note-added',
      'action-item.created',
      'action-item.updated',
    ]) {
      expect([action, actions.has(action)]).toEqual([action, true]);
    }
    for (const row of rows.train_decisions) {
      expect(row.actor_ref).toMatch(/^(user:default\/[a-z]+|demo-ci)$/);
    }
  });

  it('logs decisions in time order, so the decision log reads as it happened', () => {
    const times = rows.train_decisions.map(row => time(row.created_at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('keeps open action items away from the teams and components browser journeys use', () => {
    const busyTeams = ['team-checkout', 'team-payments-core', 'team-search'].map(
      team => `group:default/${team}`,
    );
    const ownerOf = new Map(rows.train_participants.map(p => [p.entity_ref, p.owner_ref]));
    const open = rows.action_items.filter(item => item.status === 'open');
    expect(open.length).toBeGreaterThanOrEqual(2);
    for (const item of open) {
      expect(busyTeams).not.toContain(item.owner_ref);
      expect(busyTeams).not.toContain(ownerOf.get(item.owner_ref));
    }
  });

  it('has closed items on time and late, a dropped one, and open ones overdue and not yet due', () => {
    const items = rows.action_items;
    const closedBy = (item: HistoryRow) => time(item.closed_at) <= time(item.due_at);
    expect(items.filter(i => i.status === 'done' && closedBy(i)).length).toBeGreaterThanOrEqual(2);
    expect(items.filter(i => i.status === 'done' && !closedBy(i)).length).toBeGreaterThanOrEqual(1);
    expect(items.filter(i => i.status === 'dropped')).toHaveLength(1);
    const open = items.filter(i => i.status === 'open');
    expect(open.some(i => time(i.due_at) < NOW.getTime())).toBe(true);
    expect(open.some(i => time(i.due_at) > NOW.getTime())).toBe(true);
    // Overdue items count as reminded already: a fresh portal sends no burst of old reminders.
    for (const item of items) {
      const overdue = time(item.due_at) < time(item.closed_at ?? NOW);
      expect([item.title, item.reminded_at !== null]).toEqual([item.title, overdue]);
    }
  });

  it('has removed every flag but one unexpired flag of a team-storefront component', () => {
    const kept = rows.feature_flags.filter(flag => flag.state !== 'removed');
    expect(rows.feature_flags.length).toBeGreaterThan(kept.length);
    expect(kept).toHaveLength(1);
    const [flag] = kept;
    const owner = rows.train_participants.find(
      p => p.train_id === flag.train_id && p.entity_ref === flag.participant_ref,
    )?.owner_ref;
    expect(owner).toBe('group:default/team-storefront');
    expect(time(flag.expires_at)).toBeGreaterThan(NOW.getTime() + 7 * DAY_MS);
  });

  it('deploys every participant to staging and production, with failures, a hotfix and rollbacks', () => {
    for (const participant of rows.train_participants) {
      const environments = rows.deployments
        .filter(d => d.train_id === participant.train_id && d.participant_ref === participant.entity_ref)
        .map(d => d.environment);
      expect(environments).toContain('staging');
      expect(environments).toContain('production');
    }
    const production = rows.deployments.filter(d => d.environment === 'production');
    expect(production.filter(d => d.result === 'failed').length).toBeGreaterThanOrEqual(2);
    expect(production.filter(d => d.hotfix === true)).toHaveLength(1);
    const rolledBack = production.filter(d => d.result === 'rolled-back');
    expect(rolledBack.length).toBeGreaterThanOrEqual(1);
    const trainOf = new Map(rows.release_trains.map(t => [t.id, t.status]));
    for (const deployment of rolledBack) {
      expect(trainOf.get(deployment.train_id)).toBe('rolled-back');
      expect(time(deployment.rollback_finished_at)).toBeGreaterThan(time(deployment.rollback_started_at));
    }
  });

  it('records the dependencies among the participants at creation and at every transition', () => {
    for (const train of rows.release_trains) {
      const snapshots = rows.train_stage_snapshots.filter(s => s.train_id === train.id);
      const advances = decisionsOf(rows, train.id as string).filter(d => d.action === 'stage.advanced');
      expect(snapshots).toHaveLength(advances.length + 1);
      const refs = rows.train_participants.filter(p => p.train_id === train.id).map(p => p.entity_ref);
      for (const snapshot of snapshots) {
        const edges = json(snapshot.upstream_edges) as Record<string, string[]>;
        expect(Object.keys(edges).sort()).toEqual([...refs].sort());
      }
    }
  });

  it('tells the story in the raw facts: shorter trains and more first-time passes', () => {
    const trains = [...rows.release_trains].sort((a, b) => time(a.created_at) - time(b.created_at));
    const cycleDays = trains.map(train => {
      const last = Math.max(
        ...rows.deployments
          .filter(d => d.train_id === train.id && d.environment === 'production')
          .map(d => time(d.finished_at)),
      );
      return (last - time(train.created_at)) / DAY_MS;
    });
    expect(cycleDays).toEqual([...cycleDays].sort((a, b) => b - a));
    const failedFirst = trains.map(train => {
      const gates = rows.train_gates.filter(g => g.train_id === train.id);
      const failed = gates.filter(gate =>
        rows.train_decisions.some(
          d => d.subject === gate.id && ['failed', 'waived'].includes(json(d.after).state),
        ),
      );
      return failed.length / gates.length;
    });
    expect(failedFirst).toEqual([...failedFirst].sort((a, b) => b - a));
  });

  it("decides the gates on action items, rehearsals and flags as the plugin's rules do", async () => {
    // No graph: the rule falls back to the owner each participant was stored with.
    const dependencies = new DependencyIndex(deriveDependencyGraph([]));
    const participantsOf = (trainId: unknown): TrainParticipant[] =>
      rows.train_participants
        .filter(p => p.train_id === trainId)
        .map(p => ({
          entityRef: p.entity_ref as string,
          targetVersion: p.target_version as string,
          ownerRef: p.owner_ref as string,
        }));
    const ruleOf = (gate: HistoryRow) => json(gate.config).rule as string;
    const ruleGates = rows.train_gates.filter(gate =>
      ['previous-action-items-closed', 'rollback-rehearsed', 'no-expired-flags'].includes(ruleOf(gate)),
    );
    // Every evaluation the log records, and the outcome each gate was left with.
    const evaluations = [
      ...rows.train_decisions
        .filter(d => d.action === 'gate.evaluated')
        .flatMap(d => {
          const gate = ruleGates.find(g => g.id === d.subject);
          return gate ? [{ gate, at: d.created_at as Date, state: json(d.after).state, reason: d.reason }] : [];
        }),
      ...ruleGates
        .filter(gate => gate.state !== 'waived')
        .map(gate => ({ gate, at: gate.updated_at as Date, state: gate.state, reason: gate.reason })),
    ];
    expect(evaluations.filter(e => e.state === 'failed').length).toBeGreaterThanOrEqual(4);
    for (const { gate, at: evaluatedAt, state, reason } of evaluations) {
      const participants = participantsOf(gate.train_id);
      const outcome = await pluginRulesAt(rows, evaluatedAt).get(ruleOf(gate))!.evaluate({
        train: { id: gate.train_id } as TrainGateRuleContext['train'],
        stage: gate.stage as string,
        gate: { id: gate.id } as TrainGateRuleContext['gate'],
        participant: participants.find(p => p.entityRef === gate.participant_ref),
        participants,
        gates: [],
        dependencies,
        now: evaluatedAt,
      });
      expect([gate.template_id, gate.participant_ref, evaluatedAt, outcome]).toEqual([
        gate.template_id,
        gate.participant_ref,
        evaluatedAt,
        { passed: state === 'passed', reason },
      ]);
    }
  });

  it('rehearsed every rollback before deployment, or waived the gate with a reason', () => {
    for (const gate of rows.train_gates.filter(g => g.template_id === 'deployment-rollback-rehearsed')) {
      if (gate.state === 'passed') continue;
      expect(gate.state).toBe('waived');
      const waiver = rows.gate_waivers.find(w => w.gate_id === gate.id)!;
      expect(waiver.reason).toMatch(/rehearsal failed/);
      // Given while validation was the current stage: it let the train into deployment.
      const entered = decisionsOf(rows, gate.train_id as string).find(
        d => d.action === 'stage.advanced' && d.subject === 'validation',
      )!;
      expect(time(waiver.waived_at)).toBeLessThan(time(entered.created_at));
    }
    const waived = rows.train_gates.filter(g => g.state === 'waived').map(g => g.template_id);
    expect(waived.sort()).toEqual([
      'deployment-rollback-rehearsed',
      'deployment-rollback-rehearsed',
      'planning-lessons-acted-on',
      'validation-canary-analysis',
    ]);
  });

  it('writes the same ids whenever it is seeded', () => {
    const again = replayHistory(DEMO_HISTORY, HISTORY_STAGES, new Date(NOW.getTime() + 30 * DAY_MS));
    expect(again.release_trains.map(t => t.id)).toEqual(rows.release_trains.map(t => t.id));
    expect(again.train_gates.map(g => g.id)).toEqual(rows.train_gates.map(g => g.id));
    expect(time(again.release_trains[0].created_at) - time(rows.release_trains[0].created_at)).toBe(
      30 * DAY_MS,
    );
  });
});

describe('replaying a history that breaks the rules of the plugin', () => {
  const replay = (history: DemoHistory) => () => replayHistory(history, HISTORY_STAGES, NOW);

  it('refuses to leave a stage while a gate of it is failed', () => {
    const history = withTrain('train-16', train => {
      // search-api's canary never passes.
      train.stages.validation.checks!['search-api'].pop();
    });
    expect(replay(history)).toThrow(
      /Train 16.*cannot leave stage 'validation'.*validation-canary-analysis component:default\/search-api is failed/,
    );
  });

  it("refuses to leave planning while an earlier train's action item concerning a participant is open", () => {
    const history = withTrain('train-14', train => {
      delete train.retrospective.actionItems[0].closed;
    });
    expect(replay(history)).toThrow(
      /Train 15.*cannot leave stage 'planning'.*planning-lessons-acted-on component:default\/currency-service is failed/,
    );
  });

  it('refuses to enter deployment without a rehearsed rollback, or with an expired flag', () => {
    const unrehearsed: DemoHistory = structuredClone(DEMO_HISTORY);
    unrehearsed.drills = unrehearsed.drills.filter(drill => drill.component !== 'pricing-service');
    expect(replay(unrehearsed)).toThrow(
      /Train 15.*cannot leave stage 'validation'.*deployment-rollback-rehearsed component:default\/pricing-service is failed/,
    );
    const expired = withTrain('train-17', train => {
      train.flags.find(flag => flag.key === 'lazy-product-images')!.expiresAt = at(-12, '17:00');
    });
    expect(replay(expired)).toThrow(
      /Train 17.*cannot leave stage 'validation'.*deployment-no-expired-flags component:default\/storefront-web is failed/,
    );
  });

  it('refuses a waiver of a gate that does not guard the current stage yet', () => {
    const history = withTrain('train-17', train => {
      train.stages.deployment.waivers = {
        'reviews-service': {
          gate: 'deployment-go-no-go',
          by: 'rupert',
          at: at(-15, '11:00'),
          reason: 'Decided early',
          until: at(-5, '17:00'),
        },
      };
    });
    expect(replay(history)).toThrow(
      /waiver of reviews-service for deployment-go-no-go in stage 'deployment', but the train is in 'integration'/,
    );
  });

  it('refuses an attempt meant to be blocked that nothing blocks', () => {
    const history = withTrain('train-17', train => {
      train.stages.integration.blockedAdvances = [at(-13, '13:00')];
    });
    expect(replay(history)).toThrow(/was meant to be blocked, but nothing blocks it/);
  });

  it('refuses a production deployment before the go decision', () => {
    const history = withTrain('train-17', train => {
      train.deployments['reviews-service'].push(deploy('production', at(-11, '14:30'), 10));
    });
    expect(replay(history)).toThrow(/reviews-service went to production before deployment-go-no-go passed/);
  });

  it('refuses decisions after the train ended, and trains that never end', () => {
    expect(
      replay(
        withTrain('train-14', train => {
          train.stages.deployment.approvals!['checkout-web'].push({
            decision: 'approve',
            by: 'alice',
            at: at(-80, '10:00'),
          });
        }),
      ),
    ).toThrow(/approve of checkout-web.*the train is released/);
    expect(
      replay(
        withTrain('train-17', train => {
          delete train.stages.deployment.leftAt;
        }),
      ),
    ).toThrow(/Train 17.*still active/);
  });

  it('refuses events at or after now', () => {
    const history = withTrain('train-17', train => {
      train.retrospective.notes[0].at = at(0, '09:00');
    });
    expect(replay(history)).toThrow(/retrospective note lies in the future/);
  });
});
