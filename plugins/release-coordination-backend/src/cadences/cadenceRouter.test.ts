import {
  cadenceManagePermission,
  trainManagePermission,
} from '@release-coordination/plugin-release-coordination-common';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  pluginTableNames,
  snapshotTables,
} from '../__testUtils__/databaseSnapshot';
import { TrainNotification } from '../trains/announcements';
import {
  asUser,
  catalogUsers,
  ENGINEERING_DEPARTMENT,
  pluginRoutes,
  recordingNotifications,
  releaseManagerPolicy,
  startReleaseCoordinationBackend,
  TestServer,
  withEntities,
} from '../__testUtils__/testBackend';
import { occurrenceWindows } from './rotation';

const member = (name: string, team: string) =>
  `apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata: { name: ${name} }\nspec: { memberOf: [${team}] }`;

/** pat and carol are in team-pay, wes in team-web; alice and zoe in no team; admin manages. */
const ORGANISATION = withEntities(
  ENGINEERING_DEPARTMENT,
  `apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: payments }
spec: { type: service, lifecycle: production, owner: team-pay }`,
  ...catalogUsers('alice', 'zoe', 'admin'),
  member('pat', 'team-pay'),
  member('carol', 'team-pay'),
  member('wes', 'team-web'),
);
const MEMBERSHIP = {
  'user:default/pat': ['group:default/team-pay'],
  'user:default/carol': ['group:default/team-pay'],
  'user:default/wes': ['group:default/team-web'],
};
const DAY = 86_400_000;
const sentNotifications: TrainNotification[] = [];

