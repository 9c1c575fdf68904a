import { HttpAuthService, PermissionsService } from '@backstage/backend-plugin-api';
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
}): express.Router {
  const { httpAuth, permissions, snapshots, queries } = options;
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
    await snapshots.refresh();
    const { meta, index } = await snapshots.current();
    const problems = await queries.visibleProblems(index.graph.problems, credentials);
    res.json({ snapshot: snapshotInfo(meta), ...problems });
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
