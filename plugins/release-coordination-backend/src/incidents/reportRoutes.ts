import {
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { incidentReportPermission } from '@release-coordination/plugin-release-coordination-common';
import { z } from 'zod';
import { Authorizer } from '../access';
import { ContractRouter, RouteRequest } from '../http/contractRouter';
import { entityRef, parseInput } from '../http/validation';
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

/**
 * The routes incident tools and pipelines report to: the plugin's own report, and PagerDuty's
 * webhook.
 */
export function addIncidentReportRoutes(
  router: ContractRouter,
  options: {
    incidents: IncidentService;
    access: Authorizer;
    credentialsOf: (
      req: RouteRequest,
    ) => Promise<
      BackstageCredentials<BackstageUserPrincipal | BackstageServicePrincipal>
    >;
    entityOfPagerDutyService?: (
      serviceId: string,
    ) => Promise<string | undefined>;
  },
): void {
  const { incidents, access, credentialsOf, entityOfPagerDutyService } =
    options;

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
}
