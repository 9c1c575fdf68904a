import {
  LoggerService,
  SchedulerServiceTaskInvocationDefinition,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  CheckResult,
  Page,
  StandupGate,
  StandupTeam,
  TrainCollision,
  TrainGate,
  TrainStandup,
} from '@release-coordination/plugin-release-coordination-common';
import {
  createTestDatabases,
  insertTrainRow,
  testDatabaseService,
} from '../__testUtils__/databases';
import {
  asUser,
  catalogUsers,
  CHECKOUT_ORGANISATION,
  checkoutTrain,
  createTrainThroughApi,
  recordingNotifications,
  releaseManagerPolicy,
  startReleaseCoordinationBackend,
  withEntities,
} from '../__testUtils__/testBackend';
import { CallerVisibility } from '../access/visibility';
import { TrainNotification } from '../trains/announcements';
import { DatabaseTrainStore } from '../trains/DatabaseTrainStore';
import { TrainListOptions, TrainRecord } from '../trains/TrainStore';
import {
  DEFAULT_STANDUP_DIGEST_SCHEDULE,
  readStandupDigestSettings,
} from './config';
import {
  createStandupDigest,
  describeStandupChanges,
  DIGEST_PAGE_SIZE,
  STANDUP_DIGEST_TOPIC,
} from './digest';
import { createStandupService } from './StandupService';

const NOW = new Date('2026-11-20T08:00:00.000Z');
const DAY_AGO = new Date('2026-11-19T08:00:00.000Z');

