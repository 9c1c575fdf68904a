import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  Incident,
  incidentAttributePermission,
  incidentReadPermission,
  incidentReportPermission,
} from '@release-coordination/plugin-release-coordination-common';
import express from 'express';
import { z } from 'zod';
import {
  createAuthorizer,
  createReaderOf,
  hiddenCounts,
  isServicePrincipal,
  VisibilityResolver,
  visibleItems,
} from '../access';
import { HIDDEN_ENTITY } from '../dependencies/visibility';
import { createContractRouter, RouteRequest } from '../http/contractRouter';
import { entityRef, entityRefIn, pageOf, parseInput } from '../http/validation';
import { IncidentService } from './IncidentService';
import {
  PAGERDUTY_SERVICE_ANNOTATION,
  readPagerDutyWebhook,
} from './pagerduty';

const text = (max: number) => z.string().trim().min(1).max(max);
const isoTime = z.iso.datetime({ offset: true });
const count = (max: number) => z.number().int().min(0).max(max);

const incidentBody = z
  .object({
    source: z
      .string()
      .trim()
      .toLowerCase()
      .regex(
        /^[a-z0-9][a-z0-9._-]{0,63}$/,
        'use letters, digits and . _ - (at most 64)',
      )
      .optional(),
    externalId: text(200),
    title: text(300),
    entityRef,
    severity: z.enum(['critical', 'high', 'medium', 'low']),
    startedAt: isoTime,
    resolvedAt: isoTime.optional(),
    // Bounded by what a 32-bit column holds; a billion users is more than any service has.
    usersAffected: count(1_000_000_000).optional(),
    // Ten years in minutes.
    impactMinutes: count(5_256_000).optional(),
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (
      body.resolvedAt &&
      Date.parse(body.resolvedAt) < Date.parse(body.startedAt)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['resolvedAt'],
        message: 'must not be before startedAt',
      });
    }
  });

const attributionBody = z.discriminatedUnion('state', [
  z
    .object({
      state: z.literal('confirmed'),
      deploymentId: z
        .string()
        .regex(/^[1-9][0-9]{0,9}$/, 'the id of a deployment'),
      comment: text(2000).optional(),
    })
    .strict(),
  z.object({ state: z.literal('no-deployment'), comment: text(2000) }).strict(),
]);

const READ_REFUSAL = 'You are not allowed to read incidents';

/** The refs an incident names: the affected entity, and the deployed one it is blamed on. */
const refsOfIncident = (incident: Incident) => [
  incident.entityRef,
  incident.attribution.deployment?.participantRef,
];

/**
 * Routes of incidents: reports from incident tools and pipelines, the list and the detail with
 * the candidate causes, and a person's decision about the cause.
 */
export function createIncidentRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  incidents: IncidentService;
  visibility: VisibilityResolver;
  /**
   * The ref of the catalog entity annotated with a PagerDuty service id, for PagerDuty's
   * webhooks; none are accepted without it.
   */
  entityOfPagerDutyService?: (serviceId: string) => Promise<string | undefined>;
}): express.Router {
  const {
    httpAuth,
    permissions,
    incidents,
    visibility,
    entityOfPagerDutyService,
  } = options;
  const router = createContractRouter();
  const access = createAuthorizer({ permissions });
  const readerOf = createReaderOf({
    httpAuth,
    permissions,
    permission: incidentReadPermission,
    refusal: READ_REFUSAL,
  });
  const credentialsOf = (req: RouteRequest) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  /** The incident, unless its affected entity is hidden from the caller: then it is not found. */
  async function visibleIncident(
    id: string,
    caller: ReturnType<VisibilityResolver['forCaller']>,
  ) {
    const detail = await incidents.getIncident(id);
    const seen = await caller.of([detail.incident.entityRef]);
    if (!seen.isVisible(detail.incident.entityRef)) {
      throw new NotFoundError(`No incident with id '${id}'`);
    }
    return detail;
  }

  router.post('/incidents', async (req, res) => {
    const credentials = await credentialsOf(req);
    const body = parseInput(incidentBody, req.body, 'body');
    await access.authorize(
      incidentReportPermission,
      credentials,
      'You are not allowed to report incidents',
    );
    const { incident, created } = await incidents.reportIncident(
      body,
      credentials,
    );
    res.status(created ? 201 : 200).json(incident);
  });

  // PagerDuty's V3 webhook subscription posts here, with a static token in a custom header.
  router.post('/incidents/webhooks/pagerduty', async (req, res) => {
    const credentials = await credentialsOf(req);
    await access.authorize(
      incidentReportPermission,
      credentials,
      'You are not allowed to report incidents',
    );
    const reading = readPagerDutyWebhook(req.body);
    // Answered with 202 when nothing is recorded, so that PagerDuty does not retry it.
    if (reading.kind === 'ignored') {
      res.status(202).json({ recorded: false, reason: reading.reason });
      return;
    }
    const affected = await entityOfPagerDutyService?.(reading.serviceId);
    if (!affected) {
      res.status(202).json({
        recorded: false,
        reason: `No catalog entity has the annotation ${PAGERDUTY_SERVICE_ANNOTATION}: ${reading.serviceId}`,
      });
      return;
    }
    const { incident, created } = await incidents.reportIncident(
      { ...reading.report, entityRef: affected },
      credentials,
    );
    res.status(created ? 201 : 200).json(incident);
  });

  router.get('/incidents', async (req, res) => {
    const credentials = await readerOf(req);
    const { query } = req;
    const ref =
      query.entityRef === undefined
        ? undefined
        : entityRefIn(query.entityRef, 'entityRef', 'query');
    const caller = visibility.forCaller(credentials);
    const page = await incidents.listIncidents({
      // An entity the caller may not see is asked about as one without incidents.
      entityRef:
        ref && !(await caller.of([ref])).isVisible(ref) ? HIDDEN_ENTITY : ref,
      trainId: query.trainId,
      ...pageOf(query),
    });
    res.json(await visibleItems(page, refsOfIncident, caller));
  });

  router.get('/incidents/:incidentId', async (req, res) => {
    const credentials = await readerOf(req);
    const caller = visibility.forCaller(credentials);
    const { incident, candidates } = await visibleIncident(
      req.params.incidentId,
      caller,
    );
    const seen = await caller.of([
      ...refsOfIncident(incident).filter(
        (ref): ref is string => ref !== undefined,
      ),
      ...candidates.flatMap(c => c.path),
    ]);
    const shown = candidates.filter(c =>
      c.path.every(ref => seen.isVisible(ref)),
    );
    const deployed = incident.attribution.deployment;
    res.json({
      incident:
        deployed && !seen.isVisible(deployed.participantRef)
          ? {
              ...incident,
              attribution: { ...incident.attribution, deployment: undefined },
            }
          : incident,
      candidates: shown,
      windowHours: incidents.attributionWindowHours,
      ...hiddenCounts({ candidates: candidates.length - shown.length }),
    });
  });

  router.post('/incidents/:incidentId/attribution', async (req, res) => {
    const credentials = await credentialsOf(req);
    const body = parseInput(attributionBody, req.body, 'body');
    // A service owns nothing: only the policy can let it decide (a person decides otherwise).
    if (isServicePrincipal(credentials)) {
      await access.authorize(
        incidentAttributePermission,
        credentials,
        'You are not allowed to decide what caused incidents',
      );
    }
    await visibleIncident(
      req.params.incidentId,
      visibility.forCaller(credentials),
    );
    res.json(
      await incidents.attributeIncident(
        req.params.incidentId,
        body,
        credentials,
      ),
    );
  });

  return router;
}
