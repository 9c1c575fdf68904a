import { HttpAuthService, PermissionsService } from '@backstage/backend-plugin-api';
import {
  dependenciesRefreshPermission,
} from '@release-coordination/plugin-release-coordination-common';
import { parseDependencyScope } from './graph';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { DependencyQueryService } from './DependencyQueryService';
import { DependencySnapshotService, snapshotInfo } from './DependencySnapshotService';
import { createAuthorizer } from '../access';
import { entityRef, parseInput, pageQuery } from '../http/validation';

const scopeParam = z.string().trim().min(1).max(512);
/** Beyond this many hops a walk is the whole graph anyway; larger numbers are mistakes. */
const MAX_DEPTH = 50;

const entityQuery = z
  .object({
    ref: entityRef,
    depth: z.coerce.number().int().min(1).max(MAX_DEPTH).optional(),
    // A hub has thousands of dependents: ask only for the side you need.
    direction: z.enum(['upstream', 'downstream', 'both']).default('both'),
  })
  .strict();
const refQuery = z.object({ ref: entityRef }).strict();
const matrixQuery = z.object({ scope: scopeParam }).strict();
const edgesQuery = pageQuery({ defaultLimit: 100, maxLimit: 1000 })
  .extend({
    scope: scopeParam,
    fromTeam: entityRef.or(z.literal('unowned')).optional(),
    toTeam: entityRef.or(z.literal('unowned')).optional(),
    crossTeamOnly: z.enum(['true', 'false']).default('false'),
  })
  .strict();
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
  const router = Router();
  const access = createAuthorizer({ permissions });
  const credentialsOf = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  router.get('/dependencies/snapshot', async (req, res) => {
    await credentialsOf(req);
    parseInput(z.object({}).strict(), req.query, 'query');
    const { meta, index } = await snapshots.current();
    res.json({ snapshot: snapshotInfo(meta), problems: index.graph.problems });
  });

  router.post('/dependencies/refresh', async (req, res) => {
    const credentials = await credentialsOf(req);
    parseInput(z.object({}).strict(), req.body ?? {}, 'body');
    await access.authorize(
      dependenciesRefreshPermission,
      credentials,
      'You are not allowed to refresh the dependency graph',
    );
    await snapshots.refresh();
    const { meta, index } = await snapshots.current();
    res.json({ snapshot: snapshotInfo(meta), problems: index.graph.problems });
  });

  router.get('/dependencies/entity', async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = parseInput(entityQuery, req.query, 'query');
    res.json(
      await queries.entityDependencies(query.ref, query.depth ?? 0, credentials, query.direction),
    );
  });

  router.get('/dependencies/matrix', async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = parseInput(matrixQuery, req.query, 'query');
    res.json(await queries.teamMatrix(parseDependencyScope(query.scope), query.scope, credentials));
  });

  router.get('/dependencies/edges', async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = parseInput(edgesQuery, req.query, 'query');
    res.json(
      await queries.edges(
        {
          scope: parseDependencyScope(query.scope),
          fromTeam: query.fromTeam,
          toTeam: query.toTeam,
          crossTeamOnly: query.crossTeamOnly === 'true',
          limit: query.limit,
          offset: query.offset,
        },
        credentials,
      ),
    );
  });

  router.get('/dependencies/blast-radius', async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = parseInput(refQuery, req.query, 'query');
    res.json(await queries.blastRadius(query.ref, credentials));
  });

  router.post('/dependencies/waves', async (req, res) => {
    const credentials = await credentialsOf(req);
    const body = parseInput(wavesBody, req.body, 'body');
    res.json(await queries.deploymentWaves(body.entityRefs, credentials));
  });

  router.get('/ownership', async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = parseInput(refQuery, req.query, 'query');
    res.json(await queries.ownership(query.ref, credentials));
  });

  return router;
}
