import { BackstageCredentials, HttpAuthService, PermissionsService } from '@backstage/backend-plugin-api';
import { deploymentReportPermission } from '@release-coordination/plugin-release-coordination-common';
import express from 'express';
import { createContractRouter, RouteRequest } from '../http/contractRouter';
import { z } from 'zod';
import { DeploymentService } from './DeploymentService';
import { FeatureFlagService } from './FeatureFlagService';
import { RollbackService } from './RollbackService';
import {
  createAuthorizer,
  VisibilityResolver,
  visibleItems,
  createTrainReaderOf,
  hiddenCounts,
} from '../access';
import { entityRef, entityRefIn, pageOf, parseInput } from '../http/validation';
import { HIDDEN_ENTITY } from '../dependencies/visibility';

/** A participant filter no participant matches. */
const NOBODY = HIDDEN_ENTITY;

const text = (max: number) => z.string().trim().min(1).max(max);
const isoTime = z.iso.datetime({ offset: true });
const httpUrl = z.url({ protocol: /^https?$/ }).max(2000);
const before = (a: string | undefined, b: string | undefined) =>
  a !== undefined && b !== undefined && Date.parse(a) < Date.parse(b);

/** Environment names are compared in lower case, so `Production` and `production` are one. */
const environment = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'use letters, digits and . _ - (at most 64)');

const deploymentBody = z
  .object({
    participantRef: entityRef,
    environment,
    // Short enough that `environment#deploymentId` names the decision log's subject.
    deploymentId: text(150),
    version: text(100).optional(),
    startedAt: isoTime,
    finishedAt: isoTime.optional(),
    result: z.enum(['succeeded', 'failed', 'rolled-back']).optional(),
    rollbackStartedAt: isoTime.optional(),
    rollbackFinishedAt: isoTime.optional(),
    hotfix: z.boolean().optional(),
    evidenceUrl: httpUrl.optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    const issue = (path: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [path], message });
    if (body.result && !body.finishedAt) issue('finishedAt', 'a result needs finishedAt');
    if (body.finishedAt && !body.result) issue('result', 'a finished deployment needs a result');
    if (before(body.finishedAt, body.startedAt)) {
      issue('finishedAt', 'must not be before startedAt');
    }
    for (const field of ['rollbackStartedAt', 'rollbackFinishedAt'] as const) {
      if (body[field] && body.result !== 'rolled-back') {
        issue(field, "only a deployment with the result 'rolled-back' has rollback times");
      }
    }
    if (body.rollbackFinishedAt && !body.rollbackStartedAt) {
      issue('rollbackStartedAt', 'a finished rollback needs rollbackStartedAt');
    }
    if (before(body.rollbackStartedAt, body.startedAt)) {
      issue('rollbackStartedAt', 'must not be before startedAt');
    }
    if (before(body.rollbackFinishedAt, body.rollbackStartedAt)) {
      issue('rollbackFinishedAt', 'must not be before rollbackStartedAt');
    }
  });


const rollbackPlanBody = z.object({ criteria: text(4000), procedureUrl: httpUrl }).strict();

const drillBody = z
  .object({
    entityRef,
    result: z.enum(['passed', 'failed']),
    rehearsedAt: isoTime,
    evidenceUrl: httpUrl.optional(),
    idempotencyKey: text(200),
  })
  .strict();

const flagKey = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9._-]{0,99}$/i, 'use letters, digits and . _ - (at most 100)');
/** Somebody answers for a flag: a Group or a User. */
const flagOwner = entityRef.refine(ref => /^(group|user):/.test(ref), {
  message: 'ownerRef must be the ref of a Group or a User',
});
const flagState = z.enum(['on', 'off', 'removed']);

const createFlagBody = z
  .object({
    participantRef: entityRef,
    key: flagKey,
    ownerRef: flagOwner,
    purpose: text(2000),
    expiresAt: isoTime,
    state: flagState.optional(),
  })
  .strict();

const updateFlagBody = z
  .object({
    state: flagState.optional(),
    expiresAt: isoTime.optional(),
    purpose: text(2000).optional(),
    ownerRef: flagOwner.optional(),
  })
  .strict()
  .refine(body => Object.values(body).some(value => value !== undefined), {
    message: 'name at least one of state, expiresAt, purpose, ownerRef',
  });

