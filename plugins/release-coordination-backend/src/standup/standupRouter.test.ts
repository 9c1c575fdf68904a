import { createTestDatabases } from '../__testUtils__/databases';
import {
  asUser,
  catalogUsers,
  CHECKOUT_ORGANISATION,
  CI,
  checkoutTrain,
  createTrainThroughApi,
  expectRefusedAsBadInput,
  pluginRoutes,
  releaseManagerPolicy,
  startReleaseCoordinationBackend,
  TestServer,
  withEntities,
} from '../__testUtils__/testBackend';

const ORGANISATION = withEntities(
  CHECKOUT_ORGANISATION,
  ...catalogUsers('alice'),
);

/** Planning waits for each owner's approval and each participant's contract tests. */
const STAGES = [
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
      {
        id: 'planning-contract-tests',
        title: 'Contract tests',
        kind: 'check',
        checkName: 'contract-tests',
        perParticipant: true,
      },
    ],
  },
  { name: 'deployment', exitGates: [] },
];

const HOUR = 3_600_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

describe('train standup (real catalog)', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let server: TestServer;
    const { get, post } = pluginRoutes(() => server);
    const standup = async (trainId: string, since?: string) => {
      const res = await get(
        `/trains/${trainId}/standup${since ? `?since=${since}` : ''}`,
      ).set('Authorization', asUser('alice'));
      expect(res.status).toBe(200);
      return res.body;
    };
    const gateSummary = (team: any) =>
      team.blockingGates.map((g: any) => [
        g.gate.title,
        g.gate.participantRef,
        g.becameBlocking,
      ]);
    let trainId: string;
    let created: Date;

    beforeAll(async () => {
      server = await startReleaseCoordinationBackend({
        organisation: ORGANISATION,
        policy: releaseManagerPolicy(),
        knex: await databases.init(databaseId),
        config: { stages: STAGES },
      });
      trainId = (
        await createTrainThroughApi(
          server,
          checkoutTrain('2027.01'),
          asUser('alice'),
        )
      ).id;
      created = new Date();
    }, 120_000);

    it('shows each team what waits on it, all of it new for a train created since', async () => {
      const day = await standup(trainId);
      expect(day.currentStage).toMatchObject({ name: 'planning', late: false });
      expect(day.teams.map((t: any) => [t.teamRef, t.participantRefs])).toEqual(
        [
          ['group:default/team-pay', ['component:default/payments']],
          ['group:default/team-web', ['component:default/storefront']],
        ],
      );
      expect(gateSummary(day.teams[0])).toEqual([
        ['Contract tests', 'component:default/payments', true],
        ['Owner approval', 'component:default/payments', true],
      ]);
      expect(day.decisions.map((d: any) => d.action)).toEqual([
        'train.created',
      ]);
      expect(day.decisionCount).toBe(1);
      expect(day.trainGates).toEqual([]);
    });

    it('marks only what changed since the time asked, with the failed check and its decision', async () => {
      await new Promise(resolve => setTimeout(resolve, 20));
      const since = new Date(
        Math.max(created.getTime() + 10, Date.now() - 5),
      ).toISOString();
      await new Promise(resolve => setTimeout(resolve, 20));
      const report = await post(`/trains/${trainId}/checks`)
        .send({
          participantRef: 'component:default/payments',
          checkName: 'contract-tests',
          status: 'failed',
          idempotencyKey: 'ct-1',
          evidenceUrl: 'https://ci.example.com/runs/1',
        })
        .set('Authorization', CI);
      expect(report.status).toBe(200);

      const later = await standup(trainId, since);
      const pay = later.teams.find(
        (t: any) => t.teamRef === 'group:default/team-pay',
      );
      expect(gateSummary(pay)).toEqual([
        ['Contract tests', 'component:default/payments', true],
        ['Owner approval', 'component:default/payments', false],
      ]);
      expect(
        pay.failingChecks.map((c: any) => [
          c.checkName,
          c.status,
          c.evidenceUrl,
        ]),
      ).toEqual([
        ['contract-tests', 'failed', 'https://ci.example.com/runs/1'],
      ]);
      expect(pay.decisionCount).toBe(2);
      const web = later.teams.find(
        (t: any) => t.teamRef === 'group:default/team-web',
      );
      expect(web.failingChecks).toEqual([]);
      expect(web.blockingGates.every((g: any) => !g.becameBlocking)).toBe(true);
      expect(later.decisions.map((d: any) => d.action)).toEqual([
        'check.reported',
        'gate.failed',
      ]);
    });

    it.each([
      [
        'a time in the future',
        () => `since=${new Date(Date.now() + HOUR).toISOString()}`,
        /^since: must not be in the future/,
      ],
      [
        'more than 31 days back',
        () => `since=${ago(32 * 24 * HOUR)}`,
        /^since: a standup looks back at most 31 days/,
      ],
      ['a time that is none', () => 'since=yesterday', /since/],
    ])('refuses %s with a 400 naming the field', async (_, query, field) => {
      await expectRefusedAsBadInput(
        server,
        {
          method: 'GET',
          path: `/trains/${trainId}/standup?${query()}`,
          authorization: asUser('alice'),
          field,
        },
        async () =>
          (
            await get(`/trains/${trainId}/decisions`).set(
              'Authorization',
              asUser('alice'),
            )
          ).body.totalCount,
      );
    });

    it('answers 404 for an unknown train', async () => {
      const res = await get(
        '/trains/00000000-0000-4000-8000-000000000000/standup',
      ).set('Authorization', asUser('alice'));
      expect(res.status).toBe(404);
    });
  });
});
