import { Knex } from 'knex';
import { applyDatabaseMigrations } from '../database/migrations';
import { createTestDatabases } from '../__testUtils__/databases';
import { DatabaseScorecardFacts } from './DatabaseScorecardFacts';

const at = (value: string) => new Date(`2026-${value}:00.000Z`);
/** Monday 2 March (inclusive) to Monday 16 March (exclusive). */
const PERIOD = { from: at('03-02T00:00').toISOString(), to: at('03-16T00:00').toISOString() };

const TRAIN_A = '00000000-0000-4000-8000-00000000000a';
const TRAIN_B = '00000000-0000-4000-8000-00000000000b';
const TRAIN_C = '00000000-0000-4000-8000-00000000000c';
const TRAIN_D = '00000000-0000-4000-8000-00000000000d';
const CHECKOUT = 'component:default/checkout';
const PAYMENTS = 'component:default/payments';
const TEAM_WEB = 'group:default/team-web';
const TEAM_PAY = 'group:default/team-pay';
const PLAN = JSON.stringify([
  { name: 'planning', title: 'Planning' },
  { name: 'integration', title: 'Integration' },
  { name: 'deployment', title: 'Deployment' },
]);

/**
 * The facts as the train, outcome and retrospective services write them.
 *
 * Train A was created on 20 February and went planning → integration (25 Feb) → deployment
 * (4 March) → released (6 March); checkout moved from team-web to team-pay on 5 March. Train B
 * is still planning. Train C was released in January; train D starts after the period.
 */