describe('release cadences and the ambassador rotation (real catalog)', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let server: TestServer;
    let knex: Awaited<ReturnType<typeof databases.init>>;
    const { get, post, put } = pluginRoutes(() => server);
    let cadenceId: string;
    const firstStart = new Date(
      Math.floor(Date.now() / DAY) * DAY + 2 * DAY,
    ).toISOString();
    const CADENCE = {
      name: 'Payments fortnightly',
      intervalDays: 14,
      firstStart,
      stageOffsets: [
        { stage: 'planning', startDay: 0, endDay: 3 },
        { stage: 'integration', startDay: 3, endDay: 7 },
        { stage: 'validation', startDay: 7, endDay: 10 },
        { stage: 'deployment', startDay: 10, endDay: 12 },
      ],
      teamRefs: ['group:default/team-pay', 'team-web'],
    };
    const detail = async () =>
      (await get(`/cadences/${cadenceId}`).set('Authorization', asUser('zoe')))
        .body;
    const nextTrain = (user: string, body: object = {}) =>
      post(`/cadences/${cadenceId}/trains`)
        .send({
          objective: 'The next fortnight of payments',
          participants: [
            { entityRef: 'component:default/payments', targetVersion: '6.0.0' },
          ],
          ...body,
        })
        .set('Authorization', asUser(user));

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      server = await startReleaseCoordinationBackend({
        organisation: ORGANISATION,
        policy: releaseManagerPolicy(
          trainManagePermission,
          cadenceManagePermission,
        ),
        membership: MEMBERSHIP,
        features: [recordingNotifications(sentNotifications)],
        knex,
      });
    }, 120_000);

    it('lets release managers create cadences, refusing bad ones naming the field and writing nothing', async () => {
      const tables = await pluginTableNames();
      const before = await snapshotTables(knex, tables);
      const create = (user: string, body: object) =>
        post('/cadences').send(body).set('Authorization', asUser(user));
      expect((await create('pat', CADENCE)).status).toBe(403);
      const badStage = await create('admin', {
        ...CADENCE,
        stageOffsets: [{ stage: 'launch', startDay: 0, endDay: 1 }],
      });
      expect(badStage.status).toBe(400);
      expect(badStage.body.error.message).toMatch(
        /^stageOffsets\.0\.stage: 'launch' is not a stage/,
      );
      const backwards = await create('admin', {
        ...CADENCE,
        stageOffsets: [{ stage: 'planning', startDay: 3, endDay: 3 }],
      });
      expect(backwards.body.error.message).toBe(
        'stageOffsets.0.endDay: must be after startDay',
      );
      const unknownTeam = await create('admin', {
        ...CADENCE,
        teamRefs: ['group:default/team-nobody'],
      });
      expect(unknownTeam.body.error.message).toBe(
        'teamRefs: not Groups of the catalog: group:default/team-nobody',
      );
      const interval = await create('admin', { ...CADENCE, intervalDays: 0 });
      expect(interval.status).toBe(400);
      expect(interval.body.error.message).toMatch(/intervalDays/);
      expect(await snapshotTables(knex, tables)).toEqual(before);

      const created = await create('admin', CADENCE);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        name: 'Payments fortnightly',
        teamRefs: ['group:default/team-pay', 'group:default/team-web'],
        createdBy: 'user:default/admin',
      });
      cadenceId = created.body.id;
      expect((await create('admin', CADENCE)).status).toBe(409);
      const listed = await get('/cadences?limit=10').set(
        'Authorization',
        asUser('zoe'),
      );
      expect(listed.body).toMatchObject({
        totalCount: 1,
        items: [{ id: cadenceId }],
      });
    });

    it('keeps a roster of members of the teams taking part, set by release managers', async () => {
      const roster = (user: string, memberRefs: string[]) =>
        put(`/cadences/${cadenceId}/roster`)
          .send({ memberRefs })
          .set('Authorization', asUser(user));
      expect((await roster('pat', ['user:default/pat'])).status).toBe(403);
      const outsider = await roster('admin', ['pat', 'user:default/zoe']);
      expect(outsider.status).toBe(400);
      expect(outsider.body.error.message).toBe(
        "memberRefs: not Users of the cadence's teams (group:default/team-pay, group:default/team-web): user:default/zoe",
      );
      const set = await roster('admin', ['pat', 'user:default/carol', 'wes']);
      expect(set.status).toBe(200);
      expect(set.body.roster.map((m: any) => [m.memberRef, m.runs])).toEqual([
        ['user:default/pat', 0],
        ['user:default/carol', 0],
        ['user:default/wes', 0],
      ]);
      // Nobody ran one yet: the first in roster order, the first occurrence's windows.
      expect(set.body.next).toMatchObject({
        occurrence: 1,
        name: 'Payments fortnightly #1',
        stageWindows: occurrenceWindows(CADENCE, 1),
        suggestedAmbassador: {
          memberRef: 'user:default/pat',
          reason:
            'user:default/pat has not run a train of the series yet, the fewest on the roster',
        },
      });
    });

    it('creates the next train pre-filled: its windows and the suggested ambassador, whom anyone may name', async () => {
      // Naming someone else than the suggestion or yourself takes a release manager.
      expect(
        (await nextTrain('alice', { ambassadorRef: 'user:default/wes' }))
          .status,
      ).toBe(403);
      const first = await nextTrain('alice');
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({
        name: 'Payments fortnightly #1',
        ambassadorRef: 'user:default/pat',
        cadence: { cadenceId, occurrence: 1 },
      });
      expect(first.body.stages[0].window).toEqual(
        occurrenceWindows(CADENCE, 1).planning,
      );
      // pat ran one: carol is next, with the second occurrence's windows.
      const after = await detail();
      expect(after.roster[0]).toMatchObject({
        memberRef: 'user:default/pat',
        runs: 1,
        lastRun: { trainId: first.body.id, occurrence: 1 },
      });
      expect(after.next).toMatchObject({
        occurrence: 2,
        suggestedAmbassador: { memberRef: 'user:default/carol' },
      });
      const history = await get(`/cadences/${cadenceId}/trains?limit=1`).set(
        'Authorization',
        asUser('zoe'),
      );
      expect(history.body).toMatchObject({
        totalCount: 1,
        items: [{ trainId: first.body.id, ambassadorRef: 'user:default/pat' }],
      });
    });

    it('never gives two trains one occurrence when they are created at once', async () => {
      const answers = await Promise.all([
        nextTrain('admin', { name: 'Race A' }),
        nextTrain('admin', { name: 'Race B' }),
      ]);
      const created = answers.filter(a => a.status === 201);
      expect(answers.every(a => a.status === 201 || a.status === 409)).toBe(
        true,
      );
      expect(created.length).toBeGreaterThanOrEqual(1);
      const occurrences = created.map(a => a.body.cadence.occurrence);
      expect(new Set(occurrences).size).toBe(occurrences.length);
    });

    it('records skips and swaps with a reason, by the members concerned or release managers', async () => {
      const change = (user: string, body: object) =>
        post(`/cadences/${cadenceId}/rotation`)
          .send(body)
          .set('Authorization', asUser(user));
      const { next } = await detail();
      const suggested = next.suggestedAmbassador.memberRef;
      const memberName = suggested.replace('user:default/', '');
      // Someone else's turn is not yours to give away.
      expect(
        (
          await change('zoe', {
            kind: 'skip',
            memberRef: suggested,
            reason: 'x',
          })
        ).status,
      ).toBe(403);
      const stranger = await change(memberName, {
        kind: 'swap',
        memberRef: suggested,
        substituteRef: 'user:default/zoe',
        reason: 'Conference',
      });
      expect(stranger.status).toBe(400);
      expect(stranger.body.error.message).toMatch(
        /^substituteRef: user:default\/zoe is not another member/,
      );

      sentNotifications.length = 0;
      const skipped = await change(memberName, {
        kind: 'skip',
        memberRef: suggested,
        reason: 'On leave that fortnight',
      });
      expect(skipped.status).toBe(201);
      expect(skipped.body).toMatchObject({
        kind: 'skip',
        occurrence: next.occurrence,
        recordedBy: suggested,
      });
      const moved = await detail();
      expect(moved.next.suggestedAmbassador.memberRef).not.toBe(suggested);
      expect(moved.next.suggestedAmbassador.reason).toContain(
        `${suggested} skip(s) this one`,
      );
      expect(moved.rotationChanges).toEqual([
        expect.objectContaining({ reason: 'On leave that fortnight' }),
      ]);
      // A release manager arranges anyone's: the members concerned are told.
      const swapped = await change('admin', {
        kind: 'swap',
        memberRef: moved.next.suggestedAmbassador.memberRef,
        substituteRef: 'user:default/wes',
        reason: 'Knows the ledger migration',
      });
      expect(swapped.status).toBe(201);
      expect((await detail()).next.suggestedAmbassador.memberRef).toBe(
        'user:default/wes',
      );
      expect(sentNotifications).toEqual([
        expect.objectContaining({
          payload: expect.objectContaining({
            topic: 'release-coordination.ambassador-rotation',
          }),
        }),
      ]);
    });

    it("keeps the ambassador's handover notes and shows the newest with the next train", async () => {
      const { items } = (
        await get(`/cadences/${cadenceId}/trains?limit=100`).set(
          'Authorization',
          asUser('zoe'),
        )
      ).body;
      const patsTrain = items.find(
        (t: any) => t.ambassadorRef === 'user:default/pat',
      );
      const handover = (user: string, body: object) =>
        post(`/cadences/${cadenceId}/handovers`)
          .send(body)
          .set('Authorization', asUser(user));
      const note = {
        trainId: patsTrain.trainId,
        note: 'The canary needs 30 min',
      };
      expect((await handover('zoe', note)).status).toBe(403);
      const notOfCadence = await handover('pat', {
        ...note,
        trainId: '00000000-0000-4000-8000-000000000000',
      });
      expect(notOfCadence.status).toBe(400);
      expect(notOfCadence.body.error.message).toMatch(/^trainId: /);
      const written = await handover('pat', note);
      expect(written.status).toBe(201);
      expect((await detail()).next.latestHandover).toMatchObject({
        trainId: patsTrain.trainId,
        authorRef: 'user:default/pat',
        note: 'The canary needs 30 min',
      });
    });

    it('answers 404 for an unknown cadence', async () => {
      const res = await get(
        '/cadences/00000000-0000-4000-8000-000000000000',
      ).set('Authorization', asUser('zoe'));
      expect(res.status).toBe(404);
    });
  });
});
