import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { deployReadinessReadPermission } from '@release-coordination/plugin-release-coordination-common';
import express from 'express';
import { z } from 'zod';
import {
  createReaderOf,
  isServicePrincipal,
  VisibilityResolver,
  createTrainReaderOf,
  hiddenCounts,
} from '../access';
import { createContractRouter } from '../http/contractRouter';
import { entityRef, parseInput } from '../http/validation';
import { DeployReadinessService, RefNamer } from './deployReadiness';
import { CompatibilityMatrixService } from './compatibilityMatrix';
import { EnvironmentMatrixService } from './environmentMatrix';

const readinessQuery = z
  .object({
    entityRef,
    version: z.string().trim().min(1).max(100),
    environment: z.string().trim().min(1).max(64),
  })
  .strict();

/**
 * `GET /deploy-readiness`: whether a CD pipeline may deploy a version of an entity to an
 * environment now, with the reasons when not. Pipelines call it with a service token that the
 * policy allows `deployReadinessReadPermission`; the answer names the train's blocking gates,
 * approver teams and participants, which that permission grants. Users see it as the catalog
 * shows them.
 */
export function createDeliveryRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  readiness: DeployReadinessService;
  matrices: EnvironmentMatrixService;
  compatibility: CompatibilityMatrixService;
  visibility: VisibilityResolver;
  now?: () => Date;
}): express.Router {
  const {
    httpAuth,
    permissions,
    readiness,
    matrices,
    compatibility,
    visibility,
  } = options;
  const now = options.now ?? (() => new Date());
  const router = createContractRouter();
  const readerOf = createReaderOf({
    httpAuth,
    permissions,
    permission: deployReadinessReadPermission,
    refusal: 'You are not allowed to ask for deploy readiness',
  });

  const trainReaderOf = createTrainReaderOf({ httpAuth, permissions });

  router.get('/trains/:trainId/environments', async (req, res) => {
    const credentials = await trainReaderOf(req);
    const matrix = await matrices.environmentMatrix(req.params.trainId);
    const seen = await visibility
      .forCaller(credentials)
      .of(matrix.participants.map(p => p.entityRef));
    const participants = matrix.participants.filter(p =>
      seen.isVisible(p.entityRef),
    );
    res.json({
      ...matrix,
      participants,
      ...hiddenCounts({
        participants: matrix.participants.length - participants.length,
      }),
    });
  });

  router.get('/trains/:trainId/compatibility', async (req, res) => {
    const credentials = await trainReaderOf(req);
    const matrix = await compatibility.compatibilityMatrix(req.params.trainId);
    const seen = await visibility
      .forCaller(credentials)
      .of(matrix.pairs.flatMap(pair => [pair.from, pair.to]));
    const pairs = matrix.pairs.filter(
      pair => seen.isVisible(pair.from) && seen.isVisible(pair.to),
    );
    res.json({
      pairs,
      // Counted over what the caller sees, so that the count reveals nothing hidden.
      gapCount: pairs.filter(pair => pair.state !== 'tested').length,
      ...hiddenCounts({ items: matrix.pairs.length - pairs.length }),
    });
  });

  router.get('/deploy-readiness', async (req, res) => {
    const credentials = await readerOf(req);
    const query = parseInput(readinessQuery, req.query, 'query');
    // A pipeline's token names what blocks it, as its permission grants; a person reads the
    // answer as the catalog shows them.
    const see: RefNamer | undefined = isServicePrincipal(credentials)
      ? undefined
      : async refs => {
          const seen = await visibility.forCaller(credentials).of(refs);
          return ref => (seen.isVisible(ref) ? ref : undefined);
        };
    res.json(await readiness.check(query, now(), see));
  });

  return router;
}