async function seed(knex: Knex) {
  const train = (id: string, name: string, status: string, current: string, created: Date, updated: Date) => ({
    id,
    name,
    objective: 'Ship',
    ambassador_ref: 'user:default/alice',
    status,
    current_stage: current,
    created_at: created,
    updated_at: updated,
    version: 1,
    stage_plan: PLAN,
  });
  await knex('release_trains').insert([
    train(TRAIN_A, '2026.03', 'released', 'deployment', at('02-20T00:00'), at('03-06T00:00')),
    train(TRAIN_B, '2026.04', 'active', 'planning', at('03-01T00:00'), at('03-01T00:00')),
    train(TRAIN_C, '2026.01', 'released', 'deployment', at('01-01T00:00'), at('01-31T00:00')),
    train(TRAIN_D, '2026.05', 'active', 'planning', at('03-20T00:00'), at('03-20T00:00')),
  ]);
  await knex('train_participants').insert([
    { train_id: TRAIN_A, entity_ref: CHECKOUT, target_version: '2', owner_ref: TEAM_PAY, position: 0 },
    { train_id: TRAIN_A, entity_ref: PAYMENTS, target_version: '5', owner_ref: TEAM_PAY, position: 1 },
    { train_id: TRAIN_B, entity_ref: CHECKOUT, target_version: '3', owner_ref: TEAM_PAY, position: 0 },
  ]);

  let gateNumber = 0;
  const gate = (
    trainId: string,
    stage: string,
    phase: string,
    kind: string,
    participantRef: string | null,
    config: { approverRef?: string; checkName?: string; rule?: string },
    removedAt?: Date,
  ) => ({
    id: `00000000-0000-4000-9000-${String(++gateNumber).padStart(12, '0')}`,
    train_id: trainId,
    stage,
    phase,
    template_id: `t${gateNumber}`,
    kind,
    participant_ref: participantRef,
    state: 'pending',
    config: JSON.stringify({ title: `Gate ${gateNumber}`, quorum: 1, separationOfDuties: false, ...config }),
    // The store keeps an approval gate's approver beside its configuration, for look-ups.
    approver_ref: config.approverRef ?? null,
    updated_at: at('03-01T00:00'),
    version: 0,
    removed_at: removedAt ?? null,
  });
  const gates = [
    gate(TRAIN_A, 'planning', 'exit', 'approval', CHECKOUT, { approverRef: TEAM_WEB }), // 1
    gate(TRAIN_A, 'integration', 'exit', 'approval', CHECKOUT, { approverRef: TEAM_WEB }), // 2
    gate(TRAIN_A, 'integration', 'exit', 'check', PAYMENTS, { checkName: 'contract-tests' }), // 3
    gate(TRAIN_A, 'deployment', 'entry', 'rule', null, { rule: 'every-participant-has-owner' }), // 4
    gate(TRAIN_A, 'deployment', 'exit', 'check', CHECKOUT, { checkName: 'canary' }), // 5
    gate(TRAIN_A, 'deployment', 'exit', 'approval', CHECKOUT, { approverRef: TEAM_WEB }), // 6
    gate(TRAIN_B, 'planning', 'exit', 'approval', null, { approverRef: 'group:default/board' }), // 7
    gate(TRAIN_B, 'integration', 'entry', 'approval', CHECKOUT, { approverRef: TEAM_PAY }), // 8
    gate(TRAIN_B, 'integration', 'exit', 'approval', CHECKOUT, { approverRef: TEAM_PAY }), // 9
    gate(TRAIN_B, 'planning', 'exit', 'approval', PAYMENTS, { approverRef: TEAM_PAY }, at('03-02T00:00')), // 10
  ];
  await knex('train_gates').insert(gates);
  const id = (n: number) => gates[n - 1].id;

  const decision = (
    trainId: string,
    action: string,
    subject: string,
    createdAt: Date,
    values: { before?: object; after?: object; entityRef?: string } = {},
  ) => ({
    train_id: trainId,
    entity_ref: values.entityRef ?? null,
    actor_ref: 'user:default/alice',
    action,
    subject,
    before: values.before ? JSON.stringify(values.before) : null,
    after: values.after ? JSON.stringify(values.after) : null,
    reason: null,
    created_at: createdAt,
  });
  const state = (s: string) => ({ after: { state: s } });
  // Inserted one by one so that ids follow time, as they do in the service.
  for (const row of [
    decision(TRAIN_A, 'train.created', TRAIN_A, at('02-20T00:00'), { after: { name: '2026.03' } }),
    decision(TRAIN_A, 'gate.approved', id(1), at('02-21T00:00'), state('pending')),
    decision(TRAIN_A, 'gate.approved', id(1), at('02-22T00:00'), state('passed')),
    decision(TRAIN_A, 'stage.advanced', 'planning', at('02-25T00:00'), {
      before: { stage: 'planning', status: 'active' },
      after: { stage: 'integration', status: 'active' },
    }),
    decision(TRAIN_A, 'gate.rejected', id(2), at('03-02T10:00'), state('failed')),
    decision(TRAIN_A, 'gate.approved', id(2), at('03-03T10:00'), state('passed')),
    decision(TRAIN_A, 'check.reported', `${PAYMENTS}#contract-tests`, at('03-03T12:00'), {
      after: { status: 'passed' },
    }),
    decision(TRAIN_A, 'gate.passed', id(3), at('03-03T12:00'), state('passed')),
    decision(TRAIN_A, 'gate.evaluated', id(4), at('03-03T20:00'), state('failed')),
    decision(TRAIN_A, 'gate.waived', id(4), at('03-03T22:00'), state('waived')),
    decision(TRAIN_A, 'stage.advanced', 'integration', at('03-04T00:00'), {
      before: { stage: 'integration', status: 'active' },
      after: { stage: 'deployment', status: 'active' },
    }),
    decision(TRAIN_A, 'participant.owner-changed', CHECKOUT, at('03-05T00:00'), {
      entityRef: CHECKOUT,
      before: { ownerRef: TEAM_WEB },
      after: { ownerRef: TEAM_PAY, reassignedGates: [] },
    }),
    decision(TRAIN_A, 'gate.passed', id(5), at('03-05T12:00'), state('passed')),
    decision(TRAIN_A, 'stage.advanced', 'deployment', at('03-06T00:00'), {
      before: { stage: 'deployment', status: 'active' },
      after: { stage: 'deployment', status: 'released' },
    }),
    decision(TRAIN_A, 'gate.approved', id(6), at('03-10T00:00'), state('passed')),
    // After the period: the approval expired. As of the period's end the gate was passed.
    decision(TRAIN_A, 'gate.expired', id(6), at('03-17T00:00'), state('pending')),
    decision(TRAIN_B, 'train.created', TRAIN_B, at('03-01T00:00'), { after: { name: '2026.04' } }),
  ]) {
    await knex('train_decisions').insert(row);
  }

  const deployment = (
    deploymentId: string,
    trainId: string,
    participantRef: string,
    ownerRef: string,
    environment: string,
    startedAt: Date,
    rest: Record<string, unknown> = {},
  ) => ({
    train_id: trainId,
    participant_ref: participantRef,
    owner_ref: ownerRef,
    environment,
    deployment_id: deploymentId,
    started_at: startedAt,
    reporter: 'user:default/ci',
    reported_at: startedAt,
    updated_at: startedAt,
    ...rest,
  });
  for (const row of [
    deployment('dep1', TRAIN_A, CHECKOUT, TEAM_WEB, 'production', at('03-05T09:00'), {
      finished_at: at('03-05T10:00'),
      result: 'succeeded',
    }),
    deployment('dep2', TRAIN_A, PAYMENTS, TEAM_PAY, 'production', at('03-05T23:00'), {
      finished_at: at('03-06T00:00'),
      result: 'rolled-back',
      rollback_started_at: at('03-06T00:10'),
    }),
    deployment('dep3', TRAIN_A, CHECKOUT, TEAM_WEB, 'staging', at('02-28T00:00'), {
      finished_at: at('03-01T00:00'),
      result: 'succeeded',
    }),
    deployment('dep4', TRAIN_B, CHECKOUT, TEAM_PAY, 'production', at('03-15T00:00')),
    // Started before the period and never finished: nothing to do with it.
    deployment('dep5', TRAIN_A, CHECKOUT, TEAM_WEB, 'production', at('02-20T00:00')),
    deployment('dep6', TRAIN_A, CHECKOUT, TEAM_PAY, 'production', at('03-16T01:00'), {
      finished_at: at('03-16T02:00'),
      result: 'succeeded',
      hotfix: true,
    }),
  ]) {
    await knex('deployments').insert(row);
  }

  const item = (
    n: number,
    trainId: string,
    ownerRef: string,
    createdAt: Date,
    rest: Record<string, unknown> = {},
  ) => ({
    id: `00000000-0000-4000-a000-${String(n).padStart(12, '0')}`,
    train_id: trainId,
    title: `Item ${n}`,
    owner_ref: ownerRef,
    status: 'open',
    created_at: createdAt,
    updated_at: createdAt,
    version: 0,
    ...rest,
  });
  await knex('action_items').insert([
    item(1, TRAIN_C, TEAM_WEB, at('01-31T00:00'), {
      due_at: at('03-05T00:00'),
      status: 'done',
      closed_at: at('03-04T00:00'),
    }),
    item(2, TRAIN_A, TEAM_PAY, at('03-07T00:00')),
    item(3, TRAIN_A, TEAM_PAY, at('01-20T00:00'), {
      due_at: at('02-01T00:00'),
      status: 'done',
      closed_at: at('01-30T00:00'),
    }),
    item(4, TRAIN_A, TEAM_WEB, at('02-25T00:00'), { due_at: at('03-20T00:00') }),
    item(5, TRAIN_A, TEAM_WEB, at('02-01T00:00'), { status: 'dropped', closed_at: at('03-03T00:00') }),
    item(6, TRAIN_A, TEAM_WEB, at('03-18T00:00')),
  ]);
  return { gateId: id };
}