const trainId = (n: number) =>
  `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function train(
  n: number,
  status: TrainRecord['status'] = 'active',
): TrainRecord {
  return {
    id: trainId(n),
    name: `2026.${n}`,
    objective: 'Ship',
    ambassadorRef: `user:default/ambassador-${n}`,
    status,
    currentStage: 'planning',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    version: 1,
    stagePlan: [],
  };
}

/** Only what the digest reads of a train store: a listing filtered and paged like the real one. */
function fakeTrainStore(all: TrainRecord[]) {
  const calls: TrainListOptions[] = [];
  return {
    calls,
    async listTrains(options: TrainListOptions): Promise<Page<TrainRecord>> {
      calls.push(options);
      const matching = all.filter(
        t => !options.status || t.status === options.status,
      );
      return {
        items: matching.slice(options.offset, options.offset + options.limit),
        totalCount: matching.length,
      };
    },
  };
}

const gate = (becameBlocking: boolean): StandupGate => ({
  gate: { id: 'g', title: 'Gate' } as TrainGate,
  becameBlocking,
});

const team = (
  name: string,
  parts: Partial<Omit<StandupTeam, 'teamRef'>> = {},
): StandupTeam => ({
  teamRef: `group:default/${name}`,
  participantRefs: [],
  blockingGates: [],
  failingChecks: [],
  decisionCount: 0,
  ...parts,
});

function standupOf(
  id: string,
  parts: Partial<TrainStandup> = {},
): TrainStandup {
  return {
    trainId: id,
    since: DAY_AGO.toISOString(),
    until: NOW.toISOString(),
    trainGates: [],
    teams: [],
    decisions: [],
    decisionCount: 0,
    newCollisions: [],
    ...parts,
  };
}

function recordingLogger() {
  const warnings: string[] = [];
  const logger: LoggerService = {
    error: () => {},
    warn: message => void warnings.push(message),
    info: () => {},
    debug: () => {},
    child: () => logger,
  };
  return { logger, warnings };
}

describe('describeStandupChanges', () => {
  it('says nothing of a quiet day', () => {
    expect(describeStandupChanges(standupOf('t'))).toBeUndefined();
    // Gates that have held the train since before do not count as news.
    expect(
      describeStandupChanges(
        standupOf('t', {
          trainGates: [gate(false)],
          teams: [team('team-a', { blockingGates: [gate(false)] })],
        }),
      ),
    ).toBeUndefined();
  });

  it('counts what changed, naming the teams whose gates began to block', () => {
    expect(
      describeStandupChanges(
        standupOf('t', {
          decisionCount: 3,
          teams: [
            team('team-a', {
              blockingGates: [gate(true), gate(false)],
              failingChecks: [{} as CheckResult],
            }),
            team('team-b', { blockingGates: [gate(true)] }),
            team('team-c', { blockingGates: [gate(false)] }),
          ],
          newCollisions: [{} as TrainCollision],
        }),
      ),
    ).toBe(
      '3 decisions, 2 gates became blocking (team-a, team-b), 1 failing check, 1 new collision',
    );
  });

  it('counts gates of the whole train and leaves out what did not change', () => {
    expect(
      describeStandupChanges(
        standupOf('t', {
          trainGates: [gate(true)],
          teams: [
            team('team-a', {
              failingChecks: [{} as CheckResult, {} as CheckResult],
            }),
          ],
        }),
      ),
    ).toBe('1 gate became blocking, 2 failing checks');
    expect(
      describeStandupChanges(
        standupOf('t', {
          decisionCount: 1,
          newCollisions: [{} as TrainCollision, {} as TrainCollision],
        }),
      ),
    ).toBe('1 decision, 2 new collisions');
  });
});

describe('createStandupDigest', () => {
  it('pages through the active trains and tells each ambassador what changed', async () => {
    // More active trains than fit on two pages, with trains of other statuses in between.
    const active = Array.from({ length: 2 * DIGEST_PAGE_SIZE + 3 }, (_, i) =>
      train(i + 1),
    );
    const trains = fakeTrainStore([
      train(1001, 'released'),
      ...active.slice(0, 60),
      train(1002, 'cancelled'),
      ...active.slice(60),
      train(1003, 'rolled-back'),
    ]);
    const asked: { trainId: string; since: Date; caller: CallerVisibility }[] =
      [];
    const sent: TrainNotification[] = [];
    const { logger, warnings } = recordingLogger();
    const digest = createStandupDigest({
      trains,
      standups: {
        async standup(id, since, caller) {
          asked.push({ trainId: id, since, caller });
          // Every third train had a decision logged; the others had a quiet day.
          const n = Number(id.slice(-12));
          return standupOf(id, { decisionCount: n % 3 === 0 ? 2 : 0 });
        },
      },
      notifications: { send: async n => void sent.push(n) },
      logger,
      clock: { now: () => NOW },
    });

    const result = await digest.sendDigests();

    expect(trains.calls).toEqual([
      { status: 'active', limit: DIGEST_PAGE_SIZE, offset: 0 },
      { status: 'active', limit: DIGEST_PAGE_SIZE, offset: DIGEST_PAGE_SIZE },
      {
        status: 'active',
        limit: DIGEST_PAGE_SIZE,
        offset: 2 * DIGEST_PAGE_SIZE,
      },
    ]);
    expect(asked.map(a => a.trainId).sort()).toEqual(
      active.map(t => t.id).sort(),
    );
    // The last 24 hours, read as the plugin sees the catalog.
    expect(asked.every(a => a.since.getTime() === DAY_AGO.getTime())).toBe(
      true,
    );
    const visibility = await asked[0].caller.of(['component:default/secret']);
    expect(visibility.isVisible('component:default/secret')).toBe(true);

    const withNews = active.filter((_, i) => (i + 1) % 3 === 0);
    expect(result).toEqual({
      sent: withNews.length,
      skipped: active.length - withNews.length,
    });
    expect(sent).toHaveLength(withNews.length);
    expect(sent[0]).toEqual({
      recipients: { type: 'entity', entityRef: 'user:default/ambassador-3' },
      payload: {
        title: "Standup digest: release train '2026.3'",
        description: '2 decisions',
        link: `/release-coordination/trains/${trainId(3)}?tab=standup`,
        severity: 'normal',
        topic: STANDUP_DIGEST_TOPIC,
      },
    });
    expect(STANDUP_DIGEST_TOPIC).toBe('release-coordination.standup-digest');
    expect(warnings).toEqual([]);
  });

  it('stops at the last page without asking for an empty one', async () => {
    const trains = fakeTrainStore(
      Array.from({ length: DIGEST_PAGE_SIZE }, (_, i) => train(i + 1)),
    );
    const digest = createStandupDigest({
      trains,
      standups: { standup: async id => standupOf(id) },
      notifications: { send: async () => {} },
      logger: recordingLogger().logger,
      clock: { now: () => NOW },
    });
    expect(await digest.sendDigests()).toEqual({
      sent: 0,
      skipped: DIGEST_PAGE_SIZE,
    });
    expect(trains.calls).toHaveLength(1);
  });

  it('sends one digest per train even when a new train shifts the pages', async () => {
    const all = Array.from({ length: DIGEST_PAGE_SIZE + 1 }, (_, i) =>
      train(i + 1),
    );
    const trains = fakeTrainStore(all);
    const sent: TrainNotification[] = [];
    const digest = createStandupDigest({
      trains,
      standups: {
        async standup(id) {
          // A train created meanwhile is listed first, pushing the others one place down.
          if (id === all[0].id) all.unshift(train(500));
          return standupOf(id, { decisionCount: 1 });
        },
      },
      notifications: { send: async n => void sent.push(n) },
      logger: recordingLogger().logger,
      clock: { now: () => NOW },
    });
    expect(await digest.sendDigests()).toEqual({
      sent: DIGEST_PAGE_SIZE + 1,
      skipped: 0,
    });
    const recipients = sent.map(
      n => (n.recipients as { entityRef: string }).entityRef,
    );
    expect(new Set(recipients).size).toBe(recipients.length);
  });

  it('logs a train that fails and goes on with the others', async () => {
    const trains = fakeTrainStore([train(1), train(2), train(3), train(4)]);
    const sent: TrainNotification[] = [];
    const { logger, warnings } = recordingLogger();
    const digest = createStandupDigest({
      trains,
      standups: {
        async standup(id) {
          if (id === trainId(2)) throw new Error('database is gone');
          return standupOf(id, { newCollisions: [{} as TrainCollision] });
        },
      },
      notifications: {
        async send(n) {
          const to = (n.recipients as { entityRef: string }).entityRef;
          if (to === 'user:default/ambassador-3')
            throw new Error('mail is down');
          sent.push(n);
        },
      },
      logger,
      clock: { now: () => NOW },
    });

    expect(await digest.sendDigests()).toEqual({ sent: 2, skipped: 0 });
    expect(
      sent.map(n => (n.recipients as { entityRef: string }).entityRef),
    ).toEqual(['user:default/ambassador-1', 'user:default/ambassador-4']);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain(trainId(2));
    expect(warnings[0]).toContain('database is gone');
    expect(warnings[1]).toContain(trainId(3));
    expect(warnings[1]).toContain('mail is down');
  });

  describe('on a real train store', () => {
    const databases = createTestDatabases();

    it.each(databases.eachSupportedId())(
      'tells the ambassador of an active train with decisions since yesterday, on %s',
      async databaseId => {
        const knex = await databases.init(databaseId);
        const store = await DatabaseTrainStore.create({
          database: testDatabaseService(knex),
        });
        const longAgo = new Date(Date.now() - 30 * 86_400_000).toISOString();
        await insertTrainRow(knex, {
          id: trainId(1),
          name: 'busy',
          createdAt: longAgo,
        });
        await insertTrainRow(knex, {
          id: trainId(2),
          name: 'quiet',
          createdAt: longAgo,
        });
        await insertTrainRow(knex, {
          id: trainId(3),
          name: 'done',
          status: 'released',
          createdAt: longAgo,
        });
        for (const id of [trainId(1), trainId(3)]) {
          await store.appendDecision({
            trainId: id,
            actorRef: 'user:default/bob',
            action: 'train.updated',
            subject: 'objective',
          });
        }
        const sent: TrainNotification[] = [];
        const { logger, warnings } = recordingLogger();
        const digest = createStandupDigest({
          trains: store,
          standups: createStandupService({
            trains: store,
            calendar: { collisionsForRule: async () => [] },
            freezes: { overlapping: async () => [] },
          }),
          notifications: { send: async n => void sent.push(n) },
          logger,
        });

        expect(await digest.sendDigests()).toEqual({ sent: 1, skipped: 1 });
        expect(warnings).toEqual([]);
        expect(sent).toEqual([
          expect.objectContaining({
            recipients: { type: 'entity', entityRef: 'user:default/alice' },
            payload: expect.objectContaining({
              title: "Standup digest: release train 'busy'",
              description: '1 decision',
              topic: STANDUP_DIGEST_TOPIC,
            }),
          }),
        ]);
        await knex.destroy();
      },
    );
  });
});

describe('readStandupDigestSettings', () => {
  it('is off with the default schedule without configuration', () => {
    expect(readStandupDigestSettings(new ConfigReader({}))).toEqual({
      enabled: false,
      schedule: DEFAULT_STANDUP_DIGEST_SCHEDULE,
    });
    expect(DEFAULT_STANDUP_DIGEST_SCHEDULE).toEqual({
      frequency: { cron: '0 8 * * 1-5' },
      timeout: { minutes: 10 },
      initialDelay: { minutes: 1 },
    });
  });

  it('reads whether it is on and its schedule', () => {
    const settings = readStandupDigestSettings(
      new ConfigReader({
        releaseCoordination: {
          standup: {
            digest: {
              enabled: true,
              schedule: {
                frequency: { cron: '30 9 * * *' },
                timeout: { minutes: 5 },
              },
            },
          },
        },
      }),
    );
    expect(settings).toEqual({
      enabled: true,
      schedule: { frequency: { cron: '30 9 * * *' }, timeout: { minutes: 5 } },
    });
  });

  it('stops the start on a schedule it cannot read, naming the key', () => {
    expect(() =>
      readStandupDigestSettings(
        new ConfigReader({
          releaseCoordination: {
            standup: { digest: { schedule: { frequency: 'often' } } },
          },
        }),
      ),
    ).toThrow(
      /releaseCoordination\.standup\.digest\.schedule is not a valid scheduler task definition: .*often/,
    );
  });

  it('stops the start on an enabled that is not a boolean', () => {
    expect(() =>
      readStandupDigestSettings(
        new ConfigReader({
          releaseCoordination: {
            standup: { digest: { enabled: 'sometimes' } },
          },
        }),
      ),
    ).toThrow(/releaseCoordination\.standup\.digest\.enabled/);
  });
});

describe('the standup digest in the plugin', () => {
  type Task = SchedulerServiceTaskScheduleDefinition &
    SchedulerServiceTaskInvocationDefinition;

  /** The plugin with a scheduler that only records its tasks, run by the test. */
  async function start(config: object) {
    const scheduled: Task[] = [];
    const sent: TrainNotification[] = [];
    const server = await startReleaseCoordinationBackend({
      organisation: withEntities(
        CHECKOUT_ORGANISATION,
        ...catalogUsers('alice'),
      ),
      policy: releaseManagerPolicy(),
      config: {
        // Every gate of planning waits on a participant's owning team.
        stages: [
          {
            name: 'planning',
            exitGates: [
              {
                id: 'planning-owner',
                title: 'Owner approval',
                kind: 'approval',
                approvers: 'participant-owner',
                perParticipant: true,
              },
            ],
          },
          { name: 'deployment', exitGates: [] },
        ],
        ...config,
      },
      skipDependencyRefresh: true,
      features: [
        mockServices.scheduler.mock({
          async scheduleTask(task) {
            scheduled.push(task);
          },
        }).factory,
        recordingNotifications(sent),
      ],
    });
    const run = (id: string) =>
      scheduled.find(task => task.id === id)!.fn(new AbortController().signal);
    await run('release-coordination-dependency-refresh');
    return { server, scheduled, sent, run };
  }

  it('is not scheduled unless enabled', async () => {
    const { scheduled } = await start({});
    expect(scheduled.map(task => task.id)).not.toContain(
      'release-coordination-standup-digest',
    );
  }, 120_000);

  it('runs on one replica on weekday mornings and tells the ambassador', async () => {
    const { server, scheduled, sent, run } = await start({
      standup: { digest: { enabled: true } },
    });
    expect(
      scheduled.find(task => task.id === 'release-coordination-standup-digest'),
    ).toMatchObject({ scope: 'global', ...DEFAULT_STANDUP_DIGEST_SCHEDULE });

    const created = await createTrainThroughApi(
      server,
      checkoutTrain('2027.01'),
      asUser('alice'),
    );
    sent.length = 0;
    await run('release-coordination-standup-digest');
    expect(sent).toEqual([
      {
        recipients: { type: 'entity', entityRef: 'user:default/alice' },
        payload: {
          title: "Standup digest: release train '2027.01'",
          description:
            '1 decision, 2 gates became blocking (team-pay, team-web)',
          link: `/release-coordination/trains/${created.id}?tab=standup`,
          severity: 'normal',
          topic: STANDUP_DIGEST_TOPIC,
        },
      },
    ]);
  }, 120_000);
});
