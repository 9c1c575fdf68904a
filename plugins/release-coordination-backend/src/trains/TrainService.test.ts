import {
  AuditorService,
  LoggerService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult, isPermission } from '@backstage/plugin-permission-common';
import {
  StageDefinition,
  TrainDetail,
  trainManagePermission,
} from '@release-coordination/plugin-release-coordination-common';
import { DependencyIndex } from '../dependencies/graph';
import { GateRule } from '@release-coordination/plugin-release-coordination-node';
import { Knex } from 'knex';
import { DatabaseTrainStore } from './DatabaseTrainStore';
import { applyDatabaseMigrations } from '../database/migrations';
import { createParticipantAccess } from '../outcomes/access';
import { createTrainAccess } from '../access';
import { createTrainConditions } from '../permissions/trainConditions';
import { ambassadorDecision } from '../__testUtils__/permissions';
import { DatabaseReviewStore } from '../review/DatabaseReviewStore';
import { createReleaseReviewHeldRule } from '../review/rules';
import { DatabaseOutcomeStore } from '../outcomes/DatabaseOutcomeStore';
import { createRollbackService } from '../outcomes/RollbackService';
import { createOutcomeGateRules } from '../outcomes/rules';
import { DatabaseRetrospectiveStore } from '../retrospectives/DatabaseRetrospectiveStore';
import { createPreviousActionItemsClosedRule } from '../retrospectives/previousActionItemsClosed';
import { createTestDatabases } from '../__testUtils__/databases';
import { BUILT_IN_GATE_RULES } from './rules';
import { DEFAULT_STAGES } from './stages';
import { TrainNotification, createTrainAnnouncer } from './announcements';
import { TrainService, TrainServiceOptions, createTrainService } from './TrainService';

/** A page that holds every item of the small lists these tests make. */
const everything = { limit: 500, offset: 0 };

/**
 * storefront (team-web) depends on payments (team-pay); ledger has no owner. storefront,
 * payments and inventory (team-stock) are part of the shop System.
 */
