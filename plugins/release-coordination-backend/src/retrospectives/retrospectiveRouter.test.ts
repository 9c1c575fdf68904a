import { trainManagePermission } from '@release-coordination/plugin-release-coordination-common';
import {
  BadInputMethod,
  CHECKOUT_ORGANISATION,
  CI,
  TestServer,
  asUser,
  checkoutTrain,
  createTrainThroughApi,
  decisionLog,
  expectRefusedAsBadInput,
  pluginRoutes,
  releaseManagerPolicy,
  startReleaseCoordinationBackend,
  withEntities,
  catalogUsers,
} from '../__testUtils__/testBackend';

/** storefront is team-web's, payments team-pay's; bob is on team-pay, carol on team-web. */
const ORGANISATION = withEntities(
  CHECKOUT_ORGANISATION,
  `
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: bob }
spec: { memberOf: [team-pay] }
`,
  ...catalogUsers('alice'),
);

const MEMBERSHIP: Record<string, string[]> = {
  'user:default/bob': ['group:default/team-pay'],
  'user:default/carol': ['group:default/team-web'],
};

/** Planning may only be left once earlier lessons concerning a participant are acted on. */
const STAGES = [
  {
    name: 'planning',
    entryGates: [
      {
        id: 'lessons-acted-on',
        title: 'Action items of earlier trains closed',
        kind: 'rule',
        perParticipant: true,
        rule: 'previous-action-items-closed',
      },
    ],
    exitGates: [],
  },
  { name: 'ship', exitGates: [] },
];

