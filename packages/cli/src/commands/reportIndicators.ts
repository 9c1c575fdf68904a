import { parseOptions, parseTime } from '../args';
import { callApi, CliError, Connection } from '../connection';
import { CommandIo } from '../io';
import { Command } from './command';
import { defaultKey } from './reportCheck';

const options = {
  entity: {
    type: 'string',
    description: 'The component measured, e.g. component:default/checkout-api',
  },
  key: {
    type: 'string',
    description:
      "This run's key; reporting it again changes nothing (default: the GitHub Actions or GitLab CI run)",
  },
  'measured-at': {
    type: 'string',
    description:
      "When the figures were measured: ISO 8601 or 'now' (default: now)",
  },
  merged: {
    type: 'string',
    description: 'Merged changes (with --reviewed)',
  },
  reviewed: {
    type: 'string',
    description:
      'Of those, changes with an approving review by someone other than the author',
  },
  'tests-executed': {
    type: 'string',
    description: 'Tests executed in the run',
  },
  'tests-passed': { type: 'string', description: 'Tests passed' },
  'tests-flaky': {
    type: 'string',
    description: 'Tests that passed and failed on the same commit (default 0)',
  },
  'merge-hours': {
    type: 'string',
    description:
      'Hours from first commit or PR open to merge, comma separated, e.g. 1.5,4,26',
  },
} as const;
const required = ['entity'] as const;

function wholeNumber(
  value: string | undefined,
  option: string,
): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim())) {
    throw new CliError(`--${option} must be a whole number, got '${value}'`);
  }
  return Number(value);
}

function hoursList(value: string | undefined): number[] | undefined {
  if (value === undefined) return undefined;
  const hours = value.split(',').map(part => part.trim());
  if (hours.some(part => !/^\d+(\.\d+)?$/.test(part))) {
    throw new CliError(
      `--merge-hours must be numbers separated by commas, got '${value}'`,
    );
  }
  return hours.map(Number);
}

export const reportIndicators: Command = {
  name: 'report-indicators',
  summary:
    'Report leading indicators of a component: review coverage, test health, time-to-merge',
  options,
  required: [...required],
  async run(argv: string[], connect: () => Connection, io: CommandIo) {
    const args = parseOptions(argv, options, [...required]);
    const merged = wholeNumber(args.merged, 'merged');
    const reviewed = wholeNumber(args.reviewed, 'reviewed');
    if ((merged === undefined) !== (reviewed === undefined)) {
      throw new CliError('--merged and --reviewed go together');
    }
    const executed = wholeNumber(args['tests-executed'], 'tests-executed');
    const passed = wholeNumber(args['tests-passed'], 'tests-passed');
    if ((executed === undefined) !== (passed === undefined)) {
      throw new CliError('--tests-executed and --tests-passed go together');
    }
    const flaky = wholeNumber(args['tests-flaky'], 'tests-flaky') ?? 0;
    const mergeHours = hoursList(args['merge-hours']);
    if (
      merged === undefined &&
      executed === undefined &&
      mergeHours === undefined
    ) {
      throw new CliError(
        'Give --merged and --reviewed, --tests-executed and --tests-passed, or --merge-hours',
      );
    }
    const key = args.key ?? defaultKey(io.env, ['indicators', args.entity!]);
    if (!key) {
      throw new CliError(
        'Give --key: outside GitHub Actions and GitLab CI there is no run id to use',
      );
    }
    const connection = connect();
    const { status } = await callApi(connection, 'POST', '/indicators', {
      entityRef: args.entity,
      key,
      measuredAt: parseTime(
        args['measured-at'] ?? 'now',
        'measured-at',
        io.now(),
      ),
      ...(merged !== undefined
        ? { review: { mergedChanges: merged, reviewedChanges: reviewed } }
        : {}),
      ...(executed !== undefined ? { tests: { executed, passed, flaky } } : {}),
      ...(mergeHours ? { mergeHours } : {}),
    });
    io.out(
      `${status === 201 ? 'reported' : 'already reported'}: indicators of ${args.entity} (key ${key})`,
    );
    return 0;
  },
};
