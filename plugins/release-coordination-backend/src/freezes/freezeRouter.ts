import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { freezeManagePermission } from '@release-coordination/plugin-release-coordination-common';
import express from 'express';
import { z } from 'zod';
import { createAuthorizer, createTrainReaderOf } from '../access';
import { createContractRouter, RouteRequest } from '../http/contractRouter';
import { entityRef, pageOf, parseInput } from '../http/validation';
import { FreezeService } from './FreezeService';

const DAY_MS = 86_400_000;
const isoTime = z.iso.datetime({ offset: true });

const freezeBody = z
  .object({
    startsAt: isoTime,
    endsAt: isoTime,
    reason: z.string().trim().min(1).max(2000),
    scope: z
      .discriminatedUnion('kind', [
        z.object({ kind: z.literal('all') }).strict(),
        z.object({ kind: z.literal('system'), ref: entityRef }).strict(),
        z.object({ kind: z.literal('domain'), ref: entityRef }).strict(),
      ])
      .optional(),
  })
  .strict()
  .refine(body => Date.parse(body.endsAt) > Date.parse(body.startsAt), {
    message: 'must be after startsAt',
    path: ['endsAt'],
  });

const periodQuery = z.object({
  from: isoTime.optional(),
  to: isoTime.optional(),
});

/**
 * Routes of change freezes: everyone who reads trains sees them (they shape every train's
 * calendar); release managers declare and lift them.
 */
export function createFreezeRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  freezes: FreezeService;
  now?: () => Date;
}): express.Router {
  const { httpAuth, permissions, freezes } = options;
  const now = options.now ?? (() => new Date());
  const router = createContractRouter();
  const access = createAuthorizer({ permissions });
  const readerOf = createTrainReaderOf({ httpAuth, permissions });
  const managerOf = async (req: RouteRequest) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await access.authorize(
      freezeManagePermission,
      credentials,
      'Only release managers declare and lift change freezes',
    );
    return credentials;
  };

  router.get('/freezes', async (req, res) => {
    await readerOf(req);
    const period = parseInput(
      periodQuery,
      { from: req.query.from, to: req.query.to },
      'query',
    );
    // From now for a year unless asked otherwise.
    const from = period.from ? new Date(period.from) : now();
    const to = period.to
      ? new Date(period.to)
      : new Date(from.getTime() + 366 * DAY_MS);
    res.json(await freezes.list(from, to, pageOf(req.query)));
  });

  router.post('/freezes', async (req, res) => {
    const credentials = await managerOf(req);
    const body = parseInput(freezeBody, req.body, 'body');
    res.status(201).json(await freezes.declare(body, credentials));
  });

  router.delete('/freezes/:freezeId', async (req, res) => {
    const credentials = await managerOf(req);
    await freezes.lift(req.params.freezeId, credentials);
    res.status(204).end();
  });

  return router;
}
