// The audit record of every change asked for, through Backstage's auditor service.

import { AuditorService, AuditorServiceCreateEventOptions } from '@backstage/backend-plugin-api';

/**
 * Runs a change as an audit event: success when it commits, failure when it throws. The HTTP
 * request, when there is one, tells the auditor where the change was asked for.
 */
export async function audited<T>(
  auditor: AuditorService,
  eventId: string,
  meta: Record<string, string>,
  work: () => Promise<T>,
  request?: AuditorServiceCreateEventOptions['request'],
): Promise<T> {
  const event = await auditor.createEvent({
    eventId,
    severityLevel: 'medium',
    meta,
    ...(request ? { request } : {}),
  });
  try {
    const result = await work();
    await event.success();
    return result;
  } catch (error) {
    await event.fail({ error: error as Error });
    throw error;
  }
}
