import { AuditorService, UserInfoService } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  DependencyIndex,
  StageDefinition,
  TrainDetail,
} from '@release-coordination/plugin-release-coordination-common';
import { Knex } from 'knex';
import { DatabaseTrainStore } from '../database/DatabaseTrainStore';
import { applyDatabaseMigrations } from '../database/migrations';
import { createTestDatabases } from '../testing/databases';
import { BUILT_IN_GATE_RULES } from './rules';
import { DEFAULT_STAGES } from './stages';
import { createTrainService } from './TrainService';

/** storefront (team-web) depends on payments (team-pay); ledger has no owner. */
const index = new DependencyIndex({
  nodes: [
    { ref: 'component:default/ledger', kind: 'Component' },
    { ref: 'component:default/payments', kind: 'Component', owner: 'group:default/team-pay' },
    { ref: 'component:default/storefront', kind: 'Component', owner: 'group:default/team-web' },
  ],
  edges: [
    {
      from: 'component:default/storefront',
      to: 'component:default/payments',
      dependsOn: true,
      apis: [],
    },
  ],
  scopes: [],
  groups: [],
  users: [],
  problems: [],
});

const BOARD_MEMBERS = Array.from({ length: 20 }, (_, i) => `user:default/member-${i}`);

/** Who belongs to which group, as the catalog would say through userInfo. */
const MEMBERSHIP: Record<string, string[]> = {
  'user:default/alice': ['group:default/team-web', 'group:default/release-board'],
  'user:default/bob': ['group:default/team-pay'],
  'user:default/carol': ['group:default/team-web'],
  ...Object.fromEntries(BOARD_MEMBERS.map(ref => [ref, ['group:default/release-board']])),
};

const userInfo: UserInfoService = {
  async getUserInfo(credentials) {
    const userEntityRef = (credentials.principal as { userEntityRef: string }).userEntityRef;
    const groups = MEMBERSHIP[userEntityRef] ?? [];
    return { userEntityRef, ownershipEntityRefs: [userEntityRef, ...groups] };
  },
};

/** One stage guarded by the release board: `quorum` approvals, never the ambassador's. */
function boardStages(quorum: number): StageDefinition[] {
  return [
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
          quorum,
          separationOfDuties: true,
        },
      ],
    },
    { name: 'ship', title: 'Ship', entryGates: [], exitGates: [] },
  ];
}

const alice = mockCredentials.user('user:default/alice');
const bob = mockCredentials.user('user:default/bob');
const carol = mockCredentials.user('user:default/carol');
const ci = mockCredentials.service('external:ci');

const newTrain = {
  name: '2026.12',
  objective: 'Ship one-click checkout',
  ambassadorRef: 'user:default/alice',
  stageWindows: {
    planning: { start: '2026-11-01T00:00:00Z', end: '2026-11-10T00:00:00Z' },
  },
  participants: [
    { entityRef: 'component:default/storefront', targetVersion: '2.0.0' },
    { entityRef: 'Component:default/Payments', targetVersion: '5.1.0' },
  ],
};

