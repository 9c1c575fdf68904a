import { parseOptions } from '../args';
import { Connection } from '../connection';
import { CommandIo } from '../io';
import { describeReadiness, deployReadiness } from '../readiness';
import { Command } from './command';

const options = {
  entity: {
    type: 'string',
    description: 'The entity to deploy, e.g. component:default/checkout-api',
  },
  version: {
    type: 'string',
    description: 'The version about to be deployed, as its train names it',
  },
  environment: {
    type: 'string',
    description: 'Where it goes, e.g. staging or production',
  },
  json: { type: 'boolean', description: "Print the portal's answer as JSON" },
} as const;
const required = ['entity', 'version', 'environment'] as const;

/** Exit code 0 when the portal allows the deployment, 1 with its reasons when not. */
export const canDeploy: Command = {
  name: 'can-deploy',
  summary:
    'Ask whether a version may be deployed to an environment now (exit 0 yes, 1 no)',
  options,
  required: [...required],
  async run(argv: string[], connect: () => Connection, io: CommandIo) {
    const args = parseOptions(argv, options, [...required]);
    const connection = connect();
    const readiness = await deployReadiness(connection, {
      entityRef: args.entity!,
      version: args.version!,
      environment: args.environment!,
    });
    if (args.json) io.out(JSON.stringify(readiness, null, 2));
    else describeReadiness(readiness).forEach(line => io.out(line));
    return readiness.allowed ? 0 : 1;
  },
};
