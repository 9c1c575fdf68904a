import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  indicatorReportPermission,
  scorecardReadPermission,
} from '@release-coordination/plugin-release-coordination-common';
import express from 'express';
import { z } from 'zod';
import {
  createAuthorizer,
  createReaderOf,
  VisibilityResolver,
} from '../access';
import { HIDDEN_ENTITY } from '../dependencies/visibility';
import { createContractRouter, RouteRequest } from '../http/contractRouter';
import { entityRef, entityRefIn, pageOf, parseInput } from '../http/validation';
import { IndicatorService } from './IndicatorService';
import { SCORECARD_READ_REFUSAL } from '../scorecards/scorecardRouter';

/** A count of changes or tests: a 32-bit column holds it. */
const count = z.number().int().min(0).max(100_000_000);

const indicatorsBody = z
  .object({
    entityRef,
    key: z.string().trim().min(1).max(200),
    measuredAt: z.iso.datetime({ offset: true }),
    review: z
      .object({ mergedChanges: count, reviewedChanges: count })
      .strict()
      .refine(r => r.reviewedChanges <= r.mergedChanges, {
        message: 'reviewedChanges must not exceed mergedChanges',
        path: ['reviewedChanges'],
      })
      .optional(),
    tests: z
      .object({ executed: count, passed: count, flaky: count })
      .strict()
      .refine(t => t.passed <= t.executed, {
        message: 'passed must not exceed executed',
        path: ['passed'],
      })
      .refine(t => t.flaky <= t.executed, {
        message: 'flaky must not exceed executed',
        path: ['flaky'],
      })
      .optional(),
    // A year in hours bounds one change; a run reports at most a thousand changes.
    mergeHours: z
      .array(z.number().min(0).max(8760))
      .min(1)
      .max(1000)
      .optional(),
  })
  .strict()
  .refine(body => body.review || body.tests || body.mergeHours, {
    message: 'report at least one of review, tests, mergeHours',
    path: ['review'],
  });

/**
 * Routes of leading indicators: CI reports them per component, and people read a component's
 * reports with the scorecards' permission.
 */
export function createIndicatorRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  indicators: IndicatorService;
  visibility: VisibilityResolver;
}): express.Router {
  const { httpAuth, permissions, indicators, visibility } = options;
  const router = createContractRouter();
  const access = createAuthorizer({ permissions });
  const readerOf = createReaderOf({
    httpAuth,
    permissions,
    permission: scorecardReadPermission,
    refusal: SCORECARD_READ_REFUSAL,
  });
  const credentialsOf = (req: RouteRequest) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  router.post('/indicators', async (req, res) => {
    const credentials = await credentialsOf(req);
    const body = parseInput(indicatorsBody, req.body, 'body');
    await access.authorize(
      indicatorReportPermission,
      credentials,
      'You are not allowed to report indicators',
    );
    const { report, created } = await indicators.reportIndicators(
      body,
      credentials,
    );
    res.status(created ? 201 : 200).json(report);
  });

  router.get('/indicators', async (req, res) => {
    const credentials = await readerOf(req);
    const ref = entityRefIn(req.query.entityRef, 'entityRef', 'query');
    const seen = await visibility.forCaller(credentials).of([ref]);
    // An entity the caller may not see is answered as one without reports.
    res.json(
      await indicators.listIndicators(
        seen.isVisible(ref) ? ref : HIDDEN_ENTITY,
        pageOf(req.query),
      ),
    );
  });

  return router;
}