describe('retrospective routes (real catalog, policy, group membership)', () => {
  let server: TestServer;
  let earlierId: string;
  let teamPayItem: any;
  const { get, post, patch, del } = pluginRoutes(() => server);
  const decisionActions = async (trainId: string) =>
    (await decisionLog(server, trainId)).items.map(d => d.action) as string[];

  beforeAll(async () => {
    server = await startReleaseCoordinationBackend({
      organisation: ORGANISATION,
      // Only the admin manages trains of others.
      policy: releaseManagerPolicy(trainManagePermission),
      membership: MEMBERSHIP,
      config: { stages: STAGES },
    });
    const earlier = checkoutTrain('2026.11', { storefront: '1', payments: '1' });
    earlierId = (await createTrainThroughApi(server, earlier, asUser('alice'))).id;
  }, 120_000);

  it('answers 401 without credentials', async () => {
    expect((await get(`/trains/${earlierId}/retrospective`)).status).toBe(401);
    expect((await get(`/trains/${earlierId}/retrospective/notes`)).status).toBe(401);
    expect((await get(`/trains/${earlierId}/retrospective/carried-over`)).status).toBe(401);
    expect((await get('/action-items')).status).toBe(401);
    expect((await post(`/trains/${earlierId}/retrospective/notes`).send({})).status).toBe(401);
  });

  it('takes notes from any signed-in person, and deletes them for the author only', async () => {
    const added = await post(`/trains/${earlierId}/retrospective/notes`)
      .send({ column: 'to-improve', text: 'The contract break surfaced in validation' })
      .set('Authorization', asUser('bob'));
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ column: 'to-improve', authorRef: 'user:default/bob' });
    const fromCi = await post(`/trains/${earlierId}/retrospective/notes`)
      .send({ column: 'went-well', text: 'Green' })
      .set('Authorization', CI);
    expect(fromCi.status).toBe(403);

    const retro = await get(`/trains/${earlierId}/retrospective`)
      .set('Authorization', asUser('carol'));
    expect(retro.status).toBe(200);
    expect(retro.body.notes['to-improve']).toMatchObject({ totalCount: 1, items: [{ id: added.body.id }] });
    expect(retro.body.notes['went-well']).toEqual({ items: [], totalCount: 0 });

    const notePath = `/trains/${earlierId}/retrospective/notes/${added.body.id}`;
    expect((await del(notePath).set('Authorization', asUser('carol'))).status).toBe(403);
    expect((await del(notePath).set('Authorization', asUser('bob'))).status).toBe(204);
    expect((await del(notePath).set('Authorization', asUser('bob'))).status).toBe(404);
    const after = await get(`/trains/${earlierId}/retrospective`)
      .set('Authorization', asUser('carol'));
    expect(after.body.notes).toEqual({
      'went-well': { items: [], totalCount: 0 },
      'to-improve': { items: [], totalCount: 0 },
    });
    expect(await decisionActions(earlierId)).toEqual([
      'train.created',
      'retro.note-added',
      'retro.note-deleted',
    ]);
  });

  it('creates action items for the ambassador or a manager, owned by known entities', async () => {
    const item = { title: 'Rehearse the payments rollback', ownerRef: 'Group:default/team-pay' };
    const byBob = await post(`/trains/${earlierId}/action-items`)
      .send(item)
      .set('Authorization', asUser('bob'));
    expect(byBob.status).toBe(403);
    const ghost = await post(`/trains/${earlierId}/action-items`)
      .send({ ...item, ownerRef: 'group:default/ghosts' })
      .set('Authorization', asUser('alice'));
    expect(ghost.status).toBe(400);
    expect(ghost.body.error.message).toMatch(/ownerRef 'group:default\/ghosts' is not in the catalog/);

    const created = await post(`/trains/${earlierId}/action-items`)
      .send({ ...item, dueAt: '2026-12-01T00:00:00Z' })
      .set('Authorization', asUser('alice'));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      trainId: earlierId,
      trainName: '2026.11',
      ownerRef: 'group:default/team-pay',
      dueAt: '2026-12-01T00:00:00.000Z',
      status: 'open',
      version: 0,
    });
    teamPayItem = created.body;
    const ofUser = await post(`/trains/${earlierId}/action-items`)
      .send({ title: 'Document the freeze', ownerRef: 'user:default/bob' })
      .set('Authorization', asUser('admin'));
    expect(ofUser.status).toBe(201);
    const ofComponent = await post(`/trains/${earlierId}/action-items`)
      .send({ title: 'Expire checkout flags', ownerRef: 'component:default/storefront' })
      .set('Authorization', asUser('admin'));
    expect(ofComponent.status).toBe(201);
  });

  it("lets the owning team change an item, closing and reopening it, and nobody else", async () => {
    const path = `/action-items/${teamPayItem.id}`;
    const byCarol = await patch(path)
      .send({ status: 'done' })
      .set('Authorization', asUser('carol'));
    expect(byCarol.status).toBe(403);

    const closed = await patch(path)
      .send({ status: 'done', comment: 'Rehearsed on staging', expectedVersion: 0 })
      .set('Authorization', asUser('bob'));
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'done', version: 1 });
    expect(closed.body.closedAt).toBeDefined();

    const stale = await patch(path)
      .send({ title: 'Rehearse twice', expectedVersion: 0 })
      .set('Authorization', asUser('bob'));
    expect(stale.status).toBe(409);

    const done = await get('/action-items?ownerRef=group:default/team-pay&status=done')
      .set('Authorization', asUser('carol'));
    expect(done.body).toMatchObject({ totalCount: 1, items: [{ id: teamPayItem.id }] });
    const ofTrain = await get(`/action-items?trainId=${earlierId}&limit=2`)
      .set('Authorization', CI);
    expect(ofTrain.body.totalCount).toBe(3);
    expect(ofTrain.body.items).toHaveLength(2);

    const reopened = await patch(path)
      .send({ status: 'open' })
      .set('Authorization', asUser('alice'));
    expect(reopened.status).toBe(200);
    expect(reopened.body).not.toHaveProperty('closedAt');

    const decisions = await get(`/trains/${earlierId}/decisions?limit=500`)
      .set('Authorization', asUser('alice'));
    const updates = decisions.body.items.filter((d: any) => d.action === 'action-item.updated');
    expect(updates).toHaveLength(2);
    expect(updates[0]).toMatchObject({
      actorRef: 'user:default/bob',
      subject: teamPayItem.id,
      before: { status: 'open' },
      after: { status: 'done' },
      reason: 'Rehearsed on staging',
    });
  });

  it('carries open items into a later train and holds its planning until they are closed', async () => {
    const later = checkoutTrain('2026.12', { payments: '1' });
    const laterId = (await createTrainThroughApi(server, later, asUser('alice'))).id;

    const retro = await get(`/trains/${laterId}/retrospective`).set('Authorization', asUser('bob'));
    expect(retro.status).toBe(200);
    // team-pay's item concerns payments; storefront's and bob's own item do not.
    expect(retro.body.carriedOver.items.map((item: any) => item.id)).toEqual([teamPayItem.id]);
    expect(retro.body.carriedOver.totalCount).toBe(1);
    expect(retro.body.actionItems).toEqual({ items: [], totalCount: 0 });
    const earlier = await get(`/trains/${earlierId}/retrospective`)
      .set('Authorization', asUser('bob'));
    expect(earlier.body.carriedOver).toEqual({ items: [], totalCount: 0 });
    expect(earlier.body.actionItems.items).toHaveLength(3);
    expect(earlier.body.actionItems.totalCount).toBe(3);

    const blocked = await post(`/trains/${laterId}/advance`)
      .send({ expectedStage: 'planning' })
      .set('Authorization', asUser('alice'));
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.message).toMatch(/Action items of earlier trains closed/);
    const held = await get(`/trains/${laterId}`).set('Authorization', asUser('alice'));
    const gate = held.body.gates.find((g: any) => g.templateId === 'lessons-acted-on');
    expect(gate).toMatchObject({ state: 'failed', participantRef: 'component:default/payments' });
    expect(gate.reason).toMatch(/'Rehearse the payments rollback'/);

    const closed = await patch(`/action-items/${teamPayItem.id}`)
      .send({ status: 'dropped', comment: 'Replaced by the new failover' })
      .set('Authorization', asUser('bob'));
    expect(closed.status).toBe(200);
    const advanced = await post(`/trains/${laterId}/advance`)
      .send({ expectedStage: 'planning' })
      .set('Authorization', asUser('alice'));
    expect(advanced.status).toBe(200);
    expect(advanced.body.currentStage).toBe('ship');
  });

  it('pages the board and the carried-over items; the retrospective carries the first page of each', async () => {
    const first = (await createTrainThroughApi(server, checkoutTrain('2027.01', { payments: '2' }), asUser('alice'))).id;
    const lessons: string[] = [];
    for (const title of ['Rehearse the failover', 'Alert on refunds', 'Load-test the ledger']) {
      const res = await post(`/trains/${first}/action-items`)
        .send({ title, ownerRef: 'group:default/team-pay' })
        .set('Authorization', asUser('alice'));
      expect(res.status).toBe(201);
      lessons.push(res.body.id);
    }
    const next = (await createTrainThroughApi(server, checkoutTrain('2027.02', { payments: '3' }), asUser('alice'))).id;
    const notes = [
      ['went-well', 'Green pipeline'],
      ['went-well', 'Fast reviews'],
      ['to-improve', 'Late freeze'],
      ['went-well', 'Calm cut-over'],
    ];
    for (const [column, text] of notes) {
      const res = await post(`/trains/${next}/retrospective/notes`)
        .send({ column, text })
        .set('Authorization', asUser('bob'));
      expect(res.status).toBe(201);
    }
    const texts = (page: { items: { text: string }[] }) => page.items.map(note => note.text);
    const ids = (page: { items: { id: string }[] }) => page.items.map(item => item.id);

    const retro = await get(`/trains/${next}/retrospective?limit=2`).set('Authorization', asUser('carol'));
    expect(retro.status).toBe(200);
    expect(retro.body.notes['went-well'].totalCount).toBe(3);
    expect(texts(retro.body.notes['went-well'])).toEqual(['Green pipeline', 'Fast reviews']);
    expect(retro.body.notes['to-improve']).toMatchObject({ totalCount: 1, items: [{ text: 'Late freeze' }] });
    expect(retro.body.carriedOver.totalCount).toBe(3);
    expect(ids(retro.body.carriedOver)).toEqual(lessons.slice(0, 2));
    expect(retro.body.actionItems).toEqual({ items: [], totalCount: 0 });
    // Without a limit, the first 20 of each.
    const whole = await get(`/trains/${next}/retrospective`).set('Authorization', asUser('carol'));
    expect(ids(whole.body.carriedOver)).toEqual(lessons);

    const wentWell = await get(`/trains/${next}/retrospective/notes?column=went-well&limit=2&offset=2`)
      .set('Authorization', asUser('carol'));
    expect(wentWell.status).toBe(200);
    expect(wentWell.body.totalCount).toBe(3);
    expect(texts(wentWell.body)).toEqual(['Calm cut-over']);
    const board = await get(`/trains/${next}/retrospective/notes?limit=3`).set('Authorization', CI);
    expect(board.body.totalCount).toBe(4);
    expect(texts(board.body)).toEqual(['Green pipeline', 'Fast reviews', 'Late freeze']);

    const carried = await get(`/trains/${next}/retrospective/carried-over?limit=2&offset=2`)
      .set('Authorization', asUser('carol'));
    expect(carried.status).toBe(200);
    expect(carried.body.totalCount).toBe(3);
    expect(ids(carried.body)).toEqual([lessons[2]]);
    expect(carried.body.items[0]).toMatchObject({ trainId: first, trainName: '2027.01', status: 'open' });
    const ofFirst = await get(`/action-items?trainId=${first}&limit=2&offset=2`).set('Authorization', CI);
    expect(ofFirst.body).toMatchObject({ totalCount: 3, items: [{ id: lessons[2] }] });
  });

  it('answers 404 for an unknown train, note or item', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await get(`/trains/${missing}/retrospective`).set('Authorization', asUser('bob'))).status).toBe(404);
    for (const path of ['retrospective/notes', 'retrospective/carried-over']) {
      const res = await get(`/trains/${missing}/${path}`).set('Authorization', asUser('bob'));
      expect(res.status, path).toBe(404);
    }
    const item = await patch(`/action-items/${missing}`)
      .send({ status: 'done' })
      .set('Authorization', asUser('admin'));
    expect(item.status).toBe(404);
    const note = await del(`/trains/${earlierId}/retrospective/notes/${missing}`)
      .set('Authorization', asUser('admin'));
    expect(note.status).toBe(404);
    const created = await post(`/trains/${missing}/action-items`)
      .send({ title: 'x', ownerRef: 'group:default/team-pay' })
      .set('Authorization', asUser('admin'));
    expect(created.status).toBe(404);
  });

  describe('bad input', () => {
    const itemPath = () => `/action-items/${teamPayItem.id}`;
    const cases: [BadInputMethod, string, () => string, unknown, RegExp][] = [
      ['POST', 'note in an unknown column', () => `/trains/${earlierId}/retrospective/notes`,
        { column: 'blame', text: 'x' }, /column/],
      ['POST', 'note without text', () => `/trains/${earlierId}/retrospective/notes`,
        { column: 'went-well', text: '  ' }, /text/],
      ['POST', 'note naming a culprit field', () => `/trains/${earlierId}/retrospective/notes`,
        { column: 'to-improve', text: 'x', culprit: 'user:default/bob' }, /culprit/],
      ['POST', 'item without a title', () => `/trains/${earlierId}/action-items`,
        { ownerRef: 'group:default/team-pay' }, /title/],
      ['POST', 'item owned by a system', () => `/trains/${earlierId}/action-items`,
        { title: 'x', ownerRef: 'system:default/shop' }, /ownerRef/],
      ['POST', 'item owned by no ref', () => `/trains/${earlierId}/action-items`,
        { title: 'x', ownerRef: 'team-pay' }, /ownerRef/],
      ['POST', 'item with a bad due date', () => `/trains/${earlierId}/action-items`,
        { title: 'x', ownerRef: 'group:default/team-pay', dueAt: 'next week' }, /dueAt/],
      ['PATCH', 'update with nothing', itemPath, {}, /at least one of/],
      ['PATCH', 'update to an unknown status', itemPath, { status: 'blocked' }, /status/],
      ['PATCH', 'update with a bad version', itemPath, { title: 'x', expectedVersion: -1 },
        /expectedVersion/],
      ['PATCH', 'update to an unknown owner', itemPath,
        { ownerRef: 'group:default/nobody' }, /ownerRef/],
      ['PATCH', 'update with a bad id', () => '/action-items/not-a-uuid', { status: 'done' },
        /itemId/],
      ['GET', 'list by an unknown status', () => '/action-items?status=late', undefined, /status/],
      ['GET', 'list with a bad limit', () => '/action-items?limit=0', undefined, /limit/],
      ['GET', 'list with an unknown filter', () => '/action-items?team=x', undefined, /team/],
      ['GET', 'retrospective of a bad id', () => '/trains/x/retrospective', undefined, /trainId/],
      ['GET', 'retrospective with a limit of 0', () => `/trains/${earlierId}/retrospective?limit=0`,
        undefined, /limit/],
      ['GET', 'retrospective with a limit above 100',
        () => `/trains/${earlierId}/retrospective?limit=101`, undefined, /limit/],
      ['GET', 'retrospective with an offset', () => `/trains/${earlierId}/retrospective?offset=20`,
        undefined, /offset/],
      ['GET', 'notes with a limit of 0', () => `/trains/${earlierId}/retrospective/notes?limit=0`,
        undefined, /limit/],
      ['GET', 'notes with a negative offset',
        () => `/trains/${earlierId}/retrospective/notes?offset=-1`, undefined, /offset/],
      ['GET', 'notes of an unknown column',
        () => `/trains/${earlierId}/retrospective/notes?column=blame`, undefined, /column/],
      ['GET', 'notes of a bad train id', () => '/trains/x/retrospective/notes', undefined, /trainId/],
      ['GET', 'carried-over items with a limit of 0',
        () => `/trains/${earlierId}/retrospective/carried-over?limit=0`, undefined, /limit/],
      ['GET', 'carried-over items with an unknown filter',
        () => `/trains/${earlierId}/retrospective/carried-over?status=open`, undefined, /status/],
    ];

    const counts = async () => {
      const items = await get('/action-items?limit=500').set('Authorization', asUser('admin'));
      const decisions = await get(`/trains/${earlierId}/decisions?limit=1`)
        .set('Authorization', asUser('admin'));
      return [items.body.totalCount, decisions.body.totalCount];
    };

    it.each(cases)(
      '%s %s → 400 naming the field, nothing written',
      async (method, _name, path, body, field) => {
        await expectRefusedAsBadInput(
          server,
          { method, path: path(), body, field, authorization: asUser('admin') },
          counts,
        );
      },
    );
  });
});
