import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  Incident,
  incidentAttributePermission,
  incidentReadPermission,
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
import { entityRefIn, pageOf, parseInput } from '../http/validation';
import { IncidentService } from './IncidentService';
import { addIncidentReportRoutes } from './reportRoutes';

const text = (max: number) => z.string().trim().min(1).max(max);

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

  addIncidentReportRoutes(router, {
    incidents,
    access,
    credentialsOf,
    entityOfPagerDutyService,
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