describe('DatabaseScorecardFacts', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())('reads scorecard facts from the plugin tables, on %s', async databaseId => {
    const knex = await databases.init(databaseId);
    await applyDatabaseMigrations(knex);
    const { gateId } = await seed(knex);
    const facts = new DatabaseScorecardFacts(knex, { now: () => at('03-20T00:00') });

    // Deployments: finished in the period, or started in it and still running.
    const deployments = await facts.listDeployments(PERIOD);
    expect(deployments.map(d => `${d.participantRef} ${d.startedAt}`)).toEqual([
      `${CHECKOUT} 2026-03-05T09:00:00.000Z`,
      `${PAYMENTS} 2026-03-05T23:00:00.000Z`,
      `${CHECKOUT} 2026-03-15T00:00:00.000Z`,
    ]);
    expect(deployments[1]).toEqual({
      id: expect.any(String),
      trainId: TRAIN_A,
      participantRef: PAYMENTS,
      environment: 'production',
      ownerRef: TEAM_PAY,
      startedAt: '2026-03-05T23:00:00.000Z',
      finishedAt: '2026-03-06T00:00:00.000Z',
      result: 'rolled-back',
      rollbackStartedAt: '2026-03-06T00:10:00.000Z',
    });
    expect(deployments[2]).not.toHaveProperty('finishedAt');
    // A wider window (the lookahead) brings the hotfix after the period.
    const later = await facts.listDeployments({ from: PERIOD.from, to: at('03-20T00:00').toISOString() });
    expect(later.find(d => d.startedAt === '2026-03-16T01:00:00.000Z')).toMatchObject({
      hotfix: true,
      result: 'succeeded',
    });
    expect(later.filter(d => d.hotfix)).toHaveLength(1);

    // Trains: active or changed in the period, plus those asked for by id.
    const trains = await facts.listTrains(PERIOD);
    expect(trains.map(t => t.id)).toEqual([TRAIN_A, TRAIN_B]);
    expect(trains[0]).toEqual({
      id: TRAIN_A,
      name: '2026.03',
      status: 'released',
      createdAt: '2026-02-20T00:00:00.000Z',
      stages: [
        { stage: 'planning', enteredAt: '2026-02-20T00:00:00.000Z', leftAt: '2026-02-25T00:00:00.000Z' },
        { stage: 'integration', enteredAt: '2026-02-25T00:00:00.000Z', leftAt: '2026-03-04T00:00:00.000Z' },
        { stage: 'deployment', enteredAt: '2026-03-04T00:00:00.000Z', leftAt: '2026-03-06T00:00:00.000Z' },
      ],
      // Checkout's owner when it joined, before the change of 5 March.
      participants: [
        { entityRef: CHECKOUT, ownerRef: TEAM_WEB },
        { entityRef: PAYMENTS, ownerRef: TEAM_PAY },
      ],
    });
    expect(trains[1].stages).toEqual([{ stage: 'planning', enteredAt: '2026-03-01T00:00:00.000Z' }]);
    const named = await facts.listTrains(PERIOD, { trainIds: [TRAIN_C, TRAIN_A] });
    expect(named.map(t => t.id)).toEqual([TRAIN_C, TRAIN_A, TRAIN_B]);

    // Gates decided in the period, at their latest decision before its end.
    const gates = await facts.listGateDecisions(PERIOD);
    expect(gates.map(g => g.gateId)).toEqual([gateId(2), gateId(3), gateId(4), gateId(5), gateId(6)]);
    expect(gates).toEqual([
      {
        gateId: gateId(2),
        trainId: TRAIN_A,
        stage: 'integration',
        kind: 'approval',
        participantRef: CHECKOUT,
        ownerRef: TEAM_WEB,
        pendingAt: '2026-02-25T00:00:00.000Z',
        decidedAt: '2026-03-03T10:00:00.000Z',
        outcome: 'passed',
        failedBefore: true,
      },
      {
        gateId: gateId(3),
        trainId: TRAIN_A,
        stage: 'integration',
        kind: 'check',
        participantRef: PAYMENTS,
        ownerRef: TEAM_PAY,
        pendingAt: '2026-02-25T00:00:00.000Z',
        decidedAt: '2026-03-03T12:00:00.000Z',
        outcome: 'passed',
        failedBefore: false,
      },
      {
        // An entry gate of deployment waits from when the train entered integration.
        gateId: gateId(4),
        trainId: TRAIN_A,
        stage: 'deployment',
        kind: 'rule',
        pendingAt: '2026-02-25T00:00:00.000Z',
        decidedAt: '2026-03-03T22:00:00.000Z',
        outcome: 'waived',
        failedBefore: true,
      },
      {
        // Checkout belonged to team-pay when its canary passed.
        gateId: gateId(5),
        trainId: TRAIN_A,
        stage: 'deployment',
        kind: 'check',
        participantRef: CHECKOUT,
        ownerRef: TEAM_PAY,
        pendingAt: '2026-03-04T00:00:00.000Z',
        decidedAt: '2026-03-05T12:00:00.000Z',
        outcome: 'passed',
        failedBefore: false,
      },
      {
        gateId: gateId(6),
        trainId: TRAIN_A,
        stage: 'deployment',
        kind: 'approval',
        participantRef: CHECKOUT,
        ownerRef: TEAM_WEB,
        pendingAt: '2026-03-04T00:00:00.000Z',
        decidedAt: '2026-03-10T00:00:00.000Z',
        outcome: 'passed',
        failedBefore: false,
      },
    ]);

    // Action items due in the period or open in it.
    const items = await facts.listActionItems(PERIOD);
    expect(items.map(i => i.id.slice(-1))).toEqual(['1', '2', '4', '5']);
    expect(items[0]).toEqual({
      id: '00000000-0000-4000-a000-000000000001',
      trainId: TRAIN_C,
      ownerRef: TEAM_WEB,
      createdAt: '2026-01-31T00:00:00.000Z',
      dueAt: '2026-03-05T00:00:00.000Z',
      closedAt: '2026-03-04T00:00:00.000Z',
      status: 'done',
    });
    await knex.destroy();
  });

  it.each(databases.eachSupportedId())('lists the approval gates waiting now when the period reaches now, on %s', async databaseId => {
    const knex = await databases.init(databaseId);
    await applyDatabaseMigrations(knex);
    const { gateId } = await seed(knex);
    const facts = new DatabaseScorecardFacts(knex, { now: () => at('03-12T00:00') });

    const gates = await facts.listGateDecisions(PERIOD);
    const waiting = gates.filter(g => g.decidedAt === undefined);
    // Train B is in planning: its planning exit gate and integration entry gate wait; the
    // integration exit gate does not yet, and the removed gate never does.
    expect(waiting).toEqual([
      {
        gateId: gateId(7),
        trainId: TRAIN_B,
        stage: 'planning',
        kind: 'approval',
        ownerRef: 'group:default/board',
        pendingAt: '2026-03-01T00:00:00.000Z',
        failedBefore: false,
      },
      {
        gateId: gateId(8),
        trainId: TRAIN_B,
        stage: 'integration',
        kind: 'approval',
        participantRef: CHECKOUT,
        ownerRef: TEAM_PAY,
        pendingAt: '2026-03-01T00:00:00.000Z',
        failedBefore: false,
      },
    ]);
    // A past period knows nothing of what waits now.
    const past = await facts.listGateDecisions({ from: PERIOD.from, to: at('03-11T00:00').toISOString() });
    expect(past.every(g => g.decidedAt !== undefined)).toBe(true);
    await knex.destroy();
  });

  it.each(databases.eachSupportedId())('marks every change of the decision log, late commits included, on %s', async databaseId => {
    const knex = await databases.init(databaseId);
    await applyDatabaseMigrations(knex);
    const facts = new DatabaseScorecardFacts(knex);
    const entry = (id: number) => ({
      id,
      train_id: TRAIN_A,
      actor_ref: 'user:default/alice',
      action: 'gate.approved',
      subject: 'gate',
      created_at: at('03-02T00:00'),
    });
    const empty = await facts.changeMark();
    await knex('train_decisions').insert(entry(10));
    const first = await facts.changeMark();
    expect(first).not.toBe(empty);
    expect(await facts.changeMark()).toBe(first);
    // A transaction that took id 7 and ended after the one that took id 10: the highest id is
    // the same, the mark is not.
    await knex('train_decisions').insert(entry(7));
    const late = await facts.changeMark();
    expect(late).not.toBe(first);
    await knex('train_decisions').insert(entry(11));
    expect(await facts.changeMark()).not.toBe(late);
    await knex.destroy();
  });
});
