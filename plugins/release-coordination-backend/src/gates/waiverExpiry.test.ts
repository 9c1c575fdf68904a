import { AuditorService, LoggerService, UserInfoService } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  StageDefinition,
  TrainDetail,
} from '@release-coordination/plugin-release-coordination-common';
import { GateRule } from '@release-coordination/plugin-release-coordination-node';
import { DependencyIndex } from '../dependencies/graph';
import { applyDatabaseMigrations } from '../database/migrations';
import { createTestDatabases } from '../__testUtils__/databases';
import { DatabaseTrainStore } from '../trains/DatabaseTrainStore';
import { createTrainService } from '../trains/TrainService';

/** The ambassador, who is also on the release board. */
const alice = mockCredentials.user('user:default/alice');
/** On the release board too: alice cannot waive and approve as one person in these tests. */
const rita = mockCredentials.user('user:default/rita');
const ci = mockCredentials.service('external:ci');
const everything = { limit: 50, offset: 0 };

const userInfo: UserInfoService = {
  async getUserInfo(credentials) {
    const userEntityRef = (credentials.principal as { userEntityRef: string }).userEntityRef;
    return {
      userEntityRef,
      ownershipEntityRefs: [userEntityRef, 'group:default/release-board'],
    };
  },
};

const index = new DependencyIndex({
  nodes: [
    {
      ref: 'component:default/payments',
      kind: 'Component',
      owner: 'group:default/team-pay',
    },
  ],
  edges: [],
  scopes: [],
  groups: [],
  users: [],
  problems: [],
});

/** Leaving review takes the board's approval, a passed e2e check and a ready train. */
const stages: StageDefinition[] = [
  {
    name: 'review',
    title: 'Review',
    entryGates: [],
    exitGates: [
      {
        id: 'board',
        title: 'Release board',
        kind: 'approval',
        perParticipant: false,
        approvers: 'group:default/release-board',
        quorum: 1,
        separationOfDuties: false,
      },
      {
        id: 'e2e',
        title: 'End-to-end tests',
        kind: 'check',
        perParticipant: true,
        checkName: 'e2e',
        quorum: 1,
        separationOfDuties: false,
      },
      {
        id: 'ready',
        title: 'Ready',
        kind: 'rule',
        perParticipant: false,
        rule: 'ready',
        quorum: 1,
        separationOfDuties: false,
      },
    ],
  },
  { name: 'ship', title: 'Ship', entryGates: [], exitGates: [] },
];

const WAIVED_UNTIL = new Date('2026-11-16T00:00:00Z');

