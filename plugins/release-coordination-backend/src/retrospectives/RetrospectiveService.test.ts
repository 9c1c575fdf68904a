import {
  AuditorService,
  LoggerService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { StageDefinition } from '@release-coordination/plugin-release-coordination-common';
import { DependencyIndex } from '../dependencies/graph';
import { GateRule } from '@release-coordination/plugin-release-coordination-node';
import { Knex } from 'knex';
import { DatabaseTrainStore } from '../trains/DatabaseTrainStore';
import { createTestDatabases, testDatabaseService } from '../__testUtils__/databases';
import { BUILT_IN_GATE_RULES } from '../trains/rules';
import { createTrainService } from '../trains/TrainService';
import { DatabaseRetrospectiveStore } from './DatabaseRetrospectiveStore';
import { createPreviousActionItemsClosedRule } from './previousActionItemsClosed';
import { createRetrospectiveService } from './RetrospectiveService';
import { createTrainAccess } from '../access';
import { createTrainConditions } from '../permissions/trainConditions';
import { ambassadorOrReleaseManager } from '../__testUtils__/permissions';

/** storefront (team-web) and payments (team-pay); dora is on no team. */
const index = new DependencyIndex({
  nodes: [
    { ref: 'component:default/payments', kind: 'Component', owner: 'group:default/team-pay' },
    { ref: 'component:default/storefront', kind: 'Component', owner: 'group:default/team-web' },
  ],
  edges: [],
  scopes: [],
  groups: [
    { ref: 'group:default/team-pay', members: ['user:default/bob'] },
    { ref: 'group:default/team-web', members: ['user:default/carol'] },
  ],
  users: [
    { ref: 'user:default/alice' },
    { ref: 'user:default/bob' },
    { ref: 'user:default/carol' },
    { ref: 'user:default/dora' },
  ],
  problems: [],
});

const MEMBERSHIP: Record<string, string[]> = {
  'user:default/bob': ['group:default/team-pay'],
  'user:default/carol': ['group:default/team-web'],
};

const userInfo: UserInfoService = {
  async getUserInfo(credentials) {
    const userEntityRef = (credentials.principal as { userEntityRef: string }).userEntityRef;
    return { userEntityRef, ownershipEntityRefs: [userEntityRef, ...(MEMBERSHIP[userEntityRef] ?? [])] };
  },
};

/** Planning holds a train while earlier action items concerning a participant are open. */
const STAGES: StageDefinition[] = [
  {
    name: 'planning',
    title: 'Planning',
    entryGates: [
      {
        id: 'lessons-acted-on',
        title: 'Action items of earlier trains closed',
        kind: 'rule',
        perParticipant: true,
        quorum: 1,
        separationOfDuties: false,
        rule: 'previous-action-items-closed',
      },
    ],
    exitGates: [],
  },
  { name: 'ship', title: 'Ship', entryGates: [], exitGates: [] },
];

const alice = mockCredentials.user('user:default/alice');
const bob = mockCredentials.user('user:default/bob');
const carol = mockCredentials.user('user:default/carol');
const dora = mockCredentials.user('user:default/dora');
const admin = mockCredentials.user('user:default/admin');
const ci = mockCredentials.service('external:ci');

/** The first pages a retrospective carries. */
const FIRST_PAGE = { limit: 20 };
const NO_PAGE = { items: [], totalCount: 0 };

const trainRequest = (name: string, participants: string[]) => ({
  name,
  objective: 'Ship one-click checkout',
  ambassadorRef: 'user:default/alice',
  stageWindows: {},
  participants: participants.map(p => ({ entityRef: `component:default/${p}`, targetVersion: '1' })),
});

describe('RetrospectiveService', () => {
  const databases = createTestDatabases();

  async function setup(
    databaseId: Parameters<typeof databases.init>[0],
    limits: { maxNotesPerTrain?: number } = {},
  ) {
    const knex = await databases.init(databaseId);
    const store = await DatabaseRetrospectiveStore.create({ database: testDatabaseService(knex) });
    // Every call a millisecond later, so that trains are created one after the other.
    let clock = Date.parse('2026-11-01T00:00:00Z');
    const stepping = { now: () => new Date((clock += 1000)) };
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
    const snapshots = {
      current: async () => ({
        meta: {
          version: 1,
          derivedAt: new Date(),
          durationMs: 1,
          nodeCount: 2,
          edgeCount: 0,
          problemCount: 0,
        },
        index,
      }),
    };
    const rules = new Map<string, GateRule>(
      [
        ...BUILT_IN_GATE_RULES,
        createPreviousActionItemsClosedRule({ actionItems: store }),
      ].map(rule => [rule.id, rule as GateRule]),
    );
    const trainStore = new DatabaseTrainStore(knex);
    const trains = createTrainService({
      store: trainStore,
      snapshots,
      userInfo,
      auditor,
      stages: STAGES,
      gateRule: id => rules.get(id),
      signals: { publish: async () => {} },
      notifications: { send: async () => {} },
      logger,
      clock: stepping,
    });
    const announced: string[] = [];
    const retrospectives = createRetrospectiveService({
      store,
      trains,
      snapshots,
      userInfo,
      // Only the admin is a release manager; a train's ambassador runs it by the policy's
      // IS_AMBASSADOR condition, as the demo policy answers.
      trainAccess: createTrainAccess({
        permissions: ambassadorOrReleaseManager('user:default/admin'),
        conditions: createTrainConditions(trainStore),
      }),
      auditor,
      announcer: { announce: async trainId => void announced.push(trainId), settled: async () => {} },
      ...limits,
      clock: stepping,
    });
    return { knex, store, trains, retrospectives, announced };
  }

  const decisions = async (knex: Knex, trainId: string) =>
    (await knex('train_decisions').where('train_id', trainId).orderBy('id')).map(
      row => row.action,
    );

  it.each(databases.eachSupportedId())(
    'carries open items into a later train and holds its planning until they are closed, on %s',
    async databaseId => {
      const { knex, trains, retrospectives, announced } = await setup(databaseId);
      const earlier = await trains.createTrain(trainRequest('2026.11', ['payments', 'storefront']), alice);
      const rehearse = await retrospectives.createActionItem(
        earlier.id,
        { title: 'Rehearse the payments rollback', ownerRef: 'group:default/team-pay' },
        alice,
      );
      const flags = await retrospectives.createActionItem(
        earlier.id,
        { title: 'Expire old checkout flags', ownerRef: 'component:default/storefront' },
        alice,
      );
      const done = await retrospectives.createActionItem(
        earlier.id,
        { title: 'Write the runbook', ownerRef: 'group:default/team-pay' },
        alice,
      );
      await retrospectives.updateActionItem(done.id, { status: 'done' }, bob);
      await retrospectives.addNote(
        earlier.id,
        { column: 'went-well', text: 'Contract tests caught the API break early' },
        carol,
      );

      const later = await trains.createTrain(trainRequest('2026.12', ['payments']), alice);
      const retro = await retrospectives.getRetrospective(later.id, FIRST_PAGE);
      // Owned by payments' team; storefront's item does not concern this train.
      expect(retro.carriedOver.items.map(item => item.id)).toEqual([rehearse.id]);
      expect(retro.carriedOver.totalCount).toBe(1);
      expect(retro.carriedOver.items[0]).toMatchObject({ trainName: '2026.11', status: 'open' });
      expect(retro).toEqual({
        trainId: later.id,
        notes: { 'went-well': NO_PAGE, 'to-improve': NO_PAGE },
        actionItems: NO_PAGE,
        carriedOver: retro.carriedOver,
      });

      const earlierRetro = await retrospectives.getRetrospective(earlier.id, FIRST_PAGE);
      expect(earlierRetro.carriedOver).toEqual(NO_PAGE);
      expect(earlierRetro.actionItems.items.map(item => item.id)).toEqual([
        rehearse.id,
        flags.id,
        done.id,
      ]);
      expect(earlierRetro.actionItems.totalCount).toBe(3);
      expect(earlierRetro.notes).toMatchObject({
        'went-well': {
          totalCount: 1,
          items: [{ column: 'went-well', authorRef: 'user:default/carol' }],
        },
        'to-improve': NO_PAGE,
      });

      // The entry gate of planning still has to hold when planning is left.
      await expect(
        trains.advanceStage(later.id, { expectedStage: 'planning' }, alice),
      ).rejects.toThrow(/Action items of earlier trains closed/);
      const held = await trains.getTrain(later.id);
      expect(held.gates[0]).toMatchObject({ state: 'failed' });
      expect(held.gates[0].reason).toMatch(/'Rehearse the payments rollback' \(group:default\/team-pay, from train '2026.11'\)/);

      const closed = await retrospectives.updateActionItem(
        rehearse.id,
        { status: 'done', comment: 'Rehearsed on staging' },
        bob,
      );
      expect(closed.closedAt).toBeDefined();
      const advanced = await trains.advanceStage(later.id, { expectedStage: 'planning' }, alice);
      expect(advanced.currentStage).toBe('ship');
      expect((await retrospectives.getRetrospective(later.id, FIRST_PAGE)).carriedOver).toEqual(
        NO_PAGE,
      );

      // Reopened: it concerns the later train again, and its close time is gone.
      const reopened = await retrospectives.updateActionItem(rehearse.id, { status: 'open' }, bob);
      expect(reopened).not.toHaveProperty('closedAt');
      const carriedAgain = (await retrospectives.getRetrospective(later.id, FIRST_PAGE)).carriedOver;
      expect(carriedAgain.totalCount).toBe(1);
      expect(carriedAgain.items).toHaveLength(1);

      expect(await decisions(knex, earlier.id)).toEqual([
        'train.created',
        'action-item.created',
        'action-item.created',
        'action-item.created',
        'action-item.updated',
        'retro.note-added',
        'action-item.updated',
        'action-item.updated',
      ]);
      const logged = await knex('train_decisions')
        .where({ train_id: earlier.id, action: 'action-item.updated', subject: rehearse.id })
        .orderBy('id')
        .first();
      expect(JSON.parse(logged.before)).toEqual({ status: 'open' });
      expect(JSON.parse(logged.after)).toEqual({ status: 'done' });
      expect(logged).toMatchObject({ reason: 'Rehearsed on staging', actor_ref: 'user:default/bob' });
      // Every change was announced for the train that created the item.
      expect(new Set(announced)).toEqual(new Set([earlier.id]));
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'carries the first page of each list, and pages the rest of the notes and carried-over items, on %s',
    async databaseId => {
      const { knex, trains, retrospectives } = await setup(databaseId);
      const earlier = await trains.createTrain(trainRequest('2026.11', ['payments']), alice);
      const lessons = [];
      for (const title of ['Rehearse the rollback', 'Write the runbook', 'Load-test payments']) {
        lessons.push(
          await retrospectives.createActionItem(
            earlier.id,
            { title, ownerRef: 'group:default/team-pay' },
            alice,
          ),
        );
      }
      const later = await trains.createTrain(trainRequest('2026.12', ['payments']), alice);
      for (const text of ['Green pipeline', 'Fast reviews', 'Calm cut-over']) {
        await retrospectives.addNote(later.id, { column: 'went-well', text }, carol);
      }
      await retrospectives.addNote(later.id, { column: 'to-improve', text: 'Late freeze' }, bob);

      const retro = await retrospectives.getRetrospective(later.id, { limit: 2 });
      expect(retro.notes['went-well'].totalCount).toBe(3);
      expect(retro.notes['went-well'].items.map(note => note.text)).toEqual([
        'Green pipeline',
        'Fast reviews',
      ]);
      expect(retro.notes['to-improve']).toMatchObject({
        totalCount: 1,
        items: [{ text: 'Late freeze' }],
      });
      expect(retro.carriedOver.totalCount).toBe(3);
      expect(retro.carriedOver.items.map(item => item.id)).toEqual([lessons[0].id, lessons[1].id]);

      const wentWell = await retrospectives.listNotes(later.id, {
        column: 'went-well',
        limit: 2,
        offset: 2,
      });
      expect(wentWell).toMatchObject({ totalCount: 3, items: [{ text: 'Calm cut-over' }] });
      expect(
        (await retrospectives.listNotes(later.id, { limit: 10, offset: 0 })).totalCount,
      ).toBe(4);
      const rest = await retrospectives.listCarriedOver(later.id, { limit: 2, offset: 2 });
      expect(rest.totalCount).toBe(3);
      expect(rest.items.map(item => item.id)).toEqual([lessons[2].id]);

      const missing = '00000000-0000-4000-8000-000000000000';
      await expect(
        retrospectives.listNotes(missing, { limit: 2, offset: 0 }),
      ).rejects.toMatchObject({ name: 'NotFoundError' });
      await expect(
        retrospectives.listCarriedOver(missing, { limit: 2, offset: 0 }),
      ).rejects.toMatchObject({ name: 'NotFoundError' });
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'applies concurrent changes one after the other and refuses a stale version, on %s',
    async databaseId => {
      const { knex, trains, retrospectives } = await setup(databaseId);
      const train = await trains.createTrain(trainRequest('2026.12', ['payments']), alice);
      const item = await retrospectives.createActionItem(
        train.id,
        { title: 'Rehearse rollback', ownerRef: 'group:default/team-pay', dueAt: '2026-12-01T00:00:00Z' },
        alice,
      );
      await Promise.all([
        retrospectives.updateActionItem(item.id, { title: 'Rehearse the rollback twice' }, bob),
        retrospectives.updateActionItem(item.id, { dueAt: '2026-12-15T00:00:00Z' }, alice),
        retrospectives.updateActionItem(item.id, { ownerRef: 'user:default/bob' }, bob),
        retrospectives.updateActionItem(item.id, { comment: 'Booked the staging slot' }, bob),
        retrospectives.updateActionItem(item.id, { status: 'dropped' }, admin),
      ]);
      const after = (await retrospectives.listActionItems({ trainId: train.id, limit: 5, offset: 0 }))
        .items[0];
      expect(after).toMatchObject({
        title: 'Rehearse the rollback twice',
        dueAt: '2026-12-15T00:00:00.000Z',
        ownerRef: 'user:default/bob',
        status: 'dropped',
        version: 5,
      });
      expect(after.closedAt).toBeDefined();
      const updates = await knex('train_decisions').where({ action: 'action-item.updated' });
      expect(updates).toHaveLength(5);

      await expect(
        retrospectives.updateActionItem(item.id, { status: 'open', expectedVersion: 4 }, admin),
      ).rejects.toMatchObject({ name: 'ConflictError' });
      // Nothing said and nothing changed: not logged.
      await retrospectives.updateActionItem(item.id, { status: 'dropped', expectedVersion: 5 }, admin);
      expect(await knex('train_decisions').where({ action: 'action-item.updated' })).toHaveLength(5);
      expect((await knex('action_items').first()).version).toBe(5);
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'holds a bounded number of notes per train, also when they arrive at once, on %s',
    async databaseId => {
      const { knex, trains, retrospectives } = await setup(databaseId, { maxNotesPerTrain: 3 });
      const train = await trains.createTrain(trainRequest('2026.12', ['payments']), alice);
      const other = await trains.createTrain(trainRequest('2026.13', ['payments']), alice);
      const noteCount = async (trainId: string) =>
        Number((await knex('retrospective_notes').where('train_id', trainId).count({ n: '*' }))[0].n);

      const answers = await Promise.allSettled(
        Array.from({ length: 6 }, (_, i) =>
          retrospectives.addNote(train.id, { column: 'to-improve', text: `Note ${i}` }, bob),
        ),
      );
      expect(answers.filter(a => a.status === 'fulfilled')).toHaveLength(3);
      const refusals = answers.flatMap(a => (a.status === 'rejected' ? [a.reason] : []));
      expect(refusals).toHaveLength(3);
      for (const refusal of refusals) {
        expect(refusal).toMatchObject({ name: 'ConflictError' });
        expect(refusal.message).toMatch(/'2026\.12' holds 3 notes, as many as it takes/);
      }
      expect(await noteCount(train.id)).toBe(3);
      const logged = await knex('train_decisions').where({ train_id: train.id, action: 'retro.note-added' });
      expect(logged).toHaveLength(3);

      // Another train's board is its own; a deleted note makes room again.
      await retrospectives.addNote(other.id, { column: 'went-well', text: 'Calm release' }, bob);
      const [first] = (await retrospectives.listNotes(train.id, { limit: 1, offset: 0 })).items;
      await retrospectives.deleteNote(train.id, first.id, bob);
      await retrospectives.addNote(train.id, { column: 'went-well', text: 'Room again' }, bob);
      expect(await noteCount(train.id)).toBe(3);
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'files action items only against those who took part, and hands them over only with consent, on %s',
    async databaseId => {
      const { knex, trains, retrospectives } = await setup(databaseId);
      // team-web owns storefront, which is not in this train.
      const train = await trains.createTrain(trainRequest('2026.12', ['payments']), alice);
      const itemCount = async () => Number((await knex('action_items').count({ n: '*' }))[0].n);

      for (const ownerRef of [
        'group:default/team-web',
        'component:default/storefront',
        'user:default/carol',
        'user:default/dora',
      ]) {
        await expect(
          retrospectives.createActionItem(train.id, { title: 'Not ours', ownerRef }, alice),
        ).rejects.toThrow(/ownerRef: .* has no part in train '2026\.12'/);
        // Not even a release manager makes a team answer for a train it had no part in.
        await expect(
          retrospectives.createActionItem(train.id, { title: 'Not ours', ownerRef }, admin),
        ).rejects.toMatchObject({ name: 'InputError' });
      }
      expect(await itemCount()).toBe(0);

      // The participant, its owning team and a member of that team may each be given one.
      for (const ownerRef of [
        'component:default/payments',
        'group:default/team-pay',
        'user:default/bob',
      ]) {
        expect(
          await retrospectives.createActionItem(train.id, { title: `For ${ownerRef}`, ownerRef }, alice),
        ).toMatchObject({ ownerRef });
      }

      const item = await retrospectives.createActionItem(
        train.id,
        { title: 'Rehearse rollback', ownerRef: 'group:default/team-pay' },
        alice,
      );
      // bob may change team-pay's item, but not hand it to team-web, nor may the ambassador.
      for (const who of [bob, alice]) {
        await expect(
          retrospectives.updateActionItem(item.id, { ownerRef: 'group:default/team-web' }, who),
        ).rejects.toThrow(/Only members of group:default\/team-web or a release manager/);
      }
      const logged = await knex('train_decisions').where({ action: 'action-item.updated' });
      expect(logged).toHaveLength(0);
      // Nor can carol take over an item team-pay has not let go of.
      await expect(
        retrospectives.updateActionItem(item.id, { ownerRef: 'group:default/team-web' }, carol),
      ).rejects.toMatchObject({ name: 'NotAllowedError' });
      // bob hands it to himself, a member of the team it belongs to.
      expect(
        await retrospectives.updateActionItem(item.id, { ownerRef: 'user:default/bob' }, bob),
      ).toMatchObject({ ownerRef: 'user:default/bob' });
      // Across teams, a release manager decides; then the receiving team owns it.
      expect(
        await retrospectives.updateActionItem(item.id, { ownerRef: 'group:default/team-web' }, admin),
      ).toMatchObject({ ownerRef: 'group:default/team-web' });
      expect(
        await retrospectives.updateActionItem(item.id, { status: 'done' }, carol),
      ).toMatchObject({ status: 'done' });
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'lets only the right people change retrospectives, and writes nothing otherwise, on %s',
    async databaseId => {
      const { knex, trains, retrospectives } = await setup(databaseId);
      const train = await trains.createTrain(trainRequest('2026.12', ['payments', 'storefront']), alice);
      const itemCount = async () => Number((await knex('action_items').count({ n: '*' }))[0].n);
      const teamPayItem = { title: 'Rehearse rollback', ownerRef: 'group:default/team-pay' };

      await expect(retrospectives.createActionItem(train.id, teamPayItem, bob)).rejects.toMatchObject(
        { name: 'NotAllowedError' },
      );
      await expect(
        retrospectives.createActionItem(
          train.id,
          { title: 'x', ownerRef: 'group:default/ghosts' },
          alice,
        ),
      ).rejects.toThrow(/ownerRef 'group:default\/ghosts' is not in the catalog/);
      await expect(
        retrospectives.createActionItem(train.id, { title: 'x', ownerRef: 'system:default/shop' }, alice),
      ).rejects.toMatchObject({ name: 'InputError' });
      expect(await itemCount()).toBe(0);

      const byManager = await retrospectives.createActionItem(train.id, teamPayItem, admin);
      const ofStorefront = await retrospectives.createActionItem(
        train.id,
        { title: 'Expire flags', ownerRef: 'component:default/storefront' },
        alice,
      );
      // carol's team owns storefront, not team-pay; dora belongs to no team.
      await expect(
        retrospectives.updateActionItem(byManager.id, { status: 'done' }, carol),
      ).rejects.toMatchObject({ name: 'NotAllowedError' });
      await expect(
        retrospectives.updateActionItem(ofStorefront.id, { status: 'done' }, dora),
      ).rejects.toMatchObject({ name: 'NotAllowedError' });
      await expect(
        retrospectives.updateActionItem(byManager.id, { title: 'x' }, ci),
      ).rejects.toMatchObject({ name: 'NotAllowedError' });
      expect(
        await retrospectives.updateActionItem(ofStorefront.id, { status: 'done' }, carol),
      ).toMatchObject({ status: 'done' });
      expect(
        await retrospectives.updateActionItem(byManager.id, { title: 'Rehearse it' }, alice),
      ).toMatchObject({ title: 'Rehearse it' });
      await expect(
        retrospectives.updateActionItem(byManager.id, { ownerRef: 'user:default/nobody' }, bob),
      ).rejects.toMatchObject({ name: 'InputError' });

      await expect(
        retrospectives.addNote(train.id, { column: 'to-improve', text: 'x' }, ci),
      ).rejects.toMatchObject({ name: 'NotAllowedError' });
      await expect(
        retrospectives.addNote(
          '00000000-0000-4000-8000-000000000000',
          { column: 'to-improve', text: 'x' },
          bob,
        ),
      ).rejects.toMatchObject({ name: 'NotFoundError' });
      const note = await retrospectives.addNote(
        train.id,
        { column: 'to-improve', text: 'The freeze started too late' },
        dora,
      );
      await expect(retrospectives.deleteNote(train.id, note.id, bob)).rejects.toMatchObject({
        name: 'NotAllowedError',
      });
      const other = await trains.createTrain(trainRequest('2027.01', ['payments']), alice);
      await expect(retrospectives.deleteNote(other.id, note.id, dora)).rejects.toMatchObject({
        name: 'NotFoundError',
      });
      await retrospectives.deleteNote(train.id, note.id, alice);
      expect((await retrospectives.getRetrospective(train.id, FIRST_PAGE)).notes).toEqual({
        'went-well': NO_PAGE,
        'to-improve': NO_PAGE,
      });
      expect(await decisions(knex, train.id)).toEqual([
        'train.created',
        'action-item.created',
        'action-item.created',
        'action-item.updated',
        'action-item.updated',
        'retro.note-added',
        'retro.note-deleted',
      ]);
      await knex.destroy();
    },
  );
});
