import { parseOptions, parseTime } from '../args';
import { callApi, CliError, Connection } from '../connection';
import { CommandIo } from '../io';
import { Command } from './command';

const options = {
  entity: {
    type: 'string',
    description:
      'The entity the incident hit, e.g. component:default/checkout-api',
  },
  id: {
    type: 'string',
    description:
      "Your incident tool's id of it; reporting it again updates the same incident",
  },
  title: { type: 'string', description: 'What happened, in a line' },
  severity: {
    type: 'string',
    description: 'critical, high, medium or low',
  },
  source: {
    type: 'string',
    description: 'The tool that raised it, e.g. pagerduty (default: api)',
  },
  'started-at': {
    type: 'string',
    description: "When it started: ISO 8601 or 'now' (default: now)",
  },
  'resolved-at': {
    type: 'string',
    description: "When it was resolved: ISO 8601 or 'now'",
  },
  'users-affected': {
    type: 'string',
    description: 'How many users were affected',
  },
  'impact-minutes': {
    type: 'string',
    description: 'For how many minutes users were affected',
  },
  url: { type: 'string', description: 'Where people read about it' },
} as const;
const required = ['entity', 'id', 'title', 'severity'] as const;
const SEVERITIES = ['critical', 'high', 'medium', 'low'];

function wholeNumber(value: string | undefined, option: string) {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim())) {
    throw new CliError(`--${option} must be a whole number, got '${value}'`);
  }
  return Number(value);
}

export const reportIncident: Command = {
  name: 'report-incident',
  summary:
    'Report an incident as it opens, and again when it is resolved; the portal suggests the deployment that caused it',
  options,
  required: [...required],
  async run(argv: string[], connect: () => Connection, io: CommandIo) {
    const args = parseOptions(argv, options, [...required]);
    if (!SEVERITIES.includes(args.severity!)) {
      throw new CliError(
        `--severity must be one of ${SEVERITIES.join(', ')}, got '${args.severity}'`,
      );
    }
    const now = io.now();
    const usersAffected = wholeNumber(args['users-affected'], 'users-affected');
    const impactMinutes = wholeNumber(args['impact-minutes'], 'impact-minutes');
    const resolvedAt =
      args['resolved-at'] === undefined
        ? undefined
        : parseTime(args['resolved-at'], 'resolved-at', now);
    const connection = connect();
    const { status, body } = await callApi<{ id: string }>(
      connection,
      'POST',
      '/incidents',
      {
        externalId: args.id,
        title: args.title,
        entityRef: args.entity,
        severity: args.severity,
        startedAt: parseTime(args['started-at'] ?? 'now', 'started-at', now),
        ...(args.source ? { source: args.source } : {}),
        ...(resolvedAt ? { resolvedAt } : {}),
        ...(usersAffected !== undefined ? { usersAffected } : {}),
        ...(impactMinutes !== undefined ? { impactMinutes } : {}),
        ...(args.url ? { url: args.url } : {}),
      },
    );
    io.out(
      `${status === 201 ? 'reported' : 'updated'}: incident ${args.id} on ${args.entity}${resolvedAt ? ', resolved' : ''} (portal id ${body.id})`,
    );
    return 0;
  },
};