describe('an expired waiver gives the gate back to its evidence', () => {
  const databases = createTestDatabases();

  async function setup(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    await applyDatabaseMigrations(knex);
    const time = { now: new Date('2026-11-15T00:00:00Z') };
    const clock = { now: () => time.now };
    const rule = { ready: false };
    const ready: GateRule = {
      id: 'ready',
      description: 'The train is ready, as the test says',
      evaluate: async () =>
        rule.ready ? { passed: true, reason: 'Ready' } : { passed: false, reason: 'Not ready' },
    };
    const auditor: AuditorService = {
      async createEvent() {
        return { success: async () => {}, fail: async () => {} };
      },
    };
    const logger: LoggerService = {
      error: () => {},
      warn: () => {},
      info: () => {},
      debug: () => {},
      child: () => logger,
    };
    const service = createTrainService({
      store: new DatabaseTrainStore(knex, clock),
      snapshots: {
        current: async () => ({
          meta: {
            version: 1,
            derivedAt: time.now,
            durationMs: 1,
            nodeCount: 1,
            edgeCount: 0,
            problemCount: 0,
          },
          index,
        }),
      },
      userInfo,
      auditor,
      stages,
      gateRule: id => (id === 'ready' ? ready : undefined),
      signals: { publish: async () => {} },
      notifications: { send: async () => {} },
      logger,
      clock,
      announcer: { announce: async () => {}, settled: async () => {} },
    });
    const train = await service.createTrain(
      {
        name: '2026.12',
        objective: 'Ship one-click checkout',
        ambassadorRef: 'user:default/alice',
        stageWindows: {},
        participants: [{ entityRef: 'component:default/payments', targetVersion: '5.1.0' }],
      },
      alice,
    );
    const gateIds = Object.fromEntries(train.gates.map(gate => [gate.templateId, gate.id]));
    const waive = (gateId: string) =>
      service.waiveGate(gateId, { reason: 'Known flake', until: WAIVED_UNTIL }, alice);
    const gateState = async (gateId: string) =>
      (await service.getTrain(train.id)).gates.find(gate => gate.id === gateId)!.state;
    const decisions = async () =>
      (await service.listDecisions(train.id, everything)).items.map(d => ({
        action: d.action,
        subject: d.subject,
        before: d.before,
        after: d.after,
      }));
    const reportE2e = (status: 'passed' | 'failed', key: string) =>
      service.reportCheck(
        train.id,
        {
          participantRef: 'component:default/payments',
          checkName: 'e2e',
          status,
          idempotencyKey: key,
        },
        ci,
      );
    return { knex, time, rule, service, train, gateIds, waive, gateState, decisions, reportE2e };
  }

  const stateOf = (train: TrainDetail, gateId: string) =>
    train.gates.find(gate => gate.id === gateId)!.state;

  it.each(databases.eachSupportedId())(
    'reads an approval gate as pending the moment its waiver ends, and takes the approval, on %s',
    async databaseId => {
      const { knex, time, service, train, gateIds, waive, gateState, decisions } =
        await setup(databaseId);
      const board = gateIds.board;
      await waive(board);
      time.now = new Date(WAIVED_UNTIL.getTime() - 1);
      expect(await gateState(board)).toBe('waived');
      await expect(service.approveGate(board, {}, rita)).rejects.toThrow(/already waived/);

      time.now = WAIVED_UNTIL;
      expect(await gateState(board)).toBe('pending');
      const mine = (await service.listMyApprovals(rita, everything)).items;
      expect(mine.map(item => [item.gate.id, item.gate.state])).toEqual([[board, 'pending']]);
      const [entry] = (
        await service.listEntityTrains('component:default/payments', everything)
      ).items;
      expect(entry.train.id).toBe(train.id);

      const approved = await service.approveGate(board, {}, rita);
      expect(approved.state).toBe('passed');
      expect(approved.approvals.map(a => a.userRef)).toEqual(['user:default/rita']);
      expect((await decisions()).slice(-2)).toEqual([
        {
          action: 'gate.expired',
          subject: board,
          before: { state: 'waived', until: WAIVED_UNTIL.toISOString() },
          after: { state: 'pending' },
        },
        {
          action: 'gate.approved',
          subject: board,
          before: { state: 'pending' },
          after: { state: 'passed', approvals: 1, quorum: 1 },
        },
      ]);
      expect((await service.listMyApprovals(rita, everything)).items).toEqual([]);
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'reads a check gate as its newest result once the waiver ends, and reports decide it, on %s',
    async databaseId => {
      const { knex, time, train, gateIds, waive, gateState, decisions, reportE2e, service } =
        await setup(databaseId);
      const e2e = gateIds.e2e;
      await reportE2e('failed', 'run-1');
      await waive(e2e);
      // A result reported while the waiver runs is kept, not applied.
      await reportE2e('passed', 'run-2');
      expect(await gateState(e2e)).toBe('waived');
      time.now = WAIVED_UNTIL;
      expect(await gateState(e2e)).toBe('passed');
      const detail = await service.getTrain(train.id);
      expect(stateOf(detail, e2e)).toBe('passed');

      // The report after the end of the waiver decides the gate; the log says the waiver ended.
      await reportE2e('failed', 'run-3');
      expect(await gateState(e2e)).toBe('failed');
      expect((await decisions()).filter(d => d.subject === e2e).at(-1)).toEqual({
        action: 'gate.expired',
        subject: e2e,
        before: { state: 'waived', until: WAIVED_UNTIL.toISOString() },
        after: { state: 'failed' },
      });
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'evaluates a rule gate again on advance once its waiver ends, on %s',
    async databaseId => {
      const { knex, time, rule, service, train, gateIds, waive, gateState, decisions, reportE2e } =
        await setup(databaseId);
      await service.approveGate(gateIds.board, {}, rita);
      await reportE2e('passed', 'run-1');
      const ready = gateIds.ready;
      await expect(
        service.advanceStage(train.id, { expectedStage: 'review' }, alice),
      ).rejects.toThrow(/'Ready'.*failed/);
      await waive(ready);

      time.now = WAIVED_UNTIL;
      // The rule's last outcome shows again, before any advance.
      expect(await gateState(ready)).toBe('failed');
      await expect(
        service.advanceStage(train.id, { expectedStage: 'review' }, alice),
      ).rejects.toThrow(/'Ready'.*failed/);
      expect((await decisions()).filter(d => d.subject === ready).at(-1)).toEqual({
        action: 'gate.expired',
        subject: ready,
        before: { state: 'waived', until: WAIVED_UNTIL.toISOString() },
        after: { state: 'failed' },
      });

      // The rule is evaluated again, as it is for a gate that was never waived.
      rule.ready = true;
      const moved = await service.advanceStage(train.id, { expectedStage: 'review' }, alice);
      expect(moved.currentStage).toBe('ship');
      expect(stateOf(moved, ready)).toBe('passed');
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'lets a train leave its stage on an unexpired waiver only, on %s',
    async databaseId => {
      const { knex, time, service, train, gateIds, waive, decisions, reportE2e } =
        await setup(databaseId);
      await service.approveGate(gateIds.board, {}, rita);
      await reportE2e('failed', 'run-1');
      await waive(gateIds.e2e);
      await waive(gateIds.ready);
      time.now = WAIVED_UNTIL;
      await expect(
        service.advanceStage(train.id, { expectedStage: 'review' }, alice),
      ).rejects.toThrow(/2 gate\(s\) not passed or waived/);
      // The check gate is back to its failed result; the rule gate, never evaluated before its
      // waiver, is pending and then evaluated in the same advance.
      const log = await decisions();
      const expired = log.filter(d => d.action === 'gate.expired');
      expect(expired.map(d => [d.subject, d.after])).toEqual(
        expect.arrayContaining([
          [gateIds.e2e, { state: 'failed' }],
          [gateIds.ready, { state: 'pending' }],
        ]),
      );
      expect(log.filter(d => d.subject === gateIds.ready).at(-1)).toMatchObject({
        action: 'gate.evaluated',
        after: { state: 'failed' },
      });

      // Waiving again starts from the evidence; the waiver lets the train go until it ends.
      const again = new Date(WAIVED_UNTIL.getTime() + 24 * 60 * 60 * 1000);
      for (const gateId of [gateIds.e2e, gateIds.ready]) {
        await service.waiveGate(gateId, { reason: 'Still flaky', until: again }, alice);
      }
      const waivedAgain = (await decisions()).filter(d => d.action === 'gate.waived').slice(-2);
      expect(waivedAgain.map(d => d.before)).toEqual([{ state: 'failed' }, { state: 'failed' }]);
      const moved = await service.advanceStage(train.id, { expectedStage: 'review' }, alice);
      expect(moved.currentStage).toBe('ship');
      await knex.destroy();
    },
  );
});
