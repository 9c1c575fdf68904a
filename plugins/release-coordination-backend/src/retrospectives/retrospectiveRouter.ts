import { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  ACTION_ITEM_STATUSES,
  ActionItemStatus,
  RETROSPECTIVE_COLUMNS,
  RetrospectiveColumn,
} from '@release-coordination/plugin-release-coordination-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { RetrospectiveService } from './RetrospectiveService';
import { entityRef, parseInput, pageQuery } from '../http/validation';

const text = (max: number) => z.string().trim().min(1).max(max);
const isoTime = z.iso.datetime({ offset: true });
const trainParams = z.object({ trainId: z.uuid() }).strict();
const noteParams = z.object({ trainId: z.uuid(), noteId: z.uuid() }).strict();
const itemParams = z.object({ itemId: z.uuid() }).strict();
const status = z.enum(ACTION_ITEM_STATUSES as [ActionItemStatus, ...ActionItemStatus[]]);

const ownerRef = entityRef.refine(ref => /^(group|user|component):/.test(ref), {
  message: 'ownerRef must be the ref of a Group, User or Component',
});

const column = z.enum(RETROSPECTIVE_COLUMNS as [RetrospectiveColumn, ...RetrospectiveColumn[]]);
const noteBody = z.object({ column, text: text(2000) }).strict();
/** The retrospective carries the first page of each of its lists, this long. */
const retrospectiveQuery = pageQuery({ defaultLimit: 20, maxLimit: 100 })
  .pick({ limit: true })
  .strict();
const listNotesQuery = pageQuery().extend({ column: column.optional() }).strict();
const carriedOverQuery = pageQuery().strict();
const createItemBody = z
  .object({ title: text(500), ownerRef, dueAt: isoTime.optional() })
  .strict();
const updateItemBody = z
  .object({
    status: status.optional(),
    title: text(500).optional(),
    dueAt: isoTime.nullable().optional(),
    ownerRef: ownerRef.optional(),
    comment: z.string().trim().max(2000).optional(),
    expectedVersion: z.number().int().min(0).optional(),
  })
  .strict()
  .refine(
    body =>
      ['status', 'title', 'dueAt', 'ownerRef'].some(key => key in body) || Boolean(body.comment),
    { message: 'name at least one of status, title, dueAt, ownerRef or comment' },
  );
const listItemsQuery = pageQuery({ defaultLimit: 100 })
  .extend({
    ownerRef: entityRef.optional(),
    status: status.optional(),
    trainId: z.uuid().optional(),
  })
  .strict();

/**
 * Routes of retrospectives: the notes of a train's board and the action items, which carry
 * over to later trains until closed. Who may do what is the service's to decide.
 */
export function createRetrospectiveRouter(options: {
  httpAuth: HttpAuthService;
  retrospectives: RetrospectiveService;
}): express.Router {
  const { httpAuth, retrospectives } = options;
  const router = Router();
  const credentialsOf = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  router.get('/trains/:trainId/retrospective', async (req, res) => {
    await credentialsOf(req);
    const { trainId } = parseInput(trainParams, req.params, 'path');
    const firstPage = parseInput(retrospectiveQuery, req.query, 'query');
    res.json(await retrospectives.getRetrospective(trainId, firstPage));
  });

  router.get('/trains/:trainId/retrospective/notes', async (req, res) => {
    await credentialsOf(req);
    const { trainId } = parseInput(trainParams, req.params, 'path');
    const query = parseInput(listNotesQuery, req.query, 'query');
    res.json(await retrospectives.listNotes(trainId, query));
  });

  router.get('/trains/:trainId/retrospective/carried-over', async (req, res) => {
    await credentialsOf(req);
    const { trainId } = parseInput(trainParams, req.params, 'path');
    const page = parseInput(carriedOverQuery, req.query, 'query');
    res.json(await retrospectives.listCarriedOver(trainId, page));
  });

  router.post('/trains/:trainId/retrospective/notes', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { trainId } = parseInput(trainParams, req.params, 'path');
    const body = parseInput(noteBody, req.body, 'body');
    res.status(201).json(await retrospectives.addNote(trainId, body, credentials));
  });

  router.delete('/trains/:trainId/retrospective/notes/:noteId', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { trainId, noteId } = parseInput(noteParams, req.params, 'path');
    await retrospectives.deleteNote(trainId, noteId, credentials);
    res.status(204).end();
  });

  router.post('/trains/:trainId/action-items', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { trainId } = parseInput(trainParams, req.params, 'path');
    const body = parseInput(createItemBody, req.body, 'body');
    res.status(201).json(await retrospectives.createActionItem(trainId, body, credentials));
  });

  router.patch('/action-items/:itemId', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { itemId } = parseInput(itemParams, req.params, 'path');
    const body = parseInput(updateItemBody, req.body, 'body');
    res.json(await retrospectives.updateActionItem(itemId, body, credentials));
  });

  router.get('/action-items', async (req, res) => {
    await credentialsOf(req);
    const query = parseInput(listItemsQuery, req.query, 'query');
    res.json(await retrospectives.listActionItems(query));
  });

  return router;
}
