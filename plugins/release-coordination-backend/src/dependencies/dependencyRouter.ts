import {
  HttpAuthService,
  PermissionsService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  dependenciesRefreshPermission,
} from '@release-coordination/plugin-release-coordination-common';
import { parseDependencyScope } from './graph';
import express from 'express';
import { createContractRouter, RouteRequest } from '../http/contractRouter';
import { z } from 'zod';
import { DependencyQueryService } from './DependencyQueryService';
import { DependencySnapshotService, snapshotInfo } from './DependencySnapshotService';
import { createAuthorizer } from '../access';
import { DEPENDENCY_REFRESH_TASK_ID, triggerDependencyRefresh } from './refreshTask';
import { entityRef, entityRefIn, pageOf, parseInput } from '../http/validation';

/** A team filter of the edges: a Group's ref, or `unowned` for entities without an owner. */
const teamIn = (value: string | undefined, field: string) =>
  value === undefined || value === 'unowned' ? value : entityRefIn(value, field, 'query');

const wavesBody = z
  .object({ entityRefs: z.array(entityRef).min(1).max(500) })
  .strict();

/** Routes of the dependency graph derived from the catalog. */
export function createDependencyRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  snapshots: DependencySnapshotService;
  queries: DependencyQueryService;
  /** Runs the refresh task that a manual refresh triggers. */
  scheduler: Pick<SchedulerService, 'triggerTask'>;
}): express.Router {
  const { httpAuth, permissions, snapshots, queries, scheduler } = options;
  const router = createContractRouter();
  const access = createAuthorizer({ permissions });
  const credentialsOf = (req: RouteRequest) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  router.get('/dependencies/snapshot', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { meta, index } = await snapshots.current();
    const problems = await queries.visibleProblems(index.graph.problems, credentials);
    res.json({ snapshot: snapshotInfo(meta), ...problems });
  });

  router.post('/dependencies/refresh', async (req, res) => {
    const credentials = await credentialsOf(req);
    await access.authorize(
      dependenciesRefreshPermission,
      credentials,
      'You are not allowed to refresh the dependency graph',
    );
    // Through the scheduler rather than here: replicas never derive in parallel, and the
    // request does not hold a connection open for as long as the catalog takes to read.
    const state = await triggerDependencyRefresh(scheduler);
    const latest = await snapshots.latest();
    res.status(202).json({
      taskId: DEPENDENCY_REFRESH_TASK_ID,
      state,
      ...(latest ? { snapshot: snapshotInfo(latest) } : {}),
    });
  });

  router.get('/dependencies/entity', async (req, res) => {
    const credentials = await credentialsOf(req);
    const ref = entityRefIn(req.query.ref, 'ref', 'query');
    const { depth, direction } = req.query;
    res.json(
      // A hub has thousands of dependents: `direction` asks only for the side you need.
      await queries.entityDependencies(ref, depth ?? 0, credentials, direction ?? 'both'),
    );
  });

  router.get('/dependencies/matrix', async (req, res) => {
    const credentials = await credentialsOf(req);
    const scope = req.query.scope.trim();
    res.json(await queries.teamMatrix(parseDependencyScope(scope), scope, credentials));
  });

  router.get('/dependencies/edges', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { query } = req;
    res.json(
      await queries.edges(
        {
          scope: parseDependencyScope(query.scope.trim()),
          fromTeam: teamIn(query.fromTeam, 'fromTeam'),
          toTeam: teamIn(query.toTeam, 'toTeam'),
          crossTeamOnly: query.crossTeamOnly === 'true',
          ...pageOf(query),
        },
        credentials,
      ),
    );
  });

  router.get('/dependencies/blast-radius', async (req, res) => {
    const credentials = await credentialsOf(req);
    res.json(await queries.blastRadius(entityRefIn(req.query.ref, 'ref', 'query'), credentials));
  });

  router.post('/dependencies/waves', async (req, res) => {
    const credentials = await credentialsOf(req);
    const body = parseInput(wavesBody, req.body, 'body');
    res.json(await queries.deploymentWaves(body.entityRefs, credentials));
  });

  router.get('/ownership', async (req, res) => {
    const credentials = await credentialsOf(req);
    res.json(await queries.ownership(entityRefIn(req.query.ref, 'ref', 'query'), credentials));
  });

  return router;
}
