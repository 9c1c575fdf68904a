import {
  AuditorService,
  LoggerService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  GateTemplate,
  StageDefinition,
  TrainDetail,
} from '@release-coordination/plugin-release-coordination-common';
import { GateRule } from '@release-coordination/plugin-release-coordination-node';
import { Knex } from 'knex';
import { DependencyIndex } from '../dependencies/graph';
import { applyDatabaseMigrations } from '../database/migrations';
import { createTestDatabases } from '../__testUtils__/databases';
import { DatabaseTrainStore } from '../trains/DatabaseTrainStore';
import { TrainStoreSession } from '../trains/TrainStore';
import { createTrainService } from '../trains/TrainService';

/**
 * A decision on a gate must be taken on the gate as it is under its row lock: a waiver or an
 * approval committed between a writer's listing of the gates and its lock must survive. These
 * tests put the competing decision exactly into that gap, through a store that pauses a
 * transaction just before it locks a gate.
 */

/** Runs `meanwhile` once, the next time a transaction is about to lock a gate. */
class PausingTrainStore extends DatabaseTrainStore {
  private meanwhile?: () => Promise<void>;

  pauseBeforeNextGateLock(meanwhile: () => Promise<void>) {
    this.meanwhile = meanwhile;
  }

  async transaction<T>(work: (session: TrainStoreSession) => Promise<T>): Promise<T> {
    return super.transaction(session => work(this.pausing(session)));
  }

