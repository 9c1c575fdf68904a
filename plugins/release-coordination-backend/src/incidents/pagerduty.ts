/**
 * Incidents from PagerDuty's V3 webhooks: the envelope PagerDuty posts for a webhook
 * subscription, read into an incident report. The affected entity is the catalog entity whose
 * `pagerduty.com/service-id` annotation names the incident's service, the annotation the
 * PagerDuty plugin for Backstage reads as well.
 */
import { InputError } from '@backstage/errors';
import {
  IncidentSeverity,
  ReportIncidentRequest,
} from '@release-coordination/plugin-release-coordination-common';
import { z } from 'zod';

/** The annotation that ties a catalog entity to a PagerDuty service. */
export const PAGERDUTY_SERVICE_ANNOTATION = 'pagerduty.com/service-id';

/** The incident events whose `data` is the incident itself. */
const INCIDENT_EVENTS = new Set([
  'incident.triggered',
  'incident.acknowledged',
  'incident.unacknowledged',
  'incident.escalated',
  'incident.reassigned',
  'incident.delegated',
  'incident.priority_updated',
  'incident.reopened',
  'incident.resolved',
]);

const isoTime = z.iso.datetime({ offset: true });
const text = (max: number) => z.string().trim().min(1).max(max);

/** What the adapter reads of the envelope; PagerDuty sends more, which is left alone. */
const envelope = z.object({
  event: z.object({
    event_type: text(100),
    resource_type: text(100),
    occurred_at: isoTime,
    data: z.looseObject({}),
  }),
});

const incidentData = z.object({
  id: text(200),
  type: z.literal('incident'),
  html_url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
  status: z.enum(['triggered', 'acknowledged', 'resolved']),
  created_at: isoTime,
  title: text(300),
  service: z.object({ id: text(200) }),
  urgency: z.enum(['high', 'low']).optional(),
  priority: z
    .object({ summary: z.string().max(50) })
    .nullable()
    .optional(),
});

/** PagerDuty's priorities P1 – P5 in our severities; without one, the urgency decides. */
function severityOf(data: z.infer<typeof incidentData>): IncidentSeverity {
  const priority = /^P([1-5])$/i.exec(data.priority?.summary ?? '')?.[1];
  if (priority === '1') return 'critical';
  if (priority === '2') return 'high';
  if (priority === '3') return 'medium';
  if (priority) return 'low';
  return data.urgency === 'low' ? 'low' : 'high';
}

/** A webhook read: an incident report for the entity of a PagerDuty service, or why not. */
export type PagerDutyReading =
  | {
      kind: 'incident';
      serviceId: string;
      report: Omit<ReportIncidentRequest, 'entityRef'>;
    }
  | { kind: 'ignored'; reason: string };

function fieldErrors(error: z.ZodError, prefix: string): string {
  return error.issues
    .map(issue => `${[prefix, ...issue.path].join('.')}: ${issue.message}`)
    .join('; ');
}

/**
 * Reads a V3 webhook. Events of other resources, or about an incident's notes, responders and
 * status updates, are ignored (they change nothing we count). A malformed incident is a 400
 * naming the field.
 */
export function readPagerDutyWebhook(body: unknown): PagerDutyReading {
  const parsed = envelope.safeParse(body);
  if (!parsed.success) throw new InputError(fieldErrors(parsed.error, 'body'));
  const { event } = parsed.data;
  if (
    event.resource_type !== 'incident' ||
    !INCIDENT_EVENTS.has(event.event_type)
  ) {
    return {
      kind: 'ignored',
      reason: `${event.event_type} events change no incident`,
    };
  }
  const data = incidentData.safeParse(event.data);
  if (!data.success)
    throw new InputError(fieldErrors(data.error, 'body.event.data'));
  const incident = data.data;
  return {
    kind: 'incident',
    serviceId: incident.service.id,
    report: {
      source: 'pagerduty',
      externalId: incident.id,
      title: incident.title,
      severity: severityOf(incident),
      startedAt: incident.created_at,
      // PagerDuty says when it was resolved by the time of the resolving event.
      ...(incident.status === 'resolved'
        ? { resolvedAt: event.occurred_at }
        : {}),
      ...(incident.html_url ? { url: incident.html_url } : {}),
    },
  };
}
