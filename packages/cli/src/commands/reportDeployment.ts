import { parseOptions, parseTime } from '../args';
import { callApi, CliError, Connection } from '../connection';
import { CommandIo } from '../io';
import { resolveTrainId } from '../readiness';
import { Command } from './command';

const options = {
  entity: {
    type: 'string',
    description: 'The participant deployed, e.g. component:default/payments',
  },
  environment: {
    type: 'string',
    description: 'Where, e.g. staging or production',
  },
  'deployment-id': {
    type: 'string',
    description:
      'Your id of this deployment; reporting it again updates the same deployment',
  },
  version: {
    type: 'string',
    description: 'The version deployed (also finds the train without --train)',
  },
  train: {
    type: 'string',
    description: 'The train id; without it, the train shipping --version',
  },
  'started-at': {
    type: 'string',
    description: "When it started: ISO 8601 or 'now' (default: now)",
  },
  result: {
    type: 'string',
    description: 'succeeded, failed or rolled-back, once it ended',
  },
  'finished-at': {
    type: 'string',
    description:
      "When it ended: ISO 8601 or 'now' (default with --result: now)",
  },
  hotfix: {
    type: 'boolean',
    description: 'A hotfix, not the planned deployment',
  },
} as const;
const required = ['entity', 'environment', 'deployment-id'] as const;
const RESULTS = ['succeeded', 'failed', 'rolled-back'];

export const reportDeployment: Command = {
  name: 'report-deployment',
  summary:
    'Report a deployment of a participant as it starts, and again when it ends',
  options,
  required: [...required],
  async run(argv: string[], connect: () => Connection, io: CommandIo) {
    const args = parseOptions(argv, options, [...required]);
    if (args.result !== undefined && !RESULTS.includes(args.result)) {
      throw new CliError(
        `--result must be one of ${RESULTS.join(', ')}, got '${args.result}'`,
      );
    }
    if (args['finished-at'] !== undefined && args.result === undefined) {
      throw new CliError('--finished-at needs --result');
    }
    const now = io.now();
    const startedAt = parseTime(args['started-at'] ?? 'now', 'started-at', now);
    const finishedAt =
      args.result === undefined
        ? undefined
        : parseTime(args['finished-at'] ?? 'now', 'finished-at', now);
    const connection = connect();
    const trainId = await resolveTrainId(connection, {
      train: args.train,
      entityRef: args.entity!,
      version: args.version,
      environment: args.environment,
    });
    const { status } = await callApi(
      connection,
      'POST',
      `/trains/${encodeURIComponent(trainId)}/deployments`,
      {
        participantRef: args.entity,
        environment: args.environment,
        deploymentId: args['deployment-id'],
        startedAt,
        ...(args.version ? { version: args.version } : {}),
        ...(finishedAt ? { finishedAt, result: args.result } : {}),
        ...(args.hotfix ? { hotfix: true } : {}),
      },
    );
    const what = args.result ? args.result : 'started';
    io.out(
      `${status === 201 ? 'reported' : 'updated'}: deployment ${args['deployment-id']} of ${args.entity} to ${args.environment} ${what}, train ${trainId}`,
    );
    return 0;
  },
};