  private pausing(session: TrainStoreSession): TrainStoreSession {
    return new Proxy(session, {
      // An arrow function, so that `this` is the store whose `meanwhile` the race sets.
      get: (target, property) => {
        if (property === 'getGate') {
          return async (gateId: string, options?: { lock?: boolean }) => {
            const meanwhile = options?.lock ? this.meanwhile : undefined;
            if (meanwhile) {
              this.meanwhile = undefined;
              await meanwhile();
            }
            return target.getGate(gateId, options);
          };
        }
        const value = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }
}

const PAYMENTS = 'component:default/payments';

function catalogIndex(owner: string) {
  return new DependencyIndex({
    nodes: [{ ref: PAYMENTS, kind: 'Component', owner }],
    edges: [],
    scopes: [],
    groups: [],
    users: [],
    problems: [],
  });
}

const MEMBERSHIP: Record<string, string[]> = {
  'user:default/bob': ['group:default/team-pay', 'group:default/release-board'],
};

const userInfo: UserInfoService = {
  async getUserInfo(credentials) {
    const userEntityRef = (credentials.principal as { userEntityRef: string }).userEntityRef;
    return {
      userEntityRef,
      ownershipEntityRefs: [userEntityRef, ...(MEMBERSHIP[userEntityRef] ?? [])],
    };
  },
};

const alice = mockCredentials.user('user:default/alice');
const bob = mockCredentials.user('user:default/bob');
const rita = mockCredentials.user('user:default/rita');
const ci = mockCredentials.service('external:ci');

const T0 = new Date('2026-11-15T00:00:00Z');
const DAY = 24 * 60 * 60 * 1000;
const everything = { limit: 500, offset: 0 };

/** A review stage left through the one gate under test, then a last stage. */
function reviewGuardedBy(gate: GateTemplate): StageDefinition[] {
  return [
    { name: 'review', title: 'Review', entryGates: [], exitGates: [gate] },
    { name: 'ship', title: 'Ship', entryGates: [], exitGates: [] },
  ];
}

/** A rule that never passes, for a gate that only a waiver lets through. */
const changeFreeze: GateRule = {
  id: 'change-freeze',
  description: 'No change leaves review during the freeze',
  evaluate: async () => ({ passed: false, reason: 'The change freeze holds' }),
};

describe('gate decisions racing each other', () => {
  const databases = createTestDatabases();
  // SQLite has a single writer: a second decision cannot start inside the gap, so the race
  // only exists, and is only put into the gap, on the engines with row locks.
  const lockingEngines = databases.eachSupportedId().filter(([id]) => id !== 'SQLITE_3');

  async function setup(
    databaseId: Parameters<typeof databases.init>[0],
    stages: StageDefinition[],
  ) {
    const knex = await databases.init(databaseId);
    await applyDatabaseMigrations(knex);
    const store = new PausingTrainStore(knex);
    const clock = { at: T0 };
    const catalog = { index: catalogIndex('group:default/team-pay') };
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
      store,
      snapshots: {
        current: async () => ({
          meta: {
            version: 1,
            derivedAt: T0,
            durationMs: 1,
            nodeCount: 1,
            edgeCount: 0,
            problemCount: 0,
          },
          index: catalog.index,
        }),
      },
      userInfo,
      auditor,
      stages,
      gateRule: id => (id === changeFreeze.id ? (changeFreeze as GateRule) : undefined),
      signals: { publish: async () => {} },
      notifications: { send: async () => {} },
      logger,
      clock: { now: () => clock.at },
    });
    const train = await service.createTrain(
      {
        name: '2026.12',
        objective: 'Ship one-click checkout',
        ambassadorRef: 'user:default/alice',
        stageWindows: {},
        participants: [{ entityRef: PAYMENTS, targetVersion: '5.1.0' }],
      },
      alice,
    );
    const gate = train.gates[0];
    /** The decision log entries about the gate under test, oldest first. */
    const gateLog = async () =>
      (await service.listDecisions(train.id, everything)).items.filter(
        decision => decision.subject === gate.id,
      );
    return { knex, store, service, clock, catalog, train, gate, gateLog };
  }

  const storedGate = async (knex: Knex, gateId: string) =>
    knex('train_gates').where('id', gateId).first();

  const gateIn = (train: TrainDetail, gateId: string) => train.gates.find(g => g.id === gateId)!;

  const contractTests: GateTemplate = {
    id: 'contract-tests',
    title: 'Contract tests',
    kind: 'check',
    perParticipant: true,
    quorum: 1,
    separationOfDuties: false,
    checkName: 'contract-tests',
  };

  const rewrite = { reason: 'Suite is being rewritten', until: new Date(+T0 + DAY) };
  const failedRun = {
    participantRef: PAYMENTS,
    checkName: 'contract-tests',
    status: 'failed' as const,
    idempotencyKey: 'run-1',
  };

  it.each(databases.eachSupportedId())(
    'keeps a waiver when a failed check is reported after it, on %s',
    async databaseId => {
      const { service, train, gate, gateLog } = await setup(
        databaseId,
        reviewGuardedBy(contractTests),
      );
      await service.waiveGate(gate.id, rewrite, rita);
      await service.reportCheck(
        train.id,
        failedRun,
        ci,
      );
      expect(gateIn(await service.getTrain(train.id), gate.id)).toMatchObject({
        state: 'waived',
        latestCheck: { status: 'failed' },
      });
      expect((await gateLog()).map(d => d.action)).toEqual(['gate.waived']);
    },
  );

  it.each(lockingEngines)(
    'keeps a waiver given while a check report waits for the gate lock, on %s',
    async databaseId => {
      const { knex, store, service, train, gate, gateLog } = await setup(
        databaseId,
        reviewGuardedBy(contractTests),
      );
      let waived = false;
      store.pauseBeforeNextGateLock(async () => {
        await service.waiveGate(gate.id, rewrite, rita);
        waived = true;
      });
      await service.reportCheck(
        train.id,
        failedRun,
        ci,
      );
      expect(waived).toBe(true);
      expect((await storedGate(knex, gate.id)).state).toBe('waived');
      expect(gateIn(await service.getTrain(train.id), gate.id)).toMatchObject({
        state: 'waived',
        waiver: { waivedBy: 'user:default/rita' },
        latestCheck: { status: 'failed' },
      });
      // The report itself is on record; no gate decision pretends the waiver never happened.
      expect((await gateLog()).map(d => d.action)).toEqual(['gate.waived']);
      const reported = (await service.listDecisions(train.id, everything)).items.filter(
        d => d.action === 'check.reported',
      );
      expect(reported).toHaveLength(1);
    },
  );

  it.each(lockingEngines)(
    'keeps an approval renewed while an advance waits to expire the old one, on %s',
    async databaseId => {
      const board: GateTemplate = {
        id: 'board',
        title: 'Release board',
        kind: 'approval',
        perParticipant: false,
        approvers: 'group:default/release-board',
        quorum: 1,
        separationOfDuties: false,
        approvalValidForMs: DAY,
      };
      const { knex, store, service, clock, train, gate, gateLog } = await setup(
        databaseId,
        reviewGuardedBy(board),
      );
      await service.approveGate(gate.id, {}, bob);
      // The approval has expired by the time the stage is advanced ...
      clock.at = new Date(+T0 + 2 * DAY);
      let renewed = false;
      store.pauseBeforeNextGateLock(async () => {
        // ... and is given again between the advance's reading of the gates and its lock.
        await service.approveGate(gate.id, { comment: 'Still good' }, bob);
        renewed = true;
      });
      const advanced = await service.advanceStage(train.id, { expectedStage: 'review' }, alice);
      expect(renewed).toBe(true);
      expect(advanced.currentStage).toBe('ship');
      expect((await storedGate(knex, gate.id)).state).toBe('passed');
      expect((await gateLog()).map(d => d.action)).toEqual(['gate.approved', 'gate.approved']);
    },
  );

  it.each(lockingEngines)(
    'keeps a waiver given while an advance waits to write a rule outcome, on %s',
    async databaseId => {
      const freeze: GateTemplate = {
        id: 'freeze',
        title: 'Change freeze',
        kind: 'rule',
        perParticipant: false,
        quorum: 1,
        separationOfDuties: false,
        rule: changeFreeze.id,
      };
      const { knex, store, service, train, gate, gateLog } = await setup(
        databaseId,
        reviewGuardedBy(freeze),
      );
      let waived = false;
      store.pauseBeforeNextGateLock(async () => {
        await service.waiveGate(
          gate.id,
          { reason: 'Hotfix approved by the CTO', until: new Date(+T0 + DAY) },
          rita,
        );
        waived = true;
      });
      // The advance runs again on the gates as the waiver left them, and leaves the stage.
      const advanced = await service.advanceStage(train.id, { expectedStage: 'review' }, alice);
      expect(waived).toBe(true);
      expect(advanced.currentStage).toBe('ship');
      expect((await storedGate(knex, gate.id)).state).toBe('waived');
      expect((await gateLog()).map(d => d.action)).toEqual(['gate.waived']);
    },
  );

  it.each(lockingEngines)(
    'keeps an approval given while the owner sync waits to hand the gate on, on %s',
    async databaseId => {
      const ownerApproval: GateTemplate = {
        id: 'owner-approval',
        title: 'Owner approval',
        kind: 'approval',
        perParticipant: true,
        approvers: 'participant-owner',
        quorum: 1,
        separationOfDuties: false,
      };
      const { knex, store, service, catalog, train, gate } = await setup(
        databaseId,
        reviewGuardedBy(ownerApproval),
      );
      expect(gate.approverRef).toBe('group:default/team-pay');
      catalog.index = catalogIndex('group:default/team-core');
      let approved = false;
      store.pauseBeforeNextGateLock(async () => {
        await service.approveGate(gate.id, {}, bob);
        approved = true;
      });
      expect(await service.syncParticipantOwners()).toEqual({ changed: 1 });
      expect(approved).toBe(true);
      // The decision stays with the Group it was given for; the participant's owner moves.
      expect((await storedGate(knex, gate.id)).approver_ref).toBe('group:default/team-pay');
      const after = await service.getTrain(train.id);
      expect(gateIn(after, gate.id)).toMatchObject({ state: 'passed' });
      expect(after.participants[0].ownerRef).toBe('group:default/team-core');
      const ownerChange = (await service.listDecisions(train.id, everything)).items.find(
        d => d.action === 'participant.owner-changed',
      );
      expect(ownerChange?.after).toMatchObject({ reassignedGates: [] });
    },
  );
});
