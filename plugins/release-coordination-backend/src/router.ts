import { HttpAuthService } from '@backstage/backend-plugin-api';
import { RELEASE_TRAIN_STATUSES } from '@release-coordination/plugin-release-coordination-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { TrainService } from './trains/TrainService';
import { parseInput, pageQuery } from './http/validation';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  trains: Pick<TrainService, 'listTrains'>;
  /** Routes of other resources, mounted beside the trains. */
  resourceRouters?: express.Router[];
}

const listTrainsQuery = pageQuery()
  .extend({ status: z.enum(RELEASE_TRAIN_STATUSES as [string, ...string[]]).optional() })
  .strict();

/**
 * HTTP routes of the plugin. Only HTTP concerns live here: parsing, validation, status codes.
 * Every route requires a user or service principal; the backend's http router answers 401 to
 * requests without credentials before they reach us.
 */
export async function createRouter(options: RouterOptions): Promise<express.Router> {
  const { httpAuth, trains } = options;
  const router = Router();
  router.use(express.json({ limit: '1mb' }));
  for (const resourceRouter of options.resourceRouters ?? []) {
    router.use(resourceRouter);
  }

  router.get('/trains', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const query = parseInput(listTrainsQuery, req.query, 'query');
    const page = await trains.listTrains({
      status: query.status as (typeof RELEASE_TRAIN_STATUSES)[number] | undefined,
      limit: query.limit,
      offset: query.offset,
    });
    res.json(page);
  });

  return router;
}
