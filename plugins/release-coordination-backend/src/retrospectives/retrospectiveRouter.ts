import { HttpAuthService, PermissionsService } from '@backstage/backend-plugin-api';
import {
  ACTION_ITEM_STATUSES,
  ActionItemStatus,
  RETROSPECTIVE_COLUMNS,
  RetrospectiveColumn,
} from '@release-coordination/plugin-release-coordination-common';
import express from 'express';
import { createContractRouter, RouteRequest } from '../http/contractRouter';
import { z } from 'zod';
import { RetrospectiveService } from './RetrospectiveService';
import { createTrainReaderOf } from '../access';
import { entityRef, entityRefIn, limitOf, pageOf, parseInput } from '../http/validation';
import { VisibilityResolver, visibleItems } from '../access';
import { ActionItem } from '@release-coordination/plugin-release-coordination-common';

/** An action item names its owner; one the caller may not see keeps it out of answers. */
const ownerOf = (item: ActionItem) => [item.ownerRef];

const text = (max: number) => z.string().trim().min(1).max(max);
const isoTime = z.iso.datetime({ offset: true });
const status = z.enum(ACTION_ITEM_STATUSES as [ActionItemStatus, ...ActionItemStatus[]]);

const ownerRefSchema = entityRef.refine(ref => /^(group|user|component):/.test(ref), {
  message: 'ownerRef must be the ref of a Group, User or Component',
});

const column = z.enum(RETROSPECTIVE_COLUMNS as [RetrospectiveColumn, ...RetrospectiveColumn[]]);
const noteBody = z.object({ column, text: text(2000) }).strict();
const createItemBody = z
  .object({ title: text(500), ownerRef: ownerRefSchema, dueAt: isoTime.optional() })
  .strict();
const updateItemBody = z
  .object({
    status: status.optional(),
    title: text(500).optional(),
    dueAt: isoTime.nullable().optional(),
    ownerRef: ownerRefSchema.optional(),
    comment: z.string().trim().max(2000).optional(),
    expectedVersion: z.number().int().min(0).optional(),
  })
  .strict()
  .refine(
    body =>
      ['status', 'title', 'dueAt', 'ownerRef'].some(key => key in body) || Boolean(body.comment),
    { message: 'name at least one of status, title, dueAt, ownerRef or comment' },
  );

/**
 * Routes of retrospectives: the notes of a train's board and the action items, which carry
 * over to later trains until closed. Who may do what is the service's to decide.
 */
export function createRetrospectiveRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  retrospectives: RetrospectiveService;
  /** What each caller may see of the catalog: action items of hidden owners are left out. */
  visibility: VisibilityResolver;
}): express.Router {
  const { httpAuth, permissions, retrospectives, visibility } = options;
  const router = createContractRouter();
  const credentialsOf = (req: RouteRequest) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });
  // A train's retrospective and its action items are read like the train itself.
  const readerOf = createTrainReaderOf({ httpAuth, permissions });

  router.get('/trains/:trainId/retrospective', async (req, res) => {
    const caller = visibility.forCaller(await readerOf(req));
    // The retrospective carries the first page of each of its lists, `limit` long.
    const retrospective = await retrospectives.getRetrospective(
      req.params.trainId,
      limitOf(req.query),
    );
    res.json({
      ...retrospective,
      actionItems: await visibleItems(retrospective.actionItems, ownerOf, caller),
      carriedOver: await visibleItems(retrospective.carriedOver, ownerOf, caller),
    });
  });

  router.get('/trains/:trainId/retrospective/notes', async (req, res) => {
    await readerOf(req);
    const { column: noteColumn } = req.query;
    res.json(
      await retrospectives.listNotes(req.params.trainId, {
        column: noteColumn,
        ...pageOf(req.query),
      }),
    );
  });

  router.get('/trains/:trainId/retrospective/carried-over', async (req, res) => {
    const caller = visibility.forCaller(await readerOf(req));
    const page = await retrospectives.listCarriedOver(req.params.trainId, pageOf(req.query));
    res.json(await visibleItems(page, ownerOf, caller));
  });

  router.post('/trains/:trainId/retrospective/notes', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { trainId } = req.params;
    const body = parseInput(noteBody, req.body, 'body');
    res.status(201).json(await retrospectives.addNote(trainId, body, credentials));
  });

  router.delete('/trains/:trainId/retrospective/notes/:noteId', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { trainId, noteId } = req.params;
    await retrospectives.deleteNote(trainId, noteId, credentials);
    res.status(204).end();
  });

  router.post('/trains/:trainId/action-items', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { trainId } = req.params;
    const body = parseInput(createItemBody, req.body, 'body');
    res.status(201).json(await retrospectives.createActionItem(trainId, body, credentials));
  });

  router.patch('/action-items/:itemId', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { itemId } = req.params;
    const body = parseInput(updateItemBody, req.body, 'body');
    res.json(await retrospectives.updateActionItem(itemId, body, credentials));
  });

  router.get('/action-items', async (req, res) => {
    const caller = visibility.forCaller(await readerOf(req));
    const { query } = req;
    const ownerRef =
      query.ownerRef === undefined ? undefined : entityRefIn(query.ownerRef, 'ownerRef', 'query');
    // An owner the caller may not see is answered as an owner with no items.
    if (ownerRef && !(await caller.of([ownerRef])).isVisible(ownerRef)) {
      res.json({ items: [], totalCount: 0 });
      return;
    }
    const page = await retrospectives.listActionItems({
      ownerRef,
      status: query.status,
      trainId: query.trainId,
      ...pageOf(query),
    });
    res.json(await visibleItems(page, ownerOf, caller));
  });

  return router;
}