describe('TrainService', () => {
  const databases = createTestDatabases();

  async function setup(databaseId: Parameters<typeof databases.init>[0], stages = DEFAULT_STAGES) {
    const knex = await databases.init(databaseId);
    await applyDatabaseMigrations(knex);
    const store = new DatabaseTrainStore(knex);
    const audit: { eventId: string; outcome: 'success' | 'fail' }[] = [];
    const auditor: AuditorService = {
      async createEvent({ eventId }) {
        return {
          success: async () => void audit.push({ eventId, outcome: 'success' }),
          fail: async () => void audit.push({ eventId, outcome: 'fail' }),
        };
      },
    };
    const rules = new Map(BUILT_IN_GATE_RULES.map(rule => [rule.id, rule]));
    const service = createTrainService({
      store,
      snapshots: {
        current: async () => ({
          meta: {
            version: 7,
            derivedAt: new Date(),
            durationMs: 1,
            nodeCount: 3,
            edgeCount: 1,
            problemCount: 0,
          },
          index,
        }),
      },
      userInfo,
      auditor,
      stages,
      gateRule: id => rules.get(id) as any,
      now: () => new Date('2026-11-15T00:00:00Z'),
    });
    return { knex, store, service, audit };
  }

  const count = async (knex: Knex, table: string) =>
    Number((await knex(table).count({ n: '*' }))[0].n);

  const gateOf = (train: TrainDetail, templateId: string, participant?: string) =>
    train.gates.find(
      g =>
        g.templateId === templateId &&
        (participant === undefined || g.participantRef === `component:default/${participant}`),
    )!;

  it.each(databases.eachSupportedId())(
    'creates a train with owners, gates, windows and a decision, on %s',
    async databaseId => {
      const { knex, service, audit } = await setup(databaseId);
      const train = await service.createTrain(newTrain, alice);
      expect(train).toMatchObject({ status: 'active', currentStage: 'planning', name: '2026.12' });
      expect(train.participants).toEqual([
        {
          entityRef: 'component:default/storefront',
          targetVersion: '2.0.0',
          ownerRef: 'group:default/team-web',
        },
        {
          entityRef: 'component:default/payments',
          targetVersion: '5.1.0',
          ownerRef: 'group:default/team-pay',
        },
      ]);
      // planning: 2 approvals + 1 rule; integration: 2 checks; validation: 2 checks + 2 rules;
      // deployment: 2 approvals.
      expect(train.gates).toHaveLength(11);
      expect(train.gates.map(g => g.stage)).toEqual([
        ...Array(3).fill('planning'),
        ...Array(2).fill('integration'),
        ...Array(4).fill('validation'),
        ...Array(2).fill('deployment'),
      ]);
      expect(gateOf(train, 'planning-participation', 'payments')).toMatchObject({
        kind: 'approval',
        approverRef: 'group:default/team-pay',
        state: 'pending',
        quorum: 1,
      });
      // The window of planning ended on the 10th; it is the 15th.
      expect(train.stages[0]).toMatchObject({ name: 'planning', status: 'current', late: true });
      expect(train.stages[1]).toMatchObject({
        name: 'integration',
        status: 'upcoming',
        late: false,
      });

      const decisions = await service.listDecisions(train.id, { limit: 10, offset: 0 });
      expect(decisions.items.map(d => d.action)).toEqual(['train.created']);
      expect(decisions.items[0].actorRef).toBe('user:default/alice');
      expect(audit).toEqual([{ eventId: 'train-create', outcome: 'success' }]);

      const listed = await service.listEntityTrains('component:default/payments');
      expect(listed).toHaveLength(1);
      const theirs = listed[0].gates.map(g => g.participantRef);
      expect(new Set(theirs)).toEqual(new Set(['component:default/payments']));
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'refuses unknown entities and stages and writes nothing, on %s',
    async databaseId => {
      const { knex, service } = await setup(databaseId);
      await expect(
        service.createTrain(
          {
            ...newTrain,
            participants: [
              ...newTrain.participants,
              { entityRef: 'component:default/ghost', targetVersion: '1' },
            ],
          },
          alice,
        ),
      ).rejects.toThrow(/Unknown entities, not in the catalog: component:default\/ghost/);
      await expect(
        service.createTrain(
          { ...newTrain, stageWindows: { launch: { start: 'a', end: 'b' } } },
          alice,
        ),
      ).rejects.toThrow(/Unknown stage\(s\) in stageWindows: launch/);
      expect(await count(knex, 'release_trains')).toBe(0);
      expect(await count(knex, 'train_gates')).toBe(0);
      expect(await count(knex, 'train_decisions')).toBe(0);
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'counts an approval only from a member of the owner group, on %s',
    async databaseId => {
      const { knex, service, audit } = await setup(databaseId);
      const train = await service.createTrain(newTrain, alice);
      const gate = gateOf(train, 'planning-participation', 'payments');

      await expect(service.approveGate(gate.id, {}, carol)).rejects.toMatchObject({
        name: 'NotAllowedError',
        message: expect.stringContaining('group:default/team-pay'),
      });
      await expect(service.approveGate(gate.id, {}, ci)).rejects.toMatchObject({
        name: 'NotAllowedError',
      });
      expect(await count(knex, 'gate_approvals')).toBe(0);
      expect(await count(knex, 'train_decisions')).toBe(1);
      expect(audit.at(-1)).toEqual({ eventId: 'gate-approve', outcome: 'fail' });

      const approved = await service.approveGate(gate.id, { comment: 'We are in' }, bob);
      expect(approved.state).toBe('passed');
      expect(approved.approvals).toEqual([
        expect.objectContaining({
          userRef: 'user:default/bob',
          decision: 'approve',
          comment: 'We are in',
        }),
      ]);
      // A passed gate takes no more decisions.
      await expect(service.rejectGate(gate.id, { comment: 'no' }, bob)).rejects.toMatchObject({
        name: 'ConflictError',
      });

      const other = gateOf(train, 'planning-participation', 'storefront');
      await expect(service.rejectGate(other.id, { comment: '  ' }, carol)).rejects.toMatchObject({
        name: 'InputError',
      });
      const rejected = await service.rejectGate(other.id, { comment: 'Not ready' }, carol);
      expect(rejected.state).toBe('failed');
      // Changing one's mind supersedes the rejection.
      expect((await service.approveGate(other.id, {}, carol)).state).toBe('passed');

      const decisions = await service.listDecisions(train.id, { limit: 10, offset: 0 });
      expect(decisions.items.map(d => d.action)).toEqual([
        'train.created',
        'gate.approved',
        'gate.rejected',
        'gate.approved',
      ]);
      expect(decisions.items[2]).toMatchObject({
        subject: other.id,
        entityRef: 'component:default/storefront',
        before: { state: 'pending' },
        after: { state: 'failed' },
        reason: 'Not ready',
      });
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'needs a quorum and keeps the ambassador out when separation of duties is set, on %s',
    async databaseId => {
      const { knex, service } = await setup(databaseId, boardStages(2));
      const train = await service.createTrain({ ...newTrain, stageWindows: {} }, alice);
      const gate = gateOf(train, 'board');
      expect(gate.approverRef).toBe('group:default/release-board');

      await expect(service.approveGate(gate.id, {}, alice)).rejects.toThrow(/Separation of duties/);
      const member = (i: number) => mockCredentials.user(BOARD_MEMBERS[i]);
      expect((await service.approveGate(gate.id, {}, member(0))).state).toBe('pending');
      // The same approval again counts once and is not logged again.
      expect((await service.approveGate(gate.id, {}, member(0))).state).toBe('pending');
      expect((await service.approveGate(gate.id, {}, member(1))).state).toBe('passed');
      expect(await count(knex, 'gate_approvals')).toBe(2);
      expect(await count(knex, 'train_decisions')).toBe(3);
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'takes check reports idempotently; the newest result decides, on %s',
    async databaseId => {
      const { knex, service } = await setup(databaseId);
      const train = await service.createTrain(newTrain, alice);
      const report = {
        participantRef: 'component:default/payments',
        checkName: 'contract-tests',
        status: 'passed' as const,
        evidenceUrl: 'https://ci.example.com/runs/1',
        idempotencyKey: 'run-1',
      };
      const first = await service.reportCheck(train.id, report, ci);
      const again = await service.reportCheck(train.id, report, ci);
      expect(again).toEqual(first);
      expect(first).toMatchObject({ reporter: 'external:ci', status: 'passed' });
      expect(await count(knex, 'check_results')).toBe(1);

      let detail = await service.getTrain(train.id);
      expect(gateOf(detail, 'integration-contract-tests', 'payments')).toMatchObject({
        state: 'passed',
        latestCheck: { idempotencyKey: 'run-1', evidenceUrl: 'https://ci.example.com/runs/1' },
      });
      expect(gateOf(detail, 'integration-contract-tests', 'storefront').state).toBe('pending');

      const failed = { ...report, status: 'failed' as const, idempotencyKey: 'run-2' };
      await service.reportCheck(train.id, failed, ci);
      detail = await service.getTrain(train.id);
      expect(gateOf(detail, 'integration-contract-tests', 'payments')).toMatchObject({
        state: 'failed',
        latestCheck: { idempotencyKey: 'run-2' },
      });

      await expect(
        service.reportCheck(train.id, { ...report, status: 'failed' }, ci),
      ).rejects.toMatchObject({ name: 'ConflictError' });
      await expect(
        service.reportCheck(
          train.id,
          { ...report, participantRef: 'component:default/ledger', idempotencyKey: 'run-3' },
          ci,
        ),
      ).rejects.toThrow(/not a participant/);
      expect(await count(knex, 'check_results')).toBe(2);
      const actions = (await service.listDecisions(train.id, { limit: 50, offset: 0 })).items.map(
        d => d.action,
      );
      expect(actions).toEqual([
        'train.created',
        'check.reported',
        'gate.passed',
        'check.reported',
        'gate.failed',
      ]);
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'advances only when every exit gate is passed or waived, on %s',
    async databaseId => {
      const { knex, store, service } = await setup(databaseId);
      const train = await service.createTrain(newTrain, alice);

      await expect(
        service.advanceStage(train.id, { expectedStage: 'planning' }, alice),
      ).rejects.toMatchObject({
        name: 'ConflictError',
        message: expect.stringMatching(
          /Cannot leave stage 'planning': 2 gate\(s\).*Participation confirmed.*payments/,
        ),
      });
      // The owner rule was evaluated and its outcome kept, though the stage stayed.
      let detail = await service.getTrain(train.id);
      expect(detail.currentStage).toBe('planning');
      expect(gateOf(detail, 'planning-owners')).toMatchObject({
        state: 'passed',
        reason: 'Every participant has an owner',
      });

      await service.approveGate(gateOf(train, 'planning-participation', 'payments').id, {}, bob);
      await service.waiveGate(
        gateOf(train, 'planning-participation', 'storefront').id,
        { reason: 'Owner on leave; confirmed by mail', until: new Date('2099-01-01T00:00:00Z') },
        alice,
      );
      await expect(
        service.waiveGate(
          gateOf(train, 'planning-owners').id,
          { reason: 'x', until: new Date('2020-01-01') },
          alice,
        ),
      ).rejects.toThrow(/future/);

      detail = await service.advanceStage(train.id, { expectedStage: 'planning' }, alice);
      expect(detail.currentStage).toBe('integration');
      expect(detail.stages.map(s => s.status)).toEqual(['done', 'current', 'upcoming', 'upcoming']);
      expect(await store.listStageSnapshots(train.id)).toEqual([
        expect.objectContaining({
          stage: 'planning',
          toStage: 'integration',
          dependencySnapshotVersion: 7,
          upstreamEdges: {
            'component:default/storefront': ['component:default/payments'],
            'component:default/payments': [],
          },
        }),
      ]);
      await expect(
        service.advanceStage(train.id, { expectedStage: 'planning' }, alice),
      ).rejects.toThrow(/is in stage 'integration', not 'planning'/);

      // Validation waits for the upstream participant: storefront's rule names payments.
      for (const participantRef of ['component:default/storefront', 'component:default/payments']) {
        await service.reportCheck(
          train.id,
          {
            participantRef,
            checkName: 'contract-tests',
            status: 'passed',
            idempotencyKey: `ct-${participantRef}`,
          },
          ci,
        );
      }
      await service.advanceStage(train.id, { expectedStage: 'integration' }, alice);
      await service.reportCheck(
        train.id,
        {
          participantRef: 'component:default/storefront',
          checkName: 'canary-analysis',
          status: 'passed',
          idempotencyKey: 'ca-1',
        },
        ci,
      );
      await expect(
        service.advanceStage(train.id, { expectedStage: 'validation' }, alice),
      ).rejects.toThrow(/Canary analysis passes' for component:default\/payments/);
      detail = await service.getTrain(train.id);
      expect(gateOf(detail, 'validation-upstream', 'storefront')).toMatchObject({
        state: 'failed',
        reason: 'Waiting on upstream participants: component:default/payments',
      });
      expect(gateOf(detail, 'validation-upstream', 'payments').state).toBe('passed');

      await service.reportCheck(
        train.id,
        {
          participantRef: 'component:default/payments',
          checkName: 'canary-analysis',
          status: 'passed',
          idempotencyKey: 'ca-2',
        },
        ci,
      );
      await service.advanceStage(train.id, { expectedStage: 'validation' }, alice);
      detail = await service.getTrain(train.id);
      expect(gateOf(detail, 'validation-upstream', 'storefront').state).toBe('passed');

      await service.approveGate(gateOf(train, 'deployment-go-no-go', 'payments').id, {}, bob);
      await service.approveGate(gateOf(train, 'deployment-go-no-go', 'storefront').id, {}, carol);
      detail = await service.advanceStage(train.id, { expectedStage: 'deployment' }, alice);
      expect(detail.status).toBe('released');
      expect(detail.stages.every(s => s.status === 'done' && !s.late)).toBe(true);
      await expect(
        service.advanceStage(train.id, { expectedStage: 'deployment' }, alice),
      ).rejects.toThrow(/is released/);

      const actions = (await service.listDecisions(train.id, { limit: 100, offset: 0 })).items
        .map(d => d.action)
        .filter(action => action === 'stage.advanced');
      expect(actions).toHaveLength(4);
      expect(await store.listStageSnapshots(train.id)).toHaveLength(4);
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'cancels a train with a reason, after which nothing changes it, on %s',
    async databaseId => {
      const { knex, service } = await setup(databaseId);
      const train = await service.createTrain(newTrain, alice);
      await expect(service.cancelTrain(train.id, { reason: ' ' }, alice)).rejects.toThrow(/reason/);
      expect((await service.cancelTrain(train.id, { reason: 'Scope moved' }, alice)).status).toBe(
        'cancelled',
      );
      await expect(
        service.approveGate(gateOf(train, 'planning-participation', 'payments').id, {}, bob),
      ).rejects.toMatchObject({ name: 'ConflictError' });
      await expect(service.getTrain('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
        name: 'NotFoundError',
      });
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps every one of 20 concurrent approvals and logs each once, on %s',
    async databaseId => {
      const { knex, service } = await setup(databaseId, boardStages(20));
      const train = await service.createTrain({ ...newTrain, stageWindows: {} }, alice);
      const gate = gateOf(train, 'board');
      const results = await Promise.allSettled(
        BOARD_MEMBERS.map(ref => service.approveGate(gate.id, {}, mockCredentials.user(ref))),
      );
      expect(results.filter(r => r.status === 'rejected')).toEqual([]);
      const detail = await service.getTrain(train.id);
      expect(gateOf(detail, 'board').state).toBe('passed');
      expect(gateOf(detail, 'board').approvals).toHaveLength(20);
      const decisions = await service.listDecisions(train.id, { limit: 100, offset: 0 });
      expect(decisions.items.filter(d => d.action === 'gate.approved')).toHaveLength(20);
      // Each decision saw the count before it: 1..20, none lost or doubled.
      expect(
        decisions.items
          .filter(d => d.action === 'gate.approved')
          .map(d => (d.after as { approvals: number }).approvals)
          .sort((a, b) => a - b),
      ).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'stops at the quorum when 20 members approve at once, on %s',
    async databaseId => {
      const { knex, service } = await setup(databaseId, boardStages(3));
      const train = await service.createTrain({ ...newTrain, stageWindows: {} }, alice);
      const gate = gateOf(train, 'board');
      const results = await Promise.allSettled(
        BOARD_MEMBERS.map(ref => service.approveGate(gate.id, {}, mockCredentials.user(ref))),
      );
      expect(results.filter(r => r.status === 'fulfilled')).toHaveLength(3);
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(refused.map(r => r.reason.message)).toEqual(
        Array(17).fill(`Gate ${gate.id} is already passed`),
      );
      expect(await count(knex, 'gate_approvals')).toBe(3);
      expect(await count(knex, 'train_decisions')).toBe(4);
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'moves exactly one stage when 20 advance at once, on %s',
    async databaseId => {
      const { knex, store, service } = await setup(databaseId, boardStages(1));
      const train = await service.createTrain({ ...newTrain, stageWindows: {} }, alice);
      const member = mockCredentials.user(BOARD_MEMBERS[0]);
      await service.approveGate(gateOf(train, 'board').id, {}, member);
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, () =>
          service.advanceStage(train.id, { expectedStage: 'review' }, alice),
        ),
      );
      expect(results.filter(r => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(refused).toHaveLength(19);
      for (const r of refused) {
        expect(r.reason).toMatchObject({
          name: 'ConflictError',
          message: expect.stringMatching(/is in stage 'ship'/),
        });
      }
      expect((await service.getTrain(train.id)).currentStage).toBe('ship');
      const decisions = await service.listDecisions(train.id, { limit: 100, offset: 0 });
      expect(decisions.items.filter(d => d.action === 'stage.advanced')).toHaveLength(1);
      expect(await store.listStageSnapshots(train.id)).toHaveLength(1);
      await knex.destroy();
    },
  );
});
