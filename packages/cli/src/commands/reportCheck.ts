import { parseOptions } from '../args';
import { callApi, CliError, Connection } from '../connection';
import { CommandIo } from '../io';
import { resolveTrainId } from '../readiness';
import { Command } from './command';

const options = {
  entity: {
    type: 'string',
    description:
      'The participant the check ran for, e.g. component:default/payments',
  },
  check: {
    type: 'string',
    description: 'The check name the gates wait for, e.g. contract-tests',
  },
  status: { type: 'string', description: 'passed or failed' },
  train: {
    type: 'string',
    description: 'The train id; without it, the train shipping --version',
  },
  version: {
    type: 'string',
    description:
      'The version tested, to find its train when --train is not given',
  },
  'evidence-url': {
    type: 'string',
    description: 'Where people see the run, e.g. the job URL',
  },
  against: {
    type: 'string',
    description:
      'The counterpart it ran against, as <entity ref>@<version>, e.g. component:default/payments@5.1.0',
  },
  key: {
    type: 'string',
    description:
      'Idempotency key: the same key again changes nothing. Default: the run id of GitHub Actions or GitLab CI',
  },
} as const;
const required = ['entity', 'check', 'status'] as const;

/** A key that is the same when a pipeline retries the step and new for a new run. */
export function defaultKey(
  env: Record<string, string | undefined>,
  parts: string[],
): string | undefined {
  const run =
    (env.GITHUB_RUN_ID &&
      `gh-${env.GITHUB_RUN_ID}-${env.GITHUB_RUN_ATTEMPT ?? '1'}`) ||
    (env.CI_PIPELINE_ID && `gl-${env.CI_PIPELINE_ID}-${env.CI_JOB_ID ?? ''}`);
  return run ? [run, ...parts].join(':') : undefined;
}

/** `component:default/payments@5.1.0` as the counterpart of a check. */
export function parseCounterpart(value: string): {
  entityRef: string;
  version: string;
} {
  const at = value.lastIndexOf('@');
  const entityRef = value.slice(0, at).trim();
  const version = value.slice(at + 1).trim();
  if (at <= 0 || !entityRef || !version) {
    throw new CliError(
      `--against must be <entity ref>@<version>, e.g. component:default/payments@5.1.0, got '${value}'`,
    );
  }
  return { entityRef, version };
}

export const reportCheck: Command = {
  name: 'report-check',
  summary:
    "Report a check result for a participant of a train (the train's check gates read it)",
  options,
  required: [...required],
  async run(argv: string[], connect: () => Connection, io: CommandIo) {
    const args = parseOptions(argv, options, [...required]);
    if (args.status !== 'passed' && args.status !== 'failed') {
      throw new CliError(
        `--status must be passed or failed, got '${args.status}'`,
      );
    }
    const against =
      args.against === undefined ? undefined : parseCounterpart(args.against);
    const idempotencyKey =
      args.key ?? defaultKey(io.env, [args.check!, args.entity!]);
    if (!idempotencyKey) {
      throw new CliError(
        'Give --key: outside GitHub Actions and GitLab CI there is no run id to use',
      );
    }
    const connection = connect();
    const trainId = await resolveTrainId(connection, {
      train: args.train,
      entityRef: args.entity!,
      version: args.version,
    });
    const { body } = await callApi<{ status: string; gateIds?: string[] }>(
      connection,
      'POST',
      `/trains/${encodeURIComponent(trainId)}/checks`,
      {
        participantRef: args.entity,
        checkName: args.check,
        status: args.status,
        idempotencyKey,
        ...(args['evidence-url'] ? { evidenceUrl: args['evidence-url'] } : {}),
        ...(against ? { against } : {}),
      },
    );
    const counterpart = against
      ? ` against ${against.entityRef}@${against.version}`
      : '';
    io.out(
      `reported: ${args.check} ${body.status} for ${args.entity}${counterpart} in train ${trainId}`,
    );
    return 0;
  },
};
