import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { normalizeEntityRef } from '@release-coordination/plugin-release-coordination-common';
import express from 'express';
import { createTrainReaderOf } from '../access';
import { hiddenCounts, VisibilityResolver } from '../access/visibility';
import { createContractRouter } from '../http/contractRouter';
import { pageOf } from '../http/validation';
import { CalendarService, unknownFilter } from './CalendarService';

const FILTER_KINDS = [
  ['team', 'group'],
  ['system', 'system'],
  ['domain', 'domain'],
] as const;

const DAY_MS = 86_400_000;
/** A calendar shows a quarter by default, at most a little over a year. */
const DEFAULT_CALENDAR_DAYS = 90;
const MAX_CALENDAR_DAYS = 400;

/**
 * Routes of the release calendar: every train's stage windows across teams with the change
 * freezes, and where plans collide. Everyone who reads trains reads them.
 */
export function createCalendarRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  calendar: CalendarService;
  visibility: VisibilityResolver;
  now?: () => Date;
}): express.Router {
  const { httpAuth, permissions, calendar, visibility } = options;
  const now = options.now ?? (() => new Date());
  const router = createContractRouter();
  const readerOf = createTrainReaderOf({ httpAuth, permissions });

  router.get('/calendar', async (req, res) => {
    const credentials = await readerOf(req);
    const { from, to } = periodOf(req.query, now());
    // A filter the caller may not see in the catalog is answered as an unknown one.
    const caller = visibility.forCaller(credentials);
    const filters = FILTER_KINDS.flatMap(([field, kind]) => {
      const ref = req.query[field];
      return ref === undefined
        ? []
        : [{ field, ref, normalized: normalizeEntityRef(ref, kind) }];
    });
    const seen = await caller.of(filters.map(filter => filter.normalized));
    for (const { field, ref, normalized } of filters) {
      if (!seen.isVisible(normalized)) throw unknownFilter(field, ref);
    }
    const query = Object.fromEntries(
      filters.map(filter => [filter.field, filter.normalized]),
    );
    res.json(
      await calendar.calendar(
        { from, to, ...query },
        pageOf(req.query),
        caller,
      ),
    );
  });

  router.get('/trains/:trainId/collisions', async (req, res) => {
    const credentials = await readerOf(req);
    const { trainId } = req.params;
    const { collisions, hiddenCount } = await calendar.collisionsOfTrain(
      trainId,
      visibility.forCaller(credentials),
    );
    res.json({ trainId, collisions, ...hiddenCounts({ items: hiddenCount }) });
  });

  return router;
}

/** The period asked for: by default the 90 days from the start of today (UTC). */
function periodOf(
  query: { from?: string; to?: string },
  now: Date,
): { from: Date; to: Date } {
  const today = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()),
  );
  const from = query.from ? new Date(query.from) : today;
  const to = query.to
    ? new Date(query.to)
    : new Date(from.getTime() + DEFAULT_CALENDAR_DAYS * DAY_MS);
  if (to.getTime() <= from.getTime())
    throw new InputError('to: must be after from');
  if (to.getTime() - from.getTime() > MAX_CALENDAR_DAYS * DAY_MS) {
    throw new InputError(
      `to: a calendar spans at most ${MAX_CALENDAR_DAYS} days`,
    );
  }
  return { from, to };
}