/**
 * Routes of what happens around a train's rollouts: deployment outcomes reported by CI,
 * rollback plans and rehearsals, and feature flags.
 */
export function createOutcomeRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  deployments: DeploymentService;
  rollbacks: RollbackService;
  flags: FeatureFlagService;
  /** What each caller may see of the catalog: answers leave out the rest. */
  visibility: VisibilityResolver;
}): express.Router {
  const { httpAuth, permissions, deployments, rollbacks, flags, visibility } = options;
  const router = createContractRouter();
  const credentialsOf = (req: RouteRequest) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  const access = createAuthorizer({ permissions });
  // What a train shipped, its flags and rollback readiness are read like the train itself.
  const readerOf = createTrainReaderOf({ httpAuth, permissions });
  const authorizeDeploymentReport = (credentials: BackstageCredentials) =>
    access.authorize(
      deploymentReportPermission,
      credentials,
      'You are not allowed to report deployments',
    );

  router.post('/trains/:trainId/deployments', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { trainId } = req.params;
    const body = parseInput(deploymentBody, req.body, 'body');
    await authorizeDeploymentReport(credentials);
    const { deployment, created } = await deployments.reportDeployment(trainId, body, credentials);
    res.status(created ? 201 : 200).json(deployment);
  });

  router.get('/trains/:trainId/deployments', async (req, res) => {
    const credentials = await readerOf(req);
    const { trainId } = req.params;
    const { query } = req;
    const participantRef =
      query.participantRef === undefined
        ? undefined
        : entityRefIn(query.participantRef, 'participantRef', 'query');
    const caller = visibility.forCaller(credentials);
    const page = await deployments.listTrainDeployments(trainId, {
      // The document admits the name's form; environments are compared in lower case.
      environment: query.environment?.toLowerCase(),
      // A participant the caller may not see is asked about as one that deployed nothing.
      participantRef:
        participantRef && !(await caller.of([participantRef])).isVisible(participantRef)
          ? NOBODY
          : participantRef,
      ...pageOf(query),
    });
    res.json(await visibleItems(page, d => [d.participantRef], caller));
  });

  router.put('/trains/:trainId/participants/:entityRef/rollback-plan', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { trainId } = req.params;
    const ref = entityRefIn(req.params.entityRef, 'entityRef', 'path');
    const body = parseInput(rollbackPlanBody, req.body, 'body');
    res.json(await rollbacks.saveRollbackPlan(trainId, ref, body, credentials));
  });

  router.get('/trains/:trainId/rollback-readiness', async (req, res) => {
    const credentials = await readerOf(req);
    const { trainId } = req.params;
    const readiness = await rollbacks.getRollbackReadiness(trainId, credentials);
    const caller = visibility.forCaller(credentials);
    const seen = await caller.of(readiness.participants.map(p => p.entityRef));
    const participants = readiness.participants.filter(p => seen.isVisible(p.entityRef));
    res.json({
      ...readiness,
      participants,
      ...hiddenCounts({ participants: readiness.participants.length - participants.length }),
    });
  });

  router.post('/rollback-drills', async (req, res) => {
    const credentials = await credentialsOf(req);
    const body = parseInput(drillBody, req.body, 'body');
    const { drill, created } = await rollbacks.reportDrill(body, credentials);
    res.status(created ? 201 : 200).json(drill);
  });

  router.get('/trains/:trainId/flags', async (req, res) => {
    const credentials = await readerOf(req);
    const { trainId } = req.params;
    const page = await flags.listFlags(trainId, pageOf(req.query));
    const caller = visibility.forCaller(credentials);
    res.json(await visibleItems(page, f => [f.participantRef, f.ownerRef], caller));
  });

  router.post('/trains/:trainId/flags', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { trainId } = req.params;
    const body = parseInput(createFlagBody, req.body, 'body');
    res.status(201).json(await flags.createFlag(trainId, body, credentials));
  });

  router.patch('/flags/:flagId', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { flagId } = req.params;
    const body = parseInput(updateFlagBody, req.body, 'body');
    res.json(await flags.updateFlag(flagId, body, credentials));
  });

  return router;
}