const index = new DependencyIndex({
  nodes: [
    {
      ref: 'component:default/inventory',
      kind: 'Component',
      owner: 'group:default/team-stock',
      system: 'system:default/shop',
    },
    { ref: 'component:default/ledger', kind: 'Component' },
    {
      ref: 'component:default/payments',
      kind: 'Component',
      owner: 'group:default/team-pay',
      system: 'system:default/shop',
    },
    {
      ref: 'component:default/storefront',
      kind: 'Component',
      owner: 'group:default/team-web',
      system: 'system:default/shop',
    },
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
  'user:default/dave': ['group:default/team-core'],
  'user:default/stan': ['group:default/team-stock'],
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

/**
 * The service as the tests observe it: each operation returns once the announcements it
 * started went out, so that signals, notifications and logged failures can be asserted.
 */
function announcedOnReturn(
  service: TrainService,
  announcer: { settled(): Promise<void> },
): TrainService {
  return new Proxy(service, {
    get(target, key) {
      const value = Reflect.get(target, key);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        try {
          return await value.apply(target, args);
        } finally {
          await announcer.settled();
        }
      };
    },
  });
}

describe('TrainService', () => {
  const databases = createTestDatabases();

  async function setup(
    databaseId: Parameters<typeof databases.init>[0],
    stages = DEFAULT_STAGES,
    overrides: Partial<
      Pick<TrainServiceOptions, 'signals' | 'notifications' | 'clock' | 'snapshots'>
    > = {},
  ) {
    const knex = await databases.init(databaseId);
    await applyDatabaseMigrations(knex);
    const clock = overrides.clock ?? { now: () => new Date('2026-11-15T00:00:00Z') };
    const store = new DatabaseTrainStore(knex, clock);
    const audit: { eventId: string; outcome: 'success' | 'fail' }[] = [];
    const auditedRequests: { eventId: string; request: unknown }[] = [];
    const auditor: AuditorService = {
      async createEvent({ eventId, request }) {
        auditedRequests.push({ eventId, request });
        return {
          success: async () => void audit.push({ eventId, outcome: 'success' }),
          fail: async () => void audit.push({ eventId, outcome: 'fail' }),
        };
      },
    };
    const snapshots = overrides.snapshots ?? {
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
    };
    // The rules of the default stages read action items, rollback readiness and flags from the
    // same database, as they do in the plugin.
    const database = { getClient: async () => knex, migrations: { skip: true } };
    const actionItems = await DatabaseRetrospectiveStore.create({ database, clock });
    const outcomes = await DatabaseOutcomeStore.create({ database, clock });
    const reviews = await DatabaseReviewStore.create({ database, clock });
    const rules = new Map<string, GateRule>(
      [
        ...BUILT_IN_GATE_RULES,
        createPreviousActionItemsClosedRule({ actionItems }),
        ...createOutcomeGateRules({ store: outcomes, maxRehearsalAgeDays: 30 }),
        createReleaseReviewHeldRule({ store: reviews }),
      ].map(rule => [rule.id, rule as GateRule]),
    );
    // Rollback plans and rehearsals are recorded as people and CI do it: services (CI) hold
    // the permission to report rehearsals, users only through the ambassador role or ownership.
    const servicesOnly: Pick<PermissionsService, 'authorize'> = {
      authorize: async (requests, { credentials }) =>
        requests.map(() => ({
          result:
            (credentials.principal as { type: string }).type === 'service'
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
        })) as any,
    };
    const rollbacks = createRollbackService({
      store: outcomes,
      trains: store,
      snapshots,
      access: createParticipantAccess({
        permissions: servicesOnly,
        userInfo,
        // The ambassador runs the train by the policy's IS_AMBASSADOR condition.
        trainAccess: createTrainAccess({
          permissions: {
            ...servicesOnly,
            authorizeConditional: async (requests, { credentials }) =>
              requests.map(({ permission }) => {
                const { type, userEntityRef } = credentials.principal as {
                  type: string;
                  userEntityRef?: string;
                };
                if (type === 'service') return { result: AuthorizeResult.ALLOW };
                return isPermission(permission, trainManagePermission) && userEntityRef
                  ? ambassadorDecision([userEntityRef])
                  : { result: AuthorizeResult.DENY };
              }) as any,
          },
          conditions: createTrainConditions(store),
        }),
      }),
      auditor,
      announcer: { announce: async () => {}, settled: async () => {} },
      maxRehearsalAgeDays: 30,
      clock,
    });
    const signals: unknown[] = [];
    const notes: TrainNotification[] = [];
    const warnings: string[] = [];
    const logger: LoggerService = {
      error: message => void warnings.push(message),
      warn: message => void warnings.push(message),
      info: () => {},
      debug: () => {},
      child: () => logger,
    };
    const options: TrainServiceOptions = {
      store,
      snapshots,
      userInfo,
      auditor,
      stages,
      gateRule: id => rules.get(id),
      signals: { publish: async signal => void signals.push(signal) },
      notifications: { send: async note => void notes.push(note) },
      logger,
      clock,
      ...overrides,
    };
    const announcer = createTrainAnnouncer(options);
    const service = announcedOnReturn(createTrainService({ ...options, announcer }), announcer);
    return {
      knex,
      store,
      service,
      rollbacks,
      actionItems,
      outcomes,
      reviews,
      audit,
      auditedRequests,
      signals,
      notes,
      warnings,
    };
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
    'creates a train, approves a gate and reads a train in a bounded number of statements, whatever the number of participants, on %s',
    async databaseId => {
      const { knex, service } = await setup(databaseId);
      const statements: string[] = [];
      knex.on('query', (query: { sql: string }) => void statements.push(query.sql));
      const measured = async (work: () => Promise<unknown>) => {
        statements.length = 0;
        await work();
        return statements.length;
      };
      const two = await measured(() => service.createTrain(newTrain, alice));
      statements.length = 0;
      const created = await service.createTrain(
        {
          ...newTrain,
          participants: [
            ...newTrain.participants,
            { entityRef: 'component:default/inventory', targetVersion: '1.0.0' },
            { entityRef: 'component:default/ledger', targetVersion: '1.0.0' },
          ],
        },
        alice,
      );
      const four = statements.length;
      // One transaction of five inserts, then the train read back: the same for 2 or 4
      // participants and their 17 or 33 gates.
      expect(four).toBe(two);
      expect(two).toBeLessThanOrEqual(13);
      const approve = await measured(() =>
        service.approveGate(gateOf(created, 'planning-participation', 'payments').id, {}, bob),
      );
      expect(approve).toBeLessThanOrEqual(15);
      // The train, its participants, its gates, and their approvals, latest checks and waivers.
      expect(await measured(() => service.getTrain(created.id))).toBe(6);
      await knex.destroy();
    },
  );

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
      // planning: 2 entry rules, 2 approvals + 1 rule; integration: 2 checks; validation:
      // 2 checks + 3 rules (the review for the train); deployment: 4 entry rules (rollback,
      // flags) + 2 approvals.
      expect(train.gates).toHaveLength(18);
      expect(train.gates.map(g => [g.stage, g.phase, g.kind])).toEqual([
        ...Array(2).fill(['planning', 'entry', 'rule']),
        // Within a phase by template id: planning-owners, then planning-participation.
        ['planning', 'exit', 'rule'],
        ...Array(2).fill(['planning', 'exit', 'approval']),
        ...Array(2).fill(['integration', 'exit', 'check']),
        ...Array(2).fill(['validation', 'exit', 'check']),
        ...Array(3).fill(['validation', 'exit', 'rule']),
        ...Array(4).fill(['deployment', 'entry', 'rule']),
        ...Array(2).fill(['deployment', 'exit', 'approval']),
      ]);
      expect(gateOf(train, 'planning-lessons-acted-on', 'payments')).toMatchObject({
        kind: 'rule',
        rule: 'previous-action-items-closed',
        state: 'pending',
      });
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

      const listed = (await service.listEntityTrains('component:default/payments', everything)).items;
      expect(listed).toHaveLength(1);
      const theirs = listed[0].gates.map(g => g.participantRef);
      expect(new Set(theirs)).toEqual(new Set(['component:default/payments']));
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'stamps what it records with the injected clock, not the machine\'s, on %s',
    async databaseId => {
      // Long before the machine's clock: every stamp below must come from the injected one.
      let clock = new Date('2021-03-01T09:00:00Z');
      const { knex, service } = await setup(databaseId, DEFAULT_STAGES, {
        clock: { now: () => clock },
      });
      const train = await service.createTrain(newTrain, alice);
      expect(train.createdAt).toBe('2021-03-01T09:00:00.000Z');

      clock = new Date('2021-03-02T10:30:00Z');
      const gate = gateOf(train, 'planning-participation', 'payments');
      const approved = await service.approveGate(gate.id, {}, bob);
      expect(approved.approvals[0].decidedAt).toBe('2021-03-02T10:30:00.000Z');

      const logged = await knex('train_decisions').where('train_id', train.id).orderBy('id');
      expect(logged.map(row => [row.action, new Date(row.created_at).toISOString()])).toEqual([
        ['train.created', '2021-03-01T09:00:00.000Z'],
        ['gate.approved', '2021-03-02T10:30:00.000Z'],
      ]);
      const row = await knex('train_gates').where('id', gate.id).first();
      expect(new Date(row.updated_at).toISOString()).toBe('2021-03-02T10:30:00.000Z');
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
      const { knex, store, service, rollbacks, reviews } = await setup(databaseId);
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
      // No earlier train left lessons for these participants.
      expect(gateOf(detail, 'planning-lessons-acted-on', 'payments')).toMatchObject({
        state: 'passed',
        reason: 'No open action items from earlier trains concern component:default/payments',
      });

      await service.approveGate(gateOf(train, 'planning-participation', 'payments').id, {}, bob);
      await service.waiveGate(
        gateOf(train, 'planning-participation', 'storefront').id,
        { reason: 'Owner on leave; confirmed by mail', until: new Date('2026-11-25T00:00:00Z') },
        alice,
      );
      await expect(
        service.waiveGate(
          gateOf(train, 'planning-owners').id,
          { reason: 'x', until: new Date('2020-01-01') },
          alice,
        ),
      ).rejects.toThrow(/future/);
      // A waiver is bounded: two weeks by default, from now (2026-11-15).
      await expect(
        service.waiveGate(
          gateOf(train, 'planning-owners').id,
          { reason: 'x', until: new Date('2026-11-29T00:00:01Z') },
          alice,
        ),
      ).rejects.toThrow(/until: a waiver runs at most 14 days .* 2026-11-29T00:00:00.000Z at the latest/);

      detail = await service.advanceStage(train.id, { expectedStage: 'planning' }, alice);
      expect(detail.currentStage).toBe('integration');
      expect(detail.stages.map(s => s.status)).toEqual(['done', 'current', 'upcoming', 'upcoming']);
      const edges = {
        'component:default/storefront': ['component:default/payments'],
        'component:default/payments': [],
      };
      expect(await store.listStageSnapshots(train.id)).toEqual([
        // Taken at creation: the train enters its first stage, the start of its drift.
        expect.objectContaining({
          stage: 'planning',
          toStage: 'planning',
          dependencySnapshotVersion: 7,
          upstreamEdges: edges,
        }),
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
      // Deployment's entry gates are checked on the way in: nobody has a rollback plan yet;
      // nor has the release review been held.
      await expect(
        service.advanceStage(train.id, { expectedStage: 'validation' }, alice),
      ).rejects.toThrow(/Cannot leave stage 'validation': 3 gate\(s\) not passed or waived/);
      expect(gateOf(await service.getTrain(train.id), 'validation-release-review')).toMatchObject(
        {
          state: 'failed',
          reason:
            'Release review not held: waiting for the sign-off of group:default/team-pay, ' +
            'group:default/team-web',
        },
      );
      for (const [teamRef, signedBy] of [
        ['group:default/team-pay', 'user:default/bob'],
        ['group:default/team-web', 'user:default/carol'],
      ]) {
        await reviews.insertSignOff(train.id, {
          teamRef,
          signedBy,
          signedAt: '2026-11-15T00:00:00.000Z',
        });
      }
      detail = await service.getTrain(train.id);
      expect(detail.currentStage).toBe('validation');
      expect(gateOf(detail, 'validation-upstream', 'storefront').state).toBe('passed');
      expect(gateOf(detail, 'deployment-rollback-rehearsed', 'payments')).toMatchObject({
        state: 'failed',
        reason:
          'component:default/payments has no rollback plan for this train and has never ' +
          'passed a rollback rehearsal',
      });
      expect(gateOf(detail, 'deployment-no-expired-flags', 'storefront')).toMatchObject({
        state: 'passed',
        reason: 'No feature flags in use by component:default/storefront',
      });

      // The ambassador writes the plans down; CI and the owning team report the rehearsals.
      for (const entityRef of ['component:default/payments', 'component:default/storefront']) {
        await rollbacks.saveRollbackPlan(
          train.id,
          entityRef,
          {
            criteria: 'Error rate above 2% for 5 minutes',
            procedureUrl: `https://runbooks.example.com/${entityRef.split('/')[1]}#rollback`,
          },
          alice,
        );
      }
      await rollbacks.reportDrill(
        {
          entityRef: 'component:default/payments',
          result: 'passed',
          rehearsedAt: '2026-11-14T10:00:00Z',
          evidenceUrl: 'https://ci.example.com/payments/drills/1',
          idempotencyKey: 'drill-payments-1',
        },
        ci,
      );
      await rollbacks.reportDrill(
        {
          entityRef: 'component:default/storefront',
          result: 'passed',
          rehearsedAt: '2026-11-13T16:00:00Z',
          evidenceUrl: 'https://ci.example.com/storefront/drills/1',
          idempotencyKey: 'drill-storefront-1',
        },
        carol,
      );
      await service.advanceStage(train.id, { expectedStage: 'validation' }, alice);
      detail = await service.getTrain(train.id);
      expect(detail.currentStage).toBe('deployment');
      expect(gateOf(detail, 'deployment-rollback-rehearsed', 'storefront')).toMatchObject({
        state: 'passed',
        reason:
          'component:default/storefront has a rollback plan and last passed a rollback ' +
          'rehearsal 1 day(s) ago, within 30 days',
      });

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
      expect(await store.listStageSnapshots(train.id)).toHaveLength(5);
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
    'marks an active train rolled back with a reason and tells the owners, on %s',
    async databaseId => {
      const { knex, service, audit, notes, signals } = await setup(databaseId);
      const train = await service.createTrain(newTrain, alice);
      audit.length = 0;
      notes.length = 0;
      signals.length = 0;
      await expect(service.rollBackTrain(train.id, { reason: ' ' }, alice)).rejects.toMatchObject({
        name: 'InputError',
        message: expect.stringMatching(/reason/),
      });
      expect(signals).toEqual([]);

      const rolledBack = await service.rollBackTrain(
        train.id,
        { reason: ' Checkout errors doubled ' },
        alice,
      );
      expect(rolledBack.status).toBe('rolled-back');
      const log = await service.listDecisions(train.id, { limit: 100, offset: 0 });
      expect(log.items.at(-1)).toMatchObject({
        action: 'train.rolled-back',
        actorRef: 'user:default/alice',
        before: { status: 'active' },
        after: { status: 'rolled-back' },
        reason: 'Checkout errors doubled',
      });
      expect(audit).toEqual([
        { eventId: 'train-roll-back', outcome: 'fail' },
        { eventId: 'train-roll-back', outcome: 'success' },
      ]);
      expect(signals).toHaveLength(1);
      expect(notes.map(note => [note.recipients, note.payload.title, note.payload.topic])).toEqual([
        [
          { type: 'entity', entityRef: ['group:default/team-pay', 'group:default/team-web'] },
          "Release train '2026.12' was rolled back",
          'release-coordination.train-rolled-back',
        ],
      ]);

      // Rolled back is final, and a cancelled train never shipped: neither can be rolled back.
      await expect(
        service.rollBackTrain(train.id, { reason: 'Again' }, alice),
      ).rejects.toMatchObject({ name: 'ConflictError' });
      const cancelled = await service.createTrain({ ...newTrain, name: '2026.13' }, alice);
      await service.cancelTrain(cancelled.id, { reason: 'Scope moved' }, alice);
      await expect(
        service.rollBackTrain(cancelled.id, { reason: 'Too late' }, alice),
      ).rejects.toThrow(/cancelled; only an active or released train/);
      expect((await service.getTrain(cancelled.id)).status).toBe('cancelled');
      expect(
        (await service.listDecisions(train.id, { limit: 100, offset: 0 })).totalCount,
      ).toBe(log.totalCount);
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
      // The one taken at creation, and the one of the single advance.
      expect(await store.listStageSnapshots(train.id)).toHaveLength(2);
      await knex.destroy();
    },
  );
  it.each(databases.eachSupportedId())(
    'lists my open approvals of active trains by train, then stage, on %s',
    async databaseId => {
      const { knex, service } = await setup(databaseId);
      const later = await service.createTrain({ ...newTrain, name: 'b-train' }, alice);
      const earlier = await service.createTrain({ ...newTrain, name: 'a-train' }, alice);
      const gone = await service.createTrain({ ...newTrain, name: '0-cancelled' }, alice);
      await service.cancelTrain(gone.id, { reason: 'Scope moved' }, alice);
      await service.approveGate(gateOf(later, 'planning-participation', 'payments').id, {}, bob);

      // Only the current stage's gates wait for a decision; b-train's is decided already, and
      // the go / no-go of the deployment stage comes up when the trains get there.
      const forBob = (await service.listMyApprovals(bob, everything)).items;
      expect(forBob.map(item => [item.train.name, item.gate.templateId])).toEqual([
        ['a-train', 'planning-participation'],
      ]);
      expect(forBob.every(item => item.gate.approverRef === 'group:default/team-pay')).toBe(true);
      expect(forBob[0].train).toEqual({
        id: earlier.id,
        name: 'a-train',
        objective: earlier.objective,
        ambassadorRef: 'user:default/alice',
        status: 'active',
        currentStage: 'planning',
        stages: earlier.stages,
        createdAt: earlier.createdAt,
        updatedAt: earlier.updatedAt,
      });
      expect(forBob[0].train.stages.map(stage => stage.status)).toEqual([
        'current',
        'upcoming',
        'upcoming',
        'upcoming',
      ]);
      await expect(service.listMyApprovals(ci, everything)).rejects.toMatchObject({
        name: 'NotAllowedError',
      });
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'stops counting approvals once they expire, on read and on advance, on %s',
    async databaseId => {
      let clock = new Date('2026-11-15T00:00:00Z');
      const stages = boardStages(1);
      stages[0].exitGates[0].approvalValidForMs = 7 * 24 * 60 * 60 * 1000;
      const { knex, service } = await setup(databaseId, stages, { clock: { now: () => clock } });
      const train = await service.createTrain({ ...newTrain, stageWindows: {} }, alice);
      const board = gateOf(train, 'board').id;
      const member = mockCredentials.user(BOARD_MEMBERS[0]);
      const approved = await service.approveGate(board, {}, member);
      expect(approved.state).toBe('passed');
      expect(approved.approvals[0].expiresAt).toBe('2026-11-22T00:00:00.000Z');

      clock = new Date('2026-11-22T00:00:01Z');
      expect(gateOf(await service.getTrain(train.id), 'board').state).toBe('pending');
      await expect(
        service.advanceStage(train.id, { expectedStage: 'review' }, alice),
      ).rejects.toThrow(/Cannot leave stage 'review'.*Release board/);
      const actions = (await service.listDecisions(train.id, { limit: 50, offset: 0 })).items;
      expect(actions.at(-1)).toMatchObject({
        action: 'gate.expired',
        before: { state: 'passed' },
        after: { state: 'pending' },
      });

      // Approving anew renews the approval and lets the train move on.
      expect((await service.approveGate(board, {}, member)).state).toBe('passed');
      const moved = await service.advanceStage(train.id, { expectedStage: 'review' }, alice);
      expect(moved.currentStage).toBe('ship');
      await knex.destroy();
    },
  );

  /** The board approves in review; in ship every owner and the board give the go. */
  const announceStages: StageDefinition[] = [
    boardStages(1)[0],
    {
      name: 'ship',
      title: 'Ship',
      entryGates: [],
      exitGates: [
        {
          id: 'go',
          title: 'Go',
          kind: 'approval',
          perParticipant: true,
          approvers: 'participant-owner',
          quorum: 1,
          separationOfDuties: false,
        },
        { ...boardStages(1)[0].exitGates[0], id: 'board-go', title: 'Board go' },
      ],
    },
  ];
  const changed = (trainId: string) => ({
    recipients: { type: 'broadcast' },
    channel: 'release-coordination',
    message: { type: 'train-changed', trainId },
  });
  const summary = (note: TrainNotification) => [note.recipients, note.payload.title];

  it.each(databases.eachSupportedId())(
    'signals every committed change, and nothing for refused or repeated requests, on %s',
    async databaseId => {
      const { knex, service, signals } = await setup(databaseId);
      const train = await service.createTrain(newTrain, alice);
      expect(signals).toEqual([changed(train.id)]);

      const payments = gateOf(train, 'planning-participation', 'payments');
      const storefront = gateOf(train, 'planning-participation', 'storefront');
      await expect(service.approveGate(payments.id, {}, carol)).rejects.toThrow();
      expect(signals).toHaveLength(1);
      await service.rejectGate(payments.id, { comment: 'Not yet' }, bob);
      await service.approveGate(payments.id, {}, bob);
      await service.approveGate(payments.id, {}, bob).catch(() => undefined);
      await service.waiveGate(
        storefront.id,
        { reason: 'Owner away', until: new Date('2026-11-25T00:00:00Z') },
        alice,
      );
      const report = {
        participantRef: 'component:default/payments',
        checkName: 'contract-tests',
        status: 'passed' as const,
        idempotencyKey: 'run-1',
      };
      await service.reportCheck(train.id, report, ci);
      await service.reportCheck(train.id, report, ci);
      expect(signals).toHaveLength(5);
      await service.advanceStage(train.id, { expectedStage: 'planning' }, alice);
      // Blocked, but the rule outcomes it evaluated were committed.
      await expect(
        service.advanceStage(train.id, { expectedStage: 'integration' }, alice),
      ).rejects.toMatchObject({ name: 'ConflictError' });
      await service.cancelTrain(train.id, { reason: 'Scope moved' }, alice);
      expect(signals).toEqual(Array(8).fill(changed(train.id)));
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'notifies each group of the approval gates awaiting it, on creation and advance, on %s',
    async databaseId => {
      const { knex, service, notes } = await setup(databaseId, announceStages);
      const train = await service.createTrain({ ...newTrain, stageWindows: {} }, alice);
      expect(notes.map(summary)).toEqual([
        [
          { type: 'entity', entityRef: ['group:default/release-board'] },
          "Release train '2026.12': 1 gate(s) await your decision",
        ],
      ]);
      expect(notes[0].payload).toMatchObject({
        link: `/release-coordination/trains/${train.id}`,
        description: "Stage 'review': Release board",
        topic: 'release-coordination.gates-awaiting',
      });

      await service.approveGate(gateOf(train, 'board').id, {}, bob).catch(() => undefined);
      await service.approveGate(
        gateOf(train, 'board').id,
        {},
        mockCredentials.user(BOARD_MEMBERS[0]),
      );
      expect(notes).toHaveLength(1); // Approvals tell nobody.
      await service.advanceStage(train.id, { expectedStage: 'review' }, alice);
      expect(notes.slice(1).map(summary)).toEqual([
        [
          { type: 'entity', entityRef: ['group:default/team-pay', 'group:default/team-web'] },
          "Release train '2026.12' advanced to 'ship'",
        ],
        [
          { type: 'entity', entityRef: ['group:default/release-board'] },
          "Release train '2026.12': 1 gate(s) await your decision",
        ],
        [
          { type: 'entity', entityRef: ['group:default/team-pay'] },
          "Release train '2026.12': 1 gate(s) await your decision",
        ],
        [
          { type: 'entity', entityRef: ['group:default/team-web'] },
          "Release train '2026.12': 1 gate(s) await your decision",
        ],
      ]);
      expect(notes[3].payload.description).toBe("Stage 'ship': Go (component:default/payments)");
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'notifies the ambassador and the owners of dependents when a gate or check fails, on %s',
    async databaseId => {
      const { knex, service, notes } = await setup(databaseId);
      const train = await service.createTrain(newTrain, alice);
      notes.length = 0;

      // storefront (team-web) depends on payments; nothing in the train depends on storefront.
      await service.rejectGate(
        gateOf(train, 'planning-participation', 'payments').id,
        { comment: 'Freeze' },
        bob,
      );
      await service.rejectGate(
        gateOf(train, 'planning-participation', 'storefront').id,
        { comment: 'Not ready' },
        carol,
      );
      const report = {
        participantRef: 'component:default/payments',
        checkName: 'contract-tests',
        status: 'failed' as const,
        evidenceUrl: 'https://ci.example.com/runs/3',
        idempotencyKey: 'run-3',
      };
      await service.reportCheck(train.id, report, ci);
      await service.reportCheck(train.id, report, ci);
      await service.reportCheck(
        train.id,
        { ...report, status: 'passed', idempotencyKey: 'run-4' },
        ci,
      );
      expect(notes.map(summary)).toEqual([
        [
          { type: 'entity', entityRef: ['group:default/team-web', 'user:default/alice'] },
          "Release train '2026.12': Approval 'Participation confirmed by the owning team' " +
            'failed for component:default/payments',
        ],
        [
          { type: 'entity', entityRef: ['user:default/alice'] },
          "Release train '2026.12': Approval 'Participation confirmed by the owning team' " +
            'failed for component:default/storefront',
        ],
        [
          { type: 'entity', entityRef: ['group:default/team-web', 'user:default/alice'] },
          "Release train '2026.12': Check 'contract-tests' failed for component:default/payments",
        ],
      ]);
      expect(notes[0].payload).toMatchObject({
        description: 'Rejected by user:default/bob: Freeze',
        severity: 'high',
      });
      expect(notes[2].payload.description).toMatch(/https:\/\/ci.example.com\/runs\/3/);
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'logs a failing signal or notification and still answers, on %s',
    async databaseId => {
      const broken = async () => {
        throw new Error('service down');
      };
      const { knex, service, warnings } = await setup(databaseId, DEFAULT_STAGES, {
        signals: { publish: broken },
        notifications: { send: broken },
      });
      const train = await service.createTrain(newTrain, alice);
      expect((await service.getTrain(train.id)).status).toBe('active');
      const rejected = await service.rejectGate(
        gateOf(train, 'planning-participation', 'payments').id,
        { comment: 'Freeze' },
        bob,
      );
      expect(rejected.state).toBe('failed');
      expect(warnings).toEqual([
        expect.stringMatching(/Could not publish the change of train .*service down/),
        expect.stringMatching(/Could not send notification .*2026\.12.*service down/),
        expect.stringMatching(/Could not send notification .*2026\.12.*service down/),
        expect.stringMatching(/Could not publish the change of train .*service down/),
        expect.stringMatching(/Could not send notification .*Approval.*service down/),
      ]);
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'edits an active train and logs only what changed, on %s',
    async databaseId => {
      const { knex, service, notes, signals } = await setup(databaseId);
      const train = await service.createTrain(newTrain, alice);
      notes.length = 0;
      signals.length = 0;
      const integration = { start: '2026-11-10T00:00:00Z', end: '2026-11-20T00:00:00Z' };
      const updated = await service.updateTrain(
        train.id,
        {
          name: '2026.12.1',
          objective: newTrain.objective,
          ambassadorRef: 'User:default/Carol',
          stageWindows: { planning: newTrain.stageWindows.planning, integration },
        },
        alice,
      );
      expect(updated).toMatchObject({ name: '2026.12.1', ambassadorRef: 'user:default/carol' });
      expect(updated.stages.slice(0, 2)).toEqual([
        expect.objectContaining({ name: 'planning', window: newTrain.stageWindows.planning }),
        expect.objectContaining({ name: 'integration', window: integration, status: 'upcoming' }),
      ]);
      const listed = await service.listTrains({ limit: 10, offset: 0 });
      expect(listed.items[0].stages[1]).toMatchObject({ name: 'integration', window: integration });

      const decisions = async () =>
        (await service.listDecisions(train.id, { limit: 50, offset: 0 })).items;
      const logged = (await decisions()).at(-1)!;
      expect(logged).toMatchObject({
        action: 'train.updated',
        actorRef: 'user:default/alice',
        subject: train.id,
      });
      // The objective and the planning window were given unchanged: they are not logged.
      expect(logged.before).toEqual({
        name: '2026.12',
        ambassadorRef: 'user:default/alice',
        stageWindows: { integration: null },
      });
      expect(logged.after).toEqual({
        name: '2026.12.1',
        ambassadorRef: 'user:default/carol',
        stageWindows: { integration },
      });
      expect(notes.map(summary)).toEqual([
        [
          { type: 'entity', entityRef: ['user:default/carol'] },
          "You are now the ambassador of release train '2026.12.1'",
        ],
      ]);
      expect(signals).toEqual([changed(train.id)]);

      // Asking for what already is changes nothing and is not logged.
      await service.updateTrain(train.id, { name: '2026.12.1' }, carol);
      expect(await decisions()).toHaveLength(2);
      expect(signals).toHaveLength(1);

      await expect(
        service.updateTrain(
          train.id,
          { name: 'other', stageWindows: { launch: integration } },
          carol,
        ),
      ).rejects.toThrow(/Unknown stage\(s\) in stageWindows: launch/);
      expect((await service.getTrain(train.id)).name).toBe('2026.12.1');
      expect(await decisions()).toHaveLength(2);

      await service.cancelTrain(train.id, { reason: 'Scope moved' }, carol);
      await expect(service.updateTrain(train.id, { name: 'late' }, carol)).rejects.toMatchObject({
        name: 'ConflictError',
      });
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'adds a participant with the gates of the current and later stages only, on %s',
    async databaseId => {
      const { knex, service, notes } = await setup(databaseId);
      const train = await service.createTrain(newTrain, alice);
      await service.approveGate(gateOf(train, 'planning-participation', 'payments').id, {}, bob);
      const storefrontParticipation = gateOf(train, 'planning-participation', 'storefront');
      await service.approveGate(storefrontParticipation.id, {}, carol);
      await service.advanceStage(train.id, { expectedStage: 'planning' }, alice);
      const gatesBefore = await count(knex, 'train_gates');

      const detail = await service.addParticipant(
        train.id,
        { entityRef: 'Component:default/Inventory', targetVersion: '3.0.0' },
        alice,
      );
      expect(detail.participants.at(-1)).toEqual({
        entityRef: 'component:default/inventory',
        targetVersion: '3.0.0',
        ownerRef: 'group:default/team-stock',
      });
      // Planning was left: its gates are not reopened for the newcomer. Deployment's entry
      // gates are ahead of it, so it gets them.
      const theirs = detail.gates.filter(g => g.participantRef === 'component:default/inventory');
      expect(theirs.map(g => [g.stage, g.templateId, g.state])).toEqual([
        ['integration', 'integration-contract-tests', 'pending'],
        ['validation', 'validation-canary-analysis', 'pending'],
        ['validation', 'validation-upstream', 'pending'],
        ['deployment', 'deployment-no-expired-flags', 'pending'],
        ['deployment', 'deployment-rollback-rehearsed', 'pending'],
        ['deployment', 'deployment-go-no-go', 'pending'],
      ]);
      expect(gateOf(detail, 'deployment-go-no-go', 'inventory').approverRef).toBe(
        'group:default/team-stock',
      );
      expect(gateOf(detail, 'planning-participation', 'payments').state).toBe('passed');
      expect(await count(knex, 'train_gates')).toBe(gatesBefore + 6);
      const decisions = await service.listDecisions(train.id, { limit: 50, offset: 0 });
      expect(decisions.items.at(-1)).toMatchObject({
        action: 'participant.added',
        entityRef: 'component:default/inventory',
        subject: 'component:default/inventory',
        actorRef: 'user:default/alice',
        after: { targetVersion: '3.0.0', ownerRef: 'group:default/team-stock', gateCount: 6 },
      });

      await expect(
        service.addParticipant(
          train.id,
          { entityRef: 'component:default/inventory', targetVersion: '3.0.1' },
          alice,
        ),
      ).rejects.toMatchObject({ name: 'ConflictError', message: expect.stringMatching(/already/) });
      await expect(
        service.addParticipant(
          train.id,
          { entityRef: 'component:default/ghost', targetVersion: '1' },
          alice,
        ),
      ).rejects.toMatchObject({ name: 'InputError', message: expect.stringMatching(/ghost/) });
      expect(await count(knex, 'train_gates')).toBe(gatesBefore + 6);
      expect(await count(knex, 'train_decisions')).toBe(decisions.totalCount);

      // A newcomer in planning: its owner hears of the approval waiting for them, nobody else.
      const planning = await service.createTrain({ ...newTrain, name: '2027.01' }, alice);
      notes.length = 0;
      await service.addParticipant(
        planning.id,
        { entityRef: 'component:default/inventory', targetVersion: '3.0.0' },
        alice,
      );
      expect(notes.map(summary)).toEqual([
        [
          { type: 'entity', entityRef: ['group:default/team-stock'] },
          "Release train '2027.01': 1 gate(s) await your decision",
        ],
      ]);
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'changes a participant\'s target version and logs it, on %s',
    async databaseId => {
      const { knex, service } = await setup(databaseId);
      const train = await service.createTrain(newTrain, alice);
      const detail = await service.updateParticipant(
        train.id,
        'Component:default/Payments',
        { targetVersion: '5.1.1' },
        alice,
      );
      expect(detail.participants[1]).toMatchObject({
        entityRef: 'component:default/payments',
        targetVersion: '5.1.1',
      });
      await service.updateParticipant(
        train.id,
        'component:default/payments',
        { targetVersion: '5.1.1' },
        alice,
      );
      const decisions = await service.listDecisions(train.id, { limit: 50, offset: 0 });
      expect(decisions.items.map(d => d.action)).toEqual(['train.created', 'participant.updated']);
      expect(decisions.items[1]).toMatchObject({
        entityRef: 'component:default/payments',
        before: { targetVersion: '5.1.0' },
        after: { targetVersion: '5.1.1' },
      });
      await expect(
        service.updateParticipant(
          train.id,
          'component:default/ledger',
          { targetVersion: '1' },
          alice,
        ),
      ).rejects.toMatchObject({ name: 'NotFoundError' });
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'removes a participant: its gates stop counting and the rows stay, on %s',
    async databaseId => {
      const { knex, service, auditedRequests } = await setup(databaseId);
      const train = await service.createTrain(newTrain, alice);
      const payments = 'component:default/payments';
      const storefrontParticipation = gateOf(train, 'planning-participation', 'storefront');
      await service.approveGate(storefrontParticipation.id, {}, carol);
      await expect(
        service.advanceStage(train.id, { expectedStage: 'planning' }, alice),
      ).rejects.toThrow(/Participation confirmed.*payments/);
      expect((await service.listMyApprovals(bob, everything)).items).toHaveLength(1);

      await expect(
        service.removeParticipant(train.id, payments, { reason: ' ' }, alice),
      ).rejects.toMatchObject({ name: 'InputError' });
      await expect(
        service.removeParticipant(train.id, 'component:default/ledger', { reason: 'x' }, alice),
      ).rejects.toMatchObject({ name: 'NotFoundError' });

      const request = { method: 'DELETE', originalUrl: '/trains/participants' };
      const detail = await service.removeParticipant(
        train.id,
        'Component:default/Payments',
        { reason: 'Payments ships with the next train' },
        alice,
        { request: request as any },
      );
      expect(auditedRequests.at(-1)).toEqual({ eventId: 'participant-remove', request });
      expect(detail.participants.map(p => p.entityRef)).toEqual(['component:default/storefront']);
      expect(detail.gates.some(g => g.participantRef === payments)).toBe(false);
      expect((await service.listEntityTrains(payments, everything)).items).toEqual([]);
      expect((await service.listMyApprovals(bob, everything)).items).toEqual([]);
      // Soft: the participant and its gates stay on record.
      expect(await count(knex, 'train_participants')).toBe(2);
      expect(await count(knex, 'train_gates')).toBe(18);
      const decisions = await service.listDecisions(train.id, { limit: 50, offset: 0 });
      expect(decisions.items.at(-1)).toMatchObject({
        action: 'participant.removed',
        entityRef: payments,
        subject: payments,
        before: { targetVersion: '5.1.0', ownerRef: 'group:default/team-pay' },
        reason: 'Payments ships with the next train',
      });

      // Its gates take no more decisions and reports.
      await expect(
        service.approveGate(gateOf(train, 'planning-participation', 'payments').id, {}, bob),
      ).rejects.toMatchObject({ name: 'ConflictError' });
      await expect(
        service.reportCheck(
          train.id,
          {
            participantRef: payments,
            checkName: 'contract-tests',
            status: 'passed',
            idempotencyKey: 'run-1',
          },
          ci,
        ),
      ).rejects.toThrow(/not a participant/);
      await expect(
        service.removeParticipant(
          train.id,
          'component:default/storefront',
          { reason: 'x' },
          alice,
        ),
      ).rejects.toMatchObject({ name: 'ConflictError', message: expect.stringMatching(/last/) });

      // Nothing of payments blocks the train any more.
      const moved = await service.advanceStage(train.id, { expectedStage: 'planning' }, alice);
      expect(moved.currentStage).toBe('integration');

      // Back again: fresh gates from the current stage on; the old ones stay removed.
      const back = await service.addParticipant(
        train.id,
        { entityRef: payments, targetVersion: '5.2.0' },
        alice,
      );
      expect(back.participants.map(p => [p.entityRef, p.targetVersion])).toEqual([
        ['component:default/storefront', '2.0.0'],
        [payments, '5.2.0'],
      ]);
      expect(
        back.gates.filter(g => g.participantRef === payments).map(g => g.stage),
      ).toEqual(['integration', 'validation', 'validation', 'deployment', 'deployment', 'deployment']);
      expect(await count(knex, 'train_participants')).toBe(2);
      expect(await count(knex, 'train_gates')).toBe(24);
      const rejoined = await service.listDecisions(train.id, { limit: 50, offset: 0 });
      expect(rejoined.items.at(-1)).toMatchObject({
        action: 'participant.added',
        after: { rejoined: true, gateCount: 6 },
      });
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps participants\' owners current and hands undecided approvals over, on %s',
    async databaseId => {
      let graph = index;
      const meta = {
        version: 8,
        derivedAt: new Date(),
        durationMs: 1,
        nodeCount: 4,
        edgeCount: 1,
        problemCount: 0,
      };
      const { knex, service, signals } = await setup(databaseId, DEFAULT_STAGES, {
        snapshots: { current: async () => ({ meta, index: graph }) },
      });
      const train = await service.createTrain(newTrain, alice);
      const cancelled = await service.createTrain({ ...newTrain, name: 'cancelled' }, alice);
      await service.cancelTrain(cancelled.id, { reason: 'Scope moved' }, alice);
      await service.approveGate(gateOf(train, 'planning-participation', 'payments').id, {}, bob);
      expect(await service.syncParticipantOwners()).toEqual({ changed: 0 });

      // payments moved to team-core; storefront is missing from this graph, so it is kept.
      graph = new DependencyIndex({
        ...index.graph,
        nodes: index.graph.nodes
          .filter(node => node.ref !== 'component:default/storefront')
          .map(node =>
            node.ref === 'component:default/payments'
              ? { ...node, owner: 'group:default/team-core' }
              : node,
          ),
      });
      signals.length = 0;
      expect(await service.syncParticipantOwners()).toEqual({ changed: 1 });
      const detail = await service.getTrain(train.id);
      expect(detail.participants.map(p => p.ownerRef)).toEqual([
        'group:default/team-web',
        'group:default/team-core',
      ]);
      // A decision given stays with the team that gave it; the undecided one moves.
      expect(gateOf(detail, 'planning-participation', 'payments')).toMatchObject({
        state: 'passed',
        approverRef: 'group:default/team-pay',
      });
      const goNoGo = gateOf(detail, 'deployment-go-no-go', 'payments');
      expect(goNoGo.approverRef).toBe('group:default/team-core');
      expect(gateOf(detail, 'deployment-go-no-go', 'storefront').approverRef).toBe(
        'group:default/team-web',
      );
      await expect(service.rejectGate(goNoGo.id, { comment: 'no' }, bob)).rejects.toMatchObject({
        name: 'NotAllowedError',
        message: expect.stringContaining('group:default/team-core'),
      });
      const decisions = await service.listDecisions(train.id, { limit: 50, offset: 0 });
      expect(decisions.items.at(-1)).toMatchObject({
        action: 'participant.owner-changed',
        actorRef: 'plugin:release-coordination',
        entityRef: 'component:default/payments',
        before: { ownerRef: 'group:default/team-pay' },
        after: { ownerRef: 'group:default/team-core', reassignedGates: [goNoGo.id] },
      });
      expect(signals).toEqual([changed(train.id)]);
      // A train that no longer runs keeps the owners it had.
      expect((await service.getTrain(cancelled.id)).participants[1].ownerRef).toBe(
        'group:default/team-pay',
      );
      expect(await service.syncParticipantOwners()).toEqual({ changed: 0 });
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'reads expired approvals as pending in entity trains and my approvals, on %s',
    async databaseId => {
      let clock = new Date('2026-11-15T00:00:00Z');
      const week = 7 * 24 * 60 * 60 * 1000;
      const stages = DEFAULT_STAGES.map(stage => ({
        ...stage,
        exitGates: stage.exitGates.map(template =>
          template.id === 'planning-participation'
            ? { ...template, approvalValidForMs: week }
            : template,
        ),
      }));
      const { knex, service } = await setup(databaseId, stages, { clock: { now: () => clock } });
      const train = await service.createTrain(newTrain, alice);
      const gateId = gateOf(train, 'planning-participation', 'payments').id;
      await service.approveGate(gateId, {}, bob);
      expect((await service.listMyApprovals(bob, everything)).items).toEqual([]);

      clock = new Date('2026-11-22T00:00:01Z');
      const [entry] = (await service.listEntityTrains('component:default/payments', everything)).items;
      expect(entry.gates.find(g => g.id === gateId)?.state).toBe('pending');
      const mine = (await service.listMyApprovals(bob, everything)).items;
      expect(mine.map(item => [item.gate.id, item.gate.state])).toEqual([[gateId, 'pending']]);

      // Approving again needs no advance first: the gate reads pending, so it takes a decision.
      const renewed = await service.approveGate(gateId, {}, bob);
      expect(renewed.state).toBe('passed');
      expect(renewed.approvals[0].expiresAt).toBe('2026-11-29T00:00:01.000Z');
      const decisions = await service.listDecisions(train.id, { limit: 50, offset: 0 });
      expect(decisions.items.at(-1)).toMatchObject({
        action: 'gate.approved',
        before: { state: 'pending' },
        after: { state: 'passed' },
      });
      expect((await service.listMyApprovals(bob, everything)).items).toEqual([]);
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'lists the trains of a System\'s components, one item per participant, on %s',
    async databaseId => {
      let clock = new Date('2026-11-15T00:00:00Z');
      const { knex, store, service } = await setup(databaseId, DEFAULT_STAGES, {
        clock: { now: () => clock },
      });
      const first = await service.createTrain(newTrain, alice);
      clock = new Date('2026-11-16T00:00:00Z');
      const second = await service.createTrain(
        {
          ...newTrain,
          name: '2027.01',
          participants: [
            { entityRef: 'component:default/ledger', targetVersion: '1.0.0' },
            { entityRef: 'component:default/inventory', targetVersion: '3.0.0' },
          ],
        },
        alice,
      );
      // Only the catalog's graph nodes can join through the API; a System row is still read.
      await store.transaction(tx =>
        tx.addParticipant(second.id, { entityRef: 'system:default/shop', targetVersion: '2027.1' }),
      );

      const items = (await service.listEntityTrains('System:default/Shop', everything)).items;
      expect(items.map(item => [item.train.id, item.participant.entityRef])).toEqual([
        [second.id, 'component:default/inventory'],
        [second.id, 'system:default/shop'],
        [first.id, 'component:default/storefront'],
        [first.id, 'component:default/payments'],
      ]);
      expect(items[0].train.stages).toHaveLength(4);
      expect(items[0].gates.length).toBeGreaterThan(0);
      expect(items[0].gates.every(g => g.participantRef === 'component:default/inventory')).toBe(
        true,
      );
      // A Component keeps answering with its own trains only.
      const own = (await service.listEntityTrains('component:default/inventory', everything)).items;
      expect(own.map(item => item.train.id)).toEqual([second.id]);
      await knex.destroy();
    },
  );
});
