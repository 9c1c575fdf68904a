/**
 * Release coordination from pipelines: report checks and deployments to the portal, ask
 * whether a version may be deployed, and wait for the owners' gates.
 *
 * @packageDocumentation
 */
import { describeOptions } from './args';
import { canDeploy } from './commands/canDeploy';
import { Command } from './commands/command';
import { reportCheck } from './commands/reportCheck';
import { reportDeployment } from './commands/reportDeployment';
import { reportIncident } from './commands/reportIncident';
import { reportIndicators } from './commands/reportIndicators';
import { waitForGates } from './commands/waitForGates';
import { ApiError, CliError, connectionFromEnv } from './connection';
import { CommandIo, processIo } from './io';

const COMMANDS: Command[] = [
  canDeploy,
  waitForGates,
  reportCheck,
  reportDeployment,
  reportIncident,
  reportIndicators,
];

function usage(): string[] {
  return [
    'Usage: release-coordination <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map(
      command => `  ${command.name.padEnd(18)} ${command.summary}`,
    ),
    '',
    "Environment: RELEASE_COORDINATION_URL (the portal backend's base URL) and",
    'RELEASE_COORDINATION_TOKEN (a token the portal accepts for this pipeline).',
    "Run 'release-coordination <command> --help' for a command's options.",
    'Exit codes: 0 done or allowed, 1 not allowed or timed out, 2 an error.',
  ];
}

/**
 * Runs the CLI with `argv` (without `node` and the script) and answers its exit code: 0 done
 * or allowed, 1 refused or timed out, 2 bad usage, configuration or an error answer.
 */
export async function run(
  argv: string[],
  io: CommandIo = processIo,
): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    usage().forEach(line => io.out(line));
    return name ? 0 : 2;
  }
  const command = COMMANDS.find(candidate => candidate.name === name);
  if (!command) {
    io.err(`Unknown command '${name}'`);
    usage().forEach(line => io.err(line));
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`Usage: release-coordination ${command.name} [options]`);
    io.out(command.summary);
    describeOptions(command.options, command.required).forEach(line =>
      io.out(line),
    );
    return 0;
  }
  try {
    return await command.run(
      rest,
      () => connectionFromEnv(io.env, io.fetch),
      io,
    );
  } catch (error) {
    if (error instanceof ApiError || error instanceof CliError) {
      io.err(`release-coordination ${command.name}: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

export type { CommandIo } from './io';
