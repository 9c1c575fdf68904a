import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import express from 'express';
import { createTrainReaderOf } from '../access';
import { VisibilityResolver } from '../access/visibility';
import { createContractRouter } from '../http/contractRouter';
import { StandupService } from './StandupService';

const HOUR_MS = 3_600_000;
/** A standup looks back a day by default, a month at most. */
const DEFAULT_HOURS = 24;
const MAX_DAYS = 31;

/** `GET /trains/:trainId/standup`: what changed in a train since a time, per team. */
export function createStandupRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  standups: StandupService;
  visibility: VisibilityResolver;
  now?: () => Date;
}): express.Router {
  const { httpAuth, permissions, standups, visibility } = options;
  const now = options.now ?? (() => new Date());
  const router = createContractRouter();
  const readerOf = createTrainReaderOf({ httpAuth, permissions });
  router.get('/trains/:trainId/standup', async (req, res) => {
    const credentials = await readerOf(req);
    const at = now().getTime();
    const since = req.query.since
      ? new Date(req.query.since)
      : new Date(at - DEFAULT_HOURS * HOUR_MS);
    if (since.getTime() > at)
      throw new InputError('since: must not be in the future');
    if (at - since.getTime() > MAX_DAYS * 24 * HOUR_MS) {
      throw new InputError(
        `since: a standup looks back at most ${MAX_DAYS} days`,
      );
    }
    res.json(
      await standups.standup(
        req.params.trainId,
        since,
        visibility.forCaller(credentials),
      ),
    );
  });
  return router;
}
